from __future__ import annotations

import json
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sajag import clock
from sajag.accounts import access
from sajag.campaigns.access import current_campaign
from sajag.campaigns.models import Assignment, Directive, Status
from sajag.geo import boundaries
from sajag.geo.models import District

from . import actions, importing, jobs
from .checks import evidence_warnings
from .evidence import EvidenceError
from .forms import FORMS, ImportForm, InfluencerForm, ReadingForm
from .models import BillRun, Hoarding, ImportJob, Influencer, OutreachMeeting, SocialPost

MODELS = {
    "hoardings": Hoarding,
    "social_media": SocialPost,
    "utility_bills": BillRun,
    "teacher_meetings": OutreachMeeting,
    "bank_trader_meetings": OutreachMeeting,
}
RECORD_MODELS = (Hoarding, SocialPost, BillRun, OutreachMeeting)


def _queued(request: HttpRequest) -> bool:
    """A record sent from the phone's offline queue: answer in JSON, not with a page."""
    return request.headers.get("X-Sajag-Queue") == "1"


@require_GET
@login_required
def field_home(request: HttpRequest) -> HttpResponse:
    access.require_posting(request.user)
    candidates = (
        Assignment.objects.filter(directive__meeting__campaign=current_campaign())
        .visible_to(request.user)
        .exclude(status=Status.VERIFIED)
        .select_related("directive", "district", "department")
        .order_by("due_on", "directive__number")
    )
    assignments = [a for a in candidates if access.may_add_record(request.user, a)]
    return render(request, "activities/field_home.html", {"assignments": assignments})


@require_http_methods(["GET", "POST"])
@login_required
def record_add(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = access.get_assignment_for_user(request.user, pk, write="add_record")
    channel = assignment.directive.channel
    form_class, model = FORMS.get(channel), MODELS.get(channel)
    if form_class is None:
        raise Http404(_("This directive's channel has no field form."))
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, assignment=assignment)
        if form.is_valid():
            response = _save_record(request, form, model, assignment)
            if response is not None:
                return response
        if _queued(request):
            return JsonResponse({"status": "invalid", "errors": form.errors.get_json_data()}, status=400)
    else:
        form = form_class(assignment=assignment, initial=_initial(channel))
    return render(request, "activities/record_form.html", {"form": form, "assignment": assignment, "channel": channel})


def _initial(channel: str) -> dict:
    today = clock.today()
    return {"installed_on": today, "held_on": today, "cycle": today.replace(day=1)}


def _save_record(request, form, model, assignment) -> HttpResponse | None:
    data = form.cleaned_data
    fields = {k: data[k] for k in form.Meta.fields if k in data}
    if model is BillRun:
        fields["department"] = assignment.department
    uploads = [actions.Upload(f.name, f.read()) for f in data.get("photos") or []]
    try:
        record = actions.add_record(
            model=model,
            assignment=assignment,
            by=request.user,
            fields=fields,
            uploads=uploads,
            client_id=data.get("client_id"),
        )
    except EvidenceError as exc:
        form.add_error("photos", str(exc))
        return None
    except actions.DuplicateRecord as exc:
        if _queued(request):
            return JsonResponse({"status": "duplicate", "id": exc.existing.pk})
        form.add_error(None, _("This record is already stored (%(record)s).") % {"record": exc.existing})
        return None
    if model is SocialPost and data.get("read_on"):
        actions.add_reading(
            post=record,
            by=request.user,
            read_on=data["read_on"],
            reach=data.get("reach"),
            impressions=data.get("impressions"),
            engagement=data.get("engagement"),
        )
    if _queued(request):
        return JsonResponse({"status": "created", "id": record.pk}, status=201)
    messages.success(request, _("Saved: %(record)s.") % {"record": record})
    return redirect("campaigns:assignment-detail", pk=assignment.pk)


@require_GET
@login_required
def assignment_records(request: HttpRequest, pk: int) -> HttpResponse:
    """The evidence panel shown beside a report (loaded into the assignment page)."""
    assignment = access.get_assignment_for_user(request.user, pk)
    campaign = assignment.directive.meeting.campaign
    records = []
    for model in RECORD_MODELS:
        related = ("evidence", "readings") if model is SocialPost else ("evidence",)
        for record in (
            model.objects.filter(assignment=assignment).select_related("created_by").prefetch_related(*related)
        ):
            items = [
                (
                    e,
                    evidence_warnings(
                        e, district=assignment.district, starts_on=campaign.starts_on, ends_on=campaign.ends_on
                    ),
                )
                for e in record.evidence.all()
            ]
            records.append((record, items))
    records.sort(key=lambda r: r[0].created_at, reverse=True)
    return render(
        request,
        "activities/_records.html",
        {
            "assignment": assignment,
            "records": records,
            "can_add": access.may_add_record(request.user, assignment),
        },
    )


@require_GET
@login_required
@cache_control(private=True, max_age=3600)
def evidence_file(request: HttpRequest, pk: int, variant: str) -> FileResponse:
    item = access.get_evidence_for_user(request.user, pk)
    field = {"original": item.file, "thumb": item.thumbnail, "public": item.public_copy}.get(variant)
    if not field:
        raise Http404(_("No such file in your area of work."))
    if variant == "original":
        # As uploaded: a PDF (which may carry JavaScript) or a photo Sajag did not re-encode is
        # downloaded, never rendered on Sajag's origin, named by what its content was found to be.
        name = f"{Path(item.original_name).stem or 'evidence'}{Path(item.file.name).suffix}"
        response = FileResponse(field.open("rb"), content_type=item.mime, as_attachment=True, filename=name)
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    else:  # a JPEG Sajag made itself: shown in the page
        response = FileResponse(field.open("rb"), content_type="image/jpeg")
        response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---- spreadsheet import ---------------------------------------------------------------


def _importable_directives(user):
    campaign = current_campaign()
    directives = Directive.objects.filter(meeting__campaign=campaign, channel__in=list(importing.CHANNEL_SCHEMA))
    return Directive.objects.filter(pk__in=[d.pk for d in access.importable_directives(user, list(directives))])


@require_http_methods(["GET", "POST"])
@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    directives = _importable_directives(request.user)
    if not directives.exists():
        raise PermissionDenied(_("You have no assignments to add records to."))
    form = ImportForm(request.POST or None, request.FILES or None, directives=directives)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = jobs.start_import(
            directive=form.cleaned_data["directive"],
            by=request.user,
            name=upload.name,
            data=upload.read(),
            options={"good_rows_now": form.cleaned_data["good_rows_now"]},
        )
        return redirect("activities:import-status", pk=job.pk)
    recent = ImportJob.objects.filter(created_by=request.user)[:10]
    channels = {importing.schema_for(d).channel for d in directives}
    schemas = [(key, label) for key, label in importing.SCHEMA_LABELS.items() if key in channels]
    return render(request, "activities/import.html", {"form": form, "recent": recent, "schemas": schemas})


@require_GET
@login_required
def import_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.get_job_for_user(request.user, pk, kind="import")
    template = "activities/_import_status.html" if request.htmx else "activities/import_status.html"
    return render(request, template, {"job": job})


@require_POST
@login_required
def import_again(request: HttpRequest, pk: int) -> HttpResponse:
    """The same file again with a fix the last run offered (swap coordinates, file meetings under
    their own directive, read the legacy font, store the good rows now): its starter only."""
    job = access.get_job_for_user(request.user, pk, kind="import", write=True)
    fix = request.POST.get("fix", "")
    if fix not in importing.OPTIONS or not any(o.get("fix") == fix for o in job.offers):
        messages.error(request, _("This import offered no such fix."))
        return redirect("activities:import-status", pk=job.pk)
    again = jobs.import_again(job, by=request.user, fix=fix)
    return redirect("activities:import-status", pk=again.pk)


@require_GET
@login_required
def import_errors(request: HttpRequest, pk: int) -> FileResponse:
    job = access.get_job_for_user(request.user, pk, kind="import")
    if not job.error_report:
        raise Http404(_("This import has no error report."))
    return FileResponse(job.error_report.open("rb"), as_attachment=True, filename=f"errors-{job.pk}.xlsx")


@require_GET
@login_required
def import_template(request: HttpRequest, channel: str, fmt: str) -> HttpResponse:
    access.require_posting(request.user)
    schema = importing.SCHEMAS.get(channel)
    if schema is None or fmt not in ("csv", "xlsx"):
        raise Http404(_("No such template."))
    rows = importing.template_rows(schema)
    if fmt == "csv":
        body, mime = importing.write_csv(rows), "text/csv; charset=utf-8"
    else:
        body, mime = (
            importing.write_xlsx(rows, title=channel),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response = HttpResponse(body, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="sajag-{channel}-template.{fmt}"'
    return response


# ---- map ------------------------------------------------------------------------------


@require_GET
@login_required
def map_page(request: HttpRequest) -> HttpResponse:
    access.require_posting(request.user)
    return render(
        request,
        "activities/map.html",
        {"attribution": boundaries.ATTRIBUTION, "statuses": Status.choices, "districts": District.objects.all()},
    )


@require_GET
@login_required
def map_points(request: HttpRequest) -> JsonResponse:
    """Hoardings and meetings with a location, within the user's scope, as GeoJSON."""
    access.require_posting(request.user)
    scope = access.scope_for(request.user)
    channel = request.GET.get("channel", "")
    status = request.GET.get("status", "")
    district = request.GET.get("district", "")
    features = []
    for model, kind in ((Hoarding, "hoarding"), (OutreachMeeting, "meeting")):
        if channel and channel != kind:
            continue
        qs = model.objects.filter(latitude__isnull=False).filter(
            scope.q("assignment__district", "assignment__department")
        )
        if status:
            qs = qs.filter(assignment__status=status)
        if district:
            qs = qs.filter(district__code=district)
        qs = qs.select_related("district", "assignment").prefetch_related("evidence")
        ctype = ContentType.objects.get_for_model(model)
        for r in qs:
            photo = next((e for e in r.evidence.all() if e.kind == "image" and e.content_type_id == ctype.pk), None)
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [float(r.longitude), float(r.latitude)]},
                    "properties": {
                        "kind": kind,
                        "title": str(r),
                        "district": str(r.district),
                        "status": r.assignment.status,
                        "url": reverse("campaigns:assignment-detail", args=[r.assignment_id]),
                        "thumb": reverse("activities:evidence-file", args=[photo.pk, "thumb"]) if photo else None,
                    },
                }
            )
    return JsonResponse({"type": "FeatureCollection", "features": features})


@require_GET
@cache_control(public=True, max_age=86400)
def district_boundaries(request: HttpRequest) -> HttpResponse:
    return HttpResponse(json.dumps(boundaries.geojson(), separators=(",", ":")), content_type="application/geo+json")


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    from django.contrib.staticfiles import finders

    path = finders.find("sajag/sw.js")
    with open(path, encoding="utf-8") as fh:
        body = fh.read()
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


# ---- influencers and readings ---------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def influencers(request: HttpRequest) -> HttpResponse:
    """The district's registry of local influencers; I&PR officers of the district add to it."""
    access.require_posting(request.user)
    visible = Influencer.objects.select_related("district").filter(access.scope_for(request.user).district_q())
    districts = actions.influencer_districts(request.user, campaign=current_campaign())
    can_add = districts.exists()
    if request.method == "POST" and not can_add:
        raise PermissionDenied(_("Only the district's I&PR officers register influencers."))
    form = InfluencerForm(request.POST or None, districts=districts)
    if request.method == "POST" and form.is_valid():
        actions.add_influencer(by=request.user, campaign=current_campaign(), fields=form.cleaned_data)
        messages.success(request, _("Influencer registered."))
        return redirect("activities:influencers")
    return render(request, "activities/influencers.html", {"influencers": visible, "form": form, "can_add": can_add})


@require_POST
@login_required
def reading_add(request: HttpRequest, pk: int) -> HttpResponse:
    post = access.get_record_for_user(request.user, SocialPost, pk, write=True)
    form = ReadingForm(request.POST)
    if form.is_valid():
        actions.add_reading(post=post, by=request.user, **form.cleaned_data)
        messages.success(request, _("Reading saved; earlier readings are kept."))
    else:
        messages.error(request, "; ".join(" ".join(errors) for errors in form.errors.values()))
    return redirect("campaigns:assignment-detail", pk=post.assignment_id)
