"""Scam check throughput on one core: the labelled corpus repeated to 100,000 messages.

Times check_message per message (p50, p99) and the whole run, and, in the same run, the
normalisation step alone (the floor every message pays). The last line is one JSON object.

    python bench/scamcheck.py
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sajag.scamcheck import check_message  # noqa: E402
from sajag.scamcheck.normalize import normalize  # noqa: E402

MESSAGES = int(os.environ.get("BENCH_MESSAGES", "100000"))


def messages() -> list[tuple[str, str | None]]:
    rows = []
    for name in ("scam_corpus.tsv", "scam_holdout.tsv"):
        with (ROOT / "tests" / "data" / name).open(encoding="utf-8", newline="") as fh:
            rows += [(r["text"], r["sender"] or None) for r in csv.DictReader(fh, delimiter="\t")]
    # Vary each copy slightly (an amount, a name) so no cache sees the same text twice.
    out = []
    i = 0
    while len(out) < MESSAGES:
        text, sender = rows[i % len(rows)]
        out.append((f"{text} {i % 997}", sender))
        i += 1
    return out


def main() -> None:
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    data = messages()
    for text, sender in data[:300]:  # load the rules and the suffix list, compile, outside the timing
        check_message(text, sender=sender)
    start = time.perf_counter()
    for text, _sender in data:
        normalize(text)
    normalize_s = time.perf_counter() - start

    latencies = []
    start = time.perf_counter()
    for text, sender in data:
        t0 = time.perf_counter()
        check_message(text, sender=sender)
        latencies.append(time.perf_counter() - t0)
    total_s = time.perf_counter() - start
    latencies.sort()
    result = {
        "bench": "scamcheck",
        "messages": len(data),
        "seconds": round(total_s, 3),
        "msgs_per_s": round(len(data) / total_s),
        "p50_ms": round(statistics.median(latencies) * 1000, 3),
        "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 3),
        "max_ms": round(latencies[-1] * 1000, 3),
        "normalize_msgs_per_s": round(len(data) / normalize_s),
        "ratio_vs_normalize": round(total_s / normalize_s, 2),
    }
    print(
        f"{result['msgs_per_s']:,} messages/s on one core (goal >= 5,000); p50 {result['p50_ms']} ms, "
        f"p99 {result['p99_ms']} ms (goal < 2 ms); normalisation alone {result['normalize_msgs_per_s']:,}/s"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
