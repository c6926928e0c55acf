"""Demo short links and their visits: one QR per district on its hoardings, its electricity bills
and its social posts, plus a statewide SMS link; visits per day from 1 October to the demo's
"today", roughly in proportion to the district's population (reproducible)."""

from __future__ import annotations

import datetime as dt
import random

from sajag.campaigns.models import Campaign
from sajag.clock import today
from sajag.geo.models import District

from .models import Channel, ShortLink, Target, VisitDay

PER_DISTRICT = [
    (Channel.HOARDING, "Main crossing hoarding", Target.HOME),
    (Channel.ELECTRICITY_BILL, "Bill cycle October 2026", Target.CHEATED),
    (Channel.SOCIAL, "District social media post", Target.RULES),
]
# Visits per lakh people per day, by channel, before the random spread.
RATE = {Channel.HOARDING: 2.0, Channel.ELECTRICITY_BILL: 1.2, Channel.SOCIAL: 3.0, Channel.SMS: 0.5}


def seed_links(campaign: Campaign) -> int:
    rng = random.Random(1930)  # noqa: S311 — a reproducible demo, not security
    made = 0
    links = []
    for district in District.objects.order_by("code"):
        for channel, asset, target in PER_DISTRICT:
            link, created = ShortLink.objects.get_or_create(
                campaign=campaign, district=district, channel=channel, asset=asset, defaults={"target": target}
            )
            links.append((link, float(district.population_2011 or 0), created))
    sms, created = ShortLink.objects.get_or_create(
        campaign=campaign, district=None, channel=Channel.SMS, asset="Statewide SMS, 10 October", defaults={}
    )
    links.append((sms, 0.0, created))
    last = min(today(), campaign.ends_on)
    days = [campaign.starts_on + dt.timedelta(days=i) for i in range((last - campaign.starts_on).days + 1)]
    rows = []
    for link, population, created in links:
        if not created:
            continue
        made += 1
        for day in days:
            base = RATE[link.channel] * population / 1e5 if population else (4000 if day.day >= 10 else 0)
            people = max(0, round(base * rng.uniform(0.3, 1.7) * min(1.0, (day - days[0]).days / 7 + 0.2)))
            if people:
                rows.append(VisitDay(link=link, day=day, people=people, bots=round(people * rng.uniform(0.02, 0.1))))
    VisitDay.objects.bulk_create(rows)
    return made
