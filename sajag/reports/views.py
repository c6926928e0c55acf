from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sajag.accounts.scope import active_postings
from sajag.campaigns.access import current_campaign
from sajag.clock import today

from . import access, jobs
from .forms import BuildForm
from .models import Report


def _officer(request: HttpRequest) -> None:
    if not active_postings(request.user):
        raise PermissionDenied(_("Your account has no active posting."))


@require_http_methods(["GET", "POST"])
@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    _officer(request)
    campaign = current_campaign()
    if campaign is None:
        raise Http404(_("There is no campaign yet."))
    state, districts = access.buildable(request.user)
    form = None
    if state or districts.exists():
        initial = {"as_of": min(today(), campaign.ends_on), "language": "both"}
        form = BuildForm(request.POST or None, initial=initial, state=state, districts=districts, campaign=campaign)
        if request.method == "POST" and form.is_valid():
            built = jobs.queue(
                campaign,
                districts=form.targets(),
                languages=form.languages(),
                as_of=form.cleaned_data["as_of"],
                user=request.user,
            )
            messages.success(request, _("%(n)s reports queued.") % {"n": len(built)})
            return redirect("reports:list")
    elif request.method == "POST":
        raise PermissionDenied(_("Only the state nodal officer and Collectors build review reports."))
    reports = access.visible_reports(request.user).filter(campaign=campaign)[:300]
    return render(
        request, "reports/list.html", {"form": form, "reports": reports}, status=400 if form and form.errors else 200
    )


def _visible(request: HttpRequest, pk: int) -> Report:
    _officer(request)
    return get_object_or_404(access.visible_reports(request.user), pk=pk)


@require_GET
@login_required
def report_row(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "reports/_row.html", {"report": _visible(request, pk)})


@require_GET
@login_required
def report_file(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    report = _visible(request, pk)
    stored = {"pdf": report.pdf, "xlsx": report.xlsx}.get(kind)
    if stored is None:
        raise Http404
    if report.state != Report.State.DONE or not stored:
        raise Http404(_("This report is not ready."))
    return FileResponse(stored.open("rb"), as_attachment=True, filename=f"{report.stem()}.{kind}")
