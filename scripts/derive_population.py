"""Derive Sajag's district populations from the campaign's tehsil table (Census 2011).

Reads ``rajasthan_tehsils.csv`` and ``rajasthan_districts_2025_pop2011.csv`` from the shared
data folder and writes, byte for byte the same on every run:

- ``sajag/geo/data/district_population_2011.csv``: per current district, the 2011 population,
  households and urban population summed from whole Census-2011 sub-districts (tehsils), and
  whether the sum is approximate (a sub-district was split between today's districts);
- ``sajag/geo/data/district_census_shares.csv``: which census district(s) each current district
  came from, and the share of that census district's population it holds by the same sums.

    python scripts/derive_population.py [SHARED_DATA_DIR]     # default ../shared/data
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sajag" / "geo" / "data"


def main(shared: Path) -> None:
    with (OUT / "districts.csv").open(encoding="utf-8", newline="") as fh:
        code_of = {row["name_en"]: row["code"] for row in csv.DictReader(fh)}
    with (shared / "rajasthan_districts_2025_pop2011.csv").open(encoding="utf-8", newline="") as fh:
        sums = list(csv.DictReader(fh))
    with (shared / "rajasthan_tehsils.csv").open(encoding="utf-8", newline="") as fh:
        tehsils = list(csv.DictReader(fh))

    approximate = {}
    rows = []
    for r in sums:
        code = code_of[r["district_2025_code"]]
        approximate[code] = r["status"].startswith("approximate")
        moved = "; ".join(
            x
            for x in (r["split_subdistricts_counted_here"], r["area_received_from_subdistricts_counted_elsewhere"])
            if x
        )
        rows.append(
            {
                "code": code,
                "population_2011": r["population_2011_from_tehsils"],
                "households_2011": r["households_2011_from_tehsils"],
                "urban_population_2011": r["urban_population_2011_from_tehsils"],
                "subdistricts_2011": r["n_census2011_subdistricts"],
                "approximate": "1" if approximate[code] else "0",
                "area_moved": moved,
            }
        )
    rows.sort(key=lambda r: r["code"])
    with (OUT / "district_population_2011.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    by_pair: dict[tuple[str, str], int] = defaultdict(int)
    census_total: dict[str, int] = defaultdict(int)
    for t in tehsils:
        code = code_of[t["district_2025_code"]]
        by_pair[(t["census2011_district_code"], code)] += int(t["population_2011"])
        census_total[t["census2011_district_code"]] += int(t["population_2011"])
    shares = []
    for census in sorted(census_total):
        parts = sorted(((d, n) for (c, d), n in by_pair.items() if c == census), key=lambda x: -x[1])
        exact = [Decimal(n) / Decimal(census_total[census]) for _d, n in parts]
        rounded = [x.quantize(Decimal("0.00001"), rounding=ROUND_HALF_EVEN) for x in exact]
        rounded[0] += Decimal(1) - sum(rounded)  # the largest part keeps the rounding: they add up to 1
        for (district, _n), share in zip(parts, rounded, strict=True):
            shares.append((district, census, f"{share:.5f}", "1" if approximate[district] else "0"))
    with (OUT / "district_census_shares.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["district_code", "census_district_code_2011", "share", "estimated"])
        writer.writerows(shares)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
