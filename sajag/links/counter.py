"""Exact visit counts without a database write per visit.

Each worker process appends one short line per visit to its own *spool* file (one ``write``
system call, before the redirect is sent) and adds it to a counter in memory. A thread flushes
the counter every second: the counts and the spool offset they cover are written in one
transaction. So:

- a burst costs an append to a file, not a row, per request;
- a worker that exits normally flushes and deletes its spool;
- a worker that is killed leaves its spool behind; the next worker (or ``manage.py
  flush_visits``) replays the lines after the stored offset — exactly once, because the offset
  and the counts commit together — and deletes the file.

A live worker holds an exclusive ``flock`` on its spool; a spool whose lock can be taken belongs
to a dead worker. Nothing about the visitor is written anywhere: a line is link id, day and
"person or bot".
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import fcntl
import logging
import os
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction

log = logging.getLogger(__name__)

Key = tuple[int, str, bool]  # (link id, ISO day, is bot)

_UPSERT_DAY = (
    "INSERT INTO links_visitday (link_id, day, people, bots) VALUES (%s, %s, %s, %s) "
    "ON CONFLICT (link_id, day) DO UPDATE SET people = links_visitday.people + excluded.people, "
    "bots = links_visitday.bots + excluded.bots"
)
_UPSERT_CHECKPOINT = (
    'INSERT INTO links_spoolcheckpoint (spool, "offset", updated_at) VALUES (%s, %s, %s) '
    'ON CONFLICT (spool) DO UPDATE SET "offset" = excluded."offset", updated_at = excluded.updated_at'
)


def spool_dir() -> Path:
    return Path(settings.SAJAG_SPOOL_DIR)


class _Day:
    """Today's date in the campaign's time zone, recomputed at most once a second."""

    def __init__(self) -> None:
        self.zone = ZoneInfo(settings.TIME_ZONE)
        self.second = -1
        self.iso = ""

    def __call__(self) -> str:
        now = int(time.time())
        if now != self.second:
            self.iso = dt.datetime.now(self.zone).date().isoformat()
            self.second = now
        return self.iso


def _write_counts(counts: Counter, spool: str, offset: int) -> None:
    """One transaction: add the counts, move the spool's checkpoint."""
    per_day: dict[tuple[int, str], list[int]] = {}
    for (link_id, day, bot), n in counts.items():
        per_day.setdefault((link_id, day), [0, 0])[1 if bot else 0] += n
    now = dt.datetime.now(dt.UTC)
    with transaction.atomic(), connection.cursor() as cur:
        if per_day:
            cur.executemany(_UPSERT_DAY, [(k[0], k[1], v[0], v[1]) for k, v in sorted(per_day.items())])
        cur.execute(_UPSERT_CHECKPOINT, [spool, offset, now])


class VisitCounter:
    def __init__(self, directory: Path | None = None, interval: float | None = None) -> None:
        self.directory = Path(directory or spool_dir())
        self.interval = interval if interval is not None else settings.SAJAG_VISIT_FLUSH_SECONDS
        self.lock = threading.Lock()
        self.pending: Counter = Counter()
        self.day = _Day()
        self.fd: int | None = None
        self.pid = 0
        self.name = ""
        self.offset = 0  # bytes written to the spool
        self.flushed = 0  # bytes whose counts are in the database
        self.thread: threading.Thread | None = None
        self.stopping = threading.Event()

    # -- the hot path --------------------------------------------------------------------------
    def hit(self, link_id: int, bot: bool) -> None:
        if self.pid != os.getpid():
            self._open()
        day = self.day()
        line = f"{link_id} {day} {'b' if bot else 'p'}\n".encode()
        with self.lock:
            os.write(self.fd, line)
            self.offset += len(line)
            self.pending[(link_id, day, bot)] += 1

    # -- flushing ------------------------------------------------------------------------------
    def flush(self) -> int:
        """Write what is pending; returns the number of visits written."""
        with self.lock:
            if self.offset == self.flushed:
                return 0
            counts, self.pending = self.pending, Counter()
            offset = self.offset
        try:
            _write_counts(counts, self.name, offset)
        except Exception:
            # The database is busy or away: keep the counts for the next try. The spool still has
            # every line, so even if this process dies now nothing is lost.
            with self.lock:
                self.pending.update(counts)
            log.exception("visit flush failed; will retry")
            return 0
        with self.lock:
            self.flushed = max(self.flushed, offset)
        return sum(counts.values())

    def close(self) -> None:
        """Flush, then delete the spool if every line of it is counted."""
        if self.fd is None or self.pid != os.getpid():
            return
        self.stopping.set()
        self.flush()
        with self.lock:
            done = self.flushed == self.offset
        if done:
            path = self.directory / self.name
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            with contextlib.suppress(Exception), transaction.atomic():
                from .models import SpoolCheckpoint

                SpoolCheckpoint.objects.filter(spool=self.name).delete()
        os.close(self.fd)
        self.fd = None

    # -- set-up --------------------------------------------------------------------------------
    def _open(self) -> None:
        with self.lock:
            if self.pid == os.getpid():
                return
            self.directory.mkdir(parents=True, exist_ok=True)
            self.name = f"visits-{os.getpid()}-{uuid.uuid4().hex[:12]}.spool"
            # Locked under a name recovery does not look at, then renamed: recovery never sees
            # a live worker's spool unlocked.
            making = self.directory / f"{self.name}.new"
            self.fd = os.open(making, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL, 0o600)
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.rename(making, self.directory / self.name)
            self.pid = os.getpid()
            self.pending = Counter()
            self.offset = self.flushed = 0
            self.stopping = threading.Event()
            if self.interval > 0:
                self.thread = threading.Thread(target=self._run, name="visit-flusher", daemon=True)
                self.thread.start()
        atexit.register(self.close)

    def _run(self) -> None:
        recovered_at = 0.0
        while not self.stopping.wait(self.interval):
            self.flush()
            if time.monotonic() - recovered_at > 30:
                recovered_at = time.monotonic()
                with contextlib.suppress(Exception):
                    recover(self.directory)
            connection.close_if_unusable_or_obsolete()


def recover(directory: Path | None = None) -> int:
    """Replay the spools of dead workers; returns the number of visits recovered."""
    from .models import SpoolCheckpoint

    directory = Path(directory or spool_dir())
    if not directory.is_dir():
        return 0
    total = 0
    for path in sorted(directory.glob("visits-*.spool")):
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            continue
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a live worker's spool
            try:
                if os.fstat(fd).st_ino != os.stat(path).st_ino:
                    continue
            except FileNotFoundError:
                continue  # its owner (or another recoverer) finished with it meanwhile
            checkpoint = SpoolCheckpoint.objects.filter(spool=path.name).values_list("offset", flat=True).first() or 0
            os.lseek(fd, checkpoint, os.SEEK_SET)
            data = b""
            while chunk := os.read(fd, 1 << 20):
                data += chunk
            end = data.rfind(b"\n") + 1  # a torn last line was never answered: not a visit
            counts: Counter = Counter()
            for line in data[:end].splitlines():
                link_id, day, kind = line.decode().split(" ")
                counts[(int(link_id), day, kind == "b")] += 1
            _write_counts(counts, path.name, checkpoint + end)
            path.unlink()
            SpoolCheckpoint.objects.filter(spool=path.name).delete()
            total += sum(counts.values())
        finally:
            os.close(fd)
    return total


_counter: VisitCounter | None = None
_counter_lock = threading.Lock()


def counter() -> VisitCounter:
    global _counter
    if _counter is None:
        with _counter_lock:
            if _counter is None:
                _counter = VisitCounter()
    return _counter
