"""Short-link redirect throughput: Sajag's production server against nginx answering a static 302.

Both run on loopback with the same number of worker processes and are driven by wrk with the
same script, connections and duration. The script counts the 302 responses it receives; for
its last three seconds it asks for /healthz instead, so that no redirect is in flight when wrk
stops — every redirect Sajag served was received and counted by wrk. After the run the stored
visit count (people + bots, all days) must equal wrk's count of 302s exactly.

Needs the Debian packages nginx and wrk. Last line: one JSON object.
"""

from __future__ import annotations

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

from tests.live import LiveSajag, free_port  # noqa: E402

DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "64"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
PHONE = "Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"

# request() counts the redirects it asks for; no response() callback (it would make wrk parse
# every response's headers into Lua, slowing the client more than either server). Requests on a
# keep-alive connection are answered in order, so once a thread switches to /healthz, every
# redirect it asked for has been answered; wrk's error count (sockets and non-2xx/3xx statuses)
# must be 0 for the count to hold.
LUA = """
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("first", #threads == 1)
end
function init(args)
  stop_at = os.time() + tonumber(args[2])
  -- wrk calls request() once on its first thread before connecting, to check for pipelining:
  -- that request is never sent.
  redirects = wrk.thread:get("first") and -1 or 0
  visit = wrk.format("GET", args[1], {["User-Agent"] = "UA"})
  health = wrk.format("GET", "/healthz")
end
function request()
  if os.time() < stop_at then
    redirects = redirects + 1
    return visit
  end
  return health
end
function done(summary, latency, requests)
  local r = 0
  for _, t in ipairs(threads) do r = r + t:get("redirects") end
  local e = summary.errors
  io.write(string.format('WRK {"requests": %d, "redirects": %d, "bad_status": %d, "socket_errors": %d, ' ..
    '"p50_us": %d, "p99_us": %d, "duration_us": %d}\\n', summary.requests, r, e.status,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99), summary.duration))
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
  client_body_temp_path %(dir)s/body; proxy_temp_path %(dir)s/proxy; fastcgi_temp_path %(dir)s/fastcgi;
  uwsgi_temp_path %(dir)s/uwsgi; scgi_temp_path %(dir)s/scgi;
  server {
    listen 127.0.0.1:%(port)d;
    location = /healthz { return 200 "ok"; }
    location /l/ { add_header Cache-Control no-store; return 302 /; }
  }
}
"""


def wrk(port: int, path: str, folder: Path) -> dict:
    script = folder / "count.lua"
    script.write_text(LUA)
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{DURATION}s",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}",
            "--",
            path,
            str(DURATION - 3),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("WRK "))
    figures = json.loads(line[4:])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


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
    time.sleep(1)
    try:
        floor = wrk(port, "/l/abcdefgh", folder)
    finally:
        nginx.terminate()
        nginx.wait(10)

    # Sajag: the production server (granian + Django, the redirect's fast path) on its own database.
    server = LiveSajag(folder / "sajag", workers=WORKERS, threads=2)
    server.folder.mkdir()
    server.setup()
    code = server.make_link("bench")
    server.start()
    try:
        ours = wrk(server.port, f"/l/{code}", folder)
        deadline = time.monotonic() + 15
        while sum(server.visits(code)) != ours["redirects"] and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        server.stop()
    stored = sum(server.visits(code))

    errors = ours["socket_errors"] + ours["bad_status"]
    ratio = ours["rps"] / floor["rps"]
    nginx_errors = floor["socket_errors"] + floor["bad_status"]
    print(
        f"nginx static 302 : {floor['rps']:>10,.0f} req/s  p99 {floor['p99_us'] / 1000:.2f} ms  errors {nginx_errors}"
    )
    print(
        f"sajag redirect   : {ours['rps']:>10,.0f} req/s  p50 {ours['p50_us'] / 1000:.2f} ms  "
        f"p99 {ours['p99_us'] / 1000:.2f} ms  errors {errors}"
    )
    print(f"ratio vs nginx   : {ratio:.1%}  (goal ≥ 25%)")
    exact = stored == ours["redirects"]
    print(f"visits stored    : {stored:,}  302s received by wrk: {ours['redirects']:,}  exact: {exact}")
    print(
        json.dumps(
            {
                "bench": "redirect",
                "seconds": DURATION,
                "connections": CONNECTIONS,
                "workers": WORKERS,
                "nginx_rps": round(floor["rps"]),
                "nginx_p99_ms": floor["p99_us"] / 1000,
                "sajag_rps": round(ours["rps"]),
                "sajag_p50_ms": ours["p50_us"] / 1000,
                "sajag_p99_ms": ours["p99_us"] / 1000,
                "ratio_vs_nginx": round(ratio, 3),
                "errors": errors,
                "redirects": ours["redirects"],
                "visits_stored": stored,
                "counts_exact": stored == ours["redirects"],
            }
        )
    )
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
