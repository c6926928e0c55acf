"""Running jobs: enqueue on the task queue, run in a worker, survive a worker killed mid-way.

The queue is Django's tasks API (the ``django-tasks`` backport) with its database backend
(``django-tasks-db``): no extra server, the same SQLite or PostgreSQL as the app, and any number
of workers on any number of machines taking tasks from it (``manage.py worker``). This module is
the one state machine of every job kind (``sajag.core.models.Job``):

    queued ──claim──► running ──► done | refused | failed
       ▲                 │ worker killed (heartbeat stale, or its process gone on this host)
       └──── retried ◄───┘ (retry-safe kinds, up to max_attempts) — otherwise failed, with why

A job is claimed with a conditional UPDATE, so two workers never run the same job; a job's
outputs appear only once complete (each kind writes its files whole, then saves), so a worker
killed in the middle leaves nothing half-written to download.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import Error as DatabaseError_
from django.db import OperationalError, close_old_connections, connection
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Job, JobState

log = logging.getLogger(__name__)


class Refused(Exception):
    """The input cannot be used: the job ends ``refused`` with this message (already in the
    asker's language) and nothing is stored."""


class Failed(Exception):
    """Our side cannot do it now (a printer missing, a gateway down): the job ends ``failed``
    with this message, in the asker's language, and nothing is kept."""


def _start_time(pid: int) -> str:
    """When the process started (clock ticks since boot, /proc/<pid>/stat field 22): with the
    pid, it names one process even where pids are reused (a restarted container)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def worker_name() -> str:
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{_start_time(os.getpid())}"


def job_models() -> list[type[Job]]:
    return [m for m in apps.get_models() if issubclass(m, Job)]


# ---- enqueue --------------------------------------------------------------------------------


def start(job: Job) -> Job:
    """Put a saved job on the queue. With the immediate backend (tests) it runs at once."""
    from .tasks import run_job

    result = run_job.enqueue(job.label, job.pk)
    type(job).objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


# ---- run ------------------------------------------------------------------------------------


class Progress:
    """What a running job reports: ``progress(done, total=None, step=None)``; written a few
    times a second at most, and never allowed to fail the job (a busy database skips one)."""

    def __init__(self, job: Job, every: float = 0.5) -> None:
        self.job, self.every, self.last = job, every, 0.0

    def __call__(
        self, done: int | None = None, total: int | None = None, step: str | None = None, force: bool = False
    ) -> None:
        changes: dict = {}
        if done is not None:
            self.job.done = changes["done"] = done
        if total is not None:
            self.job.total = changes["total"] = total
        if step is not None:
            self.job.step = changes["step"] = str(step)[:120]
        now = time.monotonic()
        final = self.job.total and self.job.done >= self.job.total
        if not changes or (now - self.last < self.every and not (final or force)):
            return
        self.last = now
        changes["heartbeat_at"] = timezone.now()
        try:
            type(self.job).objects.filter(pk=self.job.pk).update(**changes)
        except OperationalError:
            log.warning("%s %s: progress not written (database busy)", self.job.kind, self.job.pk)


_current: dict[str, tuple[type[Job], int] | None] = {"job": None}


def execute(model: type[Job], pk: int, *, worker: str | None = None) -> Job | None:
    """Claim the job and run it to an outcome. Returns None if another worker holds it or it
    is no longer queued (finished, or already recovered)."""
    worker = worker or worker_name()
    now = timezone.now()
    _current["job"] = (model, pk)  # before the claim: this worker's heartbeat never sees it unheld
    try:
        claimed = model.objects.filter(pk=pk, state=JobState.QUEUED).update(
            state=JobState.RUNNING, started_at=now, heartbeat_at=now, worker=worker, attempts=F("attempts") + 1
        )
        if not claimed:
            return None
        job = model.objects.get(pk=pk)
        _run(job)
        job.finished_at = timezone.now()
        job.step = "" if job.state == JobState.DONE else job.step
        fields = {f.attname: getattr(job, f.attname) for f in model._meta.concrete_fields if not f.primary_key}
        written = [0]

        def write() -> None:
            # Only while this worker still holds it: a job recovered meanwhile is another's now.
            held = model.objects.filter(pk=pk, state=JobState.RUNNING, worker=worker)
            written[0] = held.update(**{**fields, "heartbeat_at": timezone.now()})

        retry_write(write)
    finally:
        _current["job"] = None
    if not written[0]:
        log.warning("%s %s: taken over by another worker; this run's outcome is not kept", job.kind, pk)
        return None
    job.after_outcome()
    return job


def _run(job: Job) -> None:
    """The work itself, to an outcome on ``job`` (not yet written)."""
    with translation.override(job.ui_language or settings.LANGUAGE_CODE):
        try:
            job.perform(Progress(job))
        except Refused as exc:
            job.state, job.message = JobState.REFUSED, str(exc)
        except Failed as exc:
            job.state, job.message = JobState.FAILED, str(exc)
        except Exception:  # a bug must not leave the job running for ever
            log.exception("%s job %s failed", job.kind, job.pk)
            job.state = JobState.FAILED
            job.message = _("It could not be completed because of an error on our side; nothing was kept.")
        else:
            if job.state == JobState.RUNNING:
                job.state = JobState.DONE


def retry_write(write: Callable[[], object], tries: int = 10) -> None:
    """Write an outcome even if the database is briefly busy (SQLite under load) or the
    connection broke (a restarted PostgreSQL): a fresh connection for each try."""
    for attempt in range(tries):
        try:
            write()
            return
        except DatabaseError_ as exc:
            if attempt == tries - 1:
                raise
            log.warning("writing a job's outcome: %s; trying again", exc)
            close_old_connections()
            time.sleep(0.2 * (attempt + 1))


# ---- recovery -------------------------------------------------------------------------------


def stale_after() -> timedelta:
    return timedelta(seconds=settings.SAJAG_JOB_STALE_SECONDS)


def _holder_dead(job: Job, now) -> bool:
    """A worker of this machine is dead when its process is gone (at once, whatever its last
    heartbeat: a long SQLite transaction may hold heartbeats back); a worker elsewhere when it
    has not beaten within SAJAG_JOB_STALE_SECONDS."""
    beat_stale = job.heartbeat_at is None or job.heartbeat_at < now - stale_after()
    host, pid, started = [*job.worker.split(":"), "", "", ""][:3]
    if host != socket.gethostname()[:60] or not pid.isdigit():
        return beat_stale
    if int(pid) == os.getpid() and started == _start_time(os.getpid()):
        return _current["job"] != (type(job), job.pk)  # this very process, no longer running it
    if _process_gone(int(pid)) or (started and _start_time(int(pid)) != started):
        return True  # gone, or its pid now belongs to another process
    # A live process that stopped beating long ago (stuck): treat it as another machine's would be.
    return job.heartbeat_at is None or job.heartbeat_at < now - 10 * stale_after()


def _process_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def recover(now=None) -> list[tuple[str, int, str]]:
    """Find jobs whose worker died (no heartbeat within SAJAG_JOB_STALE_SECONDS, or a process
    of this machine that is gone) and retry them where that is safe, else mark them failed with
    the reason. Returns (label, pk, new state) for each. Any worker may run it at any time."""
    from .tasks import forget_task, task_waiting

    now = now or timezone.now()
    done = []
    for model in job_models():
        # Queued, but the queue lost its task (an enqueue that failed after the job was saved,
        # a pruned queue): put it on the queue again.
        waiting = model.objects.filter(state=JobState.QUEUED, created_at__lt=now - stale_after())
        for job in waiting.only("pk", "task_id"):
            lost = not task_waiting(job.task_id, now=now)
            if lost and model.objects.filter(pk=job.pk, state=JobState.QUEUED, task_id=job.task_id).update(task_id=""):
                forget_task(job.task_id)
                start(model.objects.get(pk=job.pk))  # only the worker whose update took it re-queues it
                done.append((job.label, job.pk, JobState.QUEUED.value))
        running = model.objects.filter(state=JobState.RUNNING)
        for job in running.only("pk", "worker", "heartbeat_at", "attempts", "ui_language", "task_id"):
            if not _holder_dead(job, now):
                continue
            outcome = _recover_one(model, job)
            if outcome:
                done.append((job.label, job.pk, outcome))
    return done


def _recover_one(model: type[Job], job: Job) -> str | None:
    from .tasks import forget_task

    retry = model.retry_safe and job.attempts < model.max_attempts
    with translation.override(job.ui_language or settings.LANGUAGE_CODE):
        if retry:
            message = _("The worker running it stopped; starting again (attempt %(n)s of %(max)s).") % {
                "n": job.attempts + 1,
                "max": model.max_attempts,
            }
            changes = {"state": JobState.QUEUED, "message": message, "worker": "", "task_id": ""}
        else:
            if model.retry_safe:
                message = _("The worker running it stopped %(n)s times; nothing was kept. Please start it again.")
            else:
                message = _("The worker running it stopped; check what was done and start it again.")
            changes = {
                "state": JobState.FAILED,
                "message": message % {"n": job.attempts},
                "finished_at": timezone.now(),
            }
    # Conditional on the same holder: two workers recovering at once change it only once.
    moved = model.objects.filter(pk=job.pk, state=JobState.RUNNING, worker=job.worker).update(**changes)
    if not moved:
        return None
    forget_task(job.task_id)
    log.warning("%s %s: worker %s gone, %s", job.kind, job.pk, job.worker, changes["state"])
    if retry:
        start(model.objects.get(pk=job.pk))
    else:
        model.objects.get(pk=job.pk).after_outcome()
    return changes["state"]


# ---- the worker's heartbeat -----------------------------------------------------------------


@contextmanager
def heartbeat(interval: float | None = None) -> Iterator[None]:
    """While a worker runs, a thread of its own (never in the web process) says every few
    seconds that the job it holds is alive, and now and then recovers jobs of dead workers."""
    interval = interval or settings.SAJAG_JOB_HEARTBEAT_SECONDS
    stop = threading.Event()

    from .models import Worker
    from .tasks import prune_tasks

    name = worker_name()

    def beat() -> None:
        last_recovery = last_prune = 0.0
        while not stop.wait(interval):
            try:
                current = _current["job"]
                now = timezone.now()
                Worker.objects.update_or_create(name=name, defaults={"seen_at": now})
                if current:
                    model, pk = current
                    model.objects.filter(pk=pk, state=JobState.RUNNING).update(heartbeat_at=now)
                if time.monotonic() - last_recovery > 3 * interval:
                    last_recovery = time.monotonic()
                    recover()
                    Worker.objects.filter(seen_at__lt=now - 10 * stale_after()).delete()
                if time.monotonic() - last_prune > 3600:
                    last_prune = time.monotonic()
                    prune_tasks()
            except OperationalError:  # the job's own long transaction holds SQLite: beat next time
                log.debug("heartbeat skipped (database busy)")
            except Exception:
                log.exception("heartbeat failed")
            finally:
                connection.close()

    thread = threading.Thread(target=beat, name="sajag-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)
        close_old_connections()
        Worker.objects.filter(name=name).delete()
