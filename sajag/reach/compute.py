"""Gather each district's inputs from the records (a fixed number of queries) and run the model."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from statistics import median

from django.db.models import F, Max, Sum

from sajag.activities.models import BillRun, Hoarding, OutreachMeeting, SocialPost, SocialReading
from sajag.campaigns.models import Campaign
from sajag.geo.models import District, DistrictShare

from . import model
from .models import AssumptionValue, ConsumerBills


@dataclass(frozen=True)
class Row:
    district: District
    estimated_population: bool  # its 2011 population is split with a district carved later: an estimate
    reach: model.DistrictReach
    grow: tuple[str, float] | None


def assumptions_for(campaign: Campaign) -> model.Assumptions:
    values = dict(AssumptionValue.objects.filter(campaign=campaign).values_list("key", "value"))
    return model.Assumptions({k: v for k, v in values.items() if k in model.DEFAULTS})


def district_reach(campaign: Campaign, *, today: dt.date) -> list[Row]:
    a = assumptions_for(campaign)
    end = min(campaign.ends_on, today)
    in_campaign = {"assignment__directive__meeting__campaign": campaign}

    districts = list(
        District.objects.with_population().annotate(
            urban_2011=Sum(F("census_shares__share") * F("census_shares__census_district__urban_population"))
        )
    )
    # Everything is counted as it stood on `today`: the same function draws reach over time.
    bills = dict(
        BillRun.objects.filter(**in_campaign, cycle__lte=today)
        .values_list("district")
        .annotate(n=Sum("bills_printed"))
        .values_list("district", "n")
    )
    # Consumer-level counts, where a utility sent its export, replace the bill-run totals.
    consumers = dict(
        ConsumerBills.objects.filter(campaign=campaign, window_start__lte=today)
        .values("district")
        .annotate(n=Sum("consumers"))
        .values_list("district", "n")
    )
    sites = defaultdict(list)
    for district_id, passers, installed, removed in Hoarding.objects.filter(
        **in_campaign, installed_on__lte=end
    ).values_list("district", "daily_passers_by", "installed_on", "removed_on"):
        first = max(installed, campaign.starts_on)
        last = min(removed or end, end)
        sites[district_id].append((passers, max(0, (last - first).days + 1)))
    latest = (
        SocialReading.objects.filter(post__in=SocialPost.objects.filter(**in_campaign), read_on__lte=today)
        .values("post")
        .annotate(last=Max("read_on"))
    )
    last_by_post = {row["post"]: row["last"] for row in latest}
    reach_by_district = defaultdict(list)
    for post_id, district_id, read_on, reach in SocialReading.objects.filter(post__in=last_by_post).values_list(
        "post", "post__district", "read_on", "reach"
    ):
        if last_by_post[post_id] == read_on and reach:
            reach_by_district[district_id].append(reach)
    meetings = defaultdict(dict)
    for district_id, kind, n in (
        OutreachMeeting.objects.filter(**in_campaign, held_on__lte=today)
        .values("district", "kind")
        .annotate(n=Sum("attendees"))
        .values_list("district", "kind", "n")
    ):
        meetings[district_id][kind] = n

    # QR / short-link visits by people (not link previews): persons who engaged, a hard lower bound.
    from sajag.links.models import VisitDay

    visits = dict(
        VisitDay.objects.filter(link__campaign=campaign, day__gte=campaign.starts_on, day__lte=today)
        .values("link__district")
        .annotate(n=Sum("people"))
        .values_list("link__district", "n")
    )

    estimated = set(DistrictShare.objects.filter(estimated=True).values_list("district_id", flat=True))
    computed = []
    for d in districts:
        population = float(d.population_2011 or 0)
        per_household = population / float(d.households_2011) if d.households_2011 else 0.0
        channels = [
            model.bill_reach(
                bills=float(consumers.get(d.pk, bills.get(d.pk, 0))), persons_per_household=per_household, a=a
            ),
            model.hoarding_reach(sites=sites.get(d.pk, []), urban_population=float(d.urban_2011 or 0), a=a),
            model.social_reach(post_reach=[float(r) for r in reach_by_district.get(d.pk, [])], a=a),
            model.meeting_reach(attendees_by_kind=meetings.get(d.pk, {}), a=a),
            model.qr_reach(visits=float(visits.get(d.pk, 0))),
        ]
        computed.append((d, model.combine(population, channels)))
    typical = _median_shares([reach for _d, reach in computed])
    return [Row(d, d.pk in estimated, reach, model.best_channel_to_grow(reach, typical)) for d, reach in computed]


def _median_shares(reaches: list[model.DistrictReach]) -> dict[str, float]:
    """Per channel, the median share among the districts that use it: what a district can
    plausibly reach with that channel."""
    by_channel: dict[str, list[float]] = defaultdict(list)
    for reach in reaches:
        for channel, share in reach.shares.items():
            if share > 0:
                by_channel[channel].append(share)
    return {channel: median(values) for channel, values in by_channel.items()}


def reach_over_time(campaign: Campaign, *, today: dt.date) -> list[tuple[dt.date, float, dict[int, float]]]:
    """The state's combined reach (population-weighted) and each district's, at the end of every
    campaign week so far and on the last day: ``[(day, state_share, {district_id: share})]``."""
    last = min(campaign.ends_on, today)
    if last < campaign.starts_on:
        return []
    days = []
    day = campaign.starts_on + dt.timedelta(days=6)
    while day < last:
        days.append(day)
        day += dt.timedelta(days=7)
    days.append(last)
    series = []
    for day in days:
        rows = district_reach(campaign, today=day)
        population = sum(r.reach.population for r in rows)
        reached = sum(r.reach.combined * r.reach.population for r in rows)
        series.append(
            (day, reached / population if population else 0.0, {r.district.pk: r.reach.combined for r in rows})
        )
    return series
