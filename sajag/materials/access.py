"""Which districts a user works with in the studio and the kits."""

from __future__ import annotations

from django.db.models import QuerySet

from sajag.accounts.models import Role
from sajag.accounts.scope import active_postings, scope_for
from sajag.geo.models import District
from sajag.links.access import maker_districts


def studio_districts(user) -> QuerySet[District]:
    """Districts whose materials the user may preview and download: their scope's."""
    scope = scope_for(user)
    if scope.everything or scope.departments:
        return District.objects.all()
    ids = set(scope.districts) | {d for d, _ in scope.district_departments}
    return District.objects.filter(pk__in=ids)


def statewide(user) -> bool:
    """May make statewide materials (links with no district): the state and department nodal officers."""
    return any(p.role in (Role.STATE_NODAL, Role.DEPT_NODAL) for p in active_postings(user))


def kit_districts(user) -> QuerySet[District]:
    """Districts the user may build kits for (building makes short links): the link makers'."""
    districts = maker_districts(user)
    if districts is None:
        return District.objects.all() if active_postings(user) else District.objects.none()
    return District.objects.filter(pk__in=districts)


def builds_all(user) -> bool:
    return any(p.role == Role.STATE_NODAL for p in active_postings(user))
