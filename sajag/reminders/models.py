from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sajag.core.models import Job


class DigestSent(models.Model):
    """One digest sent to one officer on one day by one channel: running the command twice in a
    day sends nothing twice."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("SMS")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    channel = models.CharField(max_length=5, choices=Channel.choices)
    own = models.PositiveIntegerField(default=0)  # lines about their own assignments
    escalated = models.PositiveIntegerField(default=0)  # lines about the work of officers below
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day", "channel"], name="one_digest_per_day")]

    def __str__(self) -> str:
        return f"{self.user} {self.day} {self.channel}"


class DigestRun(Job):
    """One day's sending of the digests, run by a worker (queued by ``send_digests``, which the
    daily timer runs). Retried after a killed worker: each officer's digest is recorded per day
    and channel in the same transaction as its sending, so a rerun sends only what was not
    recorded — at least once, and at most one message twice (the one being sent at the kill)."""

    kind = "digests"
    runner = "sajag.reminders.digest.send_run"

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    counts = models.JSONField(default=dict)  # email, sms, skipped, failed

    def __str__(self) -> str:
        return f"digests {self.day} ({self.state})"
