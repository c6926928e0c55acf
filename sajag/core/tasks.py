"""The one task on the queue: run a job (``sajag.core.jobs``) by its model label and key."""

from __future__ import annotations

from django.apps import apps
from django_tasks import task

from . import jobs


@task()
def run_job(label: str, pk: int) -> str | None:
    job = jobs.execute(apps.get_model(label), pk)
    return job.state if job else None


def task_waiting(task_id: str) -> bool:
    """Whether the queue still holds this task to run (or runs it). True where the queue keeps
    no records of its own (the immediate backend), so nothing is queued twice."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:
        return True
    from django.conf import settings
    from django_tasks import TaskResultStatus

    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return True
    return (
        bool(task_id)
        and DBTaskResult.objects.filter(
            id=task_id, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
        ).exists()
    )


def forget_task(task_id: str) -> None:
    """Mark the queue's record of a task whose worker died as failed (the queue itself never
    learns that its worker was killed); the job has been retried or failed already."""
    if not task_id:
        return
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend: nothing to tidy
        return
    from django.utils import timezone
    from django_tasks import TaskResultStatus

    DBTaskResult.objects.filter(id=task_id, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED, finished_at=timezone.now()
    )
