"""The write side of campaigns. Views, the seed and importers call these; nothing else writes
assignments or reports. Each action checks permission, writes, and leaves an audit record."""

from __future__ import annotations

from dataclasses import dataclass

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sajag import clock
from sajag.geo.models import District

from .models import (
    ActionTakenReport,
    Assignment,
    Directive,
    DirectiveScope,
    ReportEvent,
    Responsibility,
    Status,
)

Action = ReportEvent.Action

# action -> (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    Action.SUBMIT: (frozenset({Status.PENDING, Status.RETURNED}), Status.REPORTED),
    Action.EDIT: (frozenset({Status.REPORTED}), Status.REPORTED),
    Action.VERIFY: (frozenset({Status.REPORTED}), Status.VERIFIED),
    Action.RETURN: (frozenset({Status.REPORTED}), Status.RETURNED),
}


class WorkflowError(Exception):
    """An action that the report's current state does not allow."""


@dataclass
class EditConflict(Exception):
    """The report changed since the user opened it. Carries what is stored now."""

    report: ActionTakenReport
    expected_version: int

    def __str__(self) -> str:
        return _(
            "This report was changed by %(who)s at %(when)s while you were working on it "
            "(you started from version %(yours)s; it is now version %(now)s). "
            "Nothing was saved. Compare below, then save again."
        ) % {
            "who": self.report.submitted_by.display_name()
            if self.report.reviewed_at is None or self.report.reviewed_at < self.report.submitted_at
            else self.report.reviewed_by.display_name(),
            "when": timezone.localtime(self.report.updated_at).strftime("%d %b %Y %H:%M"),
            "yours": self.expected_version,
            "now": self.report.version,
        }


def _illegal(action: str, status: str) -> WorkflowError:
    messages = {
        Status.VERIFIED: _("This report is already verified and can no longer be changed."),
        Status.PENDING: _("Nothing has been reported yet, so there is nothing to verify or return."),
        Status.RETURNED: _("This report was returned with a remark; the responsible officer must report again first."),
        Status.REPORTED: _("This report is already submitted and awaits review."),
    }
    return WorkflowError(messages.get(status, _("This step is not allowed now.")))


def _target_districts(directive: Directive) -> list[District | None]:
    if directive.scope == DirectiveScope.STATE:
        return [None]
    if directive.scope == DirectiveScope.EVERY_DISTRICT:
        return list(District.objects.all())
    return list(directive.districts.all())


def generate_assignments(*, directive: Directive) -> int:
    """Create the directive's assignments (one per responsible unit); returns how many were new.
    Idempotent: running it again creates nothing that exists."""
    if directive.responsibility == Responsibility.COLLECTOR_SP and directive.scope == DirectiveScope.STATE:
        raise WorkflowError(_("A Collector-and-SP directive must name districts (every district or a list)."))
    departments = list(directive.departments.all()) if directive.responsibility == Responsibility.DEPARTMENT else [None]
    if directive.responsibility == Responsibility.DEPARTMENT and not departments:
        raise WorkflowError(_("The directive names no responsible department."))
    existing = set(Assignment.objects.filter(directive=directive).values_list("department_id", "district_id"))
    new = [
        Assignment(directive=directive, department=dept, district=dist, due_on=directive.due_on)
        for dept in departments
        for dist in _target_districts(directive)
        if (dept.pk if dept else None, dist.pk if dist else None) not in existing
    ]
    Assignment.objects.bulk_create(new)
    return len(new)


def _locked(assignment: Assignment) -> tuple[Assignment, ActionTakenReport | None]:
    locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
    report = ActionTakenReport.objects.select_related("submitted_by", "reviewed_by").filter(assignment=locked).first()
    return locked, report


def _check_version(report: ActionTakenReport | None, expected_version: int) -> None:
    current = report.version if report else 0
    if current != expected_version:
        assert report is not None
        raise EditConflict(report=report, expected_version=expected_version)


def _move(assignment: Assignment, action: str, by, at, version: int, remark: str = "") -> None:
    allowed_from, to = TRANSITIONS[action]
    if assignment.status not in allowed_from:
        raise _illegal(action, assignment.status)
    ReportEvent.objects.create(
        assignment=assignment,
        action=action,
        from_status=assignment.status,
        to_status=to,
        by=by,
        at=at,
        version=version,
        remark=remark,
    )
    if assignment.status != to:
        assignment.status = to
        assignment.status_changed_at = at
        assignment.save(update_fields=["status", "status_changed_at"])


def submit_report(
    *,
    assignment: Assignment,
    by,
    summary: str,
    achieved_number: int | None,
    expected_version: int,
    at=None,
) -> ActionTakenReport:
    """File a report (pending/returned → reported) or edit a reported one (reported → reported)."""
    if not by.has_perm("campaigns.report_assignment", assignment):
        raise PermissionDenied(_("Only the responsible officer can report on this assignment."))
    summary = summary.strip()
    if not summary:
        raise WorkflowError(_("Say what was done: the report text is empty."))
    now = at or clock.now()
    with transaction.atomic(), set_actor(by):
        locked, report = _locked(assignment)
        if locked.status == Status.VERIFIED:
            raise _illegal(Action.SUBMIT, locked.status)
        _check_version(report, expected_version)
        action = Action.EDIT if locked.status == Status.REPORTED else Action.SUBMIT
        if report is None:
            report = ActionTakenReport.objects.create(
                assignment=locked,
                summary=summary,
                achieved_number=achieved_number,
                submitted_by=by,
                submitted_at=now,
            )
        else:
            report.summary, report.achieved_number = summary, achieved_number
            report.submitted_by, report.submitted_at = by, now
            report.version += 1
            report.save(
                update_fields=["summary", "achieved_number", "submitted_by", "submitted_at", "version", "updated_at"]
            )
        _move(locked, action, by, now, report.version)
    return report


def _review(
    *, assignment: Assignment, by, action: str, expected_version: int, remark: str = "", at=None
) -> ActionTakenReport:
    if not by.has_perm("campaigns.review_assignment", assignment):
        raise PermissionDenied(_("Only the state nodal officer or the department's nodal officer can review this."))
    now = at or clock.now()
    with transaction.atomic(), set_actor(by):
        locked, report = _locked(assignment)
        if report is None or locked.status not in TRANSITIONS[action][0]:
            raise _illegal(action, locked.status)
        _check_version(report, expected_version)
        report.reviewed_by, report.reviewed_at, report.remark = by, now, remark
        report.save(update_fields=["reviewed_by", "reviewed_at", "remark", "updated_at"])
        _move(locked, action, by, now, report.version, remark)
    return report


def verify_report(*, assignment: Assignment, by, expected_version: int, remark: str = "", at=None) -> ActionTakenReport:
    return _review(
        assignment=assignment,
        by=by,
        action=Action.VERIFY,
        expected_version=expected_version,
        remark=remark.strip(),
        at=at,
    )


def return_report(*, assignment: Assignment, by, remark: str, expected_version: int, at=None) -> ActionTakenReport:
    remark = remark.strip()
    if not remark:
        raise WorkflowError(_("Say why the report is returned: the remark is empty."))
    return _review(
        assignment=assignment, by=by, action=Action.RETURN, expected_version=expected_version, remark=remark, at=at
    )
