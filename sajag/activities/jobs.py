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


def start_import(*, directive: Directive, by, name: str, data: bytes, options: dict | None = None) -> ImportJob:
    if not access.importable_directives(by, [directive]):
        raise PermissionDenied(_("You cannot add records to this directive."))
    schema = importing.schema_for(directive)
    options = {k: v for k, v in (options or {}).items() if k in importing.OPTIONS and v}
    with set_actor(by):
        job = ImportJob(
            channel=schema.channel,
            directive=directive,
            original_name=name[:200],
            created_by=by,
            ui_language=get_language() or "hi",
            options=options,
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
            options=job.options,
        )
    except importing.ImportRefused as exc:
        raise Refused(str(exc)) from exc
    job.total = job.done = result.total
    job.created_count, job.existing_count = result.created + earlier, result.existing - earlier
    job.error_count = len(result.errors)
    job.errors = [{"row": e.row, "message": "; ".join(e.messages)} for e in result.errors[: importing.MAX_ERRORS_SHOWN]]
    job.offers, job.converted = result.offers, result.converted
    if result.to_confirm:
        if result.errors:
            report = importing.write_xlsx(importing.error_report_rows(result), title="errors")
            job.error_report.save(f"errors-{job.pk}.xlsx", ContentFile(report), save=False)
        job.state = ImportJob.State.REFUSED
        job.message = _(
            "The text of this file is typed in the %(font)s font. Sajag read it as Unicode Hindi: check the words "
            "below and confirm, and nothing is stored before you do."
        ) % {"font": result.to_confirm["name"]}
        if result.errors:
            job.message += " " + _("%(n)s rows also have errors (listed below).") % {"n": len(result.errors)}
    elif result.errors:
        report = importing.write_xlsx(
            importing.error_report_rows(result, only_errors=result.stored_good_rows), title="errors"
        )
        job.error_report.save(f"errors-{job.pk}.xlsx", ContentFile(report), save=False)
        if result.stored_good_rows:  # the good rows stored at the officer's word, the others to fix
            job.message = _(
                "%(created)s records imported, %(existing)s already present; %(n)s rows with errors are in the "
                "file to fix (upload it again once corrected: only those rows are added)."
            ) % {"created": job.created_count, "existing": job.existing_count, "n": len(result.errors)}
        else:
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
    if result.updated:
        job.message += " " + _("%(n)s stored records given this file's figure.") % {"n": result.updated}
    if result.notices:
        job.message += " " + _("How the file was read: %(notes)s.") % {"notes": "; ".join(result.notices)}


def import_again(job: ImportJob, *, by, fix: str) -> ImportJob:
    """The same file run again with one more fix the last run offered (``job.offers``): a new job,
    so the first keeps what it said."""
    offer = next((o for o in job.offers if o.get("fix") == fix), None)
    if offer is None:
        raise Refused(_("This import offered no such fix."))
    value = offer.get("font", True) if fix == "legacy_font" else True
    with job.file.open("rb") as fh:
        data = fh.read()
    return start_import(
        directive=job.directive, by=by, name=job.original_name, data=data, options={**job.options, fix: value}
    )
