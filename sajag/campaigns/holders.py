"""Who answers for an assignment, and who is above them: the officers a report names and the
digests write to."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sajag.accounts.access import holder_keys
from sajag.accounts.models import Posting, Role

from .models import Assignment


def _postings() -> list[Posting]:
    return list(Posting.objects.filter(is_active=True, user__is_active=True).select_related("user"))


class Holders:
    """An index of active postings, built once, answering for many assignments."""

    def __init__(self, postings: Iterable[Posting] | None = None) -> None:
        self.by_key: dict[tuple, list[Posting]] = defaultdict(list)
        for p in _postings() if postings is None else postings:
            self.by_key[(p.role, p.department_id, p.district_id)].append(p)

    def of(self, a: Assignment) -> list[Posting]:
        """The officers who report on the assignment (the access module says who holds it)."""
        return [p for key in holder_keys(a) for p in self.by_key.get(key, ())]

    def above(self, a: Assignment) -> list[Posting]:
        """The officers one level up: the department's nodal officer for a district's department
        work, the state nodal officer for the rest (and when a department has no nodal officer)."""
        if a.department_id is not None and a.district_id is not None:
            return list(self.by_key[(Role.DEPT_NODAL, a.department_id, None)]) or self.state()
        return self.state()

    def state(self) -> list[Posting]:
        return [p for key, ps in self.by_key.items() if key[0] == Role.STATE_NODAL for p in ps]
