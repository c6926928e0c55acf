"""Web uploads of bill exports, counted in a background thread with visible progress."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from django.db import close_old_connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .engine import BillFileError
from .ingest import ingest_consumer_bills
from .models import BillIngestJob

log = logging.getLogger(__name__)


def start(job: BillIngestJob) -> threading.Thread:
    thread = threading.Thread(target=_run, args=(job.pk,), daemon=True, name=f"bills-{job.pk}")
    transaction.on_commit(thread.start)
    return thread


def _run(job_id: int) -> None:
    try:
        run(job_id)
    finally:
        close_old_connections()


def run(job_id: int) -> BillIngestJob:
    job = BillIngestJob.objects.select_related("campaign", "created_by").get(pk=job_id)
    job.state = BillIngestJob.State.RUNNING
    job.save(update_fields=["state"])

    def progress(step: str) -> None:
        BillIngestJob.objects.filter(pk=job.pk).update(step=step)

    path = Path(job.file.path)
    try:
        result = ingest_consumer_bills(
            path=path,
            campaign=job.campaign,
            utility=job.utility,
            department=job.department,
            by=job.created_by,
            progress=progress,
        )
    except BillFileError as exc:
        job.state, job.message = BillIngestJob.State.REFUSED, str(exc)
    except Exception:  # a bug must not leave the job "counting" forever
        log.exception("bill ingest job %s failed", job.pk)
        job.state, job.message = BillIngestJob.State.REFUSED, _("The file could not be counted; nothing was stored.")
    else:
        if result.ok:
            job.state = BillIngestJob.State.DONE
            job.message = _(
                "%(rows)s rows; %(consumers)s distinct consumers with a 1930 bill in %(districts)s districts."
            ) % {
                "rows": f"{result.rows:,}",
                "consumers": f"{sum(result.counts.values()):,}",
                "districts": len(result.counts),
            }
        else:
            job.state = BillIngestJob.State.REFUSED
            job.message = _("Nothing stored: %(problems)s") % {"problems": "; ".join(result.problems)}
    finally:
        job.file.delete(save=False)  # the raw export is not kept
    job.finished_at = timezone.now()
    job.save()
    return job
