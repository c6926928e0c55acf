"""A real Sajag production server (granian, several worker processes) on a temporary SQLite
database, for the tests and benchmarks that must see the redirect under real concurrency."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveSajag:
    def __init__(self, folder: Path, *, workers: int = 2, threads: int = 4) -> None:
        self.folder = folder
        self.db = folder / "sajag.sqlite3"
        self.workers, self.threads = workers, threads
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "sajag.settings",
            "DATABASE_URL": f"sqlite:///{self.db}",
            "SAJAG_SPOOL_DIR": str(folder / "spool"),
            "SAJAG_STATIC_ROOT": str(folder / "static"),
            "SAJAG_MEDIA_ROOT": str(folder / "media"),
            "SAJAG_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SAJAG_DEBUG": "0",
            # Load from one address: the per-client limits would cut it (tests/test_hardening.py checks them).
            "SAJAG_RATE_SHORT_LINKS": "0",
            "SAJAG_RATE_PUBLIC_PAGES": "0",
        }
        self.process: subprocess.Popen | None = None
        self.port = 0

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, check=True
        )
        return done.stdout

    def setup(self) -> None:
        """Migrate, load the reference data and the campaign, collect static files."""
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage(
            "shell",
            "-c",
            "from sajag.geo.reference import load_reference_data; from sajag.campaigns.seed import seed_campaign; "
            "load_reference_data(); seed_campaign()",
        )

    def make_link(self, asset: str, district: str | None = "jaipur") -> str:
        district_arg = f"District.objects.get(code={district!r})" if district else "None"
        out = self.manage(
            "shell",
            "-c",
            "from sajag.links.models import ShortLink; from sajag.campaigns.models import Campaign; "
            "from sajag.geo.models import District; "
            f"print(ShortLink.objects.create(campaign=Campaign.objects.get(), district={district_arg}, "
            f"channel='hoarding', asset={asset!r}).code)",
        )
        return out.strip().splitlines()[-1]

    def start(self, **env: str) -> None:
        from sajag.serve import command

        self.port = free_port()
        self.log = open(self.folder / "server.log", "ab")  # noqa: SIM115 — closed in stop()
        self.process = subprocess.Popen(
            command(port=self.port, workers=self.workers, threads=self.threads),
            cwd=ROOT,
            env={**self.env, **env},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"server did not start: {(self.folder / 'server.log').read_text()[-2000:]}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """Stop the server and its workers: SIGTERM asks them to finish, SIGKILL kills them
        where they stand (as a crash or an OOM kill would)."""
        if self.process is None:
            return
        os.killpg(self.process.pid, sig)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None
        self.log.close()

    def visits(self, code: str) -> tuple[int, int]:
        with sqlite3.connect(self.db) as db:
            row = db.execute(
                "SELECT COALESCE(SUM(people), 0), COALESCE(SUM(bots), 0) FROM links_visitday v "
                "JOIN links_shortlink l ON l.id = v.link_id WHERE l.code = ?",
                (code,),
            ).fetchone()
        return int(row[0]), int(row[1])

    def spools(self) -> list[Path]:
        return sorted((self.folder / "spool").glob("visits-*.spool"))
