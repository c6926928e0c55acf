from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

ALL = "all"
STATE = "state"


class BuildForm(forms.Form):
    edition = forms.ChoiceField(label=_("Edition"))
    language = forms.ChoiceField(
        label=_("Language"), choices=[("both", _("Hindi and English")), ("hi", "हिन्दी"), ("en", "English")]
    )
    as_of = forms.DateField(label=_("Figures as of"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, state: bool, districts, campaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.districts = {d.code: d for d in districts}
        choices = []
        if state:
            choices += [(STATE, _("State edition")), (ALL, _("Every district"))]
        choices += [(code, d.tr("name")) for code, d in sorted(self.districts.items(), key=lambda kv: kv[1].name_en)]
        self.fields["edition"].choices = choices
        self.campaign = campaign

    def clean_as_of(self):
        day = self.cleaned_data["as_of"]
        if day < self.campaign.starts_on:
            raise forms.ValidationError(_("The campaign starts on %(day)s.") % {"day": self.campaign.starts_on})
        return day

    def targets(self) -> list:
        edition = self.cleaned_data["edition"]
        if edition == STATE:
            return [None]
        if edition == ALL:
            return sorted(self.districts.values(), key=lambda d: d.name_en)
        return [self.districts[edition]]

    def languages(self) -> list[str]:
        lang = self.cleaned_data["language"]
        return ["hi", "en"] if lang == "both" else [lang]
