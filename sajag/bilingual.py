"""Pick the Hindi or English variant of a field for the active language."""

from __future__ import annotations

from django.utils.translation import get_language


def current_lang() -> str:
    """The active language reduced to 'hi' or 'en' (Hindi is the default)."""
    lang = (get_language() or "hi")[:2]
    return "en" if lang == "en" else "hi"


class Bilingual:
    """Mixin for models with `<field>_hi` and `<field>_en` columns.

    >>> district.tr("name")   # "जयपुर" under Hindi, "Jaipur" under English
    """

    def tr(self, field: str) -> str:
        lang = current_lang()
        value = getattr(self, f"{field}_{lang}", "")
        # Fall back to the other language rather than show nothing.
        return value or getattr(self, f"{field}_{'en' if lang == 'hi' else 'hi'}", "")
