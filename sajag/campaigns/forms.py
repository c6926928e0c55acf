from django import forms
from django.utils.translation import gettext_lazy as _

from sajag.geo.models import Department, District

from .dashboard import SHOWN_STATUSES
from .models import OVERDUE, Directive, Status


class ReportForm(forms.Form):
    summary = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Where, when, how many, with whom. Evidence files come with the field-evidence screens."),
        error_messages={"required": _("Say what was done: this field cannot be empty.")},
    )
    achieved_number = forms.IntegerField(
        label=_("Achieved (number)"),
        required=False,
        min_value=0,
        max_value=10**9,
        error_messages={
            "invalid": _("Enter a whole number, such as 12."),
            "min_value": _("The number cannot be negative."),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class VerifyForm(forms.Form):
    remark = forms.CharField(
        label=_("Remark (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReturnForm(forms.Form):
    remark = forms.CharField(
        label=_("Why is it returned? What must be added or corrected?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the remark: the officer needs to know what to correct.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


# In SHOWN_STATUSES order (worst first): tables and the legend follow it.
STATUS_LABELS = {s: ({OVERDUE: _("Overdue")} | dict(Status.choices))[s] for s in SHOWN_STATUSES}


class DashboardFilterForm(forms.Form):
    department = forms.ModelChoiceField(
        queryset=Department.objects.all(), required=False, label=_("Department"), empty_label=_("All departments")
    )
    district = forms.ModelChoiceField(
        queryset=District.objects.all(), required=False, label=_("District"), empty_label=_("All districts")
    )
    directive = forms.ModelChoiceField(
        queryset=Directive.objects.none(), required=False, label=_("Directive"), empty_label=_("All directives")
    )
    status = forms.ChoiceField(
        choices=[("", _("All statuses"))] + [(s, STATUS_LABELS[s]) for s in SHOWN_STATUSES],
        required=False,
        label=_("Status"),
    )

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        if campaign is not None:
            self.fields["directive"].queryset = Directive.objects.filter(meeting__campaign=campaign)


def filter_selects(form: DashboardFilterForm, *, hide: set[str] = frozenset()) -> list[dict]:
    """The filter form as plain select data: rendering Django's option widgets one template per
    option costs more than the whole matrix (bench/dashboard.py)."""
    selects = []
    for name, field in form.fields.items():
        if name in hide:
            continue
        current = str(form.data.get(name, "")) if form.is_bound else ""
        if isinstance(field, forms.ModelChoiceField):
            options = [("", field.empty_label)] + [(str(obj.pk), str(obj)) for obj in field.queryset]
        else:
            options = [(str(v), label) for v, label in field.choices]
        selects.append(
            {
                "name": name,
                "id": f"id_{name}",
                "label": field.label,
                "options": [(v, label, v == current) for v, label in options],
            }
        )
    return selects


class CloneForm(forms.Form):
    """The next campaign from a finished one: its name and when it starts."""

    source = forms.ModelChoiceField(None, label=_("Copy the campaign"), to_field_name="slug", empty_label=None)
    slug = forms.SlugField(label=_("Short name"), max_length=50)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_hi = forms.CharField(label=_("Name (Hindi)"), max_length=200)
    starts_on = forms.DateField(label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, finished, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = finished

    def clean_slug(self) -> str:
        from .models import Campaign

        slug = self.cleaned_data["slug"]
        if Campaign.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("A campaign with this short name exists already."))
        return slug

    def clean(self):
        data = super().clean()
        source, starts_on = data.get("source"), data.get("starts_on")
        if source and starts_on and starts_on <= source.ends_on:
            self.add_error(
                "starts_on", _("The new campaign starts after %(day)s, when this one ends.") % {"day": source.ends_on}
            )
        return data


class CompareForm(forms.Form):
    a = forms.ModelChoiceField(None, label=_("Campaign"), to_field_name="slug", empty_label=None)
    b = forms.ModelChoiceField(None, label=_("Compared with"), to_field_name="slug", empty_label=None)

    def __init__(self, *args, campaigns, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["a"].queryset = campaigns
        self.fields["b"].queryset = campaigns
