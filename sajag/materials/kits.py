"""District kits: one ZIP per district with every asset in both languages, each printed QR
attributed to (district, channel, asset), and a manifest listing every file and its link."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sajag.core import cells

from .catalog import LANGS, Studio, export_all
from .guards import Blocked
from .renderers import Asset


@dataclass(frozen=True)
class Entry:
    path: str  # without the extension
    asset: Asset
    formats: tuple[str, ...]

    def paths(self) -> list[str]:
        return [f"{self.path}.{fmt}" for fmt in self.formats]


FORMATS = {True: ("pdf", "png"), False: ("txt",)}


def folder(district) -> str:
    return district.code


def entries(studio: Studio, district) -> Iterator[Entry]:
    """Every file of a district's kit, in order; assets are rendered (and linked) as we go."""
    root = folder(district)
    for lang in LANGS:
        for topic in studio.topics:
            for spec in studio.specs.values():
                if not spec.per_topic:
                    continue
                asset = studio.asset(spec.key, topic, lang, district)
                yield Entry(f"{root}/{lang}/{topic.slug}/{asset.name}", asset, FORMATS[spec.printed])
        for spec in studio.specs.values():
            if spec.per_topic:
                continue
            asset = studio.asset(spec.key, None, lang, district)
            yield Entry(f"{root}/{lang}/{asset.name}", asset, FORMATS[True])


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
            for fmt, data in export_all(entry.asset).items():
                path = f"{entry.path}.{fmt}"
                # PDFs and PNGs are already compressed; storing them saves time for nothing lost.
                kind = zipfile.ZIP_DEFLATED if fmt == "txt" else zipfile.ZIP_STORED
                zf.writestr(path, data, compress_type=kind)
                rows.writerow(cells.safe_row([path, entry.asset.channel, entry.asset.lang, entry.asset.link]))
                n += 1
                if progress:
                    progress(n, path)
        zf.writestr(f"{folder(district)}/manifest.csv", manifest.getvalue())
    return n + 1
