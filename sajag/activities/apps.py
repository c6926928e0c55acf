from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "sajag.activities"
    verbose_name = _("Field evidence")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        for model in (models.Hoarding, models.SocialPost, models.SocialReading, models.BillRun, models.OutreachMeeting):
            auditlog.register(model)
        auditlog.register(models.Influencer)
        auditlog.register(models.Evidence, exclude_fields=["thumbnail", "public_copy"])
