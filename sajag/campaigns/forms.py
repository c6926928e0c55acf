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
