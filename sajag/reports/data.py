"""The figures of a weekly review, collected once and shared by the PDF and the XLSX, from the
same functions the dashboard and the reach pages use (so the numbers agree)."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sajag.accounts.scope import Scope
from sajag.activities.models import BillRun, Hoarding, OutreachMeeting, SocialPost
from sajag.bilingual import current_lang
from sajag.campaigns.dashboard import SHOWN_STATUSES, build_matrix
from sajag.campaigns.holders import Holders
from sajag.campaigns.models import OPEN_STATUSES, OVERDUE, Assignment, Campaign, ReportEvent, Status
from sajag.geo import boundaries
from sajag.reach.compute import district_reach

log = logging.getLogger(__name__)

# Grey steps: the map reads the same printed in black and white.
GREYS = [(0.2, "#f2f2f2", "#000"), (0.4, "#c9c9c9", "#000"), (0.6, "#969696", "#000"), (0.8, "#5c5c5c", "#fff")]
DARKEST = ("#262626", "#fff")


def grey(share: float) -> tuple[str, str]:
    for limit, fill, ink in GREYS:
        if share < limit:
            return fill, ink
    return DARKEST


def status_labels() -> dict[str, str]:
    return {OVERDUE: _("Overdue"), **{s.value: str(s.label) for s in Status}}


@dataclass
class Overdue:
    officer: str
    role: str
    assignment: str
    directive: str
    due_on: dt.date
    days: int


@dataclass
class ReachRow:
    code: str
    district: str
    population: int
    combined: float
    lower: float
    upper: float
    week_ago: float
    estimated_population: bool
    grow: str = ""
    grow_points: float = 0.0
    fill: str = ""
    ink: str = ""
    path: str = ""

    @property
    def reached(self) -> int:
        return round(self.combined * self.population)

    @property
    def change(self) -> float:
        return self.combined - self.week_ago


@dataclass
class Review:
    campaign: Campaign
    district: object | None
    as_of: dt.date
    week_ago: dt.date
    generated_at: dt.datetime
    summary: list[tuple[str, str, int, int]]  # (status, label, count, percent) — the dashboard's
    total: int
    directives: list
    matrix: list[tuple[str, list[str], Counter]]  # (district, worst shown status per directive, counts)
    per_directive: list[tuple[str, int, int]]  # (directive, verified, total)
    overdue: list[Overdue]
    then: Counter  # shown statuses a week ago
    reach: list[ReachRow]
    state_reach: float
    state_reach_week_ago: float
    evidence: list[tuple[str, int, int]]  # (channel, this week, campaign to date)
    map_size: tuple[int, int] = (0, 0)
    status_label: dict[str, str] = field(default_factory=dict)

    @property
    def gaps(self) -> list[ReachRow]:
        return sorted(self.reach, key=lambda r: r.combined)[:10]

    def change(self, status: str) -> int:
        now = next((count for s, _l, count, _p in self.summary if s == status), 0)
        return now - self.then[status]


def _worst(items) -> str:
    rank = {s: i for i, s in enumerate(SHOWN_STATUSES)}
    return min((i.status for i in items), key=lambda s: rank[s]) if items else ""


def statuses_on(assignments: list[Assignment], day: dt.date) -> Counter:
    """Shown statuses as they stood at the end of ``day``, from the workflow's events."""
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))
    last: dict[int, str] = {}
    for assignment_id, to_status in (
        ReportEvent.objects.filter(assignment__in=[a.pk for a in assignments], at__lt=end)
        .order_by("at", "pk")
        .values_list("assignment_id", "to_status")
    ):
        last[assignment_id] = to_status
    counts: Counter = Counter()
    for a in assignments:
        status = last.get(a.pk, Status.PENDING)
        counts[OVERDUE if status in OPEN_STATUSES and a.due_on < day else status] += 1
    return counts


def collect(campaign: Campaign, *, as_of: dt.date, district=None, lang: str | None = None) -> Review:
    """The review's figures, with names and labels in ``lang`` (default: the active language)."""
    if lang:
        with translation.override(lang):
            return collect(campaign, as_of=as_of, district=district)
    scope = Scope(districts=frozenset({district.pk})) if district else Scope(everything=True)
    matrix = build_matrix(campaign=campaign, scope=scope, today=as_of)
    labels = status_labels()
    summary = [(s, labels[s], n, p) for s, n, p in matrix.summary()]
    rows = [
        (row.district.tr("name") if row.district else _("Statewide"), [_worst(c) for c in row.cells], row.counts)
        for row in matrix.rows
    ]
    verified = matrix.verified_per_directive()
    per_directive = [(str(d), v, t) for d, (v, t) in zip(matrix.directives, verified, strict=True)]

    assignments = list(
        Assignment.objects.filter(directive__meeting__campaign=campaign)
        .filter(scope.q())
        .select_related("directive", "department", "district")
    )
    week_ago = as_of - dt.timedelta(days=7)
    then = statuses_on(assignments, week_ago)

    holders = Holders()
    overdue = []
    for a in assignments:
        if a.status in OPEN_STATUSES and a.due_on < as_of:
            officers = holders.of(a)
            names = [(p.user.get_full_name() or p.user.username, p.get_role_display()) for p in officers]
            for name, role in names or [(_("No officer posted"), a.holder_label())]:
                days = (as_of - a.due_on).days
                overdue.append(Overdue(name, role, a.holder_label(), str(a.directive), a.due_on, days))
    overdue.sort(key=lambda o: (-o.days, o.officer))

    computed = district_reach(campaign, today=as_of)
    earlier = {r.district.pk: r.reach.combined for r in district_reach(campaign, today=week_ago, steps=False)}
    if district:
        computed = [r for r in computed if r.district.pk == district.pk]
    try:
        paths, width, height = boundaries.svg_paths(width=520)
    except (OSError, ValueError, KeyError):
        log.exception("district boundaries unavailable; report without its map")
        paths, width, height = {}, 0, 0
    reach = []
    for r in computed:
        fill, ink = grey(r.reach.combined)
        grow = r.grow
        reach.append(
            ReachRow(
                code=r.district.code,
                district=r.district.tr("name"),
                population=round(r.reach.population),
                combined=r.reach.combined,
                lower=r.reach.lower,
                upper=r.reach.upper,
                week_ago=earlier.get(r.district.pk, 0.0),
                estimated_population=r.estimated_population,
                grow=(grow.hi if current_lang() == "hi" else grow.en) if grow else "",
                grow_points=grow.gain if grow else 0.0,
                fill=fill,
                ink=ink,
                path=paths.get(r.district.code, ""),
            )
        )
    reach.sort(key=lambda r: -r.combined)
    population = sum(r.population for r in reach)
    state_now = sum(r.combined * r.population for r in reach) / population if population else 0.0
    state_then = sum(r.week_ago * r.population for r in reach) / population if population else 0.0

    evidence = _evidence(campaign, district, as_of)
    return Review(
        campaign=campaign,
        district=district,
        as_of=as_of,
        week_ago=week_ago,
        generated_at=timezone.now(),
        summary=summary,
        total=matrix.total,
        directives=matrix.directives,
        matrix=rows,
        per_directive=per_directive,
        overdue=overdue,
        then=then,
        reach=reach,
        state_reach=state_now,
        state_reach_week_ago=state_then,
        evidence=evidence,
        map_size=(width, height),
        status_label=labels,
    )


def _evidence(campaign: Campaign, district, as_of: dt.date) -> list[tuple[str, int, int]]:
    """Field records per channel: in the week to ``as_of`` and in the campaign to date, by the
    date the thing happened (installed, posted, billed, held)."""
    since = as_of - dt.timedelta(days=6)
    base = {"assignment__directive__meeting__campaign": campaign}
    if district:
        base["district"] = district
    kinds = [
        (_("Hoardings"), Hoarding, "installed_on", None),
        (_("Social media posts"), SocialPost, "posted_at__date", None),
        (_("Bills printed with 1930"), BillRun, "cycle", "bills_printed"),
        (_("Outreach meetings"), OutreachMeeting, "held_on", None),
        (_("People at outreach meetings"), OutreachMeeting, "held_on", "attendees"),
    ]
    out = []
    for label, model, day, amount in kinds:
        qs = model.objects.filter(**base, **{f"{day}__lte": as_of})
        agg = Sum(amount) if amount else Count("pk")
        total = qs.aggregate(n=agg)["n"] or 0
        week = qs.filter(**{f"{day}__gte": since}).aggregate(n=agg)["n"] or 0
        out.append((label, week, total))
    return out
