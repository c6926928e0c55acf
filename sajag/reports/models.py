"""Weekly review reports, built in the background and kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sajag.campaigns.models import Campaign
from sajag.geo.models import District


class Report(models.Model):
    """One edition of the weekly review: the state's (district empty) or one district's, in one
    language, as PDF and XLSX, with the figures as they stood on ``as_of``."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Building")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    language = models.CharField(_("language"), max_length=2, choices=[("hi", "हिन्दी"), ("en", "English")])
    as_of = models.DateField(_("figures as of"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    step = models.CharField(max_length=120, blank=True)
    message = models.TextField(blank=True)
    pdf = models.FileField(upload_to="reports/", blank=True)
    xlsx = models.FileField(upload_to="reports/", blank=True)
    pages = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")

    def __str__(self) -> str:
        return f"{self.district or 'state'} {self.as_of} {self.language}"

    def stem(self) -> str:
        where = self.district.code if self.district else "rajasthan"
        return f"sajag-review-{where}-{self.as_of:%Y-%m-%d}-{self.language}"
