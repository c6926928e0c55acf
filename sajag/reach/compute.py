"""Gather each district's inputs from the records (a fixed number of queries) and run the model."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max, Sum

from sajag.activities.models import BillRun, Hoarding, OutreachMeeting, SocialPost, SocialReading
from sajag.campaigns.models import Campaign
from sajag.geo.models import District

from . import model
from .models import AssumptionValue, BillFile, ConsumerBills, Utility
from .utilities import utility_key


@dataclass(frozen=True)
class Row:
    district: District
    estimated_population: bool  # a 2011 sub-district was later split: the population is approximate
    reach: model.DistrictReach
    steps: list[model.Step]  # concrete next steps, largest gain first
    visits: model.Visits  # campaign link and QR visits: evidence beside the estimate, not reach

    @property
    def grow(self) -> model.Step | None:
        return self.steps[0] if self.steps else None


def assumptions_for(campaign: Campaign) -> model.Assumptions:
    values = dict(AssumptionValue.objects.filter(campaign=campaign).values_list("key", "value"))
    return model.Assumptions({k: v for k, v in values.items() if k in model.DEFAULTS})


def _delivered(start: dt.date, today: dt.date) -> float:
    """The share of a monthly billing cycle's bills delivered by `today`, the cycle starting on
    `start`: bills go out evenly over a month (meter-reading routes), all of them a month on."""
    days = calendar.monthrange(start.year, start.month)[1]
    return min(1.0, max(0.0, ((today - start).days + 1) / days))


def _utility_of(name: str, utilities: list[Utility]) -> Utility | None:
    """The utility a bill run names: its own name, or a division of it ("PHED Jaipur City")."""
    key = utility_key(name)
    for u in utilities:
        if key == u.key or key.startswith(u.key + " "):
            return u
    return None


def bills_by_district(
    campaign: Campaign, *, today: dt.date, files: dict[int, int | None] | None = None
) -> dict[int, list[model.UtilityBills]]:
    """Per district, what each utility's bills carried: a consumer-level file where the utility
    sent one (it replaces that utility's bill runs in the district, not the others'), else the
    utility's largest billing cycle, counted as delivered by `today`.

    `files` (utility id → bill file id or None) overrides which file of a utility is in force: a
    preview of a file not yet applied, or none."""
    utilities = list(Utility.objects.select_related("department"))
    kind_of = {u.pk: ("water" if u.department.code == "phed" else "electricity") for u in utilities}
    name_of = {u.pk: u.name for u in utilities}
    in_force = ConsumerBills.objects.filter(file__campaign=campaign, file__state=BillFile.State.APPLIED)
    if files:
        in_force = in_force.exclude(file__utility__in=files)
        chosen = [f for f in files.values() if f]
        if chosen:
            in_force = in_force | ConsumerBills.objects.filter(file__in=chosen)
    # A file's consumers are billed every month of its window: by `today`, as many as the first
    # billing month has delivered (all of them once a whole month has gone by).
    from_files: dict[tuple[int, int], tuple[float, int]] = {}
    for district_id, utility_id, n, first in in_force.filter(file__window_start__lte=today).values_list(
        "district", "file__utility", "consumers", "file__window_start"
    ):
        from_files[(district_id, utility_id)] = (n * _delivered(first, today), n)

    # Bill runs: per district, utility as written and cycle; a home billed in two cycles is one.
    cycles: dict[tuple[int, str], dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    department_of: dict[tuple[int, str], str] = {}
    written: dict[tuple[int, str], str] = {}
    for district_id, utility, department, cycle, n in BillRun.objects.filter(
        assignment__directive__meeting__campaign=campaign, cycle__lte=today
    ).values_list("district", "utility", "department__code", "cycle", "bills_printed"):
        key = (district_id, utility_key(utility))
        cycles[key][cycle.replace(day=1)] += n
        department_of[key] = department
        written.setdefault(key, utility.strip())
    result: dict[int, list[model.UtilityBills]] = defaultdict(list)
    for (district_id, key), by_cycle in sorted(cycles.items()):
        utility = _utility_of(key, utilities)
        if utility is not None and (district_id, utility.pk) in from_files:
            continue  # the utility's consumer-level file replaces its bill runs here
        delivered, whole = max((n * _delivered(c.replace(day=1), today), n) for c, n in by_cycle.items())
        kind = "water" if department_of[(district_id, key)] == "phed" else "electricity"
        result[district_id].append(
            model.UtilityBills(written[(district_id, key)], kind, round(delivered), "cycle", float(whole))
        )
    for (district_id, utility_id), (n, whole) in sorted(from_files.items()):
        result[district_id].append(
            model.UtilityBills(name_of[utility_id], kind_of[utility_id], round(n), "consumers", float(whole))
        )
    return result


def district_reach(
    campaign: Campaign, *, today: dt.date, files: dict[int, int | None] | None = None, steps: bool = True
) -> list[Row]:
    """Each district's reach from the records as they stood on `today` (`files`: see
    bills_by_district); with `steps`, the gap list's next steps too."""
    a = assumptions_for(campaign)
    end = min(campaign.ends_on, today)
    in_campaign = {"assignment__directive__meeting__campaign": campaign}

    districts = list(District.objects.all())
    # Everything is counted as it stood on `today`: the same function draws reach over time.
    bills = bills_by_district(campaign, today=today, files=files)
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

    # Campaign link and QR visits by people (not link previews): shown beside the estimate.
    from sajag.links.models import VisitDay

    visits = dict(
        VisitDay.objects.filter(link__campaign=campaign, day__gte=campaign.starts_on, day__lte=today)
        .values("link__district")
        .annotate(n=Sum("people"))
        .values_list("link__district", "n")
    )

    days_left = max(0, (campaign.ends_on - today).days)
    rows = []
    for d in districts:
        population = float(d.population_2011)
        households = float(d.households_2011)
        channels = [
            model.bill_reach(
                utilities=bills.get(d.pk, []),
                households=households,
                persons_per_household=d.persons_per_household,
                a=a,
            ),
            model.hoarding_reach(sites=sites.get(d.pk, []), urban_population=float(d.urban_population_2011), a=a),
            model.social_reach(post_reach=[float(r) for r in reach_by_district.get(d.pk, [])], a=a),
            model.meeting_reach(attendees_by_kind=meetings.get(d.pk, {}), a=a),
        ]
        reach = model.combine(population, channels)
        advice = (
            model.next_steps(
                reach,
                households=households,
                persons_per_household=d.persons_per_household,
                urban_population=float(d.urban_population_2011),
                days_left=days_left,
                a=a,
            )
            if steps
            else []
        )
        rows.append(Row(d, d.population_approximate, reach, advice, model.Visits(float(visits.get(d.pk, 0)))))
    return rows


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
        rows = district_reach(campaign, today=day, steps=False)
        population = sum(r.reach.population for r in rows)
        reached = sum(r.reach.combined * r.reach.population for r in rows)
        series.append(
            (day, reached / population if population else 0.0, {r.district.pk: r.reach.combined for r in rows})
        )
    return series
