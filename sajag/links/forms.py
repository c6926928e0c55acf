from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sajag.geo.models import District

from .models import ShortLink


class LinkForm(forms.ModelForm):
    class Meta:
        model = ShortLink
        fields = ["district", "channel", "asset", "target", "language", "expires_on"]
        widgets = {"expires_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, campaign, districts: set[int] | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        qs = District.objects.order_by("name_en")
        if districts is not None:
            qs = qs.filter(pk__in=districts)
            self.fields["district"].required = True
        else:
            self.fields["district"].empty_label = _("Statewide (no district)")
        self.fields["district"].queryset = qs
        # Hindi unless said otherwise (a page in the other language is one tap away there).
        self.fields["language"].required = False
        self.fields["language"].help_text = _("The language of the page the code opens.")

    def clean_language(self) -> str:
        return self.cleaned_data.get("language") or "hi"

    def clean(self):
        data = super().clean()
        if "district" in self.errors or (self.fields["district"].required and data.get("district") is None):
            return data  # a district outside the posting: no other link is looked at, or named
        exists = ShortLink.objects.filter(
            campaign=self.campaign, district=data.get("district"), channel=data.get("channel"), asset=data.get("asset")
        )
        if data.get("asset") and exists.exists():
            raise forms.ValidationError(
                _("A link for this district, channel and asset exists already: %(code)s. Use that one."),
                params={"code": exists.first().code},
            )
        return data
