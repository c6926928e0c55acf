from django.contrib import admin

from sajag.audit import AuditHistoryAdminMixin

from .models import ShortLink


@admin.register(ShortLink)
class ShortLinkAdmin(AuditHistoryAdminMixin, admin.ModelAdmin):
    list_display = ["code", "district", "channel", "asset", "target", "active", "expires_on"]
    list_filter = ["channel", "active", "district"]
    search_fields = ["code", "asset"]
    readonly_fields = ["code", "created_by", "created_at"]
