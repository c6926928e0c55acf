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
    safe_labels = {status: escape(str(label)) for status, label in labels.items()}
    base = escape(assignment_base)
    parts = []
    for cell in row.cells:
        parts.append("<td>")
        several = len(cell) > 1
        for item in cell:
            label = safe_labels[item.status]
            text = escape(item.label) if several and item.label else f'<span class="vh">{label}</span>'
            parts.append(f'<a class="c s-{item.status}" href="{base}{item.pk}/" title="{label}">{text}</a>')
        parts.append("</td>")
    return mark_safe("".join(parts))  # noqa: S308 — every dynamic part is escaped above
