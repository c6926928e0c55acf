"""Store what the engine counted: all or nothing, replacing the utility's earlier counts (the
utility record's, in this campaign: never another department's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from auditlog.context import set_actor
from django.db import transaction

from sajag.accounts import access
from sajag.activities.importing import DistrictIndex
from sajag.campaigns.models import Campaign
from sajag.geo.models import District

from . import engine
from .models import ConsumerBills, Utility


def district_lookup() -> Callable[[str], str | None]:
    index = DistrictIndex(list(District.objects.all()))

    def find(value: str) -> str | None:
        try:
            return index.find(value).code
        except ValueError:
            return None

    return find


def ingest_consumer_bills(
    *,
    path: Path,
    campaign: Campaign,
    utility: Utility,
    by,
    window: tuple[dt.date, dt.date] | None = None,
    backend: str = "duckdb",
    progress: Callable[[str], None] = lambda step: None,
) -> engine.BillIngest:
    access.require_figures_for(by, utility)  # whoever calls: the web, the API, the command
    window = window or (campaign.starts_on, campaign.ends_on)
    progress("reading and counting")
    result = engine.ingest_bills(path, window=window, district_codes=district_lookup(), backend=backend)
    if not result.ok:
        return result
    progress("storing")
    districts = {d.code: d for d in District.objects.filter(code__in=result.counts)}
    with transaction.atomic(), set_actor(by):
        ConsumerBills.objects.filter(campaign=campaign, utility=utility).delete()
        ConsumerBills.objects.bulk_create(
            ConsumerBills(
                campaign=campaign,
                district=districts[code],
                utility=utility,
                consumers=n,
                window_start=window[0],
                window_end=window[1],
                source_name=Path(path).name[:200],
                source_rows=result.rows,
                uploaded_by=by,
            )
            for code, n in sorted(result.counts.items())
        )
    progress("done")
    return result
