from django.contrib import admin

from sajag.audit import AuditHistoryAdminMixin

from .models import BillFormat, MessageVersion


@admin.register(BillFormat)
class BillFormatAdmin(AuditHistoryAdminMixin, admin.ModelAdmin):
    """The space each utility gives on its bill; the studio fits the bill lines to it."""

    list_display = ["name_en", "name_hi", "channel", "chars_per_line", "lines"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(MessageVersion)
class MessageVersionAdmin(AuditHistoryAdminMixin, admin.ModelAdmin):
    """Read-only: a new wording is a new version, written in the studio (/materials/topics/)."""

    list_display = ["topic", "number", "title_en", "note", "created_by", "created_at"]
    list_filter = ["topic"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
