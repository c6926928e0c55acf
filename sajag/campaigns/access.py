"""Which campaign is current. (Who may see or do what: sajag/accounts/access.py.)"""

from __future__ import annotations

from .models import Campaign


def current_campaign() -> Campaign | None:
    return Campaign.objects.order_by("-starts_on").first()
