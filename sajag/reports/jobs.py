"""Reports built in a background thread, one edition after another, kept as files."""

from __future__ import annotations

import io
import logging
import threading

from django.core.files.base import ContentFile
from django.db import OperationalError, close_old_connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pypdf import PdfReader

from sajag.materials.jobs import saved
from sajag.materials.printer import PrinterUnavailable

from . import data, render
from .models import Report

log = logging.getLogger(__name__)


def queue(campaign, *, districts: list, languages: list[str], as_of, user) -> list[Report]:
    """``districts`` holds ``None`` for the state edition."""
    reports = [
        Report.objects.create(campaign=campaign, district=d, language=lang, as_of=as_of, created_by=user)
        for d in districts
        for lang in languages
    ]
    thread = threading.Thread(target=_run, args=([r.pk for r in reports],), daemon=True, name="reports")
    transaction.on_commit(thread.start)
    return reports


def _run(ids: list[int]) -> None:
    try:
        for pk in ids:
            build(pk)
    finally:
        close_old_connections()


def build(pk: int) -> Report:
    report = Report.objects.select_related("campaign", "district").get(pk=pk)
    report.state = Report.State.RUNNING
    saved(lambda: report.save(update_fields=["state"]))

    def step(text: str) -> None:
        try:
            Report.objects.filter(pk=report.pk).update(step=text)
        except OperationalError:  # a busy database: the page shows the next step
            log.warning("report %s: step not written (database busy)", report.pk)

    try:
        with translation.override(report.language):
            step(_("Collecting the figures"))
            review = data.collect(report.campaign, as_of=report.as_of, district=report.district, lang=report.language)
            step(_("Printing the PDF"))
            pdf = render.pdf(review, report.language)
            step(_("Writing the spreadsheet"))
            xlsx = render.xlsx(review, report.language)
        report.pdf.save(f"{report.stem()}.pdf", ContentFile(pdf), save=False)
        report.xlsx.save(f"{report.stem()}.xlsx", ContentFile(xlsx), save=False)
        report.pages = len(PdfReader(io.BytesIO(pdf)).pages)
    except PrinterUnavailable as exc:
        report.state, report.message = (
            Report.State.FAILED,
            _("The PDF printer is not available: %(why)s") % {"why": exc},
        )
    except Exception:  # a bug must not leave the report "building" forever
        log.exception("report %s failed", report.pk)
        report.state, report.message = Report.State.FAILED, _("The report could not be built.")
    else:
        report.state, report.message = Report.State.DONE, ""
    report.step = ""
    report.finished_at = timezone.now()
    saved(report.save)
    return report
