from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from sajag.bilingual import Bilingual


class CensusDistrict(models.Model):
    """One of the 33 districts of Census 2011, with its counted population."""

    code = models.CharField(_("census code (2011)"), max_length=3, unique=True)
    lgd_code = models.PositiveIntegerField(_("LGD code"), unique=True)
    name = models.CharField(_("name (census spelling)"), max_length=60)
    population = models.PositiveBigIntegerField(_("population"))
    households = models.PositiveBigIntegerField(_("households"))
    urban_population = models.PositiveBigIntegerField(_("urban population"))
    rural_population = models.PositiveBigIntegerField(_("rural population"))
    urban_households = models.PositiveBigIntegerField(_("urban households"))
    rural_households = models.PositiveBigIntegerField(_("rural households"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("census district (2011)")
        verbose_name_plural = _("census districts (2011)")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def persons_per_household(self) -> Decimal:
        return Decimal(self.population) / Decimal(self.households)


class District(Bilingual, models.Model):
    """A district in force today (41 since 28 Dec 2024)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    lgd_code = models.PositiveIntegerField(_("LGD code"), null=True, blank=True, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=60)
    name_hi = models.CharField(_("name (Hindi)"), max_length=60)
    discoms = models.CharField(_("electricity discoms"), max_length=60, help_text=_("Separated by semicolons"))
    carved_after_2011 = models.BooleanField(
        _("carved after the 2011 census"),
        default=False,
    )
    # Census 2011, summed from the whole 2011 sub-districts (tehsils) that lie in the district
    # today (geo/data/district_population_2011.csv). Approximate where a sub-district was later
    # split between two of today's districts: the whole of it is counted on one side.
    population_2011 = models.PositiveBigIntegerField(_("population (2011)"), default=0)
    households_2011 = models.PositiveBigIntegerField(_("households (2011)"), default=0)
    urban_population_2011 = models.PositiveBigIntegerField(_("urban population (2011)"), default=0)
    population_approximate = models.BooleanField(
        _("population approximate"),
        default=False,
        help_text=_("A 2011 sub-district was later split between this district and another."),
    )
    population_note = models.CharField(_("sub-districts split"), max_length=200, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.tr("name")

    @property
    def name(self) -> str:
        return self.tr("name")

    @property
    def persons_per_household(self) -> float:
        return self.population_2011 / self.households_2011 if self.households_2011 else 0.0

    def discom_list(self) -> list[str]:
        return [d for d in self.discoms.split(";") if d]


class DistrictShare(models.Model):
    """The share of a census district's population that now lies in a current district."""

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="census_shares", verbose_name=_("district")
    )
    census_district = models.ForeignKey(
        CensusDistrict,
        on_delete=models.PROTECT,
        related_name="current_shares",
        verbose_name=_("census district (2011)"),
    )
    share = models.DecimalField(_("share of population"), max_digits=6, decimal_places=5)
    estimated = models.BooleanField(_("estimated"), default=False)

    class Meta:
        ordering = ["census_district__code", "-share"]
        constraints = [
            models.UniqueConstraint(fields=["district", "census_district"], name="geo_share_unique_pair"),
            models.CheckConstraint(
                condition=models.Q(share__gt=0) & models.Q(share__lte=1),
                name="geo_share_between_0_and_1",
            ),
        ]
        verbose_name = _("population share")
        verbose_name_plural = _("population shares")

    def __str__(self) -> str:
        return f"{self.district} ← {self.census_district.name}: {self.share}"


class Department(Bilingual, models.Model):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=80)
    name_hi = models.CharField(_("name (Hindi)"), max_length=80)
    abbr_en = models.CharField(_("short name (English)"), max_length=20)
    abbr_hi = models.CharField(_("short name (Hindi)"), max_length=20)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.tr("name")

    @property
    def name(self) -> str:
        return self.tr("name")

    @property
    def abbr(self) -> str:
        return self.tr("abbr")
