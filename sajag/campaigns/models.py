from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sajag.accounts.scope import Scope, scope_for
from sajag.bilingual import Bilingual
from sajag.geo.models import Department, District


class Campaign(Bilingual, models.Model):
    slug = models.SlugField(_("short name"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200)
    state_en = models.CharField(_("state (English)"), max_length=60, default="Rajasthan")
    state_hi = models.CharField(_("state (Hindi)"), max_length=60, default="राजस्थान")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    helpline = models.CharField(_("helpline"), max_length=10, default="1930")
    portal = models.CharField(_("reporting portal"), max_length=60, default="cybercrime.gov.in")
    goal_en = models.TextField(_("goal (English)"))
    goal_hi = models.TextField(_("goal (Hindi)"))
    goal_reach_percent = models.PositiveSmallIntegerField(_("reach goal, % of people"), default=100)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_period_order")
        ]

    def __str__(self) -> str:
        return self.tr("name")


class Meeting(Bilingual, models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="meetings")
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_hi = models.CharField(_("title (Hindi)"), max_length=200)
    chair_en = models.CharField(_("chaired by (English)"), max_length=200)
    chair_hi = models.CharField(_("chaired by (Hindi)"), max_length=200)
    held_on = models.DateField(_("held on"))
    place_en = models.CharField(_("place (English)"), max_length=200)
    place_hi = models.CharField(_("place (Hindi)"), max_length=200)
    attendees_en = models.TextField(_("present (English), one per line"), blank=True)
    attendees_hi = models.TextField(_("present (Hindi), one per line"), blank=True)

    class Meta:
        ordering = ["held_on"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.tr("title")

    def attendee_lines(self) -> list[str]:
        return [line.strip() for line in self.tr("attendees").splitlines() if line.strip()]


class Channel(models.TextChoices):
    HOARDINGS = "hoardings", _("Hoardings")
    SOCIAL_MEDIA = "social_media", _("Social media")
    UTILITY_BILLS = "utility_bills", _("Utility bills")
    TEACHER_MEETINGS = "teacher_meetings", _("Teachers' union meetings")
    BANK_TRADER_MEETINGS = "bank_trader_meetings", _("Bank and trader meetings")
    OTHER = "other", _("Other")


class Responsibility(models.TextChoices):
    DEPARTMENT = "department", _("Named department(s)")
    COLLECTOR_SP = "collector_sp", _("District Collector and SP, jointly")


class DirectiveScope(models.TextChoices):
    STATE = "state", _("State level (one assignment per department)")
    EVERY_DISTRICT = "every_district", _("Every district")
    LISTED_DISTRICTS = "listed_districts", _("Listed districts")


class Directive(Bilingual, models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="directives")
    number = models.PositiveSmallIntegerField(_("number"))
    text_en = models.TextField(_("directive (English)"))
    text_hi = models.TextField(_("directive (Hindi)"))
    short_en = models.CharField(_("short title (English)"), max_length=60)
    short_hi = models.CharField(_("short title (Hindi)"), max_length=60)
    responsibility = models.CharField(_("responsible"), max_length=20, choices=Responsibility.choices)
    departments = models.ManyToManyField(Department, blank=True, verbose_name=_("departments"))
    channel = models.CharField(_("channel"), max_length=30, choices=Channel.choices)
    target_number = models.PositiveIntegerField(_("target"), null=True, blank=True)
    target_unit_en = models.CharField(_("target unit (English)"), max_length=80, blank=True)
    target_unit_hi = models.CharField(_("target unit (Hindi)"), max_length=80, blank=True)
    scope = models.CharField(_("scope"), max_length=20, choices=DirectiveScope.choices)
    districts = models.ManyToManyField(District, blank=True, verbose_name=_("listed districts"))
    due_on = models.DateField(_("due on"))

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="directive_number_unique")]
        verbose_name = _("directive")
        verbose_name_plural = _("directives")

    def __str__(self) -> str:
        return f"{self.number}. {self.tr('short')}"


class Status(models.TextChoices):
    PENDING = "pending", _("Pending")
    REPORTED = "reported", _("Reported")
    VERIFIED = "verified", _("Verified")
    RETURNED = "returned", _("Returned")


OPEN_STATUSES = (Status.PENDING, Status.RETURNED)
# Shown status: what the dashboard shows, with "overdue" for open work past its due date.
OVERDUE = "overdue"


class AssignmentQuerySet(models.QuerySet):
    def visible_to(self, who) -> AssignmentQuerySet:
        """The assignments a user (or a scope already worked out) may see."""
        scope = who if isinstance(who, Scope) else scope_for(who)
        return self.filter(scope.q())

    def overdue(self, today: dt.date) -> AssignmentQuerySet:
        return self.filter(status__in=OPEN_STATUSES, due_on__lt=today)


class Assignment(models.Model):
    """One directive for one responsible unit: a department (statewide or in one district), or
    one district's Collector and SP jointly. Its status is the action-taken report's workflow."""

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="assignments")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True)
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["directive__number", "district__name_en", "department__name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "department", "district"],
                condition=Q(department__isnull=False, district__isnull=False),
                name="assignment_unique_dept_district",
            ),
            models.UniqueConstraint(
                fields=["directive", "district"],
                condition=Q(department__isnull=True),
                name="assignment_unique_district",
            ),
            models.UniqueConstraint(
                fields=["directive", "department"],
                condition=Q(district__isnull=True),
                name="assignment_unique_department",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.directive} — {self.holder_label()}"

    def holder_label(self) -> str:
        if self.department_id is None:
            return _("Collector and SP, %(district)s") % {"district": self.district}
        if self.district_id is None:
            return str(self.department)
        return f"{self.department}, {self.district}"

    @property
    def is_verified(self) -> bool:
        """Verified work is closed: no new report, no new records."""
        return self.status == Status.VERIFIED

    def is_overdue(self, today: dt.date) -> bool:
        return self.status in OPEN_STATUSES and self.due_on < today

    def shown_status(self, today: dt.date) -> str:
        return OVERDUE if self.is_overdue(today) else self.status


class ActionTakenReport(models.Model):
    """What the responsible unit reports it did. One per assignment, edited in place; each save
    bumps `version`, and a save based on an older version is refused (optimistic concurrency)."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="report")
    summary = models.TextField(_("what was done"))
    achieved_number = models.PositiveIntegerField(_("achieved"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    submitted_at = models.DateTimeField(_("submitted"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    remark = models.TextField(_("reviewer's remark"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("action-taken report")
        verbose_name_plural = _("action-taken reports")

    def __str__(self) -> str:
        return _("Report on %(assignment)s") % {"assignment": self.assignment}


class ReportEvent(models.Model):
    """One step of the workflow: who moved the report from which state to which, and why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Submitted")
        EDIT = "edit", _("Edited")
        VERIFY = "verify", _("Verified")
        RETURN = "return", _("Returned")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    version = models.PositiveIntegerField()
    remark = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("report event")
        verbose_name_plural = _("report events")

    def __str__(self) -> str:
        return f"{self.get_action_display()} v{self.version}"
