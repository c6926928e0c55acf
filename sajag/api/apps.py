from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "sajag.api"
    verbose_name = _("Integration API")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import ApiToken

        auditlog.register(ApiToken, exclude_fields=["key_hash", "last_used_at"])
