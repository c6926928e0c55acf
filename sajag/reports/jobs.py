"""Review reports as jobs on the task queue (``sajag.core.jobs``), one edition per job."""

from __future__ import annotations

import io

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pypdf import PdfReader

from sajag.accounts import access
from sajag.core import jobs
from sajag.core.jobs import Failed
from sajag.core.printer import PrinterUnavailable

from . import data, render
from .models import Report


def queue(campaign, *, districts: list, languages: list[str], as_of, user) -> list[Report]:
    """``districts`` holds ``None`` for the state edition."""
    state, allowed = access.report_editions(user)
    allowed_ids = set(allowed.values_list("pk", flat=True))
    if any((d is None and not state) or (d is not None and d.pk not in allowed_ids) for d in districts):
        raise PermissionDenied(_("Only the state nodal officer and Collectors build review reports."))
    asked_in = get_language() or "hi"
    reports = [
        Report.objects.create(
            campaign=campaign, district=d, language=lang, as_of=as_of, created_by=user, ui_language=asked_in
        )
        for d in districts
        for lang in languages
    ]
    return [jobs.start(r) for r in reports]


def build_report(report: Report, progress) -> None:
    """Both files are made in memory and attached together at the end: a worker killed in the
    middle leaves no half a report to download."""
    # The steps speak the asker's language; the report itself is in its edition's.
    steps = [_("Collecting the figures"), _("Printing the PDF"), _("Writing the spreadsheet")]
    with translation.override(report.language):
        progress(0, total=3, step=steps[0], force=True)
        review = data.collect(report.campaign, as_of=report.as_of, district=report.district, lang=report.language)
        progress(1, step=steps[1], force=True)
        try:
            pdf = render.pdf(review, report.language)
        except PrinterUnavailable as exc:
            raise Failed(_("The PDF printer is not available: %(why)s") % {"why": exc}) from exc
        progress(2, step=steps[2], force=True)
        xlsx = render.xlsx(review, report.language)
    report.pdf.save(f"{report.stem()}.pdf", ContentFile(pdf), save=False)
    report.xlsx.save(f"{report.stem()}.xlsx", ContentFile(xlsx), save=False)
    report.pages = len(PdfReader(io.BytesIO(pdf)).pages)
    report.done, report.message = 3, ""
