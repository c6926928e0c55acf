"""Load the reference data files in `geo/data/` into the database, idempotently.

Every file is validated before anything is written; a bad row raises `ReferenceDataError`
naming the file, row and field, and the transaction leaves the database as it was.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from .models import CensusDistrict, Department, District, DistrictShare

DATA_DIR = Path(__file__).resolve().parent / "data"
STATE_POPULATION_2011 = 68_548_437
STATE_HOUSEHOLDS_2011 = 12_711_146


class ReferenceDataError(ValueError):
    pass


def _rows(name: str) -> list[tuple[int, dict[str, str]]]:
    path = DATA_DIR / name
    with path.open(encoding="utf-8", newline="") as fh:
        return [(i, row) for i, row in enumerate(csv.DictReader(fh), start=2)]


def _int(name: str, line: int, row: dict[str, str], field: str) -> int:
    try:
        return int(row[field])
    except (KeyError, ValueError) as exc:
        raise ReferenceDataError(f"{name} row {line}: {field} is not a whole number") from exc


def _validated_shares(census_codes: set[str], district_codes: set[str]) -> list[dict]:
    name = "district_census_shares.csv"
    shares: list[dict] = []
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for line, row in _rows(name):
        if row["district_code"] not in district_codes:
            raise ReferenceDataError(f"{name} row {line}: unknown district {row['district_code']!r}")
        if row["census_district_code_2011"] not in census_codes:
            raise ReferenceDataError(f"{name} row {line}: unknown census district {row['census_district_code_2011']!r}")
        try:
            share = Decimal(row["share"])
        except InvalidOperation as exc:
            raise ReferenceDataError(f"{name} row {line}: share is not a number") from exc
        if not Decimal(0) < share <= Decimal(1):
            raise ReferenceDataError(f"{name} row {line}: share must be above 0 and at most 1")
        totals[row["census_district_code_2011"]] += share
        shares.append({**row, "share": share, "estimated": row["estimated"] == "1"})
    for code, total in totals.items():
        if total != Decimal(1):
            raise ReferenceDataError(f"{name}: shares of census district {code} add up to {total}, not 1")
    missing = census_codes - set(totals)
    if missing:
        raise ReferenceDataError(f"{name}: census districts without a share: {sorted(missing)}")
    return shares


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    """Create or update districts, census districts, shares and departments. Returns counts."""
    census_rows = _rows("census2011_districts.csv")
    if sum(_int("census2011_districts.csv", i, r, "population_2011") for i, r in census_rows) != (
        STATE_POPULATION_2011
    ):
        raise ReferenceDataError("census2011_districts.csv: populations do not add up to the state")
    district_rows = _rows("districts.csv")
    population_rows = _rows("district_population_2011.csv")
    if sum(_int("district_population_2011.csv", i, r, "population_2011") for i, r in population_rows) != (
        STATE_POPULATION_2011
    ):
        raise ReferenceDataError("district_population_2011.csv: populations do not add up to the state")
    if {r["code"] for _i, r in population_rows} != {r["code"] for _i, r in district_rows}:
        raise ReferenceDataError("district_population_2011.csv: not one row for each district of districts.csv")
    shares = _validated_shares(
        {r["census_district_code_2011"] for _, r in census_rows}, {r["code"] for _, r in district_rows}
    )

    census = {}
    for line, r in census_rows:
        f = "census2011_districts.csv"
        census[r["census_district_code_2011"]], _ = CensusDistrict.objects.update_or_create(
            code=r["census_district_code_2011"],
            defaults={
                "lgd_code": _int(f, line, r, "lgd_district_code"),
                "name": r["district"],
                "population": _int(f, line, r, "population_2011"),
                "households": _int(f, line, r, "households_2011"),
                "urban_population": _int(f, line, r, "urban_pop_2011"),
                "rural_population": _int(f, line, r, "rural_pop_2011"),
                "urban_households": _int(f, line, r, "urban_households_2011"),
                "rural_households": _int(f, line, r, "rural_households_2011"),
            },
        )
    districts = {}
    for _line, r in district_rows:
        districts[r["code"]], _ = District.objects.update_or_create(
            code=r["code"],
            defaults={
                "lgd_code": int(r["lgd_code"]) if r["lgd_code"] else None,
                "name_en": r["name_en"],
                "name_hi": r["name_hi"],
                "discoms": r["discoms"],
                "carved_after_2011": r["carved_after_2011"] == "1",
            },
        )
    for line, r in _rows("district_population_2011.csv"):
        f = "district_population_2011.csv"
        if r["code"] not in districts:
            raise ReferenceDataError(f"{f} row {line}: unknown district {r['code']!r}")
        District.objects.filter(pk=districts[r["code"]].pk).update(
            population_2011=_int(f, line, r, "population_2011"),
            households_2011=_int(f, line, r, "households_2011"),
            urban_population_2011=_int(f, line, r, "urban_population_2011"),
            population_approximate=r["approximate"] == "1",
            population_note=r["area_moved"][:200],
        )
    for s in shares:
        DistrictShare.objects.update_or_create(
            district=districts[s["district_code"]],
            census_district=census[s["census_district_code_2011"]],
            defaults={"share": s["share"], "estimated": s["estimated"]},
        )
    for _line, r in _rows("departments.csv"):
        Department.objects.update_or_create(
            code=r["code"],
            defaults={k: r[k] for k in ("name_en", "name_hi", "abbr_en", "abbr_hi")},
        )
    return {
        "census_districts": len(census),
        "districts": len(districts),
        "shares": len(shares),
        "departments": Department.objects.count(),
    }


def check_shares_consistent() -> list[str]:
    """Problems with the stored shares (each census district's shares must add up to 1)."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for code, share in DistrictShare.objects.values_list("census_district__code", "share"):
        totals[code] += share
    return [f"census district {c}: shares add up to {t}" for c, t in sorted(totals.items()) if t != 1]
