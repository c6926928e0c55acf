from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from sajag.audit import AuditHistoryAdminMixin

from .actions import parent_share_after, set_estimated_share
from .models import CensusDistrict, Department, District, DistrictShare


class DistrictShareInline(admin.TabularInline):
    model = DistrictShare
    extra = 0
    can_delete = False
    readonly_fields = ["census_district", "share", "estimated"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(District)
class DistrictAdmin(AuditHistoryAdminMixin, admin.ModelAdmin):
    list_display = ["name_en", "name_hi", "code", "lgd_code", "discoms", "carved_after_2011"]
    search_fields = ["name_en", "name_hi", "code"]
    inlines = [DistrictShareInline]


@admin.register(CensusDistrict)
class CensusDistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "lgd_code", "population", "households"]
    search_fields = ["name", "code"]

    def has_change_permission(self, request, obj=None):
        return False  # census figures are published facts; they change only with the data files


class ShareForm(forms.ModelForm):
    class Meta:
        model = DistrictShare
        fields = ["share"]

    def clean_share(self):
        value = self.cleaned_data["share"]
        try:
            parent_share_after(self.instance, value)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["share"]) from exc
        return value


@admin.register(DistrictShare)
class DistrictShareAdmin(AuditHistoryAdminMixin, admin.ModelAdmin):
    """Only new districts' estimated shares are edited; the parent keeps the remainder."""

    form = ShareForm
    list_display = ["census_district", "district", "share", "estimated"]
    list_filter = ["estimated"]
    readonly_fields = ["district", "census_district", "estimated"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        set_estimated_share(share=obj, value=form.cleaned_data["share"], by=request.user)


@admin.register(Department)
class DepartmentAdmin(AuditHistoryAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name_en", "name_hi", "abbr_en", "abbr_hi"]
