"""What reach adds to the next campaign: its assumptions are copied when a campaign is cloned,
and the comparison of two campaigns reads each district's reach from here. Registered with
``sajag.campaigns.clone`` by ``ReachConfig.ready`` (campaigns may not import reach)."""

from __future__ import annotations

import datetime as dt

from sajag.campaigns.models import Campaign

from .compute import district_reach
from .models import AssumptionValue


def copy_assumptions(source: Campaign, new: Campaign, by) -> None:
    """The source campaign's edited assumptions, now changed by the person who cloned it."""
    AssumptionValue.objects.bulk_create(
        AssumptionValue(campaign=new, key=v.key, value=v.value, changed_by=by)
        for v in AssumptionValue.objects.filter(campaign=source)
    )


def combined_by_district(campaign: Campaign, as_of: dt.date) -> dict[int, float]:
    """Each district's combined reach share as the campaign stood on ``as_of``."""
    return {r.district.pk: r.reach.combined for r in district_reach(campaign, today=as_of, steps=False)}
