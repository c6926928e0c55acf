from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .catalog import LANGS
from .models import MessageVersion, Topic

TEXT_FIELDS = ("title", "line", "short", "long", "example", "hashtags")
LANG_CHOICES = [("hi", "हिन्दी"), ("en", "English")]


class StudioForm(forms.Form):
    topic = forms.ModelChoiceField(Topic.objects.all(), label=_("Topic"), to_field_name="slug", empty_label=None)
    lang = forms.ChoiceField(label=_("Language"), choices=LANG_CHOICES)
    district = forms.ModelChoiceField(None, label=_("District"), to_field_name="code", required=False)
    channel = forms.ChoiceField(label=_("Channel"))
    site = forms.CharField(
        label=_("Site or place"),
        required=False,
        max_length=80,
        help_text=_(
            "Optional: where it goes up (a crossing, a bank branch). "
            "Its QR code then counts visits for that site alone."
        ),
    )

    def __init__(self, *args, districts, statewide: bool, channels, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        self.fields["district"].required = not statewide
        self.fields["district"].empty_label = _("Statewide (no district)") if statewide else None
        self.fields["channel"].choices = [("", _("All channels")), *[(c.key, c.label) for c in channels]]
        self.fields["channel"].required = False


class MessageForm(forms.ModelForm):
    class Meta:
        model = MessageVersion
        fields = [
            f"{name}_{lang}" for name in ("title", "line", "short", "long", "example", "hashtags") for lang in LANGS
        ]
        fields.append("note")
        widgets = {
            f"{name}_{lang}": forms.Textarea(attrs={"rows": 4}) for name in ("long", "example") for lang in LANGS
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].required = True

    def clean(self):
        data = super().clean()
        for lang in LANGS:
            tags = (data.get(f"hashtags_{lang}") or "").split()
            bad = [t for t in tags if not t.startswith("#") or len(t) < 2]
            if bad:
                self.add_error(f"hashtags_{lang}", _("Every hashtag starts with #: %(bad)s") % {"bad": " ".join(bad)})
        return data


class KitForm(forms.Form):
    district = forms.ModelChoiceField(None, label=_("District"), to_field_name="code", required=False)

    def __init__(self, *args, districts, all_allowed: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        self.fields["district"].required = not all_allowed
        self.fields["district"].empty_label = _("All districts") if all_allowed else None
