from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sajag.accounts import access
from sajag.activities.importing import ImportRefused
from sajag.bilingual import current_lang
from sajag.campaigns.access import current_campaign
from sajag.clock import today
from sajag.geo import boundaries

from . import actions, billfiles, ingest, model
from .charts import outcome_charts, reach_line
from .compute import assumptions_for, district_reach, reach_over_time
from .forms import AssumptionsForm
from .forms_extra import BillExportForm, OutcomeUploadForm, SurveyForm
from .labels import channel_label as _label
from .models import AssumptionValue, BillFile, BillIngestJob, RecallSurvey, Utility
from .outcomes import template_rows as outcome_template_rows


def _survey_view(row, survey):
    if survey is None:
        return None
    estimate = model.survey_estimate(sample=survey.sample_size, knew=survey.knew_1930, heard_via=survey.heard_via())
    calibration = model.calibrate(row.reach, estimate)
    return {
        "survey": survey,
        "estimate": estimate,
        "calibration": calibration,
        "why": calibration.hi if current_lang() == "hi" else calibration.en,
    }


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
            "steps": [(_label(s.channel), s.hi if current_lang() == "hi" else s.en, s.gain) for s in r.steps[:2]],
            "visits": r.visits.hi if current_lang() == "hi" else r.visits.en,
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
            "legend": model.reach_legend(),
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
    try:
        labels = boundaries.label_points()
    except (OSError, ValueError, KeyError):
        labels = {}
    return JsonResponse(
        {
            r.district.code: {
                "name": str(r.district),
                "combined": round(r.reach.combined, 4),
                "colour": model.reach_band(r.reach.combined)[0],
                "label": labels.get(r.district.code),
                "population": model.indian(r.reach.population),
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
    campaign = current_campaign()
    files = (
        BillFile.objects.filter(campaign=campaign, utility__in=utilities)
        .exclude(state=BillFile.State.DISCARDED)
        .select_related("utility", "counted_by", "decided_by")
        .annotate(consumers_total=Sum("counts__consumers"), district_count=Count("counts"))[:30]
        if campaign
        else []
    )
    return render(
        request,
        "reach/bill_upload.html",
        {"form": form, "jobs": jobs, "files": files, "example": BILL_TEMPLATE_ROWS},
    )


# The expected columns with a few example rows, shown before upload and offered as a file.
BILL_TEMPLATE_ROWS = [
    ["consumer_id", "district", "billing_cycle", "carried_1930"],
    ["K1020304056", "Jaipur", "2026-10", "yes"],
    ["K1020304057", "जयपुर", "2026-10", "yes"],
    ["K2030405061", "Kota", "2026-10", "no"],
]


@require_GET
@login_required
def bill_template(request: HttpRequest) -> HttpResponse:
    from sajag.activities.importing import write_csv

    if not access.may_ingest_bills(request.user):
        raise PermissionDenied(
            _("Bill exports are uploaded by the Energy or PHED nodal officer or the state nodal officer.")
        )
    response = HttpResponse(write_csv(BILL_TEMPLATE_ROWS), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sajag-bill-export-template.csv"'
    return response


@require_GET
@login_required
def bill_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.get_job_for_user(request.user, pk, kind="bills")
    template = "reach/_bill_job.html" if request.htmx else "reach/bill_job.html"
    preview = None
    if job.counted_id and not job.is_active:
        bill_file = job.counted
        rows = billfiles.rows(bill_file, today=today())
        preview = {
            "file": bill_file,
            "rows": rows,
            "may_decide": access.may_send_figures_for(request.user, bill_file.utility),
            "thin": any(r.thin for r in rows),
        }
    return render(request, template, {"job": job, "preview": preview})


@require_http_methods(["POST"])
@login_required
def bill_file_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Apply a preview (or restore an earlier file), withdraw the file in force, or discard a
    preview: one step each, audited."""
    bill_file = access.get_bill_file_for_user(request.user, pk)
    steps = {"apply": ingest.apply_file, "withdraw": ingest.withdraw_file, "discard": ingest.discard_file}
    if step not in steps:
        raise Http404(_("No such step."))
    if step == "apply" and request.POST.get("confirm_thin") != "1":
        thin = [r for r in billfiles.rows(bill_file) if r.thin]
        if thin:
            messages.error(
                request,
                _("Not applied: the file looks thin in %(districts)s. Check the marked districts and confirm.")
                % {"districts": ", ".join(str(r.district) for r in thin)},
            )
            return redirect("reach:bill-file", pk=bill_file.pk)
    had_one = BillFile.objects.filter(
        campaign=bill_file.campaign, utility=bill_file.utility, state=BillFile.State.APPLIED
    ).exists()
    changed = steps[step](bill_file, by=request.user)
    bill_file.refresh_from_db()
    names = {"file": bill_file.source_name, "utility": bill_file.utility, "state": bill_file.get_state_display()}
    if not changed:
        messages.error(request, _("Nothing changed: %(file)s is %(state)s.") % names)
        return redirect("reach:bill-upload")
    done = {
        "apply": (
            _("%(file)s is now in use for %(utility)s; the file before it can be restored below.")
            if had_one
            else _("%(file)s is now in use for %(utility)s.")
        ),
        "withdraw": _("%(file)s is withdrawn: %(utility)s's reach comes from its bill runs again."),
        "discard": _("%(file)s was discarded; nothing changed."),
    }
    messages.success(request, done[step] % names)
    return redirect("reach:bill-upload")


@require_GET
@login_required
def bill_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A counted file's preview, for every officer who sends its utility's figures (whoever
    uploaded it: a colleague, the state, or an integration whose thin file waits)."""
    counted = access.get_bill_file_for_user(request.user, pk)
    rows = billfiles.rows(counted, today=today())
    preview = {"file": counted, "rows": rows, "may_decide": True, "thin": any(r.thin for r in rows)}
    return render(request, "reach/bill_file.html", {"preview": preview})
