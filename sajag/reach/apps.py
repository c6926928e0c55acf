from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReachConfig(AppConfig):
    name = "sajag.reach"
    verbose_name = _("Reach")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.AssumptionValue)
        auditlog.register(models.RecallSurvey)
        auditlog.register(models.OutcomeWeek)
