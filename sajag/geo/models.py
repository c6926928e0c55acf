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


class DistrictQuerySet(models.QuerySet):
    def with_population(self) -> DistrictQuerySet:
        """Annotate each district with its (possibly estimated) 2011 population and households."""
        share = models.F("census_shares__share")
        return self.annotate(
            population_2011=models.Sum(
                share * models.F("census_shares__census_district__population"),
                output_field=models.DecimalField(max_digits=20, decimal_places=5),
            ),
            households_2011=models.Sum(
                share * models.F("census_shares__census_district__households"),
                output_field=models.DecimalField(max_digits=20, decimal_places=5),
            ),
        )


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
        help_text=_("Its population is an estimate: a share of its parent census district(s)."),
    )

    objects = DistrictQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.tr("name")

    @property
    def name(self) -> str:
        return self.tr("name")

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
