"""What a user may see: the union of the scopes of their active postings.

Deny by default: a user with no active posting has an empty scope and sees nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from .models import Posting, Role

STATE_WIDE_ROLES = {Role.STATE_NODAL}


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    departments: frozenset[int] = field(default_factory=frozenset)  # a whole department, statewide
    districts: frozenset[int] = field(default_factory=frozenset)  # a whole district
    district_departments: frozenset[tuple[int, int]] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.departments or self.districts or self.district_departments)

    def covers(self, *, district_id: int | None, department_id: int | None) -> bool:
        if self.everything:
            return True
        if department_id is not None and department_id in self.departments:
            return True
        if district_id is not None and district_id in self.districts:
            return True
        return (district_id, department_id) in self.district_departments

    def q(self, district: str = "district", department: str = "department") -> Q:
        """A filter for rows with district and department columns named as given."""
        if self.everything:
            return Q()
        q = Q(pk__in=[])  # matches nothing: deny by default
        if self.departments:
            q |= Q(**{f"{department}__in": self.departments})
        if self.districts:
            q |= Q(**{f"{district}__in": self.districts})
        for dist, dept in self.district_departments:
            q |= Q(**{district: dist, department: dept})
        return q

    @property
    def district_ids(self) -> frozenset[int] | None:
        """The districts the scope reaches: ``None`` for every district (and the statewide rows
        with no district) — the state's and a department's postings; otherwise the set, which
        is empty for an empty scope."""
        if self.everything or self.departments:
            return None
        return frozenset(self.districts) | frozenset(d for d, _dept in self.district_departments)

    def district_q(self, field: str = "district") -> Q:
        """A filter for rows with a district column named as given: every row for a statewide
        scope, else the rows of the scope's districts (none for an empty scope)."""
        ids = self.district_ids
        return Q() if ids is None else Q(**{f"{field}__in": ids})

    @property
    def single_district(self) -> int | None:
        """The one district a district-level user works in, if their scope is exactly one."""
        ids = self.district_ids
        return next(iter(ids)) if ids is not None and len(ids) == 1 else None


def scope_of_postings(postings: list[Posting]) -> Scope:
    everything = False
    departments, districts, pairs = set(), set(), set()
    for p in postings:
        if p.role == Role.STATE_NODAL or (p.role == Role.VIEWER and p.district_id is None):
            everything = True
        elif p.role == Role.DEPT_NODAL:
            departments.add(p.department_id)
        elif p.role in (Role.COLLECTOR, Role.SP, Role.VIEWER):
            districts.add(p.district_id)
        elif p.role in (Role.DISTRICT_OFFICER, Role.FIELD_STAFF):
            if p.department_id is None:
                districts.add(p.district_id)
            else:
                pairs.add((p.district_id, p.department_id))
    return Scope(everything, frozenset(departments), frozenset(districts), frozenset(pairs))


def active_postings(user) -> list[Posting]:
    """The user's active postings, fetched once per request and cached on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_sajag_postings", None)
    if cached is None:
        cached = list(Posting.objects.active().filter(user=user).select_related("department", "district"))
        user._sajag_postings = cached
    return cached


def scope_for(user) -> Scope:
    return scope_of_postings(active_postings(user))


def has_role(user, *roles: str) -> bool:
    return any(p.role in roles for p in active_postings(user))
