from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "sajag.campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        for model in (models.Campaign, models.Meeting, models.Directive, models.Assignment):
            auditlog.register(model)
        auditlog.register(models.ActionTakenReport, exclude_fields=["updated_at"])
