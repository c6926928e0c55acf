"""District kits: one ZIP per district with every asset in both languages, each printed QR
attributed to (district, channel, asset), and a manifest listing every file and its link."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .catalog import LANGS, Studio, export
from .guards import Blocked
from .renderers import Asset


@dataclass(frozen=True)
class Entry:
    path: str
    asset: Asset
    fmt: str


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def folder(district) -> str:
    return f"{district.code}-{slug(district.name_en)}"


def entries(studio: Studio, district) -> Iterator[Entry]:
    """Every file of a district's kit, in order; assets are rendered (and linked) as we go."""
    root = folder(district)
    for lang in LANGS:
        for topic in studio.topics:
            for spec in studio.specs.values():
                if not spec.per_topic:
                    continue
                asset = studio.asset(spec.key, topic, lang, district)
                for fmt in ("pdf", "png") if spec.printed else ("txt",):
                    yield Entry(f"{root}/{lang}/{topic.slug}/{asset.name}.{fmt}", asset, fmt)
        for spec in studio.specs.values():
            if spec.per_topic:
                continue
            asset = studio.asset(spec.key, None, lang, district)
            for fmt in ("pdf", "png"):
                yield Entry(f"{root}/{lang}/{asset.name}.{fmt}", asset, fmt)


def count(studio: Studio) -> int:
    per_topic = sum((2 if s.printed else 1) for s in studio.specs.values() if s.per_topic)
    whole = sum(2 for s in studio.specs.values() if not s.per_topic)
    return len(LANGS) * (len(studio.topics) * per_topic + whole)


def build(studio: Studio, district, out, progress: Callable[[int, str], None] | None = None) -> int:
    """Write the district's kit to ``out`` (a path or file); return the number of files.
    A guard failure stops the build: a kit is complete or it is not made."""
    manifest = io.StringIO()
    rows = csv.writer(manifest)
    rows.writerow(["file", "channel", "language", "short link"])
    n = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for entry in entries(studio, district):
            if entry.asset.problems:
                raise Blocked(entry.asset)
            data, _type = export(entry.asset, entry.fmt)
            # PDFs and PNGs are already compressed; storing them saves time for nothing lost.
            kind = zipfile.ZIP_STORED if entry.fmt in ("pdf", "png") else zipfile.ZIP_DEFLATED
            zf.writestr(entry.path, data, compress_type=kind)
            rows.writerow([entry.path, entry.asset.channel, entry.asset.lang, entry.asset.link])
            n += 1
            if progress:
                progress(n, entry.path)
        zf.writestr(f"{folder(district)}/manifest.csv", manifest.getvalue())
    return n + 1
