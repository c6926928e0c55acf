from __future__ import annotations

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from sajag.campaigns.models import Campaign

from . import model
from .models import AssumptionValue


def set_assumptions(*, campaign: Campaign, by, values: dict[str, float]) -> int:
    """Store the campaign's assumptions that differ from what is in force; returns how many changed."""
    if not by.has_perm("reach.change_assumptions"):
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
