"""The one door: who may see or do what, and every protected object fetched for a user.

Every view, API endpoint, job and download asks here; nothing else reads postings or works out
a scope. The rules are plain functions of the user's active postings and the object's district
and department; ``sajag/accounts/rules.py`` names them as django-rules permissions for
``has_perm`` and templates. The ``get_<thing>_for_user`` functions fetch one object and raise
``Http404`` when it is outside the user's scope (its existence is not revealed) and
``PermissionDenied`` (403) when it is in scope but the user's role may not do what they asked.
Deny by default: a user without an active posting gets 403 from every door, whatever they ask.

Accounts sits below every app (DESIGN.md): the models of the apps above are looked up by name
when a function runs, never imported here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from sajag.geo.models import District

from .models import Posting, Role
from .scope import active_postings, has_role, scope_for

AssignmentWrite = Literal["report", "review", "add_record"]
JobKind = Literal["import", "bills"]

# ---- postings and scope -----------------------------------------------------------------


def has_posting(user) -> bool:
    return bool(active_postings(user))


def require_posting(user) -> list[Posting]:
    """The user's active postings; 403 for a user without one (every officer page starts here)."""
    postings = active_postings(user)
    if not postings:
        raise PermissionDenied(_("Your account has no active posting. Ask the state nodal officer to add one."))
    return postings


def districts_for(user) -> QuerySet[District]:
    """The districts the user's scope reaches: all of them for statewide postings."""
    ids = scope_for(user).district_ids
    return District.objects.all() if ids is None else District.objects.filter(pk__in=ids)


def is_state_nodal(user) -> bool:
    return has_role(user, Role.STATE_NODAL)


def _model(label: str) -> type[Model]:
    return apps.get_model(label)


# ---- assignments ------------------------------------------------------------------------


def holder_keys(assignment) -> list[tuple[str, int | None, int | None]]:
    """The (role, department, district) of the postings that answer for an assignment: the
    district's Collector and SP for the joint directive, the department's nodal officer for
    statewide work, the department's district officer for a district's."""
    if assignment.department_id is None:
        return [(Role.COLLECTOR, None, assignment.district_id), (Role.SP, None, assignment.district_id)]
    if assignment.district_id is None:
        return [(Role.DEPT_NODAL, assignment.department_id, None)]
    return [(Role.DISTRICT_OFFICER, assignment.department_id, assignment.district_id)]


def holds_assignment(user, assignment) -> bool:
    keys = holder_keys(assignment)
    return any((p.role, p.department_id, p.district_id) in keys for p in active_postings(user))


def can_see_assignment(user, assignment) -> bool:
    return scope_for(user).covers(district_id=assignment.district_id, department_id=assignment.department_id)


def is_department_nodal_for(user, assignment) -> bool:
    """The nodal officer of the department of a district's department assignment."""
    if assignment.department_id is None or assignment.district_id is None:
        return False
    return any(p.role == Role.DEPT_NODAL and p.department_id == assignment.department_id for p in active_postings(user))


def is_field_staff_for(user, assignment) -> bool:
    if assignment.district_id is None:
        return False
    return any(
        p.role == Role.FIELD_STAFF
        and p.district_id == assignment.district_id
        and (p.department_id is None or p.department_id == assignment.department_id)
        for p in active_postings(user)
    )


def may_report(user, assignment) -> bool:
    return holds_assignment(user, assignment)


def may_review(user, assignment) -> bool:
    """The state or the department's nodal officer, never on their own unit's report."""
    reviewer = is_state_nodal(user) or is_department_nodal_for(user, assignment)
    return reviewer and not holds_assignment(user, assignment)


def importable_directives(user, directives) -> list:
    """The directives whose records the user may import: those with an assignment they may add
    records to (one query for all the directives' assignments)."""
    assignments = (
        _model("campaigns.Assignment")
        .objects.filter(directive__in=directives)
        .select_related("directive", "district", "department")
    )
    open_to = {a.directive_id for a in assignments if may_add_record(user, a)}
    return [d for d in directives if d.pk in open_to]


def may_add_record(user, assignment) -> bool:
    """Channel records go to open assignments, from their holders, the district's field staff,
    and the department's nodal officer (a utility's spreadsheet covers all its districts)."""
    if assignment.is_verified:
        return False
    return (
        holds_assignment(user, assignment)
        or is_field_staff_for(user, assignment)
        or is_department_nodal_for(user, assignment)
    )


ASSIGNMENT_WRITES = {"report": may_report, "review": may_review, "add_record": may_add_record}


def get_assignment_for_user(user, pk: int, *, write: AssignmentWrite | None = None):
    """The assignment (with its directive, meeting, campaign, department and district); 404
    outside the scope; 403 when `write` ("report", "review", "add_record") is not the user's."""
    require_posting(user)
    assignment = (
        _model("campaigns.Assignment")
        .objects.select_related("directive__meeting__campaign", "department", "district")
        .filter(pk=pk)
        .first()
    )
    if assignment is None or not can_see_assignment(user, assignment):
        raise Http404(_("No such assignment in your area of work."))
    if write is not None and not ASSIGNMENT_WRITES[write](user, assignment):
        raise PermissionDenied(_("You can see this assignment but not do that."))
    return assignment


# ---- field records and their evidence ---------------------------------------------------


def _record_access(user, record, write: bool, missing: str):
    if record is None or not can_see_assignment(user, record.assignment):
        raise Http404(missing)
    if write and not may_add_record(user, record.assignment):
        raise PermissionDenied(_("You cannot add records to this assignment."))
    return record


def get_record_for_user(user, model: type[Model], pk: int, *, write: bool = False):
    """A channel record (hoarding, social post, bill run, meeting) by its model; `write`: may
    add to it (readings, evidence)."""
    require_posting(user)
    record = model.objects.select_related("assignment", "district").filter(pk=pk).first()
    return _record_access(user, record, write, _("No such record in your area of work."))


def get_evidence_for_user(user, pk: int, *, write: bool = False):
    """An evidence file, seen by whoever sees its record's assignment."""
    require_posting(user)
    item = _model("activities.Evidence").objects.select_related("content_type").filter(pk=pk).first()
    record = item.record if item is not None else None
    _record_access(user, record, write, _("No such file in your area of work."))
    return item


def record_districts(user, *, campaign, channel: str) -> QuerySet[District]:
    """Districts whose assignment of the campaign on `channel` the user may add records to
    (e.g. the districts whose influencers they register)."""
    assignments = (
        _model("campaigns.Assignment")
        .objects.filter(directive__meeting__campaign=campaign, directive__channel=channel)
        .visible_to(user)
    )
    return District.objects.filter(pk__in=[a.district_id for a in assignments if may_add_record(user, a)])


# ---- short links and materials ----------------------------------------------------------

LINK_MAKERS = {Role.STATE_NODAL, Role.DEPT_NODAL, Role.COLLECTOR, Role.DISTRICT_OFFICER}
STATEWIDE_MAKERS = {Role.STATE_NODAL, Role.DEPT_NODAL}


def link_maker_districts(user) -> frozenset[int] | None:
    """The districts the user makes links (and kits, which make links) for: ``None`` means
    every district and statewide links too (the state and the departments' nodal officers)."""
    postings = [p for p in active_postings(user) if p.role in LINK_MAKERS]
    if any(p.role in STATEWIDE_MAKERS for p in postings):
        return None
    return frozenset(p.district_id for p in postings)


def may_make_link_for(user, district) -> bool:
    """A link for this district (``None``: statewide): its makers, or the statewide ones."""
    makes = link_maker_districts(user)
    return has_posting(user) and (makes is None or (district is not None and district.pk in makes))


def may_make_links(user) -> bool:
    districts = link_maker_districts(user)
    return districts is None or bool(districts)


def makes_statewide_materials(user) -> bool:
    """Links and materials with no district: the state and the departments' nodal officers."""
    return has_posting(user) and link_maker_districts(user) is None


def visible_links(user) -> QuerySet:
    """Statewide postings see every link; a district's officers their districts' links."""
    links = _model("links.ShortLink").objects.select_related("district", "campaign")
    return links.filter(scope_for(user).district_q())


def get_link_for_user(user, code: str, *, write: bool = False):
    """A link by its code; `write`: may change it (a maker for its district)."""
    require_posting(user)
    link = visible_links(user).filter(code=code).first()
    if link is None:
        raise Http404(_("No such link in your area of work."))
    makes = link_maker_districts(user)
    if write and not (makes is None or link.district_id in makes):
        raise PermissionDenied(_("Only the state, department nodal officers and district officers make links."))
    return link


def kit_districts(user) -> QuerySet[District]:
    """Districts the user may build kits for (a kit makes short links): the link makers'."""
    districts = link_maker_districts(user)
    return District.objects.all() if districts is None else District.objects.filter(pk__in=districts)


def builds_all_kits(user) -> bool:
    """All 41 kits at once: the state nodal officer."""
    return is_state_nodal(user)


def visible_kits(user) -> QuerySet:
    return _model("materials.KitBuild").objects.select_related("district").filter(scope_for(user).district_q())


def get_kit_for_user(user, pk: int, *, write: bool = False):
    """A district kit, seen by everyone whose scope covers the district; `write` (build it
    again, remove it): the kit makers of the district."""
    require_posting(user)
    kit = visible_kits(user).filter(pk=pk).first()
    if kit is None:
        raise Http404(_("No such kit in your area of work."))
    if write and not kit_districts(user).filter(pk=kit.district_id).exists():
        raise PermissionDenied(_("Only the state, department nodal officers and district officers build kits."))
    return kit


# ---- review reports ---------------------------------------------------------------------


def report_editions(user) -> tuple[bool, QuerySet[District]]:
    """(may build the state edition, districts whose edition they may build): the state nodal
    officer every edition, a Collector their district's."""
    postings = active_postings(user)
    if any(p.role == Role.STATE_NODAL for p in postings):
        return True, District.objects.all()
    return False, District.objects.filter(pk__in={p.district_id for p in postings if p.role == Role.COLLECTOR})


def visible_reports(user) -> QuerySet:
    """The state edition for statewide eyes; a district's edition for everyone whose scope
    covers the district."""
    reports = _model("reports.Report").objects.select_related("district", "created_by")
    return reports.filter(scope_for(user).district_q())


def get_report_for_user(user, pk: int, *, write: bool = False):
    """A review report; `write` (build again, remove): who may build that edition."""
    require_posting(user)
    report = visible_reports(user).filter(pk=pk).first()
    if report is None:
        raise Http404(_("No such report in your area of work."))
    state, districts = report_editions(user)
    if write and not (state or (report.district_id and districts.filter(pk=report.district_id).exists())):
        raise PermissionDenied(_("Only the state nodal officer and Collectors build review reports."))
    return report


# ---- background jobs --------------------------------------------------------------------

JOB_MODELS = {"import": "activities.ImportJob", "bills": "reach.BillIngestJob"}


def can_see_job(user, job) -> bool:
    """A job is its starter's; statewide eyes (the state, a statewide viewer) see every job."""
    return job.created_by_id == user.pk or scope_for(user).everything


def get_job_for_user(user, pk: int, *, kind: JobKind, write: bool = False):
    """A spreadsheet import (``kind="import"``) or a consumer-level bill file (``"bills"``);
    `write` (cancel, retry): its starter only."""
    require_posting(user)
    job = _model(JOB_MODELS[kind]).objects.filter(pk=pk).first()
    if job is None or not can_see_job(user, job):
        raise Http404(_("No such job in your area of work."))
    if write and job.created_by_id != user.pk:
        raise PermissionDenied(_("Only the officer who started this job can change it."))
    return job


# ---- reach ------------------------------------------------------------------------------

BILL_DEPARTMENTS = ("energy", "phed")


def bill_departments(user) -> list[str]:
    """The departments whose consumer-level bill files the user sends: both for the state nodal
    officer; their own for the Energy or PHED nodal officer; none for anyone else."""
    codes: set[str] = set()
    for p in active_postings(user):
        if p.role == Role.STATE_NODAL:
            codes.update(BILL_DEPARTMENTS)
        elif p.role == Role.DEPT_NODAL and p.department and p.department.code in BILL_DEPARTMENTS:
            codes.add(p.department.code)
    return sorted(codes)


def may_ingest_bills(user) -> bool:
    return bool(bill_departments(user))


class UnknownUtility(ValueError):
    """No utility has the name given; the message names the ones the user sends figures for."""


def may_send_figures_for(user, utility, *, assignment=None) -> bool:
    """A utility's bill figures come from its own department alone, so that one department
    never replaces another's: a bill run goes to an assignment of the utility's department
    (who may add records to it is ``may_add_record``'s rule); consumer-level counts come from
    the nodal officer (or a department-wide token) of the utility's department, or the state
    nodal officer."""
    if assignment is not None:
        return assignment.department_id == utility.department_id
    return utility.department.code in bill_departments(user)


def sendable_utilities(user, *, assignment=None) -> QuerySet:
    """The utilities whose figures the user sends (for a bill run: to `assignment`)."""
    utilities = _model("reach.Utility").objects.select_related("department").order_by("department__code", "name")
    if assignment is not None:
        return utilities.filter(department_id=assignment.department_id)
    return utilities.filter(department__code__in=bill_departments(user))


def get_utility_for_user(user, name: str, *, assignment=None):
    """The utility a name means, compared as ``Utility.key`` ("JVVNL", " jvvnl " are one), for
    sending its figures: ``UnknownUtility`` naming the user's own utilities when no utility
    has that name; ``PermissionDenied`` when it is another department's."""
    utility = _model("reach.Utility").objects.select_related("department").named(name).first()
    if utility is None:
        values = {
            "name": " ".join(name.split()),
            "utilities": ", ".join(u.name for u in sendable_utilities(user, assignment=assignment)) or "—",
        }
        raise UnknownUtility(
            _shown(lambda: _("There is no utility called “%(name)s”. Name one of yours: %(utilities)s.") % values)
        )
    require_figures_for(user, utility, assignment=assignment)
    return utility


def get_bill_file_for_user(user, pk: int):
    """A counted bill file, for the officers who send its utility's figures (404 for others:
    another department's files are not theirs to see)."""
    require_posting(user)
    bill_file = _model("reach.BillFile").objects.select_related("utility__department", "campaign").filter(pk=pk).first()
    if bill_file is None or not may_send_figures_for(user, bill_file.utility):
        raise Http404(_("No such bill file among your department's."))
    return bill_file


def require_figures_for(user, utility, *, assignment=None) -> None:
    """``PermissionDenied``, saying whose the utility is, unless the user sends its figures."""
    if not may_send_figures_for(user, utility, assignment=assignment):
        raise PermissionDenied(
            _shown(
                lambda: (
                    _(
                        "%(utility)s is a utility of the %(department)s department: only that department sends "
                        "its bill figures. Nothing was changed."
                    )
                    % {"utility": utility.name, "department": utility.department.abbr}
                )
            )
        )


def _shown(make: Callable[[], str]) -> str:
    """A message written when it is shown, in the language active then: a page shows the
    officer's language, the API both (``sajag.api.api.in_both_languages``)."""
    return lazy(make, str)()


def may_record_surveys(user) -> bool:
    """The state, or a district-level posting (Collector, SP, district officer)."""
    return has_role(user, Role.STATE_NODAL, Role.COLLECTOR, Role.SP, Role.DISTRICT_OFFICER)


def may_upload_outcomes(user) -> bool:
    """The weekly 1930 figures: the Police's nodal officer (ADGP cyber) or the state."""
    return any(
        p.role == Role.STATE_NODAL or (p.role == Role.DEPT_NODAL and p.department and p.department.code == "police")
        for p in active_postings(user)
    )


# ---- what citizens shared ---------------------------------------------------------------


def visible_shared_messages(user) -> QuerySet:
    """Texts citizens shared from the scam check: the state nodal officer, the Police's nodal
    officer (cybercrime) and the statewide viewer see them all; a district's officers their
    districts' own; other departments' nodal officers none. Nobody without a posting."""
    messages = _model("public.SharedMessage").objects.select_related("district")
    if not has_posting(user):
        return messages.none()
    postings = active_postings(user)
    if may_upload_outcomes(user) or any(p.role == Role.VIEWER and p.district_id is None for p in postings):
        return messages  # the state, the Police's nodal officer, the statewide viewer
    districts = {p.district_id for p in postings if p.district_id is not None}
    return messages.filter(district_id__in=districts)


def get_shared_message_for_user(user, pk: int, *, write: bool = False):
    """One shared message; `write` (remove it): the state nodal officer."""
    require_posting(user)
    message = visible_shared_messages(user).filter(pk=pk).first()
    if message is None:
        raise Http404(_("No such message in your area of work."))
    if write and not is_state_nodal(user):
        raise PermissionDenied(_("Only the state nodal officer removes shared messages."))
    return message
