from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from sajag.audit import AuditHistoryAdminMixin

from .models import Posting, User


class PostingInline(admin.TabularInline):
    model = Posting
    extra = 0


@admin.register(User)
class UserAdmin(AuditHistoryAdminMixin, BaseUserAdmin):
    inlines = [PostingInline]
    fieldsets = (*BaseUserAdmin.fieldsets, ("Sajag", {"fields": ("language", "mobile")}))
    list_display = ["username", "first_name", "last_name", "is_active"]


@admin.register(Posting)
class PostingAdmin(AuditHistoryAdminMixin, admin.ModelAdmin):
    list_display = ["user", "role", "district", "department", "title", "is_active"]
    list_filter = ["role", "is_active", "department"]
    search_fields = ["user__username", "title", "district__name_en"]
