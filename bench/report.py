"""The state's weekly review report on the large benchmark campaign vs. bare HTML pages printed
by the same engine.

Builds bench/dashboard.py's campaign (41 districts × 50 directives, reports and workflow events)
in a fresh SQLite file, then times building the state's weekly review as the background job
does — the figures, the PDF and the XLSX — and, in the same run, printing a bare HTML document
with the same number of pages through the same printer (headless Chromium). Prints both, the
ratio and the page count; the last line is one JSON object (``ratio`` = report ÷ bare pages).

    python bench/report.py
"""

from __future__ import annotations

import io
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
TMP = tempfile.mkdtemp(prefix="sajag-bench-report-")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3")
os.environ["SAJAG_MEDIA_ROOT"] = f"{TMP}/media"
sys.path.insert(0, str(BENCH))

import dashboard  # noqa: E402 — sets Django up and builds the large campaign
from pypdf import PdfReader  # noqa: E402

from sajag.core.printer import printer  # noqa: E402
from sajag.reports import data, render  # noqa: E402

RUNS = 5


def bare_document(pages: int) -> str:
    body = "".join(
        f'<section style="break-after: page"><h1>Page {n}</h1><p>Call 1930.</p></section>' for n in range(1, pages + 1)
    )
    return f"<!doctype html><html><head><meta charset=utf-8></head><body>{body}</body></html>"


def main() -> None:
    campaign, _state = dashboard.build()
    as_of = dashboard.TODAY
    printer().pdf("<p>warm</p>")  # start the browser and cut the fonts before any timing

    def build() -> tuple[bytes, bytes, float, float]:
        start = time.perf_counter()
        review = data.collect(campaign, as_of=as_of, lang="en")
        collected = time.perf_counter()
        pdf = render.pdf(review, "en")
        printed = time.perf_counter()
        render.xlsx(review, "en")
        return pdf, collected - start, printed - collected, time.perf_counter() - start

    build()  # warm: templates, query plans
    runs = [build() for _ in range(RUNS)]
    pdf = runs[0][0]
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    total = statistics.median(r[3] for r in runs)
    collect = statistics.median(r[1] for r in runs)
    printing = statistics.median(r[2] for r in runs)

    bare = bare_document(pages)
    assert len(PdfReader(io.BytesIO(printer().pdf(bare))).pages) == pages
    bare_times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        printer().pdf(bare)
        bare_times.append(time.perf_counter() - start)
    floor = statistics.median(bare_times)
    printer().close()

    print(f"state weekly review: {pages} pages, {len(pdf) / 1e3:.0f} KB PDF")
    print(f"build (figures + PDF + XLSX): {total:.2f} s  [figures {collect:.2f} s, PDF {printing:.2f} s]")
    print(f"bare HTML, {pages} pages, same engine: {floor:.2f} s")
    print(f"ratio: {total / floor:.2f}× (PDF alone {printing / floor:.2f}×)")
    print(
        json.dumps(
            {
                "bench": "report",
                "assignments": sum(n for _s, _l, n, _p in data.collect(campaign, as_of=as_of).summary),
                "pages": pages,
                "build_s": round(total, 3),
                "figures_s": round(collect, 3),
                "pdf_s": round(printing, 3),
                "bare_pages_s": round(floor, 3),
                "ratio": round(total / floor, 2),
                "ratio_pdf": round(printing / floor, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
