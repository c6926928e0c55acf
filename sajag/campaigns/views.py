from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sajag.accounts import access
from sajag.clock import today

from . import actions
from .access import current_campaign
from .clone import clone_campaign, side_by_side
from .dashboard import build_matrix, listing
from .forms import (
    STATUS_LABELS,
    CloneForm,
    CompareForm,
    DashboardFilterForm,
    ReportForm,
    ReturnForm,
    VerifyForm,
    filter_selects,
)
from .models import ActionTakenReport, Assignment, Campaign, Status


@require_GET
@login_required
def campaign_detail(request: HttpRequest) -> HttpResponse:
    access.require_posting(request.user)
    campaign = current_campaign()
    meetings = campaign.meetings.prefetch_related("directives__departments") if campaign else []
    return render(request, "campaigns/campaign_detail.html", {"campaign": campaign, "meetings": meetings})


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    access.require_posting(request.user)
    campaign = current_campaign()
    scope = access.scope_for(request.user)
    form = DashboardFilterForm(request.GET or None, campaign=campaign)
    filters = form.cleaned_data if form.is_valid() else {}
    matrix = None
    if campaign:
        matrix = build_matrix(
            campaign=campaign,
            scope=scope,
            today=today(),
            department=filters["department"].pk if filters.get("department") else None,
            district=filters["district"].pk if filters.get("district") else None,
            directive=filters["directive"].pk if filters.get("directive") else None,
            status=filters.get("status") or None,
        )
    as_list = scope.single_district is not None or bool(filters.get("district"))
    context = {
        "campaign": campaign,
        "matrix": matrix,
        "selects": filter_selects(form, hide={"district"} if scope.single_district is not None else set()),
        "status_labels": STATUS_LABELS,
        "single_district": scope.single_district is not None,
        "as_list": as_list,
        "listing": listing(matrix) if matrix and as_list else [],
        # Cells link to assignments by string concatenation: reverse() per cell is too slow
        # for a matrix of thousands of cells.
        "assignment_base": reverse("campaigns:assignment-detail", args=[0])[:-2],
    }
    template = "campaigns/_dashboard_body.html" if request.htmx else "campaigns/dashboard.html"
    return render(request, template, context)


def _history(assignment: Assignment, report: ActionTakenReport | None):
    entries = LogEntry.objects.get_for_object(assignment)
    if report is not None:
        entries = entries | LogEntry.objects.get_for_object(report)
    return entries.select_related("actor").order_by("-timestamp")[:50]


def _detail_context(request: HttpRequest, assignment: Assignment, **forms) -> dict:
    report = (
        ActionTakenReport.objects.select_related("submitted_by", "reviewed_by").filter(assignment=assignment).first()
    )
    user = request.user
    can_report = access.may_report(user, assignment) and assignment.status != Status.VERIFIED
    can_review = access.may_review(user, assignment) and assignment.status == Status.REPORTED
    version = report.version if report else 0
    if can_report and "report_form" not in forms:
        initial = {"version": version}
        if report:
            initial |= {"summary": report.summary, "achieved_number": report.achieved_number}
        forms["report_form"] = ReportForm(initial=initial)
    if can_review:
        forms.setdefault("verify_form", VerifyForm(initial={"version": version}))
        forms.setdefault("return_form", ReturnForm(initial={"version": version}))
    return {
        "assignment": assignment,
        "report": report,
        "events": assignment.events.select_related("by"),
        "history": _history(assignment, report),
        "shown_status": assignment.shown_status(today()),
        "status_labels": STATUS_LABELS,
        "can_report": can_report,
        "can_review": can_review,
        **forms,
    }


@require_GET
@login_required
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = access.get_assignment_for_user(request.user, pk)
    return render(request, "campaigns/assignment_detail.html", _detail_context(request, assignment))


def _run(request, assignment, form_name: str, form, action) -> HttpResponse:
    """Validate the form and run the action; on any refusal re-render with the user's input kept."""
    conflict = None
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except actions.EditConflict as exc:
            conflict = exc
            messages.error(request, str(exc))
        except actions.WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            return redirect("campaigns:assignment-detail", pk=assignment.pk)
    context = _detail_context(request, assignment, **{form_name: form})
    context["conflict"] = conflict
    if conflict is not None:
        # Keep the user's text, but let the next save start from the version now stored.
        data = form.data.copy()
        data["version"] = conflict.report.version
        context[form_name] = type(form)(data)
        context[form_name].is_valid()
    return render(request, "campaigns/assignment_detail.html", context, status=409 if conflict else 400)


@require_POST
@login_required
def assignment_report(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = access.get_assignment_for_user(request.user, pk, write="report")

    def act(data):
        actions.submit_report(
            assignment=assignment,
            by=request.user,
            summary=data["summary"],
            achieved_number=data["achieved_number"],
            expected_version=data["version"],
        )
        messages.success(request, _("Report saved. The reviewing officer can now see it."))

    return _run(request, assignment, "report_form", ReportForm(request.POST), act)


@require_POST
@login_required
def assignment_verify(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = access.get_assignment_for_user(request.user, pk, write="review")

    def act(data):
        actions.verify_report(
            assignment=assignment, by=request.user, expected_version=data["version"], remark=data["remark"]
        )
        messages.success(request, _("Report verified."))

    return _run(request, assignment, "verify_form", VerifyForm(request.POST), act)


@require_POST
@login_required
def assignment_return(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = access.get_assignment_for_user(request.user, pk, write="review")

    def act(data):
        actions.return_report(
            assignment=assignment, by=request.user, remark=data["remark"], expected_version=data["version"]
        )
        messages.success(request, _("Report returned with your remark."))

    return _run(request, assignment, "return_form", ReturnForm(request.POST), act)


@require_http_methods(["GET", "POST"])
@login_required
def campaign_clone(request: HttpRequest) -> HttpResponse:
    """The state nodal officer starts the next campaign from a finished one."""
    if not access.is_state_nodal(request.user):
        raise PermissionDenied(_("Only the state nodal officer starts a new campaign."))
    finished = Campaign.objects.filter(ends_on__lt=today()).order_by("-ends_on")
    form = CloneForm(request.POST or None, finished=finished)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new = clone_campaign(
            data["source"],
            slug=data["slug"],
            name_en=data["name_en"],
            name_hi=data["name_hi"],
            starts_on=data["starts_on"],
            by=request.user,
        )
        messages.success(
            request,
            _("%(name)s made from %(source)s: %(n)s assignments, due dates moved by %(days)s days.")
            % {
                "name": new.tr("name"),
                "source": data["source"].tr("name"),
                "n": Assignment.objects.filter(directive__meeting__campaign=new).count(),
                "days": (new.starts_on - data["source"].starts_on).days,
            },
        )
        return redirect(f"{reverse('campaigns:compare')}?a={new.slug}&b={data['source'].slug}")
    return render(
        request, "campaigns/clone.html", {"form": form, "finished": finished}, status=400 if form.errors else 200
    )


@require_GET
@login_required
def campaign_compare(request: HttpRequest) -> HttpResponse:
    """Two campaigns side by side: compliance and reach per district (within the user's scope)."""
    access.require_posting(request.user)
    campaigns = Campaign.objects.order_by("-starts_on")
    data = request.GET.copy()
    slugs = list(campaigns.values_list("slug", flat=True)[:2])
    if slugs:
        data.setdefault("a", slugs[0])
        data.setdefault("b", slugs[-1])
    form = CompareForm(data, campaigns=campaigns)
    rows = []
    if form.is_valid():
        rows = side_by_side(
            form.cleaned_data["a"], form.cleaned_data["b"], today=today(), scope=access.scope_for(request.user)
        )
    return render(
        request, "campaigns/compare.html", {"form": form, "rows": rows}, status=200 if form.is_valid() else 400
    )
