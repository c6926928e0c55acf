from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "sajag.materials"
    verbose_name = _("Materials studio")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import BillFormat, MessageVersion

        auditlog.register(MessageVersion)
        auditlog.register(BillFormat)
