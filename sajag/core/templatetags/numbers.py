"""Numbers as people in India read them, in every template (a builtin library, settings.py)."""

from django import template

from sajag.numbers import indian as _indian

register = template.Library()


@register.filter
def indian(value) -> str:
    """`{{ 4313362|indian }}` → 43,13,362; anything not a number is shown as it is."""
    try:
        return _indian(float(value))
    except (TypeError, ValueError):
        return "" if value is None else str(value)
