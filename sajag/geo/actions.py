"""Writes to reference data that must keep the census totals whole."""

from __future__ import annotations

from decimal import Decimal

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import DistrictShare


def parent_share_after(share: DistrictShare, value: Decimal) -> tuple[DistrictShare, Decimal]:
    """The parent's share row and what it would keep if `share` became `value`; raises
    ValidationError (on the field "share") when the change is not allowed."""
    stored = DistrictShare.objects.select_related("district").get(pk=share.pk)
    if not stored.district.carved_after_2011:
        raise ValidationError(
            {"share": _("The parent district keeps the remainder; change the new districts' shares instead.")}
        )
    if not Decimal(0) < value < Decimal(1):
        raise ValidationError({"share": _("A share must be above 0 and below 1.")})
    parent = DistrictShare.objects.select_related("district").get(
        census_district_id=stored.census_district_id, district__carved_after_2011=False
    )
    remainder = parent.share + stored.share - value
    if remainder <= 0:
        raise ValidationError(
            {
                "share": _("Too large: %(parent)s would keep nothing of its census population.")
                % {"parent": parent.district}
            }
        )
    return parent, remainder


def set_estimated_share(*, share: DistrictShare, value: Decimal, by) -> DistrictShare:
    """Change the estimated share a new district took from a census district. The parent (the
    district that kept the census district's name) gives or takes the difference, so the census
    district's shares still add up to 1 and the state total is unchanged."""
    with transaction.atomic(), set_actor(by):
        share = DistrictShare.objects.select_for_update().get(pk=share.pk)
        parent, remainder = parent_share_after(share, value)
        parent.share, share.share = remainder, value
        parent.estimated = share.estimated = True
        parent.save(update_fields=["share", "estimated"])
        share.save(update_fields=["share", "estimated"])
    return share
