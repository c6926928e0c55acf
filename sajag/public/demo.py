"""The whole demo, room by room. It lives in the citizen site's room because that room sits
above every room the demo seeds (campaigns, activities, links, reach: DESIGN, "The house")."""

from __future__ import annotations

from django.db import transaction

from sajag.activities.seed import seed_records
from sajag.campaigns.seed import DemoLogin, seed_all
from sajag.links.seed import seed_links
from sajag.reach.seed import seed_signals


@transaction.atomic
def seed_demo() -> tuple[object, list[DemoLogin], int, int]:
    campaign, logins, reports = seed_all()
    records = seed_records(campaign) + seed_signals(campaign) + seed_links(campaign)
    return campaign, logins, reports, records
