from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sajag.geo.models import District

from .models import RecallSurvey, Utility


class SurveyForm(forms.ModelForm):
    class Meta:
        model = RecallSurvey
        fields = [
            "district",
            "conducted_on",
            "method",
            "sample_size",
            "knew_1930",
            "heard_bills",
            "heard_hoardings",
            "heard_social",
            "heard_meetings",
        ]
        widgets = {"conducted_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, districts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts if districts is not None else District.objects.none()

    def clean(self):
        data = super().clean()
        n = data.get("sample_size")
        if n is not None:
            if n == 0:
                self.add_error("sample_size", _("At least one person must have been asked."))
            for field in ("knew_1930", "heard_bills", "heard_hoardings", "heard_social", "heard_meetings"):
                if data.get(field) is not None and data[field] > n:
                    self.add_error(field, _("More than the people asked (%(n)s).") % {"n": n})
            heard = [data.get(f) or 0 for f in ("heard_bills", "heard_hoardings", "heard_social", "heard_meetings")]
            if data.get("knew_1930") is not None and any(h > data["knew_1930"] for h in heard):
                self.add_error("knew_1930", _("Fewer than those who heard it through one channel."))
        return data


class OutcomeUploadForm(forms.Form):
    file = forms.FileField(label=_("Weekly figures (CSV or XLSX)"))


class BillExportForm(forms.Form):
    utility = forms.ModelChoiceField(
        label=_("Utility"),
        queryset=Utility.objects.none(),
        error_messages={"invalid_choice": _("Choose one of your department's utilities.")},
    )
    file = forms.FileField(
        label=_("Consumer-level bill export (CSV or Parquet)"),
        help_text=_("Columns: consumer_id, district, billing_cycle, carried_1930. Only the counts are kept."),
    )

    def __init__(self, *args, utilities: QuerySet[Utility], **kwargs) -> None:
        """`utilities`: those whose figures the officer sends (``access.sendable_utilities``)."""
        super().__init__(*args, **kwargs)
        field = self.fields["utility"]
        field.queryset = utilities
        field.label_from_instance = lambda u: f"{u} · {u.department.abbr}"

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith((".csv", ".parquet", ".csv.gz")):
            raise forms.ValidationError(_("Send a .csv or .parquet file."))
        return f
