from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from sajag.campaigns.models import Campaign
from sajag.geo.models import District

from .codes import new_code


class Channel(models.TextChoices):
    HOARDING = "hoarding", _("Hoarding")
    ELECTRICITY_BILL = "electricity_bill", _("Electricity bill")
    WATER_BILL = "water_bill", _("Water bill")
    SOCIAL = "social", _("Social media post")
    SMS = "sms", _("SMS")
    HANDOUT = "handout", _("Teacher handout")
    COUNTER_CARD = "counter_card", _("Bank / trader counter card")
    MEETING = "meeting", _("Meeting")
    OTHER = "other", _("Other")


class Target(models.TextChoices):
    """The citizen pages a link may open, in the link's language (the other is one tap away there)."""

    HOME = "public:home", _("Home: 1930")
    CHEATED = "public:cheated", _("Cheated? Do this now")
    RULES = "public:rules", _("The six safety rules")
    CHECK = "public:scam-check", _("Is this message a scam?")
    PROGRESS = "public:progress", _("Campaign progress")


class ShortLink(models.Model):
    """A printed or posted short link / QR code, and where it was put: campaign, district, channel
    and the asset (a hoarding site, a bill cycle, a post, a handout)."""

    code = models.CharField(_("code"), max_length=16, unique=True, default=new_code, editable=False)
    target = models.CharField(_("opens"), max_length=40, choices=Target.choices, default=Target.HOME)
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="links", verbose_name=_("campaign"))
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="links", verbose_name=_("district")
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    asset = models.CharField(
        _("asset"), max_length=120, help_text=_("Where it is printed or posted: a hoarding site, a bill cycle, a post.")
    )
    language = models.CharField(
        _("page language"), max_length=2, choices=[("hi", "हिन्दी"), ("en", "English")], default="hi"
    )
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["district__name_en", "channel", "asset"]
        verbose_name = _("short link")
        verbose_name_plural = _("short links")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "district", "channel", "asset"], name="one_link_per_asset")
        ]

    def __str__(self) -> str:
        return self.code

    def target_path(self) -> str:
        with translation.override(self.language):
            try:
                return reverse(self.target)
            except NoReverseMatch:
                return reverse(Target.HOME)


class VisitDay(models.Model):
    """Visits to one link on one day: people and link-preview bots, counted apart. Nothing about
    the visitor is kept — no address, no cookie, no browser string."""

    link = models.ForeignKey(ShortLink, on_delete=models.CASCADE, related_name="days")
    day = models.DateField(db_index=True)
    people = models.PositiveBigIntegerField(default=0)
    bots = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["link", "day"], name="one_count_per_link_day")]

    def __str__(self) -> str:
        return f"{self.link_id} {self.day} {self.people}+{self.bots}"


class SpoolCheckpoint(models.Model):
    """How far into a worker's visit spool the counts above already go. Written in the same
    transaction as the counts, so a crashed worker's spool is replayed exactly once."""

    spool = models.CharField(max_length=120, unique=True)
    offset = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.spool}@{self.offset}"
