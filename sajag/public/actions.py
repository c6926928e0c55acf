"""The write side of the citizen site: a message is stored only when the citizen shares it."""

from __future__ import annotations

from django.db import transaction

from sajag import clock, scamcheck
from sajag.bilingual import current_lang
from sajag.geo.models import District

from .models import SharedMessage


def share_message(*, text: str, verdict: scamcheck.Verdict, district: District | None) -> SharedMessage:
    """Keep what the citizen pasted and its verdict, with their consent; nothing about them
    (no name, number, address or device)."""
    with transaction.atomic():
        return SharedMessage.objects.create(
            text=text,
            level=verdict.level,
            typology=verdict.typology or "",
            signals=[s.id for s in verdict.warning_signals],
            language=current_lang(),
            district=district,
            shared_on=clock.today(),
        )
