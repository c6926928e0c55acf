from __future__ import annotations

from pathlib import Path

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from sajag.accounts import access
from sajag.campaigns.models import Campaign

from . import model
from .models import AssumptionValue, RecallSurvey, Utility
from .outcomes import import_outcomes


def submit_bill_file(
    *, campaign: Campaign, by, utility: Utility, upload, language: str = "en", apply_at_once: bool = False
):
    """Keep a consumer-level bill export of `utility` and queue its counting (web upload and API
    alike); only the utility's own department sends it (``access.require_figures_for``). From
    the web the counts wait as a preview; `apply_at_once` (the API) applies them unless thin."""
    from . import billjobs
    from .models import BillIngestJob

    access.require_figures_for(by, utility)
    name = (upload.name or "").replace("\x00", "")
    with set_actor(by):
        job = BillIngestJob(
            campaign=campaign,
            utility=utility,
            original_name=name[:200],
            created_by=by,
            ui_language=language,
            apply_at_once=apply_at_once,
        )
        job.file.save(f"export{Path(name).suffix.lower()}", upload, save=False)
        job.save()
    return billjobs.start(job)


def set_assumptions(*, campaign: Campaign, by, values: dict[str, float]) -> int:
    """Store the campaign's assumptions that differ from what is in force; returns how many changed."""
    if not access.is_state_nodal(by):
        raise PermissionDenied(_("Only the state nodal officer changes the reach assumptions."))
    stored = {a.key: a for a in AssumptionValue.objects.filter(campaign=campaign)}
    changed = 0
    with transaction.atomic(), set_actor(by):
        for key, value in values.items():
            if key not in model.DEFAULTS:
                continue
            current = stored[key].value if key in stored else model.DEFAULTS[key].value
            if value == current:
                continue
            if key in stored:
                stored[key].value, stored[key].changed_by = value, by
                stored[key].save(update_fields=["value", "changed_by", "changed_at"])
            else:
                AssumptionValue.objects.create(campaign=campaign, key=key, value=value, changed_by=by)
            changed += 1
    return changed


def record_survey(*, campaign: Campaign, by, fields: dict) -> RecallSurvey:
    """A district's recall survey, from the state or the district's own officers."""
    district = fields["district"]
    if not access.may_record_surveys(by) or not access.districts_for(by).filter(pk=district.pk).exists():
        raise PermissionDenied(_("Surveys are recorded by district officers and the state nodal officer."))
    with transaction.atomic(), set_actor(by):
        return RecallSurvey.objects.create(campaign=campaign, created_by=by, **fields)


def upload_outcomes(*, by, name: str, data: bytes) -> tuple[int, list[tuple[int, str]]]:
    """The Police's weekly figures: (weeks stored, errors by row); all or nothing, audited."""
    if not access.may_upload_outcomes(by):
        raise PermissionDenied(_("Weekly figures are uploaded by the Police (ADGP cyber) or the state nodal officer."))
    return import_outcomes(by=by, name=name, data=data)
