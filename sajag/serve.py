"""The production server: ``make serve`` (or ``python -m sajag.serve``).

Granian — an HTTP server written in Rust — runs Django as a WSGI application in a few worker
processes. We chose it over gunicorn because its HTTP layer (keep-alive, parsing) costs almost
no Python time, so a burst of QR scans is limited by our own redirect code, not by the server;
and over uvicorn because Django stays plain WSGI (no thread hops for sync views). Static files
are served by WhiteNoise inside Django (hashed names, compressed copies, cached for a year).

Before serving: migrations, collectstatic, and a recovery of any short-link visit spools left by
workers of an earlier run (sajag/links/counter.py).
"""

from __future__ import annotations

import os
import sys

WORKERS = int(os.environ.get("SAJAG_WORKERS", str(max(2, os.cpu_count() or 2))))
THREADS = int(os.environ.get("SAJAG_THREADS", "2"))


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
    interrupted()


def interrupted() -> int:
    """Kits and reports still marked as building belonged to the workers of an earlier run: say so."""
    from sajag.materials.models import KitBuild
    from sajag.reports.models import Report

    message = "Interrupted by a restart of the server; build it again."
    n = 0
    for model in (KitBuild, Report):
        n += model.objects.filter(state__in=["queued", "running"]).update(state="failed", message=message)
    return n


def main() -> None:
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    prepare()
    print(f"Sajag on http://{host}:{port}/ — granian, {WORKERS} workers × {THREADS} threads. Ctrl-C stops.")
    sys.stdout.flush()
    cmd = command(host=host, port=port)
    os.execv(cmd[0], cmd)  # noqa: S606 — replaces this process with the server


if __name__ == "__main__":
    main()
