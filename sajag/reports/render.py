"""A review as a PDF a person puts on a meeting table (Chromium, the shared printer) and as
an XLSX whose cells hold the same numbers."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sajag.core import cells, fonts
from sajag.core.printer import printer

from .data import GREYS, Review

# Each shown status as a mark that reads without colour.
MARKS = {"overdue": "✕", "returned": "↺", "pending": "○", "reported": "◐", "verified": "●", "": ""}
COLUMNS_PER_TABLE = 10


def html(review: Review, lang: str) -> str:
    with translation.override(lang):
        chunks = [
            list(range(i, min(i + COLUMNS_PER_TABLE, len(review.directives))))
            for i in range(0, len(review.directives), COLUMNS_PER_TABLE)
        ]
        tables = [
            {
                "directives": [review.directives[i] for i in chunk],
                "rows": [(name, [MARKS[cells[i]] for i in chunk]) for name, cells, _c in review.matrix],
            }
            for chunk in chunks
        ]
        return render_to_string(
            "reports/print/weekly.html",
            {
                "r": review,
                "lang": lang,
                "font_css": fonts.font_face_css(),
                "tables": tables,
                "marks": [(MARKS[s], label) for s, label, _n, _p in review.summary],
                "greys": GREYS,
                "campaign": review.campaign.tr("name"),
                "where": review.district.tr("name") if review.district else review.campaign.tr("state"),
            },
        )


def pdf(review: Review, lang: str) -> bytes:
    return printer().pdf(html(review, lang))


def xlsx(review: Review, lang: str) -> bytes:
    with translation.override(lang):
        wb = Workbook()
        bold = Font(bold=True)
        head_fill = PatternFill("solid", fgColor="DDDDDD")

        def sheet(ws, title: str, header: list[str], rows: list[list]) -> None:
            ws.title = title[:31]
            cells.append_row(ws, header)
            for cell in ws[1]:
                cell.font, cell.fill = bold, head_fill
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            for row in rows:  # names, remarks and directives are typed by people: text, never formulas
                cells.append_row(ws, row)
            for i, _h in enumerate(header, start=1):
                ws.column_dimensions[get_column_letter(i)].width = 14 if i > 1 else 34
            ws.freeze_panes = "B2"

        sheet(
            wb.active,
            _("Summary"),
            [_("Status"), _("Assignments"), _("Per cent"), _("A week earlier"), _("Change")],
            [[label, n, p, review.then[s], review.change(s)] for s, label, n, p in review.summary]
            + [[_("Total"), review.total, 100, sum(review.then.values()), 0]],
        )
        sheet(
            wb.create_sheet(),
            _("Compliance"),
            [_("District"), *[str(d) for d in review.directives], *[label for _s, label, _n, _p in review.summary]],
            [
                [name, *[review.status_label.get(c, "") for c in cells], *[counts[s] for s, *_x in review.summary]]
                for name, cells, counts in review.matrix
            ],
        )
        sheet(
            wb.create_sheet(),
            _("Overdue"),
            [_("Officer"), _("Role"), _("Assignment"), _("Directive"), _("Due on"), _("Days overdue")],
            [[o.officer, o.role, o.assignment, o.directive, o.due_on, o.days] for o in review.overdue],
        )
        sheet(
            wb.create_sheet(),
            _("Reach"),
            [
                _("District"),
                _("Population"),
                _("Reach (estimate), %"),
                _("Lower bound, %"),
                _("Upper bound, %"),
                _("People reached"),
                _("A week earlier, %"),
                _("Change, points"),
            ],
            [
                [
                    r.district,
                    r.population,
                    round(100 * r.combined, 1),
                    round(100 * r.lower, 1),
                    round(100 * r.upper, 1),
                    r.reached,
                    round(100 * r.week_ago, 1),
                    round(100 * r.change, 1),
                ]
                for r in review.reach
            ],
        )
        sheet(
            wb.create_sheet(),
            _("Gaps"),
            [
                _("District"),
                _("Reach (estimate), %"),
                _("Gap to the goal, points"),
                _("Next step"),
                _("What it would add, points"),
            ],
            [
                [
                    r.district,
                    round(100 * r.combined, 1),
                    round(100 * (1 - r.combined), 1),
                    r.grow,
                    round(100 * r.grow_points, 1),
                ]
                for r in review.gaps
            ],
        )
        sheet(
            wb.create_sheet(),
            _("Evidence"),
            [_("Channel"), _("This week"), _("Campaign to date")],
            [[label, week, total] for label, week, total in review.evidence],
        )
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
