"""The one job model: what a person waits for, run by a task worker apart from the web.

Every kind of background work — a spreadsheet import, a consumer-level bill file, a district
kit, a review report, the daily digests — is a concrete model on this abstract base, in its own
app with its own inputs and results. The base holds what every job has: who asked and in which
language, the state, progress, the outcome message, the times, and the bookkeeping that makes a
job safe against a worker killed in the middle (attempts, the worker that holds it and its last
heartbeat). ``sajag.core.jobs`` runs them; nothing else changes their state.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    RUNNING = "running", _("In progress")
    DONE = "done", _("Done")
    REFUSED = "refused", _("Refused")  # the input was wrong: the message says what to fix
    FAILED = "failed", _("Failed")  # our side failed or was interrupted: nothing half-done is kept


class Job(models.Model):
    """Abstract base of every background job. Subclasses set ``kind`` and ``runner`` (the
    function that does the work, in their app's ``jobs`` module); ``retry_safe`` says whether
    an interrupted run may simply run again (true when the work is all-or-nothing and its
    outputs appear only once complete)."""

    kind: ClassVar[str] = ""
    runner: ClassVar[str] = ""  # dotted path of the function doing the work: runner(job, progress)
    retry_safe: ClassVar[bool] = True
    max_attempts: ClassVar[int] = 3

    State = JobState

    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    step = models.CharField(max_length=120, blank=True)
    message = models.TextField(blank=True)
    # The language of the person who asked: the job's messages are written in it.
    ui_language = models.CharField(max_length=5, default="hi")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Restart safety: which worker holds the job, when it last said it was alive, how often it began.
    attempts = models.PositiveSmallIntegerField(default=0)
    worker = models.CharField(max_length=100, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def perform(self, progress) -> None:
        import_string(self.runner)(self, progress)

    def after_outcome(self) -> None:
        """Once the outcome is written (or the job failed in recovery): let go of what the work
        no longer needs (an uploaded file kept only until counted, say). Default: nothing."""

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.REFUSED, JobState.FAILED)

    @property
    def is_active(self) -> bool:
        return self.state in (JobState.QUEUED, JobState.RUNNING)

    @property
    def unattended(self) -> bool:
        """Queued for longer than a worker would leave it, and no worker has said it is alive
        lately: the workers are stopped (a long queue behind busy workers is not this)."""
        stale = timezone.now() - timedelta(seconds=settings.SAJAG_JOB_STALE_SECONDS)
        if self.state != JobState.QUEUED or self.created_at >= stale:
            return False
        return not Worker.objects.filter(seen_at__gte=stale).exists()

    @property
    def label(self) -> str:
        return f"{self._meta.app_label}.{self._meta.model_name}"


class Worker(models.Model):
    """A task worker that is alive: it says so every few seconds (its heartbeat thread), so a
    page can tell a long queue from a queue nobody takes."""

    name = models.CharField(max_length=100, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name
