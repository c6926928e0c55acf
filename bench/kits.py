"""District kits for all 41 districts, built by task workers as in production, with 1 and with
2 workers; and the floor: one bare HTML page printed by the same PDF engine (headless Chromium
through Sajag's printer).

In a fresh SQLite file, queues the seeded campaign's kit for every district — every topic in
Hindi and English on every channel: text files, posters as PDF and PNG, the teacher handout and
the counter card, each QR its own short link — as one job per district (what "all districts"
on the kits page does), starts `manage.py worker` processes and times from their start until the
last kit is ready; then the same again with two workers. Both runs start cold (new worker
processes, each starting its own Chromium), like a deploy. In this process it times printing a
bare page (a heading and a paragraph) with the same printer. Prints the totals, the speed-up of
two workers over one, the time per asset and per printed file, and their ratios to the bare
page; the last line is one JSON object (``ratio`` = time per asset with one worker ÷ bare page).

    python bench/kits.py            # all 41 districts
    BENCH_DISTRICTS=3 python bench/kits.py
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
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
os.environ["SAJAG_TASKS"] = "database"
os.environ.pop("SAJAG_DEBUG", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from sajag.accounts.models import Posting, User  # noqa: E402
from sajag.campaigns.models import Campaign  # noqa: E402
from sajag.campaigns.seed import seed_campaign  # noqa: E402
from sajag.core.printer import printer  # noqa: E402
from sajag.geo.models import District  # noqa: E402
from sajag.geo.reference import load_reference_data  # noqa: E402
from sajag.materials import jobs  # noqa: E402
from sajag.materials.models import KitBuild  # noqa: E402

BARE = "<!doctype html><html><head><meta charset=utf-8></head><body><h1>Sajag</h1><p>Call 1930.</p></body></html>"


def bare_page_seconds(runs: int = 40) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        pdf = printer().pdf(BARE)
        times.append(time.perf_counter() - start)
        assert pdf.startswith(b"%PDF")
    return statistics.median(times)


def build_all(campaign, districts, user, workers: int) -> tuple[float, list[KitBuild]]:
    """Queue one kit per district, start `workers` worker processes, wait for the last kit."""
    builds = jobs.queue(campaign, districts, user)
    ids = [b.pk for b in builds]
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--no-startup-delay", "--interval", "0.2"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    try:
        while KitBuild.objects.filter(pk__in=ids, state__in=["queued", "running"]).exists():
            time.sleep(0.25)
        total = time.perf_counter() - start
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            proc.wait(timeout=60)
    done = list(KitBuild.objects.filter(pk__in=ids).select_related("district"))
    failed = [f"{b.district}: {b.message}" for b in done if b.state != "done"]
    assert not failed, failed
    return total, done


def main() -> None:
    call_command("migrate", verbosity=0)
    load_reference_data()
    seed_campaign()
    campaign = Campaign.objects.get()
    user = User.objects.create_user("bench.state")
    Posting.objects.create(user=user, role="state_nodal")
    districts = list(District.objects.order_by("name_en"))
    limit = int(os.environ.get("BENCH_DISTRICTS", "0") or 0)
    if limit:
        districts = districts[:limit]

    printer().pdf(BARE)  # start the browser and cut the fonts before any timing
    bare = bare_page_seconds()
    printer().close()  # the workers print; this process only waits

    one, built = build_all(campaign, districts, user, workers=1)
    two, _ = build_all(campaign, districts, user, workers=2)
    files = sum(b.done + 1 for b in built)
    size = sum(b.size for b in built)
    first = next(b for b in built if b.district_id == districts[0].pk)
    printed_per_kit = sum(1 for n in zipfile.ZipFile(first.file.path).namelist() if n.endswith((".pdf", ".png")))
    printed = printed_per_kit * len(districts)
    bare_again = bare_page_seconds(20)  # the floor after the runs too: the machine's state may have changed
    floor = min(bare, bare_again)

    per_asset = one / files
    per_printed = one / printed
    print(f"districts: {len(districts)}; files: {files} ({printed} PDF/PNG); kits: {size / 1e6:.1f} MB")
    print(f"1 worker: {one:.1f} s; {files / one:.1f} assets/s; per asset {per_asset * 1000:.1f} ms")
    print(f"2 workers: {two:.1f} s; {files / two:.1f} assets/s; speed-up {one / two:.2f}× on {os.cpu_count()} cores")
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
                "total_s_1_worker": round(one, 2),
                "total_s_2_workers": round(two, 2),
                "speedup_2_workers": round(one / two, 2),
                "cores": os.cpu_count(),
                "assets_per_s": round(files / one, 2),
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
