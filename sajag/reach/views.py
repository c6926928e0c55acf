from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sajag.accounts import access
from sajag.activities.importing import ImportRefused
from sajag.bilingual import current_lang
from sajag.campaigns.access import current_campaign
from sajag.clock import today
from sajag.geo import boundaries

from . import actions, model
from .charts import outcome_charts, reach_line
from .compute import assumptions_for, district_reach, reach_over_time
from .forms import AssumptionsForm
from .forms_extra import BillExportForm, OutcomeUploadForm, SurveyForm
from .labels import channel_label as _label
from .models import AssumptionValue, BillIngestJob, RecallSurvey, Utility
from .outcomes import template_rows as outcome_template_rows


def _survey_view(row, survey):
    if survey is None:
        return None
    estimate = model.survey_estimate(sample=survey.sample_size, knew=survey.knew_1930, heard_via=survey.heard_via())
    return {"survey": survey, "estimate": estimate, "corrected": model.corrected(row.reach, estimate)}


def _rows(request: HttpRequest):
    access.require_posting(request.user)
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
    latest_survey = {}
    for s in RecallSurvey.objects.filter(campaign=campaign).order_by("conducted_on") if campaign else []:
        latest_survey[s.district_id] = s  # the latest per district wins
    table = [
        {
            "row": r,
            "survey": _survey_view(r, latest_survey.get(r.district.pk)),
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
            "over_time": _over_time(campaign, goal),
        },
    )


def _over_time(campaign, goal: float) -> dict | None:
    if campaign is None:
        return None
    series = [(day, share) for day, share, _by_district in reach_over_time(campaign, today=today())]
    if not series:
        return None
    return {"svg": reach_line(series, goal=goal), "rows": series}


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
    access.require_posting(request.user)
    campaign = current_campaign()
    can_change = access.is_state_nodal(request.user)
    if request.method == "POST" and not can_change:
        raise PermissionDenied(_("Only the state nodal officer changes the reach assumptions."))
    form = AssumptionsForm(request.POST or None, current=assumptions_for(campaign), lang=current_lang())
    if request.method == "POST" and form.is_valid():
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


# ---- recall surveys and outcome signals ------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def surveys(request: HttpRequest) -> HttpResponse:
    access.require_posting(request.user)
    campaign = current_campaign()
    can_add = access.may_record_surveys(request.user)
    if request.method == "POST" and not can_add:
        raise PermissionDenied(_("Surveys are recorded by district officers and the state nodal officer."))
    districts = access.districts_for(request.user)
    form = SurveyForm(request.POST or None, districts=districts)
    if request.method == "POST" and form.is_valid():
        actions.record_survey(campaign=campaign, by=request.user, fields=form.cleaned_data)
        messages.success(request, _("Survey recorded."))
        return redirect("reach:surveys")
    rows = []
    for s in RecallSurvey.objects.filter(campaign=campaign, district__in=districts).select_related("district"):
        rows.append((s, model.survey_estimate(sample=s.sample_size, knew=s.knew_1930, heard_via=s.heard_via())))
    return render(request, "reach/surveys.html", {"form": form, "can_add": can_add, "rows": rows})


@require_http_methods(["GET", "POST"])
@login_required
def outcomes(request: HttpRequest) -> HttpResponse:
    access.require_posting(request.user)
    can_upload = access.may_upload_outcomes(request.user)
    if request.method == "POST" and not can_upload:
        raise PermissionDenied(_("Weekly figures are uploaded by the Police (ADGP cyber) or the state nodal officer."))
    form = OutcomeUploadForm(request.POST or None, request.FILES or None)
    errors: list = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            stored, errors = actions.upload_outcomes(by=request.user, name=upload.name, data=upload.read())
        except ImportRefused as exc:
            form.add_error("file", str(exc))
        else:
            if not errors:
                messages.success(request, _("%(n)s weeks stored.") % {"n": stored})
                return redirect("reach:outcomes")
    campaign = current_campaign()
    charts = outcome_charts(campaign, access.districts_for(request.user)) if campaign else []
    return render(
        request, "reach/outcomes.html", {"form": form, "errors": errors, "can_upload": can_upload, "charts": charts}
    )


@require_GET
@login_required
def outcome_template(request: HttpRequest) -> HttpResponse:
    from sajag.activities.importing import write_csv

    access.require_posting(request.user)
    response = HttpResponse(write_csv(outcome_template_rows()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sajag-outcomes-template.csv"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def bill_upload(request: HttpRequest) -> HttpResponse:
    if not access.may_ingest_bills(request.user):
        raise PermissionDenied(
            _("Bill exports are uploaded by the Energy or PHED nodal officer or the state nodal officer.")
        )
    Utility.objects.ensure_known()
    utilities = access.sendable_utilities(request.user)
    form = BillExportForm(request.POST or None, request.FILES or None, utilities=utilities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = actions.submit_bill_file(
            campaign=current_campaign(),
            by=request.user,
            utility=data["utility"],
            upload=data["file"],
            language=request.LANGUAGE_CODE,
        )
        return redirect("reach:bill-job", pk=job.pk)
    jobs = BillIngestJob.objects.filter(created_by=request.user).select_related("utility")[:10]
    return render(request, "reach/bill_upload.html", {"form": form, "jobs": jobs})


@require_GET
@login_required
def bill_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.get_job_for_user(request.user, pk, kind="bills")
    template = "reach/_bill_job.html" if request.htmx else "reach/bill_job.html"
    return render(request, template, {"job": job})
