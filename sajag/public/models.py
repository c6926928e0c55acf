from django.db import models
from django.utils.translation import gettext_lazy as _

from sajag.geo.models import District


class SharedMessage(models.Model):
    """A suspicious message a citizen chose to share ("help warn others"). Stored only with that
    consent; no name, number, address or device detail — only what they pasted and the verdict."""

    text = models.TextField(_("message"))
    level = models.CharField(_("verdict"), max_length=20)
    typology = models.CharField(_("fraud type"), max_length=40, blank=True)
    signals = models.JSONField(_("signals"), default=list)
    language = models.CharField(max_length=2)
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("district"))
    shared_on = models.DateField(_("shared on"), db_index=True)

    class Meta:
        ordering = ["-shared_on", "-pk"]
        verbose_name = _("shared message")
        verbose_name_plural = _("shared messages")

    def __str__(self) -> str:
        return f"{self.shared_on} {self.typology or self.level}"
