"""What the campaign says, versioned; the bill formats the utilities print; district kit builds."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sajag.bilingual import Bilingual, current_lang
from sajag.campaigns.models import Campaign
from sajag.core.models import Job
from sajag.geo.models import District


class Topic(models.Model):
    """One thing the campaign tells people: a safety rule, 1930 itself, or "cheated? act now"."""

    class Kind(models.TextChoices):
        HELPLINE = "helpline", _("The 1930 helpline")
        RULE = "rule", _("Safety rule")
        CHEATED = "cheated", _("Cheated? Act now")

    slug = models.SlugField(_("short name"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The citizen page its QR codes open.
    target = models.CharField(_("QR opens"), max_length=40, default="public:home")

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        current = self.current
        return current.tr("title") if current else self.slug

    @property
    def current(self) -> MessageVersion | None:
        """The latest version of the topic's message (cached on the object)."""
        if not hasattr(self, "_current"):
            self._current = self.versions.order_by("-number").first()
        return self._current


class MessageVersion(Bilingual, models.Model):
    """One version of a topic's message. Versions are never edited: a change is a new version,
    made by the state nodal officer, kept with who made it, when and why."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="versions", verbose_name=_("topic"))
    number = models.PositiveIntegerField(_("version"))
    title_en = models.CharField(_("title (English)"), max_length=80)
    title_hi = models.CharField(_("title (Hindi)"), max_length=80)
    line_en = models.CharField(
        _("one line (English)"), max_length=60, help_text=_("For bills and poster headlines: at most 60 characters.")
    )
    line_hi = models.CharField(_("one line (Hindi)"), max_length=60)
    short_en = models.CharField(
        _("short text (English)"), max_length=160, help_text=_("For SMS and posts: one or two plain sentences.")
    )
    short_hi = models.CharField(_("short text (Hindi)"), max_length=160)
    long_en = models.TextField(_("long text (English)"), help_text=_("For handouts and Facebook: a short paragraph."))
    long_hi = models.TextField(_("long text (Hindi)"))
    example_en = models.TextField(_("real-life example (English)"), blank=True)
    example_hi = models.TextField(_("real-life example (Hindi)"), blank=True)
    hashtags_en = models.CharField(_("hashtags (English)"), max_length=200, blank=True)
    hashtags_hi = models.CharField(_("hashtags (Hindi)"), max_length=200, blank=True)
    note = models.CharField(_("what changed"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["topic", "-number"]
        verbose_name = _("message version")
        verbose_name_plural = _("message versions")
        constraints = [models.UniqueConstraint(fields=["topic", "number"], name="one_number_per_topic_version")]

    def __str__(self) -> str:
        return f"{self.topic.slug} v{self.number}"

    def text(self, field: str, lang: str | None = None) -> str:
        return getattr(self, f"{field}_{lang or current_lang()}")

    def hashtags(self, lang: str) -> list[str]:
        return [tag for tag in self.text("hashtags", lang).split() if tag.startswith("#")]


class BillFormat(models.Model):
    """The space a utility gives on its bill: characters per line and lines."""

    class Channel(models.TextChoices):
        ELECTRICITY = "electricity_bill", _("Electricity bill")
        WATER = "water_bill", _("Water bill")

    name_en = models.CharField(_("name (English)"), max_length=80)
    name_hi = models.CharField(_("name (Hindi)"), max_length=80)
    slug = models.SlugField(_("short name"), max_length=30, unique=True)
    channel = models.CharField(_("bill"), max_length=20, choices=Channel.choices)
    chars_per_line = models.PositiveSmallIntegerField(
        _("characters per line"), validators=[MinValueValidator(16), MaxValueValidator(200)]
    )
    lines = models.PositiveSmallIntegerField(_("lines"), validators=[MinValueValidator(1), MaxValueValidator(10)])

    class Meta:
        ordering = ["channel", "slug"]
        verbose_name = _("bill format")
        verbose_name_plural = _("bill formats")

    def __str__(self) -> str:
        return f"{self.name_en} ({self.lines} × {self.chars_per_line})"


class KitBuild(Job):
    """A district's kit built in the background, kept for download; "all districts" is a batch
    of one build per district, spread over the workers. Retry-safe: the ZIP is written aside and
    attached only once complete."""

    kind = "kit"
    runner = "sajag.materials.jobs.build_kit"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district"))
    batch = models.CharField(max_length=12, db_index=True)  # builds started together
    file = models.FileField(upload_to="kits/", blank=True)
    size = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"kit {self.district} ({self.state})"

    def zip_name(self) -> str:
        return f"sajag-kit-{self.district.code}-{self.batch}.zip"

    def after_outcome(self) -> None:
        """A build interrupted by a killed worker leaves its ZIP half-written aside: remove it."""
        self.tmp_path(self.zip_name()).unlink(missing_ok=True)

    def tmp_path(self, name: str) -> Path:
        folder = Path(settings.MEDIA_ROOT) / "kits" / "building"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name
