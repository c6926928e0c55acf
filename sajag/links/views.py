from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sajag.accounts import access
from sajag.campaigns.access import current_campaign
from sajag.core.ratelimit import allow
from sajag.geo.models import District

from . import actions, qr
from .codes import normalise
from .forms import LinkForm
from .models import Channel, VisitDay
from .redirect import TOO_MANY_BODY, follow


@require_GET
def follow_link(request: HttpRequest, code: str) -> HttpResponse:
    """The redirect (the production server answers live codes before Django: redirect.FastPath)."""
    if not allow(request, "short-link", limit=settings.SAJAG_RATE_SHORT_LINKS):
        response = HttpResponse(TOO_MANY_BODY, status=429, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "60"
        return response
    location = follow(normalise(code), request.headers.get("User-Agent", ""), request.method)
    if location is None:
        return unknown_link(request)
    response = redirect(location)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def unknown_link(request: HttpRequest) -> HttpResponse:
    # Printed codes are read by people of any language: Hindi first, English one tap away.
    with translation.override("hi"):
        return render(request, "public/not_found.html", {"link": True}, status=404)


def visits_by(links, *, group: str) -> list[dict]:
    return list(
        VisitDay.objects.filter(link__in=links)
        .values(group)
        .annotate(people=Sum("people"), bots=Sum("bots"))
        .order_by("-people")
    )


@require_http_methods(["GET", "POST"])
@login_required
def link_list(request: HttpRequest) -> HttpResponse:
    access.require_posting(request.user)
    campaign = current_campaign()
    may_make = access.may_make_links(request.user) and campaign is not None
    if request.method == "POST" and not may_make:
        raise PermissionDenied(_("Only the state, department nodal officers and district officers make links."))
    form = None
    if may_make:
        districts = access.link_maker_districts(request.user)
        form = LinkForm(request.POST or None, campaign=campaign, districts=districts)
        if request.method == "POST" and form.is_valid():
            link = actions.create_link(campaign=campaign, by=request.user, **form.cleaned_data)
            messages.success(request, _("Short link %(code)s made.") % {"code": link.code})
            return redirect("links:detail", code=link.code)
    links = access.visible_links(request.user).filter(campaign=campaign)
    return render(
        request,
        "links/list.html",
        {"form": form, **_visits_tables(links)},
        status=400 if form is not None and form.errors else 200,
    )


def _visits_tables(links) -> dict:
    """Each link with its visits, and the visits by channel and by district."""
    totals = {
        row["link"]: row
        for row in VisitDay.objects.filter(link__in=links)
        .values("link")
        .annotate(people=Sum("people"), bots=Sum("bots"))
    }
    rows = [(link, totals.get(link.pk, {})) for link in links]
    channels = dict(Channel.choices)
    by_channel = [
        dict(row, label=channels.get(row["link__channel"], "")) for row in visits_by(links, group="link__channel")
    ]
    names = {d.pk: d.tr("name") for d in District.objects.all()}
    by_district = [
        dict(row, label=names.get(row["link__district"], _("Statewide")))
        for row in visits_by(links, group="link__district")
    ]
    return {"rows": rows, "by_channel": by_channel, "by_district": by_district}


@require_GET
@login_required
def link_detail(request: HttpRequest, code: str) -> HttpResponse:
    link = access.get_link_for_user(request.user, code)
    days = list(link.days.order_by("-day")[:60])
    return render(
        request,
        "links/detail.html",
        {
            "link": link,
            "url": qr.short_url(link.code),
            "svg": qr.svg(qr.short_url(link.code), scale=6, title=link.code),
            "days": days,
            "people": sum(d.people for d in days),
            "bots": sum(d.bots for d in days),
        },
    )


@require_GET
@login_required
def link_qr(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    link = access.get_link_for_user(request.user, code)
    url = qr.short_url(link.code)
    name = f"sajag-{link.code}"
    if kind == "svg":
        response = HttpResponse(qr.svg(url, scale=10, title=url), content_type="image/svg+xml")
    elif kind == "png":
        response = HttpResponse(qr.png(url, scale=12), content_type="image/png")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response
