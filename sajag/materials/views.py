from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from sajag.accounts import access
from sajag.accounts.access import districts_for, is_state_nodal, makes_statewide_materials, require_posting
from sajag.campaigns.access import current_campaign
from sajag.core.printer import PrinterUnavailable, chromium_path

from . import actions, jobs
from .catalog import LANGS, Studio, channels, export
from .forms import KitForm, MessageForm, StudioForm
from .guards import Blocked
from .models import KitBuild, Topic

FORMATS = {"txt", "pdf", "png"}


def _studio_user(request: HttpRequest) -> None:
    require_posting(request.user)


def _campaign():
    campaign = current_campaign()
    if campaign is None:
        raise Http404(_("There is no campaign yet."))
    return campaign


@require_http_methods(["GET", "POST"])
@login_required
def studio(request: HttpRequest) -> HttpResponse:
    """The assets of a topic, language and district. A GET only shows them (with the short links
    made before, a placeholder for the rest); a link maker's POST to the same address makes the
    missing short links, then shows the page again."""
    _studio_user(request)
    campaign = _campaign()
    districts = districts_for(request.user)
    statewide = makes_statewide_materials(request.user)
    specs = channels()
    data = request.GET.copy()
    data.setdefault("topic", Topic.objects.values_list("slug", flat=True).first() or "")
    data.setdefault("lang", "hi" if request.LANGUAGE_CODE == "hi" else "en")
    if not statewide and "district" not in data and districts.exists():
        data["district"] = districts.order_by("name_en").first().code  # their own, or the first
    form = StudioForm(data, districts=districts, statewide=statewide, channels=specs)
    assets = []
    may_make = False
    if form.is_valid():
        topic, lang, district = form.cleaned_data["topic"], form.cleaned_data["lang"], form.cleaned_data["district"]
        may_make = access.may_make_link_for(request.user, district)
        if request.method == "POST":
            if not may_make:
                raise PermissionDenied(_("Only the state, department nodal officers and district officers make links."))
            maker = Studio(campaign, user=request.user, make_links=True)
        else:
            maker = Studio(campaign, user=request.user)
        keys = [form.cleaned_data["channel"]] if form.cleaned_data["channel"] else None
        site = form.cleaned_data["site"].strip()
        assets = [(maker.spec(a.channel), a) for a in maker.assets(topic, lang, district, keys, site=site)]
        if request.method == "POST":
            made = sum(1 for _spec, a in assets if a.link)
            messages.success(
                request,
                ngettext("%(n)s short link is ready to print.", "%(n)s short links are ready to print.", made)
                % {"n": made},
            )
            return redirect(request.get_full_path())
    return render(
        request,
        "materials/studio.html",
        {
            "form": form,
            "assets": assets,
            "unlinked": sum(1 for _spec, a in assets if a.preview_only),
            "may_make_links": may_make,
            "site_query": urlencode({"site": form.cleaned_data["site"].strip()})
            if form.is_valid() and form.cleaned_data["site"].strip()
            else "",
            "district_code": form.cleaned_data["district"].code
            if form.is_valid() and form.cleaned_data["district"]
            else "state",
            "printer": chromium_path() is not None,
        },
        status=200 if form.is_valid() else 400,
    )


@require_GET
@login_required
def asset_file(request: HttpRequest, key: str, topic: str, lang: str, district: str, fmt: str) -> HttpResponse:
    """One asset as a file: text, PDF or PNG (``?inline=1`` shows a PNG instead of saving it)."""
    _studio_user(request)
    campaign = _campaign()
    if fmt not in FORMATS or lang not in LANGS:
        raise Http404
    if district == "state":
        if not makes_statewide_materials(request.user):
            raise PermissionDenied(_("Only the state and department nodal officers make statewide materials."))
        place = None
    else:
        place = districts_for(request.user).filter(code=district).first()
        if place is None:
            raise PermissionDenied(_("This district is outside your posting."))
    maker = Studio(campaign, user=request.user)
    if key not in maker.specs:
        raise Http404
    the_topic = get_object_or_404(Topic, slug=topic) if maker.spec(key).per_topic else None
    site = request.GET.get("site", "").strip()[:80]
    asset = maker.asset(key, the_topic, lang, place, site=site)
    inline = request.GET.get("inline") == "1"
    try:
        data, content_type = export(asset, fmt, preview=inline and fmt == "png")
    except Blocked:
        query = {"topic": topic, "lang": lang, "channel": key, "district": district if place else "", "site": site}
        studio_query = urlencode({k: v for k, v in query.items() if v})
        return render(
            request,
            "materials/blocked.html",
            {
                "asset": asset,
                "studio_query": studio_query,
                "may_make_links": access.may_make_link_for(request.user, place),
            },
            status=409,
        )
    except PrinterUnavailable as exc:
        return render(request, "materials/blocked.html", {"asset": asset, "printer": str(exc)}, status=503)
    except ValueError as exc:
        raise Http404 from exc
    response = HttpResponse(data, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{asset.name}.{fmt}"'
    response["Cache-Control"] = "private, max-age=60"
    return response


@require_GET
@login_required
def topic_list(request: HttpRequest) -> HttpResponse:
    _studio_user(request)
    topics = Topic.objects.prefetch_related("versions").annotate(latest=Max("versions__created_at"))
    return render(request, "materials/topics.html", {"topics": topics})


@require_http_methods(["GET", "POST"])
@login_required
def topic_edit(request: HttpRequest, slug: str) -> HttpResponse:
    require_posting(request.user)
    topic = get_object_or_404(Topic, slug=slug)
    can_edit = is_state_nodal(request.user)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied(_("Only the state nodal officer changes what the campaign says."))
    form = MessageForm(request.POST or None, initial=_initial(topic.current))
    if request.method == "POST" and form.is_valid():
        try:
            version = actions.create_topic_version(
                topic=topic, campaign=_campaign(), by=request.user, fields=form.cleaned_data
            )
        except actions.WordingRefused as exc:
            for problem in exc.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, _("Version %(n)s saved.") % {"n": version.number})
            return redirect("materials:topic", slug=topic.slug)
    return render(
        request,
        "materials/topic.html",
        {"topic": topic, "form": form, "can_edit": can_edit, "versions": topic.versions.select_related("created_by")},
        status=400 if form.errors else 200,
    )


def _initial(version) -> dict:
    if version is None:
        return {}
    fields = MessageForm.Meta.fields
    return {name: getattr(version, name) for name in fields if name != "note"}


@require_http_methods(["GET", "POST"])
@login_required
def kit_list(request: HttpRequest) -> HttpResponse:
    _studio_user(request)
    campaign = _campaign()
    districts = access.kit_districts(request.user)
    all_allowed = access.builds_all_kits(request.user)
    form = None
    if districts.exists():
        form = KitForm(request.POST or None, districts=districts, all_allowed=all_allowed)
        if request.method == "POST" and form.is_valid():
            chosen = form.cleaned_data["district"]
            targets = [chosen] if chosen else list(districts.order_by("name_en"))
            n = len(jobs.queue(campaign, targets, request.user))
            messages.success(request, ngettext("%(n)s kit queued.", "%(n)s kits queued.", n) % {"n": n})
            return redirect("materials:kits")
    elif request.method == "POST":
        raise PermissionDenied(_("Only the state, department nodal officers and district officers build kits."))
    kits = access.visible_kits(request.user).filter(campaign=campaign)
    return render(
        request,
        "materials/kits.html",
        {"form": form, "kits": kits[:200], "printer": chromium_path() is not None},
        status=400 if form is not None and form.errors else 200,
    )


@require_GET
@login_required
def kit_status(request: HttpRequest, pk: int) -> HttpResponse:
    kit = access.get_kit_for_user(request.user, pk)
    return render(request, "materials/_kit_row.html", {"kit": kit})


@require_GET
@login_required
def kit_download(request: HttpRequest, pk: int) -> FileResponse:
    kit = access.get_kit_for_user(request.user, pk)
    if kit.state != KitBuild.State.DONE or not kit.file:
        raise Http404(_("This kit is not ready."))
    return FileResponse(kit.file.open("rb"), as_attachment=True, filename=kit.file.name.rsplit("/", 1)[-1])
