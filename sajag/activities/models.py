from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from sajag.campaigns.models import Assignment
from sajag.core.models import Job
from sajag.geo.models import Department, District


class Topic(models.TextChoices):
    """The six safety rules of the brief."""

    OTP = "otp", _("Never share an OTP")
    ATM_PIN = "atm_pin", _("Never share an ATM PIN or password")
    UNKNOWN_LINKS = "unknown_links", _("Do not click unknown links")
    PASSWORD = "password", _("Keep passwords secret")
    DATA_PRIVACY = "data_privacy", _("Protect your personal data")
    DIGITAL_PAYMENT = "digital_payment", _("Pay digitally, safely")


class Source(models.TextChoices):
    FORM = "form", _("Form")
    IMPORT = "import", _("Spreadsheet import")
    API = "api", _("Integration API")


class RecordBase(models.Model):
    """A channel record proves an assignment's report; it inherits the assignment's scope."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="%(class)s_records", verbose_name=_("assignment")
    )
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district"))
    # Set by the phone for a record made offline: sending it twice stores it once.
    client_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.FORM)
    import_job = models.ForeignKey("ImportJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    evidence = GenericRelation("Evidence")

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class Language(models.TextChoices):
    HINDI = "hi", _("Hindi")
    ENGLISH = "en", _("English")
    BOTH = "both", _("Hindi and English")


class Hoarding(RecordBase):
    city = models.CharField(_("city or town"), max_length=100)
    site = models.CharField(_("site / intersection"), max_length=200)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    size = models.CharField(_("size"), max_length=40, blank=True, help_text=_("For example 20×10 ft"))
    language = models.CharField(_("language"), max_length=4, choices=Language.choices, default=Language.HINDI)
    installed_on = models.DateField(_("installed on"))
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    daily_passers_by = models.PositiveIntegerField(_("estimated passers-by per day"), null=True, blank=True)
    # The figure was written as an estimate ("लगभग 5000", "approx 60"): kept, and shown as ≈.
    approximate = models.BooleanField(_("figure approximate"), default=False, db_default=False)

    class Meta(RecordBase.Meta):
        verbose_name = _("hoarding")
        verbose_name_plural = _("hoardings")
        constraints = [
            models.UniqueConstraint(fields=["district", "city", "site", "installed_on"], name="hoarding_natural_key"),
            models.CheckConstraint(
                condition=models.Q(removed_on__isnull=True) | models.Q(removed_on__gte=models.F("installed_on")),
                name="hoarding_removed_after_installed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site}, {self.city}"


class Platform(models.TextChoices):
    INSTAGRAM = "instagram", "Instagram"
    FACEBOOK = "facebook", "Facebook"
    X = "x", "X"
    YOUTUBE = "youtube", "YouTube"
    WHATSAPP = "whatsapp", _("WhatsApp channel")


class Influencer(models.Model):
    """A registered local influencer of a district, with the follower count and when it was read."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="influencers")
    name = models.CharField(_("name"), max_length=120)
    instagram = models.CharField(_("Instagram handle"), max_length=60, blank=True)
    facebook = models.CharField(_("Facebook page"), max_length=120, blank=True)
    x = models.CharField(_("X handle"), max_length=60, blank=True)
    youtube = models.CharField(_("YouTube channel"), max_length=120, blank=True)
    followers = models.PositiveIntegerField(_("followers (all platforms)"), null=True, blank=True)
    followers_read_on = models.DateField(_("followers read on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["district__name_en", "name"]
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="influencer_unique_name")]
        verbose_name = _("influencer")
        verbose_name_plural = _("influencers")

    def __str__(self) -> str:
        return self.name

    def handles(self) -> list[str]:
        return [h for h in (self.instagram, self.facebook, self.x, self.youtube) if h]


class SocialPost(RecordBase):
    class Account(models.TextChoices):
        DISTRICT = "district", _("District's own handle")
        INFLUENCER = "influencer", _("Local influencer")

    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    account_kind = models.CharField(_("posted by"), max_length=12, choices=Account.choices)
    influencer = models.ForeignKey(Influencer, on_delete=models.PROTECT, null=True, blank=True, related_name="posts")
    handle = models.CharField(_("handle"), max_length=120)
    url = models.URLField(_("post link"), max_length=500, unique=True)
    posted_at = models.DateTimeField(_("posted at"))

    class Meta(RecordBase.Meta):
        verbose_name = _("social media post")
        verbose_name_plural = _("social media posts")

    def __str__(self) -> str:
        return f"{self.get_platform_display()} · {self.handle}"


class SocialReading(models.Model):
    """Reach, impressions and engagement as read on a date; readings accumulate, none is overwritten."""

    post = models.ForeignKey(SocialPost, on_delete=models.CASCADE, related_name="readings")
    read_on = models.DateField(_("read on"))
    reach = models.PositiveIntegerField(_("unique reach"), null=True, blank=True)
    impressions = models.PositiveIntegerField(_("impressions"), null=True, blank=True)
    engagement = models.PositiveIntegerField(_("engagement"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["post", "read_on"]
        constraints = [models.UniqueConstraint(fields=["post", "read_on"], name="reading_one_per_day")]

    def __str__(self) -> str:
        return f"{self.post} @ {self.read_on}"


class BillRun(RecordBase):
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("department"))
    utility = models.CharField(_("utility"), max_length=60, help_text=_("JVVNL, AVVNL, JdVVNL or a PHED division"))
    cycle = models.DateField(_("billing cycle (month)"))
    bills_printed = models.PositiveIntegerField(_("bills printed with 1930"))

    class Meta(RecordBase.Meta):
        verbose_name = _("bill run")
        verbose_name_plural = _("bill runs")
        constraints = [models.UniqueConstraint(fields=["district", "utility", "cycle"], name="billrun_natural_key")]

    def __str__(self) -> str:
        return f"{self.utility} {self.cycle:%Y-%m}"


class OutreachMeeting(RecordBase):
    class Kind(models.TextChoices):
        TEACHERS_UNION = "teachers_union", _("Teachers' union")
        BANK = "bank", _("Bank")
        TRADERS = "traders", _("Traders' association")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    held_on = models.DateField(_("held on"))
    venue = models.CharField(_("venue"), max_length=200)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    organisations = models.TextField(_("organisations present"), blank=True)
    attendees = models.PositiveIntegerField(_("attendees"))
    approximate = models.BooleanField(_("figure approximate"), default=False, db_default=False)
    topics = models.JSONField(_("safety topics covered"), default=list)

    class Meta(RecordBase.Meta):
        verbose_name = _("outreach meeting")
        verbose_name_plural = _("outreach meetings")
        constraints = [
            models.UniqueConstraint(fields=["district", "kind", "held_on", "venue"], name="meeting_natural_key")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.venue}"

    def topic_labels(self) -> list[str]:
        labels = dict(Topic.choices)
        return [str(labels.get(t, t)) for t in self.topics]


class Evidence(models.Model):
    """A photo or PDF proving a record. The original is kept for officers; thumbnails and the
    public copy carry no metadata."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    file = models.FileField(upload_to="evidence/%Y/%m/")
    thumbnail = models.FileField(upload_to="evidence/thumbs/%Y/%m/", blank=True)
    public_copy = models.FileField(upload_to="evidence/public/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10)  # image | pdf
    mime = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    width = models.PositiveIntegerField(null=True)
    height = models.PositiveIntegerField(null=True)
    taken_at = models.DateTimeField(null=True, blank=True)
    gps_lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    gps_lon = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name


class ImportJob(Job):
    """A spreadsheet of channel records for one directive, checked and stored all or nothing
    (``done`` / ``total``: rows checked of rows read). Retry-safe: an interrupted import stored
    nothing, and importing the same rows again adds nothing."""

    kind = "import"
    runner = "sajag.activities.jobs.run_import"

    channel = models.CharField(max_length=20)
    directive = models.ForeignKey("campaigns.Directive", on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to="imports/%Y/%m/")
    original_name = models.CharField(max_length=200)
    created_count = models.PositiveIntegerField(default=0)
    existing_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)  # the first errors, for the page: [{"row": n, "message": ...}]
    error_report = models.FileField(upload_to="imports/errors/%Y/%m/", blank=True)
    # What the officer asked of this run (importing.OPTIONS: swap the swapped coordinates, file
    # meetings under the directive their kind belongs to, read a legacy font, store the good rows
    # now), and the fixes this run found it could make if asked: [{"fix": ..., "rows": n, ...}].
    options = models.JSONField(default=dict, blank=True)
    offers = models.JSONField(default=list, blank=True)
    # Rows this run read with a legacy font, as typed and as read: shown for confirmation.
    converted = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.channel} import {self.pk} ({self.state})"
