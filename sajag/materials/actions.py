"""The write side of the materials studio: what the campaign says changes only here, checked,
numbered in one transaction, audited."""

from __future__ import annotations

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from sajag.accounts import access
from sajag.campaigns.models import Campaign
from sajag.links import qr

from .catalog import LANGS, Studio
from .models import MessageVersion, Topic


class WordingRefused(Exception):
    """The new wording breaks a channel's limits or drops what every asset must carry."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def wording_problems(version: MessageVersion, *, campaign: Campaign) -> list[str]:
    """Render the wording on every text channel in both languages; the guards' problems. A
    placeholder address stands in for the short link, so no link is made."""
    maker = Studio(campaign)
    placeholder = qr.short_url("x" * 8)
    problems = []
    for key, spec in maker.specs.items():
        if spec.printed or not spec.per_topic:
            continue
        for lang in LANGS:
            asset = maker.asset(key, version.topic, lang, None, msg=version, link=placeholder)
            problems += [f"{spec.label} ({lang}): {problem}" for problem in asset.problems]
    return problems


def create_topic_version(*, topic: Topic, campaign: Campaign, by, fields: dict[str, str]) -> MessageVersion:
    """The topic's next version (numbered after the latest); the state nodal officer's alone,
    and only when it passes every text channel (else ``WordingRefused``, nothing saved)."""
    if not access.is_state_nodal(by):
        raise PermissionDenied(_("Only the state nodal officer changes what the campaign says."))
    version = MessageVersion(topic=topic, created_by=by, **fields)
    problems = wording_problems(version, campaign=campaign)
    if problems:
        raise WordingRefused(problems)
    with transaction.atomic(), set_actor(by):
        Topic.objects.select_for_update().filter(pk=topic.pk).first()  # one numbering at a time
        version.number = (topic.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version.save()
    return version
