from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from sajag.audit import AuditHistoryAdminMixin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(AuditHistoryAdminMixin, admin.ModelAdmin):
    """Tokens are made with `manage.py api_token create` (the secret is shown once); here they
    are seen and revoked."""

    list_display = ["name", "prefix", "account", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["name", "account", "prefix", "created_by", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset) -> None:
        for token in queryset.filter(revoked_at__isnull=True):
            token.revoke()
        messages.success(request, _("Revoked."))
