"""District kits for all 41 districts vs. the floor: one bare HTML page printed by the same PDF
engine (headless Chromium through Sajag's printer).

Builds, in a fresh SQLite file, the seeded campaign's kit for every district — every topic in
Hindi and English on every channel: text files, posters as PDF and PNG, the teacher handout and
the counter card, each QR its own short link — and times the whole run. In the same process it
times printing a bare page (a heading and a paragraph) with the same printer. Prints assets per
second, the total time, the time per asset and per printed file, and their ratios to the bare
page; the last line is one JSON object (``ratio`` = time per asset ÷ bare page time).

    python bench/kits.py            # all 41 districts
    BENCH_DISTRICTS=3 python bench/kits.py
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="sajag-bench-kits-")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sajag.settings")
os.environ["SAJAG_MEDIA_ROOT"] = f"{TMP}/media"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from sajag.campaigns.models import Campaign  # noqa: E402
from sajag.campaigns.seed import seed_campaign  # noqa: E402
from sajag.core.printer import printer  # noqa: E402
from sajag.geo.models import District  # noqa: E402
from sajag.geo.reference import load_reference_data  # noqa: E402
from sajag.materials import kits  # noqa: E402
from sajag.materials.catalog import Studio  # noqa: E402

BARE = "<!doctype html><html><head><meta charset=utf-8></head><body><h1>Sajag</h1><p>Call 1930.</p></body></html>"


def bare_page_seconds(runs: int = 40) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        pdf = printer().pdf(BARE)
        times.append(time.perf_counter() - start)
        assert pdf.startswith(b"%PDF")
    return statistics.median(times)


def main() -> None:
    call_command("migrate", verbosity=0)
    load_reference_data()
    seed_campaign()
    campaign = Campaign.objects.get()
    districts = list(District.objects.order_by("name_en"))
    limit = int(os.environ.get("BENCH_DISTRICTS", "0") or 0)
    if limit:
        districts = districts[:limit]

    printer().pdf(BARE)  # start the browser and cut the fonts before any timing
    bare = bare_page_seconds()

    out = Path(TMP) / "kits"
    out.mkdir()
    studio = Studio(campaign)
    files = printed = size = 0
    start = time.perf_counter()
    for district in districts:
        path = out / f"{district.code}.zip"
        files += kits.build(studio, district, path)
        size += path.stat().st_size
    total = time.perf_counter() - start
    for district in districts[:1]:
        printed_per_kit = sum(
            1 for n in zipfile.ZipFile(out / f"{district.code}.zip").namelist() if n.endswith((".pdf", ".png"))
        )
    printed = printed_per_kit * len(districts)
    bare_again = bare_page_seconds(20)  # the floor after the run too: the machine's state may have changed
    floor = min(bare, bare_again)

    per_asset = total / files
    per_printed = total / printed
    print(f"districts: {len(districts)}; files: {files} ({printed} PDF/PNG); kits: {size / 1e6:.1f} MB")
    print(f"total: {total:.1f} s; {files / total:.1f} assets/s; per asset {per_asset * 1000:.1f} ms")
    print(f"bare page (same engine): {bare * 1000:.1f} ms before, {bare_again * 1000:.1f} ms after")
    print(f"ratio per asset / bare page: {per_asset / floor:.2f}×; per printed file: {per_printed / floor:.2f}×")
    printer().close()
    print(
        json.dumps(
            {
                "bench": "kits",
                "districts": len(districts),
                "files": files,
                "printed_files": printed,
                "total_s": round(total, 2),
                "assets_per_s": round(files / total, 2),
                "per_asset_ms": round(per_asset * 1000, 2),
                "per_printed_file_ms": round(per_printed * 1000, 2),
                "bare_page_ms": round(floor * 1000, 2),
                "ratio": round(per_asset / floor, 2),
                "ratio_printed": round(per_printed / floor, 2),
                "kits_mb": round(size / 1e6, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
