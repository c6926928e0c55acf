"""Who sees and builds which review reports."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sajag.accounts.models import Role
from sajag.accounts.scope import active_postings, scope_for
from sajag.geo.models import District

from .models import Report


def visible_reports(user) -> QuerySet[Report]:
    """The state edition for statewide eyes (the state, department nodal officers, statewide
    viewers); a district's edition for everyone whose scope covers the district."""
    scope = scope_for(user)
    reports = Report.objects.select_related("district", "created_by")
    if scope.everything or scope.departments:
        return reports
    districts = set(scope.districts) | {d for d, _ in scope.district_departments}
    return reports.filter(Q(district__in=districts)) if districts else reports.none()


def buildable(user) -> tuple[bool, QuerySet[District]]:
    """(may build the state edition, districts whose edition they may build)."""
    postings = active_postings(user)
    if any(p.role == Role.STATE_NODAL for p in postings):
        return True, District.objects.all()
    own = {p.district_id for p in postings if p.role == Role.COLLECTOR}
    return False, District.objects.filter(pk__in=own)
