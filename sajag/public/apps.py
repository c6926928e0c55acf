from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The records the progress page's figures are made from (public/progress.py).
FIGURE_MODELS = (
    "activities.Hoarding",
    "activities.SocialPost",
    "activities.SocialReading",
    "activities.BillRun",
    "activities.OutreachMeeting",
    "reach.AssumptionValue",
    "reach.ConsumerBills",
    "reach.BillFile",
    "links.VisitDay",
    "campaigns.Campaign",
)


class PublicConfig(AppConfig):
    name = "sajag.public"
    verbose_name = _("Citizen site")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .progress import figures_changed

        for label in FIGURE_MODELS:
            model = self.apps.get_model(label)
            for signal in (post_save, post_delete):
                signal.connect(figures_changed, sender=model, dispatch_uid=f"progress-{label}")
