"""Consumer-level bill files at scale: distinct consumers per district who got a 1930 bill.

Written once with Ibis: DuckDB is the embedded default; the same expressions run on PySpark
for a country-scale deployment. Only aggregates leave the engine (41 rows); the raw file is
read where it lies and not kept. Bounded memory: DuckDB streams CSV and Parquet.

    >>> result = ingest_bills("bills.parquet", window=(date(2026, 10, 1), date(2026, 10, 31)))
    >>> result.counts["jaipur"]
    1184230
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import ibis
from django.utils.translation import gettext as _
from ibis import _ as col

REQUIRED = ("consumer_id", "district", "billing_cycle", "carried_1930")
YES = ["1", "yes", "y", "true", "Yes", "YES", "Y", "True", "TRUE", "हाँ", "हां", "हा"]
NO = ["0", "no", "n", "false", "No", "NO", "N", "False", "FALSE", "नहीं", "ना"]


class BillFileError(ValueError):
    """The file cannot be used: the message says what was wrong and in how many rows."""


@dataclass
class BillIngest:
    counts: dict[str, int]  # Sajag district code -> distinct consumers billed with 1930 in the window
    rows: int
    rows_in_window: int
    duplicate_bills: int  # the same consumer billed more than once in the same cycle
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def connect(backend: str = "duckdb", **options):
    if backend == "duckdb":
        con = ibis.duckdb.connect()
        con.raw_sql("SET enable_progress_bar = false")  # it would write to a worker's stdout
        con.raw_sql("SET preserve_insertion_order = false")  # counts need no order: less memory
        threads = options.get("threads")
        if threads:
            con.raw_sql(f"SET threads = {int(threads)}")  # an integer, not user text
        return con
    if backend == "pyspark":
        from pyspark.sql import SparkSession

        session = options.get("session") or (
            SparkSession.builder.master("local[2]").appName("sajag").config("spark.ui.enabled", "false").getOrCreate()
        )
        return ibis.pyspark.connect(session)
    raise ValueError(f"unknown backend {backend!r}")


def _read(con, path: Path, name: str):
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        table = con.read_parquet(str(path))
    elif suffix in (".csv", ".gz"):
        table = con.read_csv(str(path))
    else:
        raise BillFileError(_("%(file)s: send a .csv or .parquet file") % {"file": name})
    # Headers as offices write them: "CONSUMER_ID", " District " are the columns Sajag reads.
    wanted = {c.strip().lower(): c for c in table.columns if c.strip().lower() in REQUIRED and c not in REQUIRED}
    return table.rename({target: actual for target, actual in wanted.items() if target not in table.columns})


def _as_string(column):
    """A column as text, cast only when the reader typed it otherwise (a cast costs per row)."""
    return column if column.type().is_string() else column.cast("string")


def _flag(column):
    """``(is yes, is a valid yes/no)`` for carried_1930 as the reader typed it: a column the
    reader made BOOLEAN (every value was yes/no, true/false) or integer (1/0) is compared as
    such, cheaper than text; text is compared with the listed spellings."""
    kind = column.type()
    if kind.is_boolean():
        return column.fill_null(False), column.notnull()
    if kind.is_integer():
        return column == 1, column.notnull() & column.isin([0, 1])
    text = _as_string(column)
    return text.isin(YES), text.isin(YES + NO)


def _examples(con, t, malformed, n: int = 3) -> str:
    """A few malformed rows as written, so that the officer can find them (only when some are)."""
    rows = con.execute(t.filter(malformed).select(*REQUIRED).limit(n))
    return "; ".join(
        " | ".join("" if v is None or v != v else str(v) for v in row) for row in rows.itertuples(index=False)
    )


def ingest_bills(
    path: str | Path,
    *,
    window: tuple[dt.date, dt.date],
    district_codes: Callable[[str], str | None],
    backend: str = "duckdb",
    con=None,
    name: str = "",
) -> BillIngest:
    """Count distinct consumers per district who received a bill carrying 1930 in `window`.

    `district_codes` maps a district as written in the file (code or name) to Sajag's code, or
    None when unknown. Problems (wrong columns, malformed rows, unknown districts) are reported
    with their row counts; the caller stores nothing unless `ok`.
    """
    path = Path(path)
    name = name or path.name  # the file as the officer named it, in messages
    con = con or connect(backend)
    t = _read(con, path, name)
    missing = [c for c in REQUIRED if c not in t.columns]
    if missing:
        raise BillFileError(
            _("%(file)s: missing column(s) %(missing)s; the file has %(columns)s")
            % {"file": name, "missing": ", ".join(missing), "columns": ", ".join(t.columns)}
        )
    # Work on the columns as they are: per-row cleaning (trim, lower case, regular expressions)
    # cost more than the distinct count itself at 20 million rows. Districts are cleaned after
    # grouping (41-odd spellings, in Python); the month is checked with cheap prefix patterns.
    consumer = _as_string(t.consumer_id)
    district = _as_string(t.district)
    cycle = _as_string(t.billing_cycle)
    carried_yes, carried_valid = _flag(t.carried_1930)
    malformed = (
        consumer.isnull()
        | (consumer == "")
        | district.isnull()
        | (district == "")
        | cycle.isnull()
        | ~cycle.like("____-__%")
        | ~carried_valid
    )
    first, last = window
    months = sorted(
        {
            f"{first.year + (first.month - 1 + k) // 12:04d}-{(first.month - 1 + k) % 12 + 1:02d}"
            for k in range((last.year - first.year) * 12 + last.month - first.month + 1)
        }
    )
    in_window = cycle.like(f"{months[0]}%")
    for month in months[1:]:
        in_window |= cycle.like(f"{month}%")
    # A bill that counts: carried_1930 yes and the billing month in the window (so the cycle and
    # the flag are well-formed), with a consumer and a district. Written without repeating the
    # malformed test: DuckDB would evaluate it again for every aggregate that uses it.
    billed = carried_yes & in_window & consumer.notnull() & (consumer != "") & district.notnull() & (district != "")
    counts = {
        "rows": col.count(),
        "malformed": malformed.cast("int64").sum(),
        "bills": consumer.count(where=billed),
    }
    keys = {"consumers": consumer}
    if len(months) > 1:  # several billing months: a consumer billed in each is not a duplicate
        keys["pairs"] = consumer + "|" + cycle.substr(0, 7)
    if path.suffix.lower() == ".parquet":
        # Columnar: two scans are cheap, and the distinct count over only the bills that count
        # (a WHERE the reader pushes into the scan) is far cheaper than a filtered aggregate.
        table = con.execute(t.group_by(district=district).aggregate(**counts))
        distinct = {name: key.nunique() for name, key in keys.items()}
        found = con.execute(t.filter(billed).group_by(district=district).aggregate(**distinct))
        table = table.merge(found, on="district", how="left")
    else:
        # Text is parsed once: one pass, everything a conditional aggregate per district as written.
        filtered = {name: key.nunique(where=billed) for name, key in keys.items()}
        table = con.execute(t.group_by(district=district).aggregate(**counts, **filtered))
    rows = int(table["rows"].sum())
    bills = int(table["bills"].fillna(0).sum())
    pairs_column = "pairs" if "pairs" in table else "consumers"
    distinct_pairs = int(table[pairs_column].fillna(0).sum())
    s = {"rows": rows, "malformed": int(table["malformed"].fillna(0).sum())}
    table = table[table["bills"].fillna(0) > 0]
    result = BillIngest(counts={}, rows=rows, rows_in_window=bills, duplicate_bills=bills - distinct_pairs)
    if s["rows"] == 0:
        result.problems.append(_("%(file)s: the file has no rows") % {"file": name})
    elif not bills:
        result.problems.append(
            _("%(file)s: no bill carrying 1930 in %(first)s – %(last)s (carried_1930 yes, billing cycle in the window)")
            % {"file": name, "first": window[0].isoformat(), "last": window[1].isoformat()}
        )
    if s["malformed"]:
        result.problems.append(
            _(
                "%(n)s malformed rows (empty consumer or district, a billing cycle not like 2026-10, "
                "or carried_1930 not yes/no)"
            )
            % {"n": f"{int(s['malformed']):,}"}
            + " — "
            + _("for example: %(rows)s") % {"rows": _examples(con, t, malformed)}
        )
    unknown: dict[str, int] = {}
    spellings: dict[str, list[str]] = {}
    for row in table.itertuples(index=False):
        code = district_codes(row.district)
        if code is None:
            unknown[row.district] = unknown.get(row.district, 0) + int(row.bills)
        else:
            spellings.setdefault(code, []).append(row.district)
            result.counts[code] = result.counts.get(code, 0) + int(row.consumers)
    # One district written several ways ("Jaipur", "JAIPUR", "102"): the same consumer may be
    # under each, so adding the spellings' counts would count them twice. Count those districts
    # again, exactly, with every spelling mapped to the district first. A clean file (one
    # spelling per district) needs no second pass.
    mixed = {spelling: code for code, names in spellings.items() if len(names) > 1 for spelling in names}
    if mixed:
        mapped = district.substitute(mixed)
        again = {
            "consumers": consumer.nunique(where=billed),
            "pairs": (consumer + "|" + cycle.substr(0, 7)).nunique(where=billed),
        }
        exact = con.execute(t.filter(district.isin(list(mixed))).group_by(code=mapped).aggregate(**again))
        for row in exact.itertuples(index=False):
            result.counts[row.code] = int(row.consumers)
        # the duplicates too: a consumer billed twice in a cycle under two spellings is a duplicate
        split_pairs = sum(int(getattr(r, pairs_column)) for r in table.itertuples(index=False) if r.district in mixed)
        result.duplicate_bills += split_pairs - int(exact["pairs"].fillna(0).sum())
    if unknown:
        listed = ", ".join(
            _("%(name)s (%(n)s rows)") % {"name": repr(name), "n": f"{n:,}"} for name, n in sorted(unknown.items())[:10]
        )
        result.problems.append(_("unknown districts: %(listed)s") % {"listed": listed})
    return result
