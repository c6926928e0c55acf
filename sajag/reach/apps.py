from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReachConfig(AppConfig):
    name = "sajag.reach"
    verbose_name = _("Reach")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sajag.campaigns.clone import register_clone_step, register_district_reach

        from . import clone, models

        register_clone_step(clone.copy_assumptions)
        register_district_reach(clone.combined_by_district)
        auditlog.register(models.AssumptionValue)
        auditlog.register(models.RecallSurvey)
        auditlog.register(models.OutcomeWeek)
        auditlog.register(models.BillFile, include_fields=["state", "decided_by", "decided_at"])
