from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinksConfig(AppConfig):
    name = "sajag.links"
    verbose_name = _("Short links and QR codes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        # Who made or changed a printed link, and when. The visit counters are not audited:
        # they change every second and hold nothing a person typed.
        auditlog.register(models.ShortLink)
