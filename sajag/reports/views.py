from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from sajag.accounts import access
from sajag.campaigns.access import current_campaign
from sajag.clock import today

from . import jobs
from .forms import BuildForm
from .models import Report


@require_http_methods(["GET", "POST"])
@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    access.require_posting(request.user)
    campaign = current_campaign()
    if campaign is None:
        raise Http404(_("There is no campaign yet."))
    state, districts = access.report_editions(request.user)
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
            n = len(built)
            messages.success(request, ngettext("%(n)s report queued.", "%(n)s reports queued.", n) % {"n": n})
            return redirect("reports:list")
    elif request.method == "POST":
        raise PermissionDenied(_("Only the state nodal officer and Collectors build review reports."))
    reports = access.visible_reports(request.user).filter(campaign=campaign)[:300]
    return render(
        request, "reports/list.html", {"form": form, "reports": reports}, status=400 if form and form.errors else 200
    )


@require_GET
@login_required
def report_row(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "reports/_row.html", {"report": access.get_report_for_user(request.user, pk)})


@require_GET
@login_required
def report_file(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    report = access.get_report_for_user(request.user, pk)
    stored = {"pdf": report.pdf, "xlsx": report.xlsx}.get(kind)
    if stored is None:
        raise Http404
    if report.state != Report.State.DONE or not stored:
        raise Http404(_("This report is not ready."))
    return FileResponse(stored.open("rb"), as_attachment=True, filename=f"{report.stem()}.{kind}")
