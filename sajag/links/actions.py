"""The write side of short links: every link is made here, checked, in one transaction, audited."""

from __future__ import annotations

import datetime as dt

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sajag.accounts import access
from sajag.campaigns.models import Campaign
from sajag.geo.models import District

from .models import ShortLink


def create_link(
    *,
    campaign: Campaign,
    by,
    district: District | None,
    channel: str,
    asset: str,
    target: str,
    language: str = "hi",
    expires_on: dt.date | None = None,
) -> ShortLink:
    """A new short link for (campaign, district, channel, asset); only a maker for that district
    (statewide: the state and department nodal officers) makes it."""
    if not access.may_make_link_for(by, district):
        raise PermissionDenied(_("Only the state, department nodal officers and district officers make links."))
    with transaction.atomic(), set_actor(by):
        return ShortLink.objects.create(
            campaign=campaign,
            district=district,
            channel=channel,
            asset=asset,
            target=target,
            language=language,
            expires_on=expires_on,
            created_by=by,
        )


def link_for_asset(
    *,
    campaign: Campaign,
    by,
    district: District | None,
    channel: str,
    asset: str,
    target: str,
    language: str,
    make: bool = True,
) -> ShortLink | None:
    """The short link printed on an asset: the one made before, else (with ``make``: a POST or
    a job, never a GET) a new one where ``by`` may make links (``None``: Sajag itself, a command
    or a build it runs); ``None`` otherwise — a preview shows a placeholder until a maker makes it."""
    found = dict(campaign=campaign, district=district, channel=channel, asset=asset)
    link = ShortLink.objects.filter(**found).first()
    if link is not None:
        return link
    if not make or (by is not None and not access.may_make_link_for(by, district)):
        return None
    try:
        if by is None:
            with transaction.atomic():
                return ShortLink.objects.create(**found, target=target, language=language)
        return create_link(**found, by=by, target=target, language=language)
    except IntegrityError:  # made at the same moment by another worker or request
        return ShortLink.objects.get(**found)
