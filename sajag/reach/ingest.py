"""Store what the engine counted as a version of the utility's figures (never another
department's): a preview until applied; applying, withdrawing and restoring are one step each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone

from sajag.accounts import access
from sajag.activities.importing import DistrictIndex
from sajag.campaigns.models import Campaign
from sajag.geo.models import District

from . import engine
from .models import BillFile, ConsumerBills, Utility


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
    apply: bool = True,
    name: str = "",
    job=None,
    progress: Callable[[str], None] = lambda step: None,
) -> tuple[engine.BillIngest, BillFile | None]:
    """Count a utility's consumer-level file and keep the counts as a new version (``BillFile``):
    applied at once (`apply`: the API and the command), or as a preview the officer applies from
    the web. Nothing is kept when the file has problems. `job` (a ``BillIngestJob``) is linked to
    the counted file in the same transaction, so that a retried job finds it."""
    access.require_figures_for(by, utility)  # whoever calls: the web, the API, the command
    window = window or (campaign.starts_on, campaign.ends_on)
    progress("reading and counting")
    result = engine.ingest_bills(
        path, window=window, district_codes=district_lookup(), backend=backend, name=name or Path(path).name
    )
    if not result.ok:
        return result, None
    progress("storing")
    districts = {d.code: d for d in District.objects.filter(code__in=result.counts)}
    with transaction.atomic(), set_actor(by):
        bill_file = BillFile.objects.create(
            campaign=campaign,
            utility=utility,
            source_name=(name or Path(path).name)[:200],
            source_rows=result.rows,
            rows_in_window=result.rows_in_window,
            duplicate_bills=max(0, result.duplicate_bills),
            window_start=window[0],
            window_end=window[1],
            counted_by=by,
        )
        ConsumerBills.objects.bulk_create(
            ConsumerBills(file=bill_file, district=districts[code], consumers=n)
            for code, n in sorted(result.counts.items())
        )
        if job is not None:
            type(job).objects.filter(pk=job.pk).update(counted=bill_file)
            job.counted = bill_file
        if apply:
            apply_file(bill_file, by=by)
    progress("done")
    return result, bill_file


def _decide(bill_file: BillFile, state: str, by) -> None:
    bill_file.state, bill_file.decided_by, bill_file.decided_at = state, by, timezone.now()
    bill_file.save(update_fields=["state", "decided_by", "decided_at"])


def _locked(bill_file: BillFile) -> BillFile:
    """The file, read again under a lock on its utility: two officers deciding on files of one
    utility at once are taken one after the other (never two files in force)."""
    Utility.objects.select_for_update().filter(pk=bill_file.utility_id).first()
    return BillFile.objects.select_for_update().get(pk=bill_file.pk)


def apply_file(bill_file: BillFile, *, by) -> bool:
    """Put a counted file in force for its utility (a preview, or an earlier file restored): the
    file in force before is replaced (kept, and restorable). A discarded file is never applied.
    Returns whether anything changed. Audited; all in one transaction."""
    access.require_figures_for(by, bill_file.utility)
    with transaction.atomic(), set_actor(by):
        bill_file = _locked(bill_file)
        if bill_file.state in (BillFile.State.APPLIED, BillFile.State.DISCARDED):
            return False
        for before in BillFile.objects.filter(
            campaign=bill_file.campaign, utility=bill_file.utility, state=BillFile.State.APPLIED
        ):
            _decide(before, BillFile.State.REPLACED, by)
        _decide(bill_file, BillFile.State.APPLIED, by)
        return True


def _move(bill_file: BillFile, *, by, source: str, target: str) -> bool:
    """One file from `source` to `target` state, if it is there; whether it moved."""
    access.require_figures_for(by, bill_file.utility)
    with transaction.atomic(), set_actor(by):
        bill_file = _locked(bill_file)
        if bill_file.state != source:
            return False
        _decide(bill_file, target, by)
        return True


def withdraw_file(bill_file: BillFile, *, by) -> bool:
    """Take the file in force out of force: its utility's reach comes from its bill runs again."""
    return _move(bill_file, by=by, source=BillFile.State.APPLIED, target=BillFile.State.WITHDRAWN)


def discard_file(bill_file: BillFile, *, by) -> bool:
    """A preview the officer does not want: its counts are never used."""
    return _move(bill_file, by=by, source=BillFile.State.PREVIEW, target=BillFile.State.DISCARDED)
