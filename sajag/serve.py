"""The production server: ``make serve`` (or ``python -m sajag.serve``).

Granian — an HTTP server written in Rust — runs Django as a WSGI application in a few worker
processes. We chose it over gunicorn because its HTTP layer (keep-alive, parsing) costs almost
no Python time, so a burst of QR scans is limited by our own redirect code, not by the server;
and over uvicorn because Django stays plain WSGI (no thread hops for sync views). Static files
are served by WhiteNoise inside Django (hashed names, compressed copies, cached for a year).

Before serving: migrations, collectstatic, and a recovery of any short-link visit spools left by
workers of an earlier run (sajag/links/counter.py). Then granian, and beside it
SAJAG_TASK_WORKERS task workers (``manage.py worker``, default 1) in one process group; with 0,
granian alone (the task workers then run as their own service).

With SAJAG_OFFICER_PORT set, a second granian of SAJAG_OFFICER_WORKERS processes (default 1)
listens there too, and nginx sends it every request from a signed-in officer
(deploy/nginx.conf.template): a crowd of citizens fills the first pool's queue, never the one the
dashboard and the field form are answered from.
"""

from __future__ import annotations

import os
import sys

WORKERS = int(os.environ.get("SAJAG_WORKERS", str(max(2, os.cpu_count() or 2))))
THREADS = int(os.environ.get("SAJAG_THREADS", "2"))
# Task workers (imports, bill files, kits, reports, digests) started beside the server; 0 when
# they run as their own service (systemd: sajag-worker@.service).
TASK_WORKERS = int(os.environ.get("SAJAG_TASK_WORKERS", "1"))
OFFICER_PORT = int(os.environ.get("SAJAG_OFFICER_PORT", "0"))  # 0: one pool for everyone
OFFICER_WORKERS = int(os.environ.get("SAJAG_OFFICER_WORKERS", "1"))


def command(*, host: str = "127.0.0.1", port: int = 8000, workers: int = WORKERS, threads: int = THREADS) -> list[str]:
    return [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "sajag.wsgi:application",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--blocking-threads",
        str(threads),
        "--respawn-failed-workers",
        "--log-level",
        "warning",
    ]


def prepare() -> None:
    import django
    from django.core.management import call_command

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sajag.settings")
    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("flush_visits")


def main() -> None:
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    prepare()
    officers = f"; officers on port {OFFICER_PORT}, {OFFICER_WORKERS} workers" if OFFICER_PORT else ""
    print(
        f"Sajag on http://{host}:{port}/ — granian, {WORKERS} workers × {THREADS} threads{officers}; "
        f"{TASK_WORKERS} task workers. Ctrl-C stops."
    )
    sys.stdout.flush()
    cmd = command(host=host, port=port)
    servers = [command(host=host, port=OFFICER_PORT, workers=OFFICER_WORKERS)] if OFFICER_PORT else []
    if TASK_WORKERS == 0 and not servers:  # the task workers run as their own service (docs/deploy.md)
        os.execv(cmd[0], cmd)  # noqa: S606 — replaces this process with the server
    from sajag.core.processes import supervise

    sys.exit(supervise(cmd, TASK_WORKERS, servers=servers))


if __name__ == "__main__":
    main()
