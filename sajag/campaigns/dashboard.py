"""Read side of the compliance dashboard: one query for the assignments in scope, then plain
Python to arrange them as a directive × district matrix with counts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, CharField, F, Value, When

from sajag.accounts.scope import Scope
from sajag.bilingual import current_lang
from sajag.geo.models import District

from .models import OPEN_STATUSES, OVERDUE, Assignment, Campaign, Directive, Status

# Worst first: the order in which a cell's status and the matrix rows are ranked.
SHOWN_STATUSES = [OVERDUE, Status.RETURNED, Status.PENDING, Status.REPORTED, Status.VERIFIED]
RANK = {s: i for i, s in enumerate(SHOWN_STATUSES)}


class CellItem(NamedTuple):
    pk: int
    label: str  # department abbreviation where a cell holds several departments
    status: str


@dataclass
class Row:
    district: District | None
    cells: list[list[CellItem]]
    counts: Counter = field(default_factory=Counter)


@dataclass
class Matrix:
    directives: list[Directive]
    rows: list[Row]
    totals: Counter  # shown status -> count
    per_directive: list[Counter]
    per_department: list[tuple[str, Counter]]  # (department abbreviation, or "" for Collector and SP)

    @property
    def total(self) -> int:
        return sum(self.totals.values())

    def percent(self, status: str) -> int:
        return round(100 * self.totals[status] / self.total) if self.total else 0

    def verified_per_directive(self) -> list[tuple[int, int]]:
        """(verified, total) for each directive column."""
        return [(c[Status.VERIFIED], c.total()) for c in self.per_directive]

    def department_summary(self) -> list[tuple[str, list[int], int, int]]:
        """(department, counts in SHOWN_STATUSES order, total, % verified), worst first."""
        out = []
        for name, c in self.per_department:
            total = c.total()
            out.append((name, [c[s] for s in SHOWN_STATUSES], total, round(100 * c[Status.VERIFIED] / total)))
        return sorted(out, key=lambda t: (-t[1][0], t[0]))

    def summary(self) -> list[tuple[str, int, int]]:
        return [(s, self.totals[s], self.percent(s)) for s in SHOWN_STATUSES]


def build_matrix(
    *,
    campaign: Campaign,
    scope: Scope,
    today: dt.date,
    department: int | None = None,
    district: int | None = None,
    directive: int | None = None,
    status: str | None = None,
) -> Matrix:
    """Queries: directives, districts, assignments (3, whatever the size of the campaign)."""
    abbr = f"department__abbr_{current_lang()}"
    qs = Assignment.objects.filter(directive__meeting__campaign=campaign).visible_to(scope)
    if department:
        qs = qs.filter(department_id=department)
    if district:
        qs = qs.filter(district_id=district)
    if directive:
        qs = qs.filter(directive_id=directive)
    if status == OVERDUE:
        qs = qs.filter(status__in=OPEN_STATUSES, due_on__lt=today)
    elif status in OPEN_STATUSES:
        qs = qs.filter(status=status, due_on__gte=today)
    elif status:
        qs = qs.filter(status=status)
    # The shown status is computed in SQL: no date conversion of thousands of rows in Python.
    shown = Case(
        When(status__in=OPEN_STATUSES, due_on__lt=today, then=Value(OVERDUE)),
        default=F("status"),
        output_field=CharField(),
    )
    cells = qs.annotate(shown=shown).order_by().values_list("pk", "directive_id", "district_id", abbr, "shown")
    # The ORM composes the query (scope, filters, bound parameters); the DB-API cursor fetches
    # the thousands of plain rows without Django's per-row conversion.
    try:
        sql = cells.query.sql_with_params()
    except EmptyResultSet:  # an empty scope matches nothing: no query to run
        rows_raw = []
    else:
        with connection.cursor() as cursor:
            cursor.execute(*sql)
            rows_raw = cursor.fetchall()

    directive_ids = {r[1] for r in rows_raw}
    directives = [d for d in Directive.objects.filter(meeting__campaign=campaign) if d.pk in directive_ids]
    col = {d.pk: i for i, d in enumerate(directives)}
    district_ids = {r[2] for r in rows_raw}
    districts = {d.pk: d for d in District.objects.filter(pk__in=district_ids - {None})}

    # Counting with Counter over generators runs in C; the loop below only places cells.
    totals = Counter(r[4] for r in rows_raw)
    by_directive = Counter((r[1], r[4]) for r in rows_raw)
    by_district = Counter((r[2], r[4]) for r in rows_raw)
    by_department = Counter((r[3] or "", r[4]) for r in rows_raw)
    per_department = [
        (abbr_, Counter({s: by_department[(abbr_, s)] for s in SHOWN_STATUSES}))
        for abbr_ in sorted({r[3] or "" for r in rows_raw})
    ]
    per_directive = [Counter({s: by_directive[(d.pk, s)] for s in SHOWN_STATUSES}) for d in directives]
    rows: dict[int | None, Row] = {}
    width = len(directives)
    for pk, directive_id, district_id, dept_abbr, shown in rows_raw:
        row = rows.get(district_id)
        if row is None:
            counts = Counter({s: by_district[(district_id, s)] for s in SHOWN_STATUSES})
            row = rows[district_id] = Row(districts.get(district_id), [[] for _ in range(width)], counts)
        row.cells[col[directive_id]].append(CellItem(pk, dept_abbr or "", shown))

    def worst_first(row: Row) -> tuple:
        return (*(-row.counts[s] for s in SHOWN_STATUSES), row.district.name if row.district else "")

    return Matrix(directives, sorted(rows.values(), key=worst_first), totals, per_directive, per_department)


def listing(matrix: Matrix) -> list[tuple[Directive, District | None, CellItem]]:
    """The matrix as a flat list, worst status first: for a district officer's own work."""
    items = [
        (directive, row.district, item)
        for row in matrix.rows
        for directive, cell in zip(matrix.directives, row.cells, strict=True)
        for item in cell
    ]
    return sorted(items, key=lambda t: (RANK[t[2].status], t[0].number))
