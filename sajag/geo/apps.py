from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "sajag.geo"
    verbose_name = _("Places and departments")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.District)
        auditlog.register(models.DistrictShare)
        auditlog.register(models.Department)
