from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def matrix_cells(row, assignment_base: str, labels: dict[str, str]) -> str:
    """One matrix row's cells as HTML.

    Built in Python on purpose: a template loop over the thousands of cells of a large campaign
    cost about 40× the SQL behind it (bench/dashboard.py); this keeps the page within a few times.
    `labels` maps each shown status to its (translated) label.
    """
    base = escape(assignment_base)
    # Per status, everything before and after the assignment's number, escaped once.
    opening = {
        status: (f'<a class="c s-{status}" title="{escape(str(label))}" href="{base}', escape(str(label)))
        for status, label in labels.items()
    }
    parts = []
    for cell in row.cells:
        parts.append("<td>")
        several = len(cell) > 1
        for pk, dept, status in cell:
            start, label = opening[status]
            text = escape(dept) if several and dept else f'<span class="vh">{label}</span>'
            parts.append(f'{start}{pk}/">{text}</a>')
        parts.append("</td>")
    return mark_safe("".join(parts))  # noqa: S308 — every dynamic part is escaped above
