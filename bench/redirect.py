"""Short-link redirect throughput: Sajag's production server against nginx answering a static 302.

Like with like: both run on loopback with the same number of worker processes, both keep a
connection open for as many requests as the client sends, both are warmed up by a run that is
not counted, and both are driven by wrk with the same script, threads, connections and duration.
Sajag runs with its per-client limit on the redirect switched on (set high enough for wrk's
single address: the limiter's code runs on every request, as in production).

Only the redirect phase counts. Each wrk thread sends redirects for BENCH_SECONDS from its first
request, timed with a monotonic clock; after that each connection's next request() sends nothing
and the connection idles until wrk stops (one second later). A connection asks for its next
request only once its last redirect was answered, so when every connection has made that empty
request, every redirect sent was received and counted — and the time of the last one ends the
phase. Requests/second are the redirects over that phase; p50/p99 come from wrk's latency
histogram, which then holds redirects only. After the run the stored visit count (people + bots,
all days) must equal the redirects wrk received, exactly.

Needs the Debian packages nginx and wrk. Last line: one JSON object.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sajag.serve import THREADS as SERVER_THREADS  # noqa: E402
from tests.live import LiveSajag, free_port  # noqa: E402

DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
WARM_UP = int(os.environ.get("BENCH_WARM_UP_SECONDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "64"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))  # wrk's
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
# Per client per minute: above anything one address can send here (production: 60).
LIMIT = 1_000_000_000
PHONE = "Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"

# No response() callback: it would make wrk parse every response's headers into Lua, slowing the
# client more than either server. request() is called once per request, after the connection's
# previous response (no pipelining).
LUA = """
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *t);
]]
local ts = ffi.new("bench_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts)  -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("first", #threads == 1)
end
function init(args)
  visit = wrk.format("GET", args[1], {["User-Agent"] = "UA"})
  phase_us = tonumber(args[2]) * 1e6
  -- wrk calls request() once on its first thread before connecting, to check for pipelining:
  -- that request is never sent.
  skip = wrk.thread:get("first")
  redirects, idle, first_us, last_us = 0, 0, 0, 0
end
function request()
  if skip then
    skip = false
    return visit
  end
  local t = now_us()
  if first_us == 0 then first_us = t end
  if t - first_us < phase_us then
    redirects = redirects + 1
    return visit
  end
  -- This connection's redirects are all answered: from now on it sends nothing.
  idle = idle + 1
  last_us = t
  return ""
end
function done(summary, latency, requests)
  local r, idle_connections, first, last = 0, 0, math.huge, 0
  for _, t in ipairs(threads) do
    r = r + t:get("redirects")
    idle_connections = idle_connections + t:get("idle")
    first = math.min(first, t:get("first_us"))
    last = math.max(last, t:get("last_us"))
  end
  local e = summary.errors
  io.write(string.format('WRK {"requests": %d, "redirects": %d, "idle_connections": %d, "phase_us": %d, ' ..
    '"bad_status": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, ' ..
    '"p50_us": %d, "p99_us": %d, "max_us": %d}\\n', summary.requests, r, idle_connections, last - first, e.status,
    e.connect, e.read, e.write, e.timeout, latency:percentile(50), latency:percentile(99), latency.max))
end
""".replace("UA", PHONE)

NGINX = """
worker_processes %(workers)d;
pid %(dir)s/nginx.pid;
error_log %(dir)s/error.log;
daemon off;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000000;  # as granian: no cap on requests per connection
  client_body_temp_path %(dir)s/body; proxy_temp_path %(dir)s/proxy; fastcgi_temp_path %(dir)s/fastcgi;
  uwsgi_temp_path %(dir)s/uwsgi; scgi_temp_path %(dir)s/scgi;
  server {
    listen 127.0.0.1:%(port)d;
    location = /healthz { return 200 "ok"; }
    location /l/ { add_header Cache-Control no-store; return 302 /; }
  }
}
"""


def wrk(port: int, path: str, seconds: int, folder: Path) -> dict:
    script = folder / "count.lua"
    script.write_text(LUA)
    out = subprocess.run(
        [
            "wrk",
            f"-t{THREADS}",
            f"-c{CONNECTIONS}",
            f"-d{seconds + 1}s",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}",
            "--",
            path,
            str(seconds),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("WRK "))
    figures = json.loads(line[4:])
    figures["socket_errors"] = sum(figures[k] for k in ("connect", "read", "write", "timeout"))
    figures["errors"] = figures["socket_errors"] + figures["bad_status"]
    # Every redirect sent was answered (each connection went idle, wrk saw nothing else).
    figures["all_answered"] = figures["idle_connections"] == CONNECTIONS and figures["requests"] == figures["redirects"]
    figures["rps"] = figures["redirects"] / (figures["phase_us"] / 1e6)
    return figures


def wait_ready(port: int, seconds: float = 60) -> None:
    """Until the server answers /healthz (a Sajag worker has loaded the application)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"nothing answered /healthz on port {port} within {seconds} s")
        time.sleep(0.1)


def line(name: str, f: dict) -> str:
    return (
        f"{name:<17}: {f['rps']:>10,.0f} req/s  p50 {f['p50_us'] / 1000:.2f} ms  p99 {f['p99_us'] / 1000:.2f} ms  "
        f"max {f['max_us'] / 1000:.1f} ms  errors {f['errors']} (socket {f['socket_errors']}: connect {f['connect']}, "
        f"read {f['read']}, write {f['write']}, timeout {f['timeout']}; status {f['bad_status']})"
    )


def main() -> None:
    for tool in ("nginx", "wrk"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"bench/redirect.py needs the Debian package {tool} (apt-get install nginx-light wrk)")
    folder = Path(tempfile.mkdtemp(prefix="sajag-redirect-"))

    # nginx: a static 302, the floor of what any redirect can cost.
    port = free_port()
    (folder / "nginx.conf").write_text(NGINX % {"workers": WORKERS, "dir": folder, "port": port})
    nginx_bin = shutil.which("nginx") or "/usr/sbin/nginx"
    nginx = subprocess.Popen([nginx_bin, "-c", str(folder / "nginx.conf")], stderr=subprocess.DEVNULL)
    try:
        wait_ready(port)
        wrk(port, "/l/warmupxx", WARM_UP, folder)
        floor = wrk(port, "/l/abcdefgh", DURATION, folder)
    finally:
        nginx.terminate()
        nginx.wait(10)

    # Sajag: the production server (granian + Django, the redirect's fast path) on its own database.
    server = LiveSajag(folder / "sajag", workers=WORKERS, threads=SERVER_THREADS)
    server.folder.mkdir()
    server.setup()
    warm_code, code = server.make_link("bench-warm-up"), server.make_link("bench")
    server.start(SAJAG_RATE_SHORT_LINKS=str(LIMIT))
    try:
        wait_ready(server.port)
        warm = wrk(server.port, f"/l/{warm_code}", WARM_UP, folder)
        ours = wrk(server.port, f"/l/{code}", DURATION, folder)
        deadline = time.monotonic() + 15
        while sum(server.visits(code)) != ours["redirects"] and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        server.stop()
    stored, stored_warm = sum(server.visits(code)), sum(server.visits(warm_code))

    ratio = ours["rps"] / floor["rps"]
    exact = stored == ours["redirects"] and ours["all_answered"]
    print(f"{CONNECTIONS} connections, {THREADS} wrk threads, {WORKERS} workers each; {DURATION} s, warmed {WARM_UP} s")
    print(line("nginx static 302", floor))
    print(line("sajag redirect", ours))
    print(f"ratio vs nginx   : {ratio:.1%}  (goal ≥ 25%)")
    print(f"visits stored    : {stored:,}  302s received by wrk: {ours['redirects']:,}  exact: {exact}")
    print(f"warm-up          : {stored_warm:,} visits stored for {warm['redirects']:,} 302s, errors {warm['errors']}")
    print(
        json.dumps(
            {
                "bench": "redirect",
                "seconds": DURATION,
                "warm_up_seconds": WARM_UP,
                "connections": CONNECTIONS,
                "wrk_threads": THREADS,
                "workers": WORKERS,
                "rate_limit_per_minute": LIMIT,
                "nginx_rps": round(floor["rps"]),
                "nginx_p50_ms": floor["p50_us"] / 1000,
                "nginx_p99_ms": floor["p99_us"] / 1000,
                "nginx_errors": floor["errors"],
                "sajag_rps": round(ours["rps"]),
                "sajag_p50_ms": ours["p50_us"] / 1000,
                "sajag_p99_ms": ours["p99_us"] / 1000,
                "sajag_max_ms": ours["max_us"] / 1000,
                "ratio_vs_nginx": round(ratio, 3),
                "errors": ours["errors"],
                "socket_errors": ours["socket_errors"],
                "bad_status": ours["bad_status"],
                "redirects": ours["redirects"],
                "visits_stored": stored,
                "counts_exact": exact,
            }
        )
    )
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
