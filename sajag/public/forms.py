from django import forms
from django.utils.translation import gettext_lazy as _

from sajag.geo.models import District

MAX_TEXT = 5000
MAX_SENDER = 40


class ScamCheckForm(forms.Form):
    text = forms.CharField(
        label=_("The message, link or number you received"),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_TEXT}),
        max_length=MAX_TEXT,
        error_messages={
            "required": _("Paste the message first."),
            "max_length": _("The message is too long: paste at most %(limit_value)s characters."),
        },
    )
    sender = forms.CharField(
        label=_("Who sent it (optional)"),
        required=False,
        max_length=MAX_SENDER,
        error_messages={"max_length": _("The sender is too long: at most %(limit_value)s characters.")},
        help_text=_("The number or the name shown as sender, e.g. +91 98xxxxxx or VM-SBIINB-S."),
    )
    share = forms.BooleanField(
        label=_("Share this message (without my number or name) to help warn others"),
        required=False,
    )
    district = forms.ModelChoiceField(
        queryset=District.objects.all(),
        required=False,
        label=_("Your district (optional, only if you share)"),
        empty_label=_("Do not say"),
    )
