from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sajag.campaigns.models import Campaign


class AssumptionValue(models.Model):
    """A campaign's own value for one of the reach model's assumptions (defaults in model.py)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reach_assumptions")
    key = models.CharField(_("assumption"), max_length=60)
    value = models.FloatField(_("value"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "key"], name="reach_assumption_unique")]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"
