from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sajag import clock
from sajag.campaigns.models import Directive

from . import validators as v
from .evidence import MAX_BYTES, MAX_FILES
from .models import BillRun, Hoarding, Influencer, OutreachMeeting, SocialPost, Topic


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos (or PDFs) at once; checked by content in the action, not here."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:  # refused before a byte of them is read
            raise forms.ValidationError(
                _("%(n)s files were sent together; send at most %(limit)s at a time.")
                % {"n": len(files), "limit": MAX_FILES}
            )
        for f in files:
            if f.size > MAX_BYTES:
                raise forms.ValidationError(
                    _("%(name)s is larger than %(mb)s MB.") % {"name": f.name, "mb": MAX_BYTES // 1048576}
                )
        if self.required and not files:
            raise forms.ValidationError(_("Add at least one photo."))
        return files


def _photos(required: bool = False) -> PhotosField:
    return PhotosField(
        label=_("Photos or PDF"),
        required=required,
        help_text=_("JPEG, PNG or HEIC photos from the phone, or a PDF; up to 10 files at a time, 15 MB each."),
        widget=MultipleFileInput(attrs={"accept": "image/*,application/pdf", "capture": "environment"}),
    )


class RecordForm(forms.ModelForm):
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    photos = _photos()
    date_fields: tuple[str, ...] = ()

    def __init__(self, *args, assignment=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.assignment = assignment
        for name in self.date_fields:
            self.fields[name].widget = forms.DateInput(attrs={"type": "date"})
        for field in self.fields.values():
            if isinstance(field.widget, forms.NumberInput):
                field.widget.attrs.setdefault("inputmode", "numeric")

    def _clean_coordinates(self, data: dict) -> None:
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None):
            self.add_error("latitude", _("Give both latitude and longitude, or neither."))
        elif lat is not None:
            try:
                data["latitude"], data["longitude"] = v.coordinates(lat, lon)
                if self.assignment is not None:
                    v.in_district(self.assignment.district, float(data["latitude"]), float(data["longitude"]))
            except ValueError as exc:
                self.add_error("latitude", str(exc))


class HoardingForm(RecordForm):
    date_fields = ("installed_on", "removed_on")
    photos = _photos(required=True)

    class Meta:
        model = Hoarding
        fields = [
            "city",
            "site",
            "latitude",
            "longitude",
            "size",
            "language",
            "installed_on",
            "removed_on",
            "daily_passers_by",
        ]
        widgets = {
            "latitude": forms.TextInput(attrs={"inputmode": "decimal"}),
            "longitude": forms.TextInput(attrs={"inputmode": "decimal"}),
        }

    def clean(self):
        data = super().clean()
        self._clean_coordinates(data)
        if data.get("removed_on") and data.get("installed_on") and data["removed_on"] < data["installed_on"]:
            self.add_error("removed_on", _("The removal date is before the installation date."))
        return data


class SocialPostForm(RecordForm):
    url = forms.URLField(
        label=_("post link"), max_length=500, assume_scheme="https", widget=forms.URLInput(attrs={"inputmode": "url"})
    )
    read_on = forms.DateField(
        label=_("Figures read on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reach = forms.IntegerField(label=_("Unique reach"), required=False, min_value=0)
    impressions = forms.IntegerField(label=_("Impressions"), required=False, min_value=0)
    engagement = forms.IntegerField(label=_("Engagement"), required=False, min_value=0)

    class Meta:
        model = SocialPost
        fields = ["platform", "account_kind", "influencer", "handle", "url", "posted_at"]
        widgets = {
            "posted_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "url": forms.URLInput(attrs={"inputmode": "url"}),
        }

    def __init__(self, *args, assignment=None, **kwargs):
        super().__init__(*args, assignment=assignment, **kwargs)
        self.fields["influencer"].queryset = (
            Influencer.objects.filter(district=assignment.district) if assignment else Influencer.objects.none()
        )
        self.fields["influencer"].required = False

    def clean(self):
        data = super().clean()
        if data.get("url") and data.get("platform"):
            try:
                data["url"] = v.post_url(data["url"], data["platform"])
            except ValueError as exc:
                self.add_error("url", str(exc))
        if data.get("account_kind") == SocialPost.Account.INFLUENCER and not data.get("influencer"):
            self.add_error("influencer", _("Choose the influencer (register them first if they are new)."))
        if any(data.get(k) is not None for k in ("reach", "impressions", "engagement")) and not data.get("read_on"):
            data["read_on"] = clock.today()
        return data


class BillRunForm(RecordForm):
    class Meta:
        model = BillRun
        fields = ["utility", "cycle", "bills_printed"]
        widgets = {"cycle": forms.DateInput(attrs={"type": "month"}, format="%Y-%m")}

    def __init__(self, *args, assignment=None, **kwargs):
        super().__init__(*args, assignment=assignment, **kwargs)
        self.fields["cycle"].input_formats = ["%Y-%m", "%Y-%m-%d"]
        if assignment is not None and assignment.department and assignment.department.code == "energy":
            choices = [(d, d) for d in assignment.district.discom_list()]
            self.fields["utility"].widget = forms.Select(choices=choices)

    def clean_cycle(self):
        return self.cleaned_data["cycle"].replace(day=1)


class MeetingForm(RecordForm):
    date_fields = ("held_on",)
    topics = forms.MultipleChoiceField(
        label=_("Safety topics covered"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = OutreachMeeting
        fields = ["kind", "held_on", "venue", "latitude", "longitude", "organisations", "attendees", "topics"]
        widgets = {
            "latitude": forms.HiddenInput,
            "longitude": forms.HiddenInput,
            "organisations": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        self._clean_coordinates(data)
        return data


FORMS = {
    "hoardings": HoardingForm,
    "social_media": SocialPostForm,
    "utility_bills": BillRunForm,
    "teacher_meetings": MeetingForm,
    "bank_trader_meetings": MeetingForm,
}


class ImportForm(forms.Form):
    directive = forms.ModelChoiceField(queryset=Directive.objects.none(), label=_("Directive"))
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"), help_text=_("Use the template's headers; up to 50 MB.")
    )
    good_rows_now = forms.BooleanField(
        required=False,
        label=_("Import the good rows now, and give me the others as a file to fix"),
        help_text=_("Unticked, nothing is stored until every row is right."),
    )

    def __init__(self, *args, directives=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["directive"].queryset = directives if directives is not None else Directive.objects.none()

    def clean_file(self):
        """Size and an .xlsx's table of contents, checked here at once; rows in the worker."""
        from .importing import MAX_UPLOAD_BYTES, ImportRefused, check_upload

        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB: split it into parts."))
        data = f.read()
        f.seek(0)
        try:
            check_upload(f.name, data)
        except ImportRefused as exc:
            raise forms.ValidationError(str(exc)) from exc
        return f


class InfluencerForm(forms.ModelForm):
    class Meta:
        model = Influencer
        fields = ["district", "name", "instagram", "facebook", "x", "youtube", "followers", "followers_read_on"]
        widgets = {"followers_read_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, districts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = (
            districts if districts is not None else self.fields["district"].queryset.none()
        )

    def clean(self):
        data = super().clean()
        if not any(data.get(k) for k in ("instagram", "facebook", "x", "youtube")):
            raise forms.ValidationError(_("Give at least one handle or page."))
        if data.get("followers") is not None and not data.get("followers_read_on"):
            self.add_error("followers_read_on", _("Say when the follower count was read."))
        return data


class ReadingForm(forms.Form):
    read_on = forms.DateField(label=_("Figures read on"), widget=forms.DateInput(attrs={"type": "date"}))
    reach = forms.IntegerField(label=_("Unique reach"), required=False, min_value=0)
    impressions = forms.IntegerField(label=_("Impressions"), required=False, min_value=0)
    engagement = forms.IntegerField(label=_("Engagement"), required=False, min_value=0)

    def clean(self):
        data = super().clean()
        if all(data.get(k) is None for k in ("reach", "impressions", "engagement")):
            raise forms.ValidationError(_("Enter at least one figure."))
        return data
