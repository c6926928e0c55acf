"""The one task on the queue: run a job (``sajag.core.jobs``) by its model label and key; and
the little the jobs need to know about the queue's own records."""

from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from . import jobs


@task()
def run_job(label: str, pk: int) -> str | None:
    job = jobs.execute(apps.get_model(label), pk)
    return job.state if job else None


def _db_queue():
    """The database queue's task model, or None where the queue keeps no records of its own."""
    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return None
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult


def task_waiting(task_id: str, *, now=None) -> bool:
    """Whether the queue still holds this task to run, or a worker took it lately. A task a
    worker took longer ago than a worker would hold it, for a job still queued, is lost (the
    worker died between taking the task and claiming the job). True where the queue keeps no
    records (the immediate backend), so that nothing is queued twice."""
    queue = _db_queue()
    if queue is None:
        return True
    recent = (now or timezone.now()) - timedelta(seconds=settings.SAJAG_JOB_STALE_SECONDS)
    held = Q(status=TaskResultStatus.READY) | Q(status=TaskResultStatus.RUNNING, started_at__gte=recent)
    return bool(task_id) and queue.objects.filter(held, id=task_id).exists()


def forget_task(task_id: str) -> None:
    """Mark the queue's record of a task whose worker died as failed (the queue itself never
    learns that its worker was killed); the job has been retried or failed already."""
    queue = _db_queue()
    if not task_id or queue is None:
        return
    queue.objects.filter(id=task_id, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED, finished_at=timezone.now()
    )


def prune_tasks(days: int = 7) -> int:
    """The queue's records of finished tasks, after a week (the jobs keep what people need)."""
    queue = _db_queue()
    if queue is None:
        return 0
    cutoff = timezone.now() - timedelta(days=days)
    finished = [TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]
    return queue.objects.filter(status__in=finished, finished_at__lt=cutoff).delete()[0]
