from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sajag.accounts.scope import scope_for
from sajag.bilingual import current_lang
from sajag.campaigns.access import current_campaign
from sajag.clock import today
from sajag.geo import boundaries

from . import actions, model
from .compute import assumptions_for, district_reach
from .forms import AssumptionsForm
from .models import AssumptionValue

CHANNEL_LABELS = {
    "bills": ("Bills", "बिल"),
    "hoardings": ("Hoardings", "होर्डिंग्स"),
    "social": ("Social media", "सोशल मीडिया"),
    "meetings": ("Meetings", "बैठकें"),
    "qr": ("QR / link visits", "क्यूआर / लिंक विज़िट"),
}


def _label(channel: str) -> str:
    en, hi = CHANNEL_LABELS.get(channel, (channel, channel))
    return en if current_lang() == "en" else hi


def _rows(request: HttpRequest):
    if not request.user.has_perm("campaigns.view_dashboard"):
        raise PermissionDenied(_("Your account has no active posting."))
    campaign = current_campaign()
    return campaign, (district_reach(campaign, today=today()) if campaign else [])


@require_GET
@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    campaign, rows = _rows(request)
    goal = (campaign.goal_reach_percent / 100) if campaign else 1.0
    rows = sorted(rows, key=lambda r: r.reach.combined)
    state_population = sum(r.reach.population for r in rows)
    state_reached = sum(r.reach.combined * r.reach.population for r in rows)
    table = [
        {
            "row": r,
            "channels": [(c, _label(c.channel), r.reach.shares[c.channel]) for c in r.reach.channels],
            "grow": (_label(r.grow[0]), r.grow[1]) if r.grow else None,
            "below_goal": r.reach.combined < goal,
        }
        for r in rows
    ]
    return render(
        request,
        "reach/coverage.html",
        {
            "campaign": campaign,
            "table": table,
            "goal": goal,
            "state_share": state_reached / state_population if state_population else 0,
            "state_population": state_population,
            "attribution": boundaries.ATTRIBUTION,
            "gaps": [t for t in table if t["below_goal"]][:10],
        },
    )


@require_GET
@login_required
def coverage_data(request: HttpRequest) -> JsonResponse:
    _campaign, rows = _rows(request)
    return JsonResponse(
        {
            r.district.code: {
                "name": str(r.district),
                "combined": round(r.reach.combined, 4),
                "lower": round(r.reach.lower, 4),
                "upper": round(r.reach.upper, 4),
                "estimated_population": r.estimated_population,
            }
            for r in rows
        }
    )


@require_http_methods(["GET", "POST"])
@login_required
def assumptions(request: HttpRequest) -> HttpResponse:
    if scope_for(request.user).is_empty:
        raise PermissionDenied(_("Your account has no active posting."))
    campaign = current_campaign()
    can_change = request.user.has_perm("reach.change_assumptions")
    form = AssumptionsForm(request.POST or None, current=assumptions_for(campaign), lang=current_lang())
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied(_("Only the state nodal officer changes the reach assumptions."))
        if form.is_valid():
            n = actions.set_assumptions(campaign=campaign, by=request.user, values=form.cleaned_data)
            messages.success(request, _("%(n)s assumptions changed; the reach is recomputed.") % {"n": n})
            return redirect("reach:assumptions")
    history = LogEntry.objects.get_for_objects(AssumptionValue.objects.filter(campaign=campaign)).select_related(
        "actor"
    )[:30]
    return render(
        request,
        "reach/assumptions.html",
        {"form": form, "can_change": can_change, "history": history, "defaults": model.DEFAULTS},
    )
