"""The write side of short links: every link is made here, checked, in one transaction, audited."""

from __future__ import annotations

import datetime as dt

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied
from django.db import transaction
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
    makes = access.link_maker_districts(by)
    allowed = makes is None or (district is not None and district.pk in makes)
    if not allowed or not access.has_posting(by):
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
