"""Who sees and makes which links: the state and statewide departments all of them; a district's
officers their district's."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sajag.accounts.models import Role
from sajag.accounts.scope import active_postings, scope_for

from .models import ShortLink

MAKERS = {Role.STATE_NODAL, Role.DEPT_NODAL, Role.COLLECTOR, Role.DISTRICT_OFFICER}


def visible_links(user) -> QuerySet[ShortLink]:
    scope = scope_for(user)
    links = ShortLink.objects.select_related("district", "campaign")
    if scope.everything or scope.departments:
        return links
    districts = set(scope.districts) | {d for d, _ in scope.district_departments}
    return links.filter(Q(district__in=districts)) if districts else links.none()


def can_view(user) -> bool:
    return bool(active_postings(user))


def maker_districts(user) -> set[int] | None:
    """The districts the user may make links for: ``None`` means every district (and none)."""
    postings = [p for p in active_postings(user) if p.role in MAKERS]
    if any(p.role in (Role.STATE_NODAL, Role.DEPT_NODAL) for p in postings):
        return None
    return {p.district_id for p in postings}


def can_make(user) -> bool:
    districts = maker_districts(user)
    return districts is None or bool(districts)
