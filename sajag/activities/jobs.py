"""Spreadsheet imports as jobs on the task queue (``sajag.core.jobs``): the upload is saved,
queued, and checked and stored by a worker — never inside the web request."""

from __future__ import annotations

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sajag.accounts import access
from sajag.campaigns.models import Directive
from sajag.core import jobs
from sajag.core.jobs import Refused

from . import importing
from .models import ImportJob


def start_import(*, directive: Directive, by, name: str, data: bytes) -> ImportJob:
    if not access.importable_directives(by, [directive]):
        raise PermissionDenied(_("You cannot add records to this directive."))
    schema = importing.schema_for(directive)
    with set_actor(by):
        job = ImportJob(
            channel=schema.channel,
            directive=directive,
            original_name=name[:200],
            created_by=by,
            ui_language=get_language() or "hi",
        )
        job.file.save(f"import{importing.suffix(name) or '.csv'}", ContentFile(data), save=False)
        job.save()
    return jobs.start(job)


def run_import(job: ImportJob, progress) -> None:
    """Check every row, then store all or nothing; a refused file gets its error report."""
    progress(step=_("Checking the rows"), force=True)
    # A run interrupted after its rows were stored: they count as this import's, not as "already there".
    earlier = importing.schema_for(job.directive).model.objects.filter(import_job=job).count()
    try:
        result = importing.check_and_import(
            directive=job.directive,
            by=job.created_by,
            name=job.original_name,
            data=job.file.read(),
            job=job,
            progress=lambda checked, errors, final=False: progress(checked, force=final),
        )
    except importing.ImportRefused as exc:
        raise Refused(str(exc)) from exc
    job.total = job.done = result.total
    job.created_count, job.existing_count = result.created + earlier, result.existing - earlier
    job.error_count = len(result.errors)
    job.errors = [{"row": e.row, "message": "; ".join(e.messages)} for e in result.errors[: importing.MAX_ERRORS_SHOWN]]
    if result.errors:
        report = importing.write_xlsx(importing.error_report_rows(result), title="errors")
        job.error_report.save(f"errors-{job.pk}.xlsx", ContentFile(report), save=False)
        job.state = ImportJob.State.REFUSED
        job.message = _("%(n)s of %(total)s rows have errors; nothing was imported.") % {
            "n": len(result.errors),
            "total": result.total,
        }
    else:
        job.message = _("%(created)s records imported, %(existing)s already present.") % {
            "created": job.created_count,
            "existing": job.existing_count,
        }
    if result.notices:
        job.message += " " + _("How the file was read: %(notes)s.") % {"notes": "; ".join(result.notices)}
