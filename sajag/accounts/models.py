from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from sajag.geo.models import Department, District


class User(AbstractUser):
    language = models.CharField(
        _("preferred language"), max_length=2, choices=[("hi", "हिन्दी"), ("en", "English")], default="hi"
    )

    mobile = models.CharField(
        _("mobile number"),
        max_length=16,
        blank=True,
        help_text=_("For the daily SMS digest: an Indian mobile number, e.g. +91 98xxxxxxxx."),
    )

    def clean(self) -> None:
        super().clean()
        if self.mobile:
            import phonenumbers

            try:
                number = phonenumbers.parse(self.mobile, "IN")
            except phonenumbers.NumberParseException:
                number = None
            if number is None or not phonenumbers.is_valid_number(number):
                raise ValidationError({"mobile": _("Not a valid mobile number: %(n)s") % {"n": self.mobile}})
            self.mobile = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    STATE_NODAL = "state_nodal", _("State nodal officer")
    DEPT_NODAL = "dept_nodal", _("Department nodal officer")
    COLLECTOR = "collector", _("District Collector")
    SP = "sp", _("Superintendent of Police")
    DISTRICT_OFFICER = "district_officer", _("District department officer")
    FIELD_STAFF = "field_staff", _("Field staff")
    VIEWER = "viewer", _("Viewer")


# What each role's scope must name: (department, district) — True required, False forbidden,
# None optional.
SCOPE_FIELDS: dict[str, tuple[bool | None, bool | None]] = {
    Role.STATE_NODAL: (None, False),
    Role.DEPT_NODAL: (True, False),
    Role.COLLECTOR: (False, True),
    Role.SP: (False, True),
    Role.DISTRICT_OFFICER: (True, True),
    Role.FIELD_STAFF: (None, True),
    Role.VIEWER: (False, None),
}


class PostingQuerySet(models.QuerySet):
    def active(self) -> PostingQuerySet:
        return self.filter(is_active=True)


class Posting(models.Model):
    """A user's role and the scope it covers: the state, a department, a district, or both."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="postings", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("department")
    )
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("district"))
    title = models.CharField(_("designation"), max_length=120, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PostingQuerySet.as_manager()

    class Meta:
        ordering = ["role", "district__name_en", "department__name_en"]
        verbose_name = _("posting")
        verbose_name_plural = _("postings")

    def __str__(self) -> str:
        where = " · ".join(str(x) for x in (self.district, self.department) if x)
        return f"{self.get_role_display()}{' — ' + where if where else ''}"

    def clean(self) -> None:
        if self.role not in SCOPE_FIELDS:
            return  # no role chosen: the field says so
        needs_department, needs_district = SCOPE_FIELDS[self.role]
        messages = {
            ("department", True): _("This role needs a department."),
            ("department", False): _("This role covers no single department; leave it empty."),
            ("district", True): _("This role needs a district."),
            ("district", False): _("This role covers no single district; leave it empty."),
        }
        errors = {}
        for field, needed in (("department", needs_department), ("district", needs_district)):
            has = getattr(self, f"{field}_id") is not None
            if (needed is True and not has) or (needed is False and has):
                errors[field] = messages[(field, needed)]
        if errors:
            raise ValidationError(errors)
