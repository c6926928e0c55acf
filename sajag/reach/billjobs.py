"""Consumer-level bill exports as jobs on the task queue (``sajag.core.jobs``), from the web
upload or the API; only the per-district counts are kept: the raw file is deleted once the
outcome is written, whatever it is (``BillIngestJob.after_outcome``), so an interrupted count
can run again from it."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from sajag.core import jobs
from sajag.core.jobs import Failed, Refused

from .engine import BillFileError
from .ingest import ingest_consumer_bills
from .models import BillIngestJob


def start(job: BillIngestJob) -> BillIngestJob:
    return jobs.start(job)


def count_bills(job: BillIngestJob, progress) -> None:
    if not job.file:
        raise Failed(_("The uploaded file is no longer here; please upload it again."))
    try:
        result = ingest_consumer_bills(
            path=Path(job.file.path),
            campaign=job.campaign,
            utility=job.utility,
            by=job.created_by,
            progress=lambda step: progress(step=step, force=True),
        )
    except (BillFileError, PermissionDenied) as exc:  # a bad file; a sender no longer of its department
        raise Refused(str(exc)) from exc
    if not result.ok:
        raise Refused(_("Nothing stored: %(problems)s") % {"problems": "; ".join(result.problems)})
    job.message = _("%(rows)s rows; %(consumers)s distinct consumers with a 1930 bill in %(districts)s districts.") % {
        "rows": f"{result.rows:,}",
        "consumers": f"{sum(result.counts.values()):,}",
        "districts": len(result.counts),
    }
