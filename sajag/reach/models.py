from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sajag.bilingual import current_lang
from sajag.campaigns.models import Campaign
from sajag.core.models import Job
from sajag.geo.models import Department

from .utilities import KNOWN, utility_key


class AssumptionValue(models.Model):
    """A campaign's own value for one of the reach model's assumptions (defaults in model.py)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reach_assumptions")
    key = models.CharField(_("assumption"), max_length=60)
    value = models.FloatField(_("value"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "key"], name="reach_assumption_unique")]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"


class RecallSurvey(models.Model):
    """A district's phone or field survey: 'have you heard of 1930? where?'"""

    class Method(models.TextChoices):
        PHONE = "phone", _("Phone")
        FIELD = "field", _("Field")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="surveys")
    district = models.ForeignKey("geo.District", on_delete=models.PROTECT, related_name="+", verbose_name=_("district"))
    conducted_on = models.DateField(_("conducted on"))
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    sample_size = models.PositiveIntegerField(_("people asked"))
    knew_1930 = models.PositiveIntegerField(_("knew 1930"))
    heard_bills = models.PositiveIntegerField(_("heard it on a bill"), default=0)
    heard_hoardings = models.PositiveIntegerField(_("heard it on a hoarding"), default=0)
    heard_social = models.PositiveIntegerField(_("heard it on social media"), default=0)
    heard_meetings = models.PositiveIntegerField(_("heard it at a meeting / from a teacher, bank or shop"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-conducted_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(knew_1930__lte=models.F("sample_size")), name="survey_knew_le_sample"
            )
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.conducted_on}"

    def heard_via(self) -> dict[str, int]:
        return {
            "bills": self.heard_bills,
            "hoardings": self.heard_hoardings,
            "social": self.heard_social,
            "meetings": self.heard_meetings,
        }


class OutcomeWeek(models.Model):
    """Weekly 1930 calls and cybercrime.gov.in complaints of a district (from the Police)."""

    district = models.ForeignKey("geo.District", on_delete=models.PROTECT, related_name="+")
    week_start = models.DateField(_("week starting"))
    calls_1930 = models.PositiveIntegerField(_("calls to 1930"))
    complaints = models.PositiveIntegerField(_("complaints on cybercrime.gov.in"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["district", "week_start"]
        constraints = [models.UniqueConstraint(fields=["district", "week_start"], name="outcome_one_per_week")]

    def __str__(self) -> str:
        return f"{self.district} {self.week_start}"


class UtilityQuerySet(models.QuerySet):
    def named(self, name: str) -> UtilityQuerySet:
        """The utility of this name as people write it ("JVVNL", " jvvnl "): none or one."""
        return self.filter(key=utility_key(name))


class UtilityManager(models.Manager.from_queryset(UtilityQuerySet)):  # type: ignore[misc]
    def ensure_known(self) -> None:
        """Rajasthan's utilities (``utilities.KNOWN``) as rows, under their departments once
        those are loaded (``manage.py load_reference`` runs after the migrations). One query
        when they are all there; safe when two requests make them at once."""
        keys = {utility_key(u.name): u for u in KNOWN}
        present = set(self.filter(key__in=keys).values_list("key", flat=True))
        missing = [u for key, u in keys.items() if key not in present]
        if not missing:
            return
        departments = {d.code: d for d in Department.objects.filter(code__in={u.department for u in missing})}
        self.bulk_create(
            [
                Utility(name=u.name, name_hi=u.name_hi, key=utility_key(u.name), department=departments[u.department])
                for u in missing
                if u.department in departments
            ],
            ignore_conflicts=True,
        )


class Utility(models.Model):
    """A utility that prints 1930 on its bills (an electricity discom, PHED's water supply). It
    belongs to one department: only that department's officers and tokens send its figures
    (``access.may_send_figures_for``). Names are compared by ``key``, so "JVVNL" and " jvvnl "
    are one utility."""

    name = models.CharField(_("name"), max_length=60)
    name_hi = models.CharField(_("name (Hindi)"), max_length=80, blank=True)
    key = models.CharField(max_length=60, unique=True, editable=False)
    department = models.ForeignKey(
        "geo.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("department")
    )

    objects = UtilityManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("utility")
        verbose_name_plural = _("utilities")

    def __str__(self) -> str:
        return (self.name_hi or self.name) if current_lang() == "hi" else self.name


class BillFile(models.Model):
    """One consumer-level bill file of a utility, counted: a version of that utility's figures in
    the campaign. Counted from the web it waits as a preview until the officer applies it; at
    most one file per utility and campaign is applied, and applying another, withdrawing it or
    restoring an earlier one is one step, audited. The file itself is not kept, only its counts."""

    class State(models.TextChoices):
        PREVIEW = "preview", _("Preview: not applied yet")
        APPLIED = "applied", _("In use")
        REPLACED = "replaced", _("Replaced")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        DISCARDED = "discarded", _("Discarded")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="bill_files")
    utility = models.ForeignKey(Utility, on_delete=models.PROTECT, related_name="+", verbose_name=_("utility"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PREVIEW)
    source_name = models.CharField(_("file"), max_length=200)
    source_rows = models.PositiveBigIntegerField(_("rows"))
    rows_in_window = models.PositiveBigIntegerField(_("bills with 1930 in the window"), default=0)
    duplicate_bills = models.PositiveBigIntegerField(_("repeated bills"), default=0)
    window_start = models.DateField()
    window_end = models.DateField()
    counted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    counted_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-counted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "utility"],
                condition=models.Q(state="applied"),
                name="bill_file_one_applied_per_utility",
            )
        ]

    def __str__(self) -> str:
        return f"{self.utility.name} {self.source_name} ({self.state})"

    @property
    def consumers(self) -> int:
        return sum(self.counts.values_list("consumers", flat=True))


class ConsumerBills(models.Model):
    """Distinct consumers of a district who got a bill carrying 1930 in the file's window."""

    file = models.ForeignKey(BillFile, on_delete=models.CASCADE, related_name="counts")
    district = models.ForeignKey("geo.District", on_delete=models.PROTECT, related_name="+")
    consumers = models.PositiveIntegerField(_("distinct consumers"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["file", "district"], name="consumer_bills_one_per_district")]

    def __str__(self) -> str:
        return f"{self.district}: {self.consumers}"


class BillIngestJob(Job):
    """A consumer-level bill export uploaded through the web, counted in the background. The
    file is deleted once counted: only the per-district counts are kept, as a ``BillFile`` (a
    preview, or applied at once for the API). Retry-safe: the counted file is linked to the job
    in the transaction that stores it, and a retry reuses it; the file stays until then."""

    kind = "bills"
    runner = "sajag.reach.billjobs.count_bills"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    utility = models.ForeignKey(Utility, on_delete=models.PROTECT, related_name="+", verbose_name=_("utility"))
    file = models.FileField(upload_to="bill-exports/", blank=True)
    original_name = models.CharField(max_length=200)
    # Files from an integration (the API) are applied once counted, unless they look thin
    # (``ingest.thin_districts``); files from the web wait as a preview for the officer.
    apply_at_once = models.BooleanField(default=False)
    counted = models.OneToOneField(
        BillFile, on_delete=models.SET_NULL, null=True, blank=True, related_name="job", verbose_name=_("counted file")
    )

    def __str__(self) -> str:
        return f"{self.utility.name} {self.original_name} ({self.state})"

    def after_outcome(self) -> None:
        """The raw export (consumer numbers) is not kept once counted, refused or failed."""
        if self.file:
            self.file.delete(save=False)
            type(self).objects.filter(pk=self.pk).update(file="")
