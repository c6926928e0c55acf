"""Spreadsheet imports as jobs: small files at once, large ones in a background thread (the
embedded default; a task worker in production runs the same `run_import_job`)."""

from __future__ import annotations

import logging
import threading

from auditlog.context import set_actor
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import close_old_connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sajag.campaigns.models import Assignment, Directive

from . import importing
from .models import ImportJob

log = logging.getLogger(__name__)


def can_import(user, directive: Directive) -> bool:
    return any(user.has_perm("activities.add_record", a) for a in Assignment.objects.filter(directive=directive))


def start_import(*, directive: Directive, by, name: str, data: bytes, background: bool | None = None) -> ImportJob:
    if not can_import(by, directive):
        raise PermissionDenied(_("You cannot add records to this directive."))
    schema = importing.schema_for(directive)
    with set_actor(by):
        job = ImportJob(channel=schema.channel, directive=directive, original_name=name[:200], created_by=by)
        job.file.save(f"import{importing.suffix(name) or '.csv'}", ContentFile(data), save=False)
        job.save()
    if background is None:
        background = len(data) > settings.SAJAG_IMPORT_BACKGROUND_BYTES
    if background:
        thread = threading.Thread(target=_run_in_thread, args=(job.pk,), daemon=True, name=f"import-{job.pk}")
        transaction.on_commit(thread.start)
        job._thread = thread  # for tests that wait on it
    else:
        run_import_job(job.pk)
        job.refresh_from_db()
    return job


def _run_in_thread(job_id: int) -> None:
    try:
        run_import_job(job_id)
    finally:
        close_old_connections()


def run_import_job(job_id: int) -> ImportJob:
    job = ImportJob.objects.select_related("directive", "created_by").get(pk=job_id)
    job.state = ImportJob.State.RUNNING
    job.save(update_fields=["state"])

    def progress(checked: int, errors: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(checked_rows=checked, error_count=errors)

    try:
        data = job.file.read()
        result = importing.check_and_import(
            directive=job.directive, by=job.created_by, name=job.original_name, data=data, job=job, progress=progress
        )
    except importing.ImportRefused as exc:
        job.state, job.message = ImportJob.State.REFUSED, str(exc)
    except Exception:  # a bug must not leave the job "running" forever
        log.exception("import job %s failed", job.pk)
        job.state, job.message = ImportJob.State.FAILED, _("The import failed unexpectedly; nothing was stored.")
    else:
        job.total_rows = job.checked_rows = result.total
        job.created_count, job.existing_count, job.error_count = result.created, result.existing, len(result.errors)
        job.errors = [
            {"row": e.row, "message": "; ".join(e.messages)} for e in result.errors[: importing.MAX_ERRORS_SHOWN]
        ]
        if result.errors:
            job.state = ImportJob.State.REFUSED
            job.message = _("%(n)s of %(total)s rows have errors; nothing was imported.") % {
                "n": len(result.errors),
                "total": result.total,
            }
            report = importing.write_xlsx(importing.error_report_rows(result), title="errors")
            job.error_report.save(f"errors-{job.pk}.xlsx", ContentFile(report), save=False)
        else:
            job.state = ImportJob.State.DONE
            job.message = _("%(created)s records imported, %(existing)s already present.") % {
                "created": result.created,
                "existing": result.existing,
            }
    job.finished_at = timezone.now()
    job.save()
    return job
