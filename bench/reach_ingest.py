"""Consumer-level bill ingest at scale: Sajag vs bare DuckDB vs pandas, CSV and Parquet.

Generates a deterministic 20,000,000-row bill export (41 districts, about 6 million consumers,
October and September cycles, 1 in 20 bills without 1930) as CSV and Parquet; then, each in its
own process so that peak memory is its own:
  - floor:  bare DuckDB, COUNT(DISTINCT consumer_id) GROUP BY district over the file;
  - sajag:  Sajag's ingest end to end (Ibis on DuckDB: checks, window, distinct consumers,
            duplicates, district mapping, storing the 41 counts);
  - pandas: what a user would otherwise write (read_csv/read_parquet, filter, groupby nunique).
Prints the times, the ratios and the peak memory; the last line is one JSON object.

    python bench/reach_ingest.py           # 20,000,000 rows
    BENCH_ROWS=2000000 python bench/reach_ingest.py
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS = int(os.environ.get("BENCH_ROWS", "20000000"))


def generate(folder: Path) -> dict[str, Path]:
    import duckdb

    with (ROOT / "sajag" / "geo" / "data" / "districts.csv").open(encoding="utf-8") as fh:
        names = [row["name_en"] for row in csv.DictReader(fh)]
    listed = "[" + ", ".join("'" + n.replace("'", "''") + "'" for n in names) + "]"
    query = f"""
        SELECT 'C' || lpad(CAST(hash(i) % 6000000 AS VARCHAR), 8, '0') AS consumer_id,
               list_extract({listed}, CAST(i % {len(names)} AS INTEGER) + 1) AS district,
               CASE WHEN i % 10 < 8 THEN '2026-10' ELSE '2026-09' END AS billing_cycle,
               CASE WHEN i % 20 = 0 THEN 'no' ELSE 'yes' END AS carried_1930
        FROM range({ROWS}) t(i)
    """
    paths = {"csv": folder / "bills.csv", "parquet": folder / "bills.parquet"}
    con = duckdb.connect()
    con.execute(f"COPY ({query}) TO '{paths['csv']}' (HEADER, DELIMITER ',')")
    con.execute(f"COPY ({query}) TO '{paths['parquet']}' (FORMAT PARQUET)")
    return paths


PHASES = {
    "floor": """
import duckdb, sys, time
path = sys.argv[1]
t0 = time.perf_counter()
reader = "read_parquet" if path.endswith(".parquet") else "read_csv"
duckdb.sql(f"SELECT district, COUNT(DISTINCT consumer_id) FROM {reader}(?) GROUP BY district", params=[path]).fetchall()
""",
    "pandas": """
import pandas as pd, sys, time
path = sys.argv[1]
t0 = time.perf_counter()
cols = ["consumer_id", "district", "billing_cycle", "carried_1930"]
df = pd.read_parquet(path, columns=cols) if path.endswith(".parquet") else pd.read_csv(path, usecols=cols, dtype=str)
df = df[(df.carried_1930 == "yes") & (df.billing_cycle.str[:7] == "2026-10")]
df.groupby("district").consumer_id.nunique()
""",
    "sajag": """
import os, sys, datetime as dt
sys.path.insert(0, os.environ["SAJAG_ROOT"])
os.environ["DJANGO_SETTINGS_MODULE"] = "sajag.settings"
import django; django.setup()
from pathlib import Path
from sajag.accounts.models import User
from sajag.campaigns.models import Campaign
from sajag.reach.ingest import ingest_consumer_bills
from sajag.reach.models import Utility
import ibis, time
campaign = Campaign.objects.get()
Utility.objects.ensure_known()
jvvnl = Utility.objects.named("JVVNL").get()
t0 = time.perf_counter()
result = ingest_consumer_bills(path=Path(sys.argv[1]), campaign=campaign, utility=jvvnl,
                               by=User.objects.get(username="bench"))
assert result.ok, result.problems
assert len(result.counts) == 41
""",
}
# Each phase times its own work (from `t0`, after its imports and set-up) and reports its peak memory.
RUNNER = """
import resource, sys, time
scope = {}
exec(compile(open(sys.argv.pop(1)).read(), "phase", "exec"), scope)
print(time.perf_counter() - scope["t0"], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def run_phase(name: str, path: Path, tmp: Path, env: dict) -> tuple[float, float]:
    script = tmp / f"{name}.py"
    script.write_text(PHASES[name])
    out = subprocess.run(
        [sys.executable, "-c", RUNNER, str(script), str(path)], capture_output=True, text=True, env=env, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"{name} failed:\n{out.stderr[-2000:]}")
    seconds, rss = out.stdout.strip().splitlines()[-1].split()
    return float(seconds), float(rss)


def prepare_database(tmp: Path, env: dict) -> None:
    setup = """
import os, sys
sys.path.insert(0, os.environ["SAJAG_ROOT"])
os.environ["DJANGO_SETTINGS_MODULE"] = "sajag.settings"
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from sajag.geo.reference import load_reference_data
from sajag.campaigns.seed import seed_campaign
from sajag.accounts.models import Posting, Role, User
from sajag.geo.models import Department
load_reference_data(); seed_campaign()
bench, _ = User.objects.get_or_create(username="bench")  # sends the bill files, as the state nodal officer
Posting.objects.get_or_create(user=bench, role=Role.STATE_NODAL, department=Department.objects.get(code="home"))
"""
    subprocess.run([sys.executable, "-c", setup], env=env, check=True)


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="sajag-bench-reach-"))
    env = {**os.environ, "SAJAG_ROOT": str(ROOT), "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3"}
    started = time.perf_counter()
    paths = generate(tmp)
    print(
        f"generated {ROWS:,} rows in {time.perf_counter() - started:.1f} s "
        f"(CSV {paths['csv'].stat().st_size / 1e6:.0f} MB, Parquet {paths['parquet'].stat().st_size / 1e6:.0f} MB)"
    )
    prepare_database(tmp, env)
    result = {"bench": "reach_ingest", "rows": ROWS}
    for fmt, path in paths.items():
        figures = {name: run_phase(name, path, tmp, env) for name in ("floor", "sajag", "pandas")}
        (floor_s, floor_mb), (sajag_s, sajag_mb), (pandas_s, pandas_mb) = (
            figures[k] for k in ("floor", "sajag", "pandas")
        )
        result[fmt] = {
            "duckdb_s": round(floor_s, 2),
            "sajag_s": round(sajag_s, 2),
            "pandas_s": round(pandas_s, 2),
            "ratio_vs_duckdb": round(sajag_s / floor_s, 2),
            "speedup_vs_pandas": round(pandas_s / sajag_s, 2),
            "peak_rss_mb": round(sajag_mb),
            "duckdb_peak_rss_mb": round(floor_mb),
            "pandas_peak_rss_mb": round(pandas_mb),
        }
        print(
            f"{fmt}: bare DuckDB {floor_s:.2f} s ({floor_mb:.0f} MB) · Sajag {sajag_s:.2f} s ({sajag_mb:.0f} MB) · "
            f"pandas {pandas_s:.2f} s ({pandas_mb:.0f} MB) → {sajag_s / floor_s:.2f}× DuckDB, "
            f"{pandas_s / sajag_s:.1f}× faster than pandas"
        )
    # Headline figures: the worse of the two formats.
    result["ratio_vs_duckdb"] = max(result["csv"]["ratio_vs_duckdb"], result["parquet"]["ratio_vs_duckdb"])
    result["speedup_vs_pandas"] = min(result["csv"]["speedup_vs_pandas"], result["parquet"]["speedup_vs_pandas"])
    result["peak_rss_mb"] = max(result["csv"]["peak_rss_mb"], result["parquet"]["peak_rss_mb"])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
