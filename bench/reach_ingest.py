"""Consumer-level bill ingest at scale: Sajag vs bare DuckDB vs pandas, CSV and Parquet.

Generates a deterministic 20,000,000-row bill export (41 districts, about 6 million consumers,
October and September cycles, 1 in 20 bills without 1930) as CSV and Parquet. Both sides answer
the same question: distinct consumers per district who got a bill with 1930 in October.

Four figures per format, like with like:
  - warm: Sajag's ingest as it really runs — a bill-file job taken by an already-running
    ``manage.py worker`` (the job's own time, started → finished: count, store, check, apply) —
    against bare DuckDB in an already-running Python process (the same query's time). Each
    side runs once to warm up (imports, page cache), then the median of three is taken.
  - cold: a fresh process each, wall clock: ``manage.py ingest_bills`` against
    ``python -c "import duckdb; …"``.
  - pandas: what a user would otherwise write (read_csv/read_parquet, filter, groupby nunique),
    its own work after imports, against Sajag warm.
Peak memory: the worker's high-water mark (VmHWM) over its jobs; each other phase's own peak.
The last line is one JSON object.

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


QUERY = """
SELECT district, COUNT(DISTINCT consumer_id) FROM {reader}(?)
WHERE carried_1930 IN ('1', 'yes', 'y', 'true', 'Yes', 'YES', 'Y', 'True', 'TRUE') AND billing_cycle LIKE '2026-10%'
GROUP BY district
"""

# A bare DuckDB session kept running: reads file paths on stdin, answers each with its time.
DUCKDB_SERVER = """
import duckdb, sys, time
QUERY = sys.argv[1]
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")  # it writes to stdout; Sajag's engine turns it off too
for line in sys.stdin:
    path = line.strip()
    reader = "read_parquet" if path.endswith(".parquet") else "read_csv"
    t0 = time.perf_counter()
    con.execute(QUERY.format(reader=reader), [path]).fetchall()
    print(time.perf_counter() - t0, flush=True)
"""

COLD_DUCKDB = """
import duckdb, sys
path, query = sys.argv[1], sys.argv[2]
reader = "read_parquet" if path.endswith(".parquet") else "read_csv"
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
con.execute(query.format(reader=reader), [path]).fetchall()
"""

PANDAS = """
import pandas as pd, resource, sys, time
path = sys.argv[1]
t0 = time.perf_counter()
cols = ["consumer_id", "district", "billing_cycle", "carried_1930"]
df = pd.read_parquet(path, columns=cols) if path.endswith(".parquet") else pd.read_csv(path, usecols=cols, dtype=str)
df = df[df.carried_1930.isin(["1", "yes", "y", "true", "Yes", "YES", "Y", "True", "TRUE"])]
df = df[df.billing_cycle.str[:7] == "2026-10"]
df.groupby("district").consumer_id.nunique()
print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""

# Queues one bill-file job for the running worker and waits for it: prints the job's own time.
SUBMIT = """
import os, sys, time
sys.path.insert(0, os.environ["SAJAG_ROOT"])
os.environ["DJANGO_SETTINGS_MODULE"] = "sajag.settings"
import django; django.setup()
from pathlib import Path
from django.conf import settings
from sajag.accounts.models import User
from sajag.campaigns.models import Campaign
from sajag.core import jobs
from sajag.reach.models import BillIngestJob, Utility

source = Path(sys.argv[1])
campaign, by = Campaign.objects.get(), User.objects.get(username="bench")
jvvnl = Utility.objects.named("JVVNL").get()
for run in range(int(sys.argv[2])):
    # The upload as the web keeps it: a file under MEDIA_ROOT (a hard link: no copy to time).
    name = f"bill-exports/bench-{run}-{time.time_ns()}{source.suffix}"
    target = Path(settings.MEDIA_ROOT) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    os.link(source, target)
    job = BillIngestJob.objects.create(
        campaign=campaign, utility=jvvnl, original_name=source.name, created_by=by, apply_at_once=True, file=name
    )
    jobs.start(job)
    while True:
        job.refresh_from_db()
        if not job.is_active:
            break
        time.sleep(0.05)
    assert job.state == "done", (job.state, job.message)
    print((job.finished_at - job.started_at).total_seconds(), flush=True)
"""


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def warm_duckdb(paths: dict[str, Path]) -> dict[str, float]:
    server = subprocess.Popen(
        [sys.executable, "-c", DUCKDB_SERVER, QUERY], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    times: dict[str, float] = {}
    for fmt, path in paths.items():
        runs = []
        for _ in range(4):
            server.stdin.write(f"{path}\n")
            server.stdin.flush()
            runs.append(float(server.stdout.readline()))
        times[fmt] = median(runs[1:])
    times["peak_mb"] = hwm_mb(server.pid)
    server.stdin.close()
    server.wait()
    return times


def warm_sajag(paths: dict[str, Path], env: dict) -> dict[str, float]:
    worker = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        times: dict[str, float] = {}
        for fmt, path in paths.items():
            out = subprocess.run(
                [sys.executable, "-c", SUBMIT, str(path), "4"], env=env, capture_output=True, text=True, check=False
            )
            if out.returncode != 0:
                raise SystemExit(f"sajag warm failed:\n{out.stderr[-2000:]}")
            runs = [float(x) for x in out.stdout.split()]
            times[fmt] = median(runs[1:])
        times["peak_mb"] = hwm_mb(worker.pid)
        return times
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def wall(command: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{command[:3]} failed:\n{out.stderr[-2000:]}")
    return time.perf_counter() - t0


def cold(path: Path, env: dict) -> tuple[float, float]:
    duck = wall([sys.executable, "-c", COLD_DUCKDB, str(path), QUERY], env)
    sajag = wall(
        [sys.executable, str(ROOT / "manage.py"), "ingest_bills", str(path), "--utility", "JVVNL", "--by", "bench"],
        env,
    )
    return duck, sajag


def pandas_run(path: Path, env: dict) -> tuple[float, float]:
    command = [sys.executable, "-c", PANDAS, str(path)]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"pandas failed:\n{out.stderr[-2000:]}")
    seconds, rss = out.stdout.split()
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
from sajag.reach.models import Utility
load_reference_data(); seed_campaign(); Utility.objects.ensure_known()
bench, _ = User.objects.get_or_create(username="bench")  # sends the bill files, as the state nodal officer
Posting.objects.get_or_create(user=bench, role=Role.STATE_NODAL, department=Department.objects.get(code="home"))
"""
    subprocess.run([sys.executable, "-c", setup], env=env, check=True)


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="sajag-bench-reach-"))
    env = {
        **os.environ,
        "SAJAG_ROOT": str(ROOT),
        "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
        "SAJAG_MEDIA_ROOT": str(tmp / "media"),
        "SAJAG_TASKS": "database",
    }
    started = time.perf_counter()
    paths = generate(tmp)
    print(
        f"generated {ROWS:,} rows in {time.perf_counter() - started:.1f} s "
        f"(CSV {paths['csv'].stat().st_size / 1e6:.0f} MB, Parquet {paths['parquet'].stat().st_size / 1e6:.0f} MB)"
    )
    prepare_database(tmp, env)
    duck_warm = warm_duckdb(paths)
    sajag_warm = warm_sajag(paths, env)
    result: dict = {"bench": "reach_ingest", "rows": ROWS}
    for fmt, path in paths.items():
        duck_cold, sajag_cold = cold(path, env)
        pandas_s, pandas_mb = pandas_run(path, env)
        result[fmt] = {
            "duckdb_warm_s": round(duck_warm[fmt], 2),
            "sajag_warm_s": round(sajag_warm[fmt], 2),
            "duckdb_cold_s": round(duck_cold, 2),
            "sajag_cold_s": round(sajag_cold, 2),
            "pandas_s": round(pandas_s, 2),
            "ratio_warm": round(sajag_warm[fmt] / duck_warm[fmt], 2),
            "ratio_cold": round(sajag_cold / duck_cold, 2),
            "speedup_vs_pandas": round(pandas_s / sajag_warm[fmt], 2),
            "pandas_peak_rss_mb": round(pandas_mb),
        }
        r = result[fmt]
        print(
            f"{fmt}: warm — bare DuckDB {r['duckdb_warm_s']} s, Sajag job {r['sajag_warm_s']} s → {r['ratio_warm']}×; "
            f"cold — DuckDB {r['duckdb_cold_s']} s, Sajag command {r['sajag_cold_s']} s → {r['ratio_cold']}×; "
            f"pandas {r['pandas_s']} s ({r['pandas_peak_rss_mb']} MB) → Sajag {r['speedup_vs_pandas']}× faster"
        )
    result["worker_peak_rss_mb"] = round(sajag_warm["peak_mb"])
    result["duckdb_peak_rss_mb"] = round(duck_warm["peak_mb"])
    # Headline figures: the worse of the two formats.
    result["ratio_vs_duckdb"] = max(result[f][k] for f in paths for k in ("ratio_warm", "ratio_cold"))
    result["speedup_vs_pandas"] = min(result[f]["speedup_vs_pandas"] for f in paths)
    result["peak_rss_mb"] = result["worker_peak_rss_mb"]
    print(
        f"worker peak {result['worker_peak_rss_mb']} MB, bare DuckDB peak {result['duckdb_peak_rss_mb']} MB; "
        f"worst ratio {result['ratio_vs_duckdb']}×"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
