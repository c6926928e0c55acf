"""The next campaign from a finished one, and the two side by side.

A clone copies what was planned — the meetings, the directives with their departments and
districts, the assignments (pending again) and the reach assumptions — with every date moved by
the same number of days. What was done is not copied: no reports, no workflow events, no field
records, no short links (the materials studio makes new ones for the new campaign when its kits
are built; the messages themselves are shared by all campaigns and keep their versions).

What belongs to rooms above this one (the reach assumptions, the reach per district) comes in
through the steps those rooms register from their ``AppConfig.ready``: campaigns imports none of
them (DESIGN, "The house").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from sajag.accounts import access
from sajag.accounts.scope import Scope
from sajag.geo.models import District

from .dashboard import build_matrix
from .models import Assignment, Campaign, Directive, Status

# (source, new, by): copies what another room keeps per campaign, inside the clone's transaction.
CloneStep = Callable[[Campaign, Campaign, Any], None]
# (campaign, as of) → {district pk: reach share, 0 to 1}
DistrictReach = Callable[[Campaign, dt.date], dict[int, float]]

_clone_steps: list[CloneStep] = []
_district_reach: list[DistrictReach] = []


def register_clone_step(step: CloneStep) -> None:
    """Run ``step`` whenever a campaign is cloned (once, however often it is registered)."""
    if step not in _clone_steps:
        _clone_steps.append(step)


def register_district_reach(source: DistrictReach) -> None:
    """Where the comparison gets each district's reach; without one, reach shows as 0."""
    _district_reach[:] = [source]


@transaction.atomic
def clone_campaign(source: Campaign, *, slug: str, name_en: str, name_hi: str, starts_on: dt.date, by) -> Campaign:
    if not access.is_state_nodal(by):
        raise PermissionDenied(_("Only the state nodal officer starts the next campaign."))
    shift = starts_on - source.starts_on
    with set_actor(by):
        new = Campaign.objects.create(
            slug=slug,
            name_en=name_en,
            name_hi=name_hi,
            state_en=source.state_en,
            state_hi=source.state_hi,
            starts_on=starts_on,
            ends_on=source.ends_on + shift,
            helpline=source.helpline,
            portal=source.portal,
            goal_en=source.goal_en,
            goal_hi=source.goal_hi,
            goal_reach_percent=source.goal_reach_percent,
        )
        meetings = {}
        for m in source.meetings.all():
            old_pk = m.pk
            m.pk, m.id, m.campaign, m.held_on = None, None, new, m.held_on + shift
            m.save()
            meetings[old_pk] = m
        for d in Directive.objects.filter(meeting__campaign=source).prefetch_related("departments", "districts"):
            departments, districts, old_pk = list(d.departments.all()), list(d.districts.all()), d.pk
            d.pk, d.id, d.meeting, d.due_on = None, None, meetings[d.meeting_id], d.due_on + shift
            d._prefetched_objects_cache = {}  # else set() below would compare with the source's rows
            d.save()
            d.departments.set(departments)
            d.districts.set(districts)
            Assignment.objects.bulk_create(
                Assignment(
                    directive=d, department_id=a.department_id, district_id=a.district_id, due_on=a.due_on + shift
                )
                for a in Assignment.objects.filter(directive_id=old_pk)
            )
        for step in _clone_steps:
            step(source, new, by)
    return new


@dataclass(frozen=True)
class Side:
    verified: int
    assignments: int
    reach: float

    @property
    def verified_share(self) -> float:
        return self.verified / self.assignments if self.assignments else 0.0


def side_by_side(a: Campaign, b: Campaign, *, today: dt.date, scope: Scope) -> list[tuple[District, Side, Side]]:
    """Compliance (verified assignments) and reach per district for two campaigns, each as it
    stood at its end (or today, if it is still running)."""
    sides = []
    for campaign in (a, b):
        as_of = min(today, campaign.ends_on)
        matrix = build_matrix(campaign=campaign, scope=scope, today=as_of)
        counts = {row.district.pk: row.counts for row in matrix.rows if row.district}
        reach = _district_reach[0](campaign, as_of) if _district_reach else {}
        sides.append((counts, reach))
    districts = set(sides[0][0]) | set(sides[1][0])
    rows = []
    for district in District.objects.filter(pk__in=districts).order_by("name_en"):
        pair = []
        for counts, reach in sides:
            c = counts.get(district.pk)
            pair.append(Side(c[Status.VERIFIED] if c else 0, sum(c.values()) if c else 0, reach.get(district.pk, 0.0)))
        rows.append((district, pair[0], pair[1]))
    return rows
