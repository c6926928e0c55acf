"""Scam check on messages made to be slow (tests/adversarial.py), 5,000 characters each, on one
core: the worst time of one check_message call (what the public page and /api/scamcheck/ call),
against, in the same run, the same call on an ordinary 5,000-character message and one plain
RE2 search over it. Goal: the worst case under 20 ms. The last line is one JSON object.

Each shape is checked REPEAT times with the link cache emptied before each call; a shape's
time is the median of its calls (one slow call on a busy machine is noise, not the shape).

    python bench/scamcheck_adversarial.py
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

from sajag.scamcheck import check_message, links, patterns  # noqa: E402
from tests.adversarial import texts  # noqa: E402

CHARS = 5000
REPEAT = int(os.environ.get("BENCH_REPEAT", "7"))
GOAL_MS = 20.0


def ordinary_message() -> str:
    """Real messages from the labelled corpus, one after another, cut at 5,000 characters."""
    with (ROOT / "tests" / "data" / "scam_corpus.tsv").open(encoding="utf-8", newline="") as fh:
        rows = [r["text"] for r in csv.DictReader(fh, delimiter="\t")]
    return "\n".join(rows)[:CHARS]


def median_ms(fn, *args, **kwargs) -> tuple[float, float]:
    """(median, slowest) of REPEAT calls, in milliseconds."""
    times = []
    for _ in range(REPEAT):
        links.link_signs.cache_clear()
        t0 = time.perf_counter()
        fn(*args, **kwargs)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    shapes = texts(CHARS)
    assert all(len(t) == CHARS for t in shapes.values())
    ordinary = ordinary_message()
    for text in [ordinary, *texts(300).values()]:  # rules, suffix list, lazy imports: outside the timing
        check_message(text, sender="+91 98290 12345")
    plain = patterns.compile(r"otp|ओटीपी")

    ordinary_ms, _ = median_ms(check_message, ordinary, sender="+91 98290 12345")
    plain_ms, _ = median_ms(lambda t: list(plain.finditer(t)), ordinary)
    per_shape = {name: median_ms(check_message, text, sender="+91 98290 12345") for name, text in shapes.items()}
    worst_name = max(per_shape, key=lambda n: per_shape[n][0])
    worst_ms = per_shape[worst_name][0]
    for name, (ms, slowest) in sorted(per_shape.items(), key=lambda kv: -kv[1][0])[:8]:
        print(f"  {name:<26} {ms:7.2f} ms (slowest call {slowest:.2f} ms)")
    result = {
        "bench": "scamcheck_adversarial",
        "chars": CHARS,
        "shapes": len(shapes),
        "repeat": REPEAT,
        "worst_ms": round(worst_ms, 3),
        "worst_shape": worst_name,
        "worst_single_call_ms": round(max(s for _m, s in per_shape.values()), 3),
        "goal_ms": GOAL_MS,
        "ordinary_message_ms": round(ordinary_ms, 3),
        "ratio_vs_ordinary": round(worst_ms / ordinary_ms, 2),
        "plain_re2_search_ms": round(plain_ms, 3),
        "ratio_vs_plain_search": round(worst_ms / plain_ms, 1),
    }
    print(
        f"worst {worst_ms:.2f} ms per 5,000-character check ({worst_name}; goal < {GOAL_MS:.0f} ms); "
        f"an ordinary 5,000-character message {ordinary_ms:.2f} ms ({result['ratio_vs_ordinary']}x); "
        f"one plain RE2 search {plain_ms:.3f} ms"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
