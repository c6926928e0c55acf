"""Citizen pages under a burst: Sajag as deployed against nginx serving a static page.

The stack is the one docs/deploy.md describes and deploy/check.py runs: `python -m sajag.serve`
(granian, SAJAG_WORKERS=2 processes for citizens and SAJAG_OFFICER_WORKERS=1 for signed-in
officers), behind nginx configured from deploy/nginx.conf.template (its proxy cache on), with
PostgreSQL and Redis on loopback when they are there (SQLite and the database cache otherwise:
the figures say which). The database holds the demo campaign (`seed_demo`), so the progress page
has every district's figures to compute.

Like with like. The floor is nginx at its best (the same binary, `worker_processes auto`: every
core, where the deployed template gives nginx half of them and keeps the rest for the app and the
database; default keep-alive in both) serving a static file as large as Sajag's home page. Every run — floor and
Sajag — is wrk with the same threads, connections and duration after a warm-up that is not
counted; requests/second are wrk's own (requests over its measured time), p50/p99 its latency
histogram. One process set runs at a time; the other is idle.

The per-client limits are in effect off, and that flatters nothing but the count: wrk sends
everything from one address, so SAJAG_RATE_PUBLIC_PAGES, SAJAG_RATE_SCAM_CHECKS,
SAJAG_RATE_SCAM_API and SAJAG_RATE_SHORT_LINKS are set to 1,000,000,000 a minute. The limiter's
code still runs and each request still pays for its count in Redis, as in production.

The cache's lifetime (60 s) is longer than a run, so the cached pages are measured as a crowd
sees them between refreshes; the "uncached" runs show what each refresh (or a missed copy)
costs the app. Latency percentiles come from wrk's histogram; the officer's p99 comes from the
requests made during the burst (a few dozen: near its maximum) and is printed with them.

Measured:
- each cached citizen page (home, rules, a rule, the cheated router, the check form, progress,
  the 404 page, Hindi and English), answered from nginx's cache;
- home and progress with a different query string on every request, so that every request
  misses nginx's cache and reaches the app (the app's own cost, with its figure cache);
- POST /check/ (the form) and POST /api/scamcheck/ (JSON) with the messages of
  tests/data/scam_corpus.tsv and scam_holdout.tsv in turn: never cached;
- during the home burst and during the POST burst, a signed-in officer opening the dashboard and
  the field form every quarter second from another address: their latency.

Needs the Debian packages nginx and wrk. Last line: one JSON object.
"""

from __future__ import annotations

import csv
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))

import probe  # noqa: E402 — deploy/probe.py: a browser-like client with its own address and cookies

DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
WARM_UP = int(os.environ.get("BENCH_WARM_UP_SECONDS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "64"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))  # wrk's
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))  # citizens' granian processes
OFFICER_WORKERS = int(os.environ.get("BENCH_OFFICER_WORKERS", "1"))
NGINX_WORKERS = max(1, (os.cpu_count() or 2) // 2)  # as docs/deploy.md says to fill the template
LIMITS = ("SAJAG_RATE_PUBLIC_PAGES", "SAJAG_RATE_SCAM_CHECKS", "SAJAG_RATE_SCAM_API", "SAJAG_RATE_SHORT_LINKS")
LIMIT = 1_000_000_000  # per client per minute, for wrk's one address (production: 120, 30, 60, 60)
PY = sys.executable
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PHONE = "Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"

PAGES = [
    ("home", "/"),
    ("home_en", "/en/"),
    ("rules", "/rules/"),
    ("rule", "/en/rules/otp/"),
    ("cheated", "/cheated/"),
    ("check_form", "/en/check/"),
    ("progress", "/progress/"),
    ("progress_en", "/en/progress/"),
    ("not_found", "/no-such-page/"),
]

LUA = """
local bodies, plain, path, vary, n = {}, nil, "", false, 0
local ids = 0
function setup(thread)
  ids = ids + 1
  thread:set("id", ids)
end
function init(args)
  path, vary = args[1], args[2] == "vary"
  local headers = {["User-Agent"] = "UA", ["Accept-Language"] = "hi-IN,hi;q=0.9,en;q=0.8"}
  if args[3] ~= nil and args[3] ~= "" then
    headers["Content-Type"] = args[4]
    for line in io.lines(args[3]) do
      table.insert(bodies, wrk.format("POST", path, headers, line))
    end
  end
  plain = wrk.format("GET", path, headers)
  base_headers = headers
  n = (id or 1) * 7919
end
function request()
  n = n + 1
  if #bodies > 0 then return bodies[n % #bodies + 1] end
  if vary then return wrk.format("GET", path .. "?v=" .. id .. "-" .. n, base_headers) end
  return plain
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests": %d, "duration_us": %d, "status": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "timeout": %d, "p50_us": %d, "p99_us": %d, "max_us": %d}\\n', summary.requests,
    summary.duration, e.status, e.connect, e.read, e.write, e.timeout, latency:percentile(50),
    latency:percentile(99), latency.max))
end
""".replace("UA", PHONE)

FLOOR = """
worker_processes auto;
pid %(dir)s/floor.pid;
error_log %(dir)s/floor-error.log;
daemon off;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  client_body_temp_path %(dir)s/body; proxy_temp_path %(dir)s/proxy; fastcgi_temp_path %(dir)s/fastcgi;
  uwsgi_temp_path %(dir)s/uwsgi; scgi_temp_path %(dir)s/scgi;
  server {
    listen 127.0.0.1:%(port)d;
    root %(dir)s/floor;
    location = / { try_files /page.html =404; default_type "text/html; charset=utf-8"; }
  }
}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, path: str = "/healthz", seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if probe.Client(port).request("GET", path)[0] in (200, 301, 302):
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"nothing answered {path} on port {port}")


def wrk(
    port: int,
    path: str,
    seconds: int,
    folder: Path,
    *,
    vary: bool = False,
    bodies: Path | None = None,
    content_type: str = "",
) -> dict:
    script = folder / "bench.lua"
    script.write_text(LUA)
    args = [path, "vary" if vary else "same", str(bodies or ""), content_type]
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "-s", str(script)]
    before = cpu_times()
    out = subprocess.run(
        [*command, f"http://127.0.0.1:{port}", "--", *args], capture_output=True, text=True, check=True
    ).stdout
    after = cpu_times()
    figures = json.loads(next(line for line in out.splitlines() if line.startswith("WRK "))[4:])
    figures["socket_errors"] = sum(figures[k] for k in ("connect", "read", "write", "timeout"))
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    total = sum(after) - sum(before)
    # Time the virtual machine's CPUs waited for the host (steal), a share of all CPU time: a
    # machine shared with others shows it, and its latency figures are the worse for it.
    figures["steal"] = (after[7] - before[7]) / total if total else 0.0
    return figures


def cpu_times() -> list[int]:
    with open("/proc/stat") as fh:
        return [int(x) for x in fh.readline().split()[1:]]


class Officer(threading.Thread):
    """A signed-in officer opening the dashboard and the field form, one every quarter second."""

    def __init__(self, port: int, username: str, password: str) -> None:
        super().__init__(daemon=True)
        self.client = probe.Client(port, "127.0.0.31")
        assert self.client.sign_in(username, password) == 302, "the officer could not sign in"
        self.stop = threading.Event()
        self.times: list[float] = []
        self.failures = 0

    def run(self) -> None:
        pages = ("/en/dashboard/", "/en/field/")
        i = 0
        while not self.stop.is_set():
            start = time.monotonic()
            status, _headers, _body = self.client.request("GET", pages[i % 2])
            self.times.append(time.monotonic() - start)
            self.failures += status != 200
            i += 1
            self.stop.wait(0.25)

    def figures(self) -> dict:
        if os.environ.get("BENCH_VERBOSE"):
            print("officer samples (ms):", [round(t * 1000) for t in self.times], file=sys.stderr)
        ms = sorted(t * 1000 for t in self.times)
        return {
            "officer_requests": len(ms),
            "officer_p50_ms": round(statistics.median(ms), 1) if ms else None,
            "officer_p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 1) if ms else None,
            "officer_max_ms": round(ms[-1], 1) if ms else None,
            "officer_failures": self.failures,
        }


def during(port: int, officer_login: tuple[str, str], run) -> tuple[dict, dict]:
    officer = Officer(port, *officer_login)
    officer.start()
    try:
        figures = run()
    finally:
        officer.stop.set()
        officer.join(10)
    return figures, officer.figures()


def messages(folder: Path) -> tuple[Path, Path]:
    rows = []
    for name in ("scam_corpus.tsv", "scam_holdout.tsv"):
        with (ROOT / "tests" / "data" / name).open(encoding="utf-8", newline="") as fh:
            rows += [(r["text"], r["sender"] or "") for r in csv.DictReader(fh, delimiter="\t")]
    form, api = folder / "form.txt", folder / "api.txt"
    form.write_text("".join(urllib.parse.urlencode({"text": t, "sender": s}) + "\n" for t, s in rows))
    api.write_text("".join(json.dumps({"text": t, "sender": s or None}) + "\n" for t, s in rows))
    return form, api


def line(name: str, f: dict, floor: float | None = None) -> str:
    ratio = f"  {f['rps'] / floor:6.1%} of nginx" if floor else ""
    return (
        f"{name:<22}: {f['rps']:>9,.0f} req/s  p50 {f['p50_us'] / 1000:7.2f} ms  p99 {f['p99_us'] / 1000:7.2f} ms  "
        f"errors {f['errors']}  steal {f['steal']:4.1%}{ratio}"
    )


def main() -> None:
    for tool in ("nginx", "wrk"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"bench/citizen.py needs the Debian package {tool} (apt-get install nginx-light wrk)")
    folder = Path(tempfile.mkdtemp(prefix="sajag-citizen-"))
    folder.chmod(0o755)  # nginx's workers (not root) read the static files and the floor page
    run = folder / "run"
    run.mkdir()
    use_pg = os.environ.get("BENCH_DATABASE", "postgres") == "postgres" and shutil.which("createdb")
    redis = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13")
    try:
        import redis as redis_client

        redis_client.Redis.from_url(redis).flushdb()
    except Exception:
        redis = ""
    dbname = f"sajag_bench_{secrets.token_hex(4)}"
    app_port, officer_port, web_port, floor_port = free_port(), free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sajag.settings",
        "SAJAG_ENV": "production",
        "SAJAG_SECRET_KEY": secrets.token_urlsafe(50),
        "SAJAG_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SAJAG_PROXY_COUNT": "1",
        "SAJAG_CACHE_URL": redis,
        "SAJAG_STATIC_ROOT": str(folder / "static"),
        "SAJAG_MEDIA_ROOT": str(folder / "media"),
        "SAJAG_SPOOL_DIR": str(folder / "spool"),
        "SAJAG_PUBLIC_URL": f"http://127.0.0.1:{web_port}",
        "SAJAG_WORKERS": str(WORKERS),
        "SAJAG_OFFICER_PORT": str(officer_port),
        "SAJAG_OFFICER_WORKERS": str(OFFICER_WORKERS),
        "SAJAG_TASK_WORKERS": "0",
        "HOST": "127.0.0.1",
        "PORT": str(app_port),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{dbname}"
        if use_pg
        else f"sqlite:///{folder / 'sajag.sqlite3'}",
        **{name: str(LIMIT) for name in LIMITS},
    }
    for name in ("SAJAG_TODAY", "SAJAG_DEBUG"):
        env.pop(name, None)

    def manage(*args: str) -> str:
        return subprocess.run(
            [PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        ).stdout

    app = web = floor = None
    try:
        if use_pg:
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", dbname], check=True)
        manage("migrate", "--noinput", "-v0")
        logins = manage("seed_demo")
        password = logins.split("password for all: ")[1].split(")")[0]
        officer = "dpro.jaipur"  # a district department officer: dashboard and field form
        assert officer in logins, logins
        app = subprocess.Popen(
            [PY, "-m", "sajag.serve"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        wait_for(app_port)
        wait_for(officer_port)
        conf = Template((ROOT / "deploy" / "nginx.conf.template").read_text()).safe_substitute(
            RUN=run,
            NGINX_WORKERS=NGINX_WORKERS,
            PORT=web_port,
            APP_PORT=app_port,
            OFFICER_PORT=officer_port,
            HOST="localhost",
            STATIC_ROOT=folder / "static",
            SCHEME="https",
        )
        (run / "nginx.conf").write_text(conf)
        web = subprocess.Popen([NGINX, "-c", str(run / "nginx.conf"), "-p", str(run), "-g", "daemon off;"])
        wait_for(web_port, "/")

        # The floor: nginx serving a static page as large as Sajag's home page.
        status, _headers, home = probe.Client(web_port).request("GET", "/")
        assert status == 200
        (folder / "floor").mkdir()
        (folder / "floor" / "page.html").write_bytes(home)
        (folder / "floor.conf").write_text(FLOOR % {"dir": folder, "port": floor_port})
        floor = subprocess.Popen([NGINX, "-c", str(folder / "floor.conf"), "-p", str(folder)])
        wait_for(floor_port, "/")
        wrk(floor_port, "/", WARM_UP, folder)
        static = wrk(floor_port, "/", DURATION, folder)
        static["errors"] = static["status"] + static["socket_errors"]
        floor.terminate()
        floor.wait(10)
        floor = None

        results: dict[str, dict] = {}
        for name, path in PAGES:
            wrk(web_port, path, WARM_UP, folder)
            figures = wrk(web_port, path, DURATION, folder)
            # wrk counts every status from 400 up; the 404 page is meant to be one.
            figures["errors"] = figures["socket_errors"] + (0 if name == "not_found" else figures["status"])
            results[name] = figures
        # A short link through nginx (never cached: every visit is counted by the app).
        code = manage(
            "shell",
            "-c",
            "from sajag.campaigns.models import Campaign; from sajag.links.models import ShortLink;"
            "print(ShortLink.objects.create(campaign=Campaign.objects.get(), channel='hoarding', asset='bench').code)",
        ).split()[-1]
        wrk(web_port, f"/l/{code}", WARM_UP, folder)
        figures = wrk(web_port, f"/l/{code}", DURATION, folder)
        figures["errors"] = figures["socket_errors"] + figures["status"]
        results["short_link_uncached"] = figures
        for name, path in (("home_uncached", "/"), ("progress_uncached", "/progress/")):
            wrk(web_port, path, WARM_UP, folder, vary=True)
            figures = wrk(web_port, path, DURATION, folder, vary=True)
            figures["errors"] = figures["socket_errors"] + figures["status"]
            results[name] = figures

        form, api = messages(folder)
        posts = {}
        for name, path, bodies, ctype in (
            ("check_post", "/en/check/", form, "application/x-www-form-urlencoded"),
            ("api_post", "/api/scamcheck/", api, "application/json"),
        ):
            wrk(web_port, path, WARM_UP, folder, bodies=bodies, content_type=ctype)
            figures = wrk(web_port, path, DURATION, folder, bodies=bodies, content_type=ctype)
            figures["errors"] = figures["socket_errors"] + figures["status"]
            posts[name] = figures

        idle_officer = Officer(web_port, officer, password)
        idle_officer.start()
        time.sleep(5)
        idle_officer.stop.set()
        idle_officer.join(10)
        idle = idle_officer.figures()
        login = (officer, password)
        home_burst, officer_home = during(web_port, login, lambda: wrk(web_port, "/", DURATION, folder))
        post_burst, officer_post = during(
            web_port,
            login,
            lambda: wrk(
                web_port, "/en/check/", DURATION, folder, bodies=form, content_type="application/x-www-form-urlencoded"
            ),
        )
    finally:
        for proc in (floor, web):
            if proc is not None:
                proc.terminate()
                proc.wait(10)
        if app is not None:
            os.killpg(app.pid, 15)
            app.wait(30)
        if use_pg:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", dbname], check=False)

    floor_rps = static["rps"]
    errors = sum(f["errors"] for f in (*results.values(), *posts.values()))
    database = "postgresql" if use_pg else "sqlite"
    print(
        f"{CONNECTIONS} connections, {THREADS} wrk threads, {DURATION} s each after {WARM_UP} s warm-up; "
        f"granian {WORKERS} citizen + {OFFICER_WORKERS} officer workers, nginx {NGINX_WORKERS} worker(s), "
        f"the floor's nginx every core "
        f"({os.cpu_count()} CPUs); {database}, cache {'redis' if redis else 'database'}; "
        f"rate limits {LIMIT:,}/min for wrk's one address"
    )
    print(line(f"nginx static {len(home) / 1024:.1f} KB", static))
    for name, f in results.items():
        print(line(name, f, floor_rps))
    for name, f in posts.items():
        print(line(name, f))
    print(f"officer, idle          : p50 {idle['officer_p50_ms']} ms  p99 {idle['officer_p99_ms']} ms")
    for label, burst, off in (("home burst", home_burst, officer_home), ("check POST burst", post_burst, officer_post)):
        print(
            f"officer, {label:<14}: p50 {off['officer_p50_ms']} ms  p99 {off['officer_p99_ms']} ms  "
            f"max {off['officer_max_ms']} ms over {off['officer_requests']} requests, "
            f"failures {off['officer_failures']}; burst {burst['rps']:,.0f} req/s, steal {burst['steal']:.1%}"
        )

    def ms(f: dict, key: str) -> float:
        return round(f[key] / 1000, 2)

    summary = {
        "bench": "citizen",
        "seconds": DURATION,
        "connections": CONNECTIONS,
        "wrk_threads": THREADS,
        "workers": WORKERS,
        "officer_workers": OFFICER_WORKERS,
        "nginx_workers": NGINX_WORKERS,
        "database": database,
        "cache": "redis" if redis else "database",
        "rate_limit_per_minute": LIMIT,
        "page_bytes": len(home),
        "nginx_rps": round(floor_rps),
        "nginx_p99_ms": ms(static, "p99_us"),
        **{f"{name}_rps": round(f["rps"]) for name, f in results.items()},
        **{f"{name}_p99_ms": ms(f, "p99_us") for name, f in results.items()},
        "home_ratio_vs_nginx": round(results["home"]["rps"] / floor_rps, 3),
        "progress_ratio_vs_nginx": round(results["progress"]["rps"] / floor_rps, 3),
        "worst_cached_ratio_vs_nginx": round(
            min(f["rps"] for name, f in results.items() if "uncached" not in name) / floor_rps, 3
        ),
        "worst_cached_p99_ms": max(ms(f, "p99_us") for name, f in results.items() if "uncached" not in name),
        "short_link_rps": round(results["short_link_uncached"]["rps"]),
        "check_post_rps": round(posts["check_post"]["rps"]),
        "check_post_p99_ms": ms(posts["check_post"], "p99_us"),
        "api_post_rps": round(posts["api_post"]["rps"]),
        "api_post_p99_ms": ms(posts["api_post"], "p99_us"),
        "officer_idle_p99_ms": idle["officer_p99_ms"],
        "officer_p99_ms_during_home_burst": officer_home["officer_p99_ms"],
        "officer_p99_ms_during_post_burst": officer_post["officer_p99_ms"],
        "officer_failures": officer_home["officer_failures"] + officer_post["officer_failures"],
        "officer_requests_during_bursts": officer_home["officer_requests"] + officer_post["officer_requests"],
        "worst_steal": round(max(f["steal"] for f in (static, *results.values(), *posts.values())), 3),
        "errors": errors,
    }
    print(json.dumps(summary))
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
