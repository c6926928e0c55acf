"""Consumer-level bill exports as jobs on the task queue (``sajag.core.jobs``), from the web
upload or the API; only the per-district counts are kept: the raw file is deleted once the
outcome is written, whatever it is (``BillIngestJob.after_outcome``), so an interrupted count
can run again from it."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sajag.core import jobs
from sajag.core.jobs import Failed, Refused
from sajag.numbers import indian

from .billfiles import thin_districts
from .engine import BillFileError
from .ingest import apply_file, ingest_consumer_bills
from .models import BillIngestJob


def start(job: BillIngestJob) -> BillIngestJob:
    return jobs.start(job)


def count_bills(job: BillIngestJob, progress) -> None:
    if job.counted_id:  # a retry after the counts were stored: the same counted file, not a second
        bill_file = job.counted
        n_districts = bill_file.counts.count()
        counted = ngettext(
            "%(rows)s rows; %(consumers)s distinct consumers with a 1930 bill in %(districts)s district.",
            "%(rows)s rows; %(consumers)s distinct consumers with a 1930 bill in %(districts)s districts.",
            n_districts,
        ) % {
            "rows": indian(bill_file.source_rows),
            "consumers": indian(bill_file.consumers),
            "districts": n_districts,
        }
    else:
        if not job.file:
            raise Failed(_("The uploaded file is no longer here; please upload it again."))
        try:
            result, bill_file = ingest_consumer_bills(
                path=Path(job.file.path),
                campaign=job.campaign,
                utility=job.utility,
                by=job.created_by,
                apply=False,
                name=job.original_name,
                job=job,
                progress=lambda step: progress(step=step, force=True),
            )
        except (BillFileError, PermissionDenied) as exc:  # a bad file; a sender no longer of its department
            raise Refused(str(exc)) from exc
        if not result.ok or bill_file is None:
            raise Refused(_("Nothing stored: %(problems)s") % {"problems": "; ".join(result.problems)})
        n_districts = len(result.counts)
        counted = ngettext(
            "%(rows)s rows; %(consumers)s distinct consumers with a 1930 bill in %(districts)s district.",
            "%(rows)s rows; %(consumers)s distinct consumers with a 1930 bill in %(districts)s districts.",
            n_districts,
        ) % {
            "rows": indian(result.rows),
            "consumers": indian(sum(result.counts.values())),
            "districts": n_districts,
        }
    thin = thin_districts(bill_file)
    if job.apply_at_once and not thin and bill_file.state == bill_file.State.PREVIEW:
        apply_file(bill_file, by=job.created_by)
        job.message = counted + " " + _("Applied.")
    elif thin:
        job.message = (
            counted
            + " "
            + _("Not applied: it covers less than half of the known connections in %(districts)s.")
            % {"districts": ", ".join(str(t.district) for t in thin)}
        )
    else:
        job.message = counted + " " + _("Not applied yet: check the preview and apply it.")
