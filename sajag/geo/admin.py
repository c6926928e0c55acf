from django.contrib import admin

from .models import CensusDistrict, Department, District, DistrictShare


class DistrictShareInline(admin.TabularInline):
    model = DistrictShare
    extra = 0


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_hi", "code", "lgd_code", "discoms", "carved_after_2011"]
    search_fields = ["name_en", "name_hi", "code"]
    inlines = [DistrictShareInline]


@admin.register(CensusDistrict)
class CensusDistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "lgd_code", "population", "households"]
    search_fields = ["name", "code"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_hi", "abbr_en", "abbr_hi"]
