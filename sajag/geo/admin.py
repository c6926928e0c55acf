from django.contrib import admin

from sajag.audit import AuditHistoryAdminMixin

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
    list_display = [
        "name_en",
        "name_hi",
        "code",
        "lgd_code",
        "discoms",
        "population_2011",
        "households_2011",
        "population_approximate",
    ]
    search_fields = ["name_en", "name_hi", "code"]
    readonly_fields = [
        "population_2011",
        "households_2011",
        "urban_population_2011",
        "population_approximate",
        "population_note",
    ]
    inlines = [DistrictShareInline]


@admin.register(CensusDistrict)
class CensusDistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "lgd_code", "population", "households"]
    search_fields = ["name", "code"]

    def has_change_permission(self, request, obj=None):
        return False  # census figures are published facts; they change only with the data files


@admin.register(DistrictShare)
class DistrictShareAdmin(admin.ModelAdmin):
    """Which census district(s) a district came from, and its share of their population by the
    2011 sub-districts it holds (geo/data/district_census_shares.csv): read only."""

    list_display = ["census_district", "district", "share", "estimated"]
    list_filter = ["estimated"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Department)
class DepartmentAdmin(AuditHistoryAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name_en", "name_hi", "abbr_en", "abbr_hi"]
