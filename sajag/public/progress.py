"""The public progress page: reach and activity per district, plain numbers, no officer names."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Sum

from sajag.activities.models import BillRun, Hoarding, OutreachMeeting, SocialPost
from sajag.clock import today
from sajag.geo import boundaries
from sajag.links.models import VisitDay
from sajag.reach.compute import district_reach
from sajag.reach.model import reach_band, reach_legend

log = logging.getLogger(__name__)

# The reach bands are the officers' map's too (reach.model.REACH_BANDS): one legend everywhere.
shade = reach_band


# Bumped whenever a record behind the figures is saved or deleted (apps.py): the next visitor
# gets figures computed afresh. Changes that send no signal (bulk imports, the visit counter's
# flush) show when the cached figures expire, after SAJAG_PUBLIC_CACHE_SECONDS.
VERSION_KEY = "progress:version"


def figures_changed(**_kwargs) -> None:
    """A record behind the figures was saved or deleted: once its transaction commits (a reader
    before then would compute the old figures again), the next visitor's are computed afresh."""
    transaction.on_commit(_bump_version)


def _bump_version() -> None:
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # not there yet (or evicted)
            cache.set(VERSION_KEY, 1, None)
    except Exception:  # the cache unreachable: the figures expire on their own; the record is saved
        log.warning("progress figures: could not mark them changed", exc_info=True)


def cached_progress(campaign, *, lang: str) -> dict:
    """district_progress for the page, computed at most once a minute per language and at once
    after a record changes: the same figures for every visitor, from the app's shared cache."""
    if campaign is None:
        return district_progress(None, lang=lang)
    key = f"progress:{campaign.pk}:{lang}:{today().isoformat()}:{cache.get(VERSION_KEY, 0)}"
    found = cache.get(key)
    if found is None:
        found = district_progress(campaign, lang=lang)
        cache.set(key, found, settings.SAJAG_PUBLIC_CACHE_SECONDS)
    return found


def _counts(queryset, value=None) -> dict[int, int]:
    annotated = queryset.values("district").annotate(n=Sum(value) if value else Count("pk"))
    return {row["district"]: row["n"] or 0 for row in annotated}


def district_progress(campaign, *, lang: str) -> dict:
    if campaign is None:
        return {"campaign": None, "rows": []}
    in_campaign = {"assignment__directive__meeting__campaign": campaign}
    hoardings = _counts(Hoarding.objects.filter(**in_campaign))
    posts = _counts(SocialPost.objects.filter(**in_campaign))
    bills = _counts(BillRun.objects.filter(**in_campaign), "bills_printed")
    meetings = _counts(OutreachMeeting.objects.filter(**in_campaign))
    attendees = _counts(OutreachMeeting.objects.filter(**in_campaign), "attendees")
    visits = {
        row["link__district"]: row["n"] or 0
        for row in VisitDay.objects.filter(link__campaign=campaign).values("link__district").annotate(n=Sum("people"))
    }
    try:
        paths, width, height = boundaries.svg_paths()
        labels = boundaries.svg_label_points(width)
    except (OSError, ValueError, KeyError):  # no usable boundary file: the table still tells everything
        log.exception("district boundaries unavailable; progress page without its map")
        paths, width, height, labels = {}, 0, 0, {}
    computed = district_reach(campaign, today=today(), steps=False)
    population = sum(r.reach.population for r in computed)
    reached = sum(r.reach.combined * r.reach.population for r in computed)
    rows = []
    for r in sorted(computed, key=lambda r: -r.reach.combined):
        d = r.district
        colour, ink = shade(r.reach.combined)
        rows.append(
            {
                "code": d.code,
                "name": d.tr("name"),
                "reach": r.reach.combined,
                "lower": r.reach.lower,
                "upper": r.reach.upper,
                "estimated_population": r.estimated_population,
                "hoardings": hoardings.get(d.pk, 0),
                "posts": posts.get(d.pk, 0),
                "bills": bills.get(d.pk, 0),
                "meetings": meetings.get(d.pk, 0),
                "attendees": attendees.get(d.pk, 0),
                "visits": visits.get(d.pk, 0),
                "colour": colour,
                "ink": ink,
                "path": paths.get(d.code, ""),
                "label": labels.get(d.code),
            }
        )
    return {
        "campaign": campaign,
        "rows": rows,
        "map": {"width": width, "height": height} if paths else None,
        "legend": reach_legend(),
        "attribution": boundaries.ATTRIBUTION,
        "totals": {
            key: sum(row[key] for row in rows)
            for key in ("hoardings", "posts", "bills", "meetings", "attendees", "visits")
        },
        "population": population,
        "state_percent": round(100 * reached / population) if population else 0,
        "reached": reached,
        "as_of": today(),
    }
