"""Consumer-level bill exports as jobs on the task queue (``sajag.core.jobs``), from the web
upload or the API; only the per-district counts are kept, the raw file is deleted once counted."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from sajag.core import jobs
from sajag.core.jobs import Refused

from .engine import BillFileError
from .ingest import ingest_consumer_bills
from .models import BillIngestJob


def start(job: BillIngestJob) -> BillIngestJob:
    return jobs.start(job)


def count_bills(job: BillIngestJob, progress) -> None:
    try:
        result = ingest_consumer_bills(
            path=Path(job.file.path),
            campaign=job.campaign,
            utility=job.utility,
            department=job.department,
            by=job.created_by,
            progress=lambda step: progress(step=step, force=True),
        )
    except BillFileError as exc:
        job.file.delete(save=False)
        raise Refused(str(exc)) from exc
    except Exception:
        job.file.delete(save=False)  # the raw export is not kept, whatever happened
        raise
    job.file.delete(save=False)
    if not result.ok:
        raise Refused(_("Nothing stored: %(problems)s") % {"problems": "; ".join(result.problems)})
    job.message = _("%(rows)s rows; %(consumers)s distinct consumers with a 1930 bill in %(districts)s districts.") % {
        "rows": f"{result.rows:,}",
        "consumers": f"{sum(result.counts.values()):,}",
        "districts": len(result.counts),
    }
