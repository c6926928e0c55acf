from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sajag.accounts"
    verbose_name = _("Users and postings")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Posting)
        auditlog.register(
            models.User, include_fields=["username", "first_name", "last_name", "email", "is_active", "language"]
        )
