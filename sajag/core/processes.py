"""Run a web server and task workers as one group of processes (``make demo``, ``make serve``):
Ctrl-C or SIGTERM stops them all; a worker that dies is started again; the web server ending
ends the group. In production with systemd each runs as its own unit instead (docs/deploy.md)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

GRACE_SECONDS = 60  # a running job may finish


ROOT = Path(__file__).resolve().parents[2]


def worker_command(*, extra: Sequence[str] = ()) -> list[str]:
    return [sys.executable, str(ROOT / "manage.py"), "worker", "--no-startup-delay", *extra]


def _start(command: Sequence[str]) -> subprocess.Popen:
    # A session of its own: Ctrl-C in the terminal reaches only this supervisor, which then asks
    # each child once (SIGTERM) — a second signal would make a worker abandon its job.
    return subprocess.Popen(list(command), start_new_session=True)  # noqa: S603 - our own commands


def supervise(
    web: Sequence[str],
    workers: int,
    *,
    worker: Sequence[str] | None = None,
    servers: Sequence[Sequence[str]] = (),
) -> int:
    """Run the web server ``web``, any further ``servers`` beside it (the officers' own pool,
    sajag/serve.py) and ``workers`` task workers; a task worker that dies is replaced, a server
    that ends stops everything."""
    worker = list(worker or worker_command())
    stopping = False

    def stop(signum, frame) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    webs = [_start(web), *(_start(cmd) for cmd in servers)]
    pool = [_start(worker) for _ in range(workers)]
    code = 0
    while not stopping:
        ended = [w.returncode for w in webs if w.poll() is not None]
        if ended:
            code = ended[0]
            break
        for i, proc in enumerate(pool):
            if proc.poll() is not None:  # a worker died: its job is recovered by the next one
                print(f"task worker {proc.pid} ended ({proc.returncode}); starting another", file=sys.stderr)
                pool[i] = _start(worker)
        time.sleep(0.5)
    _stop_all([*webs, *pool])
    return code or 0


def _stop_all(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + GRACE_SECONDS
    for proc in procs:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m sajag.core.processes [--workers N] -- WEB COMMAND...``"""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("web", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    web = args.web[1:] if args.web[:1] == ["--"] else args.web
    if not web:
        parser.error("give the web server's command after --")
    return supervise(web, args.workers)


if __name__ == "__main__":
    sys.exit(main())
