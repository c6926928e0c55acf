from django import template

register = template.Library()


@register.filter
def pct(share: float) -> str:
    return f"{100 * (share or 0):.1f}%"


@register.filter
def points(delta: float) -> str:
    return f"{100 * (delta or 0):+.1f}"


@register.filter
def gap(share: float) -> str:
    return f"{100 * max(0.0, 1 - (share or 0)):.1f}"


@register.filter
def minus(a: float, b: float) -> float:
    return (a or 0) - (b or 0)


@register.filter
def signed(n: int) -> str:
    return f"{n:+d}"


@register.filter
def change(review, status: str) -> int:
    return review.change(status)


@register.filter
def mark(status: str) -> str:
    from sajag.reports.render import MARKS

    return MARKS.get(status, "")
