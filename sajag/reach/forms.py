from django import forms
from django.utils.translation import gettext_lazy as _

from . import model


class AssumptionsForm(forms.Form):
    """One field per assumption, labelled in the active language, with its unit and source."""

    def __init__(self, *args, current: model.Assumptions, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        for key, default in model.DEFAULTS.items():
            self.fields[key] = forms.FloatField(
                label=default.hi if lang == "hi" else default.en,
                initial=current[key],
                min_value=0,
                max_value=1e6,
                help_text=_("%(unit)s · default %(default)s · %(source)s")
                % {"unit": default.unit, "default": f"{default.value:g}", "source": default.source},
            )

    def clean(self):
        data = super().clean()
        for key in ("bill_domestic_share", "hoarding_city_cap"):
            if data.get(key) is not None and data[key] > 1:
                self.add_error(key, _("A share cannot be more than 1."))
        for key in ("hoarding_frequency", "social_overlap"):
            if data.get(key) is not None and data[key] < 1:
                self.add_error(key, _("This cannot be less than 1."))
        return data
