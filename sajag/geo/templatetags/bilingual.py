from django import template

register = template.Library()


@register.filter
def tr(obj, field: str) -> str:
    """`{{ campaign|tr:"goal" }}` — the Hindi or English variant for the active language."""
    return obj.tr(field) if obj is not None else ""


@register.filter
def get(mapping, key):
    return mapping.get(key, "")
