"""Weekly review reports, built in the background and kept."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sajag.campaigns.models import Campaign
from sajag.core.models import Job
from sajag.geo.models import District


class Report(Job):
    """One edition of the weekly review: the state's (district empty) or one district's, in one
    language, as PDF and XLSX, with the figures as they stood on ``as_of``. Retry-safe: both
    files are attached only once both are complete."""

    kind = "report"
    runner = "sajag.reports.jobs.build_report"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    language = models.CharField(_("language"), max_length=2, choices=[("hi", "हिन्दी"), ("en", "English")])
    as_of = models.DateField(_("figures as of"))
    pdf = models.FileField(upload_to="reports/", blank=True)
    xlsx = models.FileField(upload_to="reports/", blank=True)
    pages = models.PositiveIntegerField(default=0)

    class Meta(Job.Meta):
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")

    def __str__(self) -> str:
        return f"{self.district or 'state'} {self.as_of} {self.language}"

    def stem(self) -> str:
        where = self.district.code if self.district else "rajasthan"
        return f"sajag-review-{where}-{self.as_of:%Y-%m-%d}-{self.language}"
