"""Demo recall surveys and weekly outcome figures (idempotent)."""

from __future__ import annotations

import datetime as dt
import random

from sajag.accounts.models import User
from sajag.campaigns.models import Campaign
from sajag.geo.models import District

from .models import OutcomeWeek, RecallSurvey

SURVEYS = {"kota": (400, 250, 210, 30, 5, 12), "jaipur": (600, 150, 120, 20, 15, 20), "barmer": (300, 60, 50, 5, 2, 8)}
OUTCOME_DISTRICTS = ("jaipur", "kota", "ajmer", "jodhpur", "udaipur", "barmer")


def seed_signals(campaign: Campaign) -> int:
    state = User.objects.get(username="state.nodal")
    made = 0
    for code, (n, knew, bills, hoardings, social, meetings) in SURVEYS.items():
        district = District.objects.get(code=code)
        _survey, created = RecallSurvey.objects.get_or_create(
            campaign=campaign,
            district=district,
            conducted_on=dt.date(2026, 10, 18),
            defaults={
                "method": "phone",
                "sample_size": n,
                "knew_1930": knew,
                "heard_bills": bills,
                "heard_hoardings": hoardings,
                "heard_social": social,
                "heard_meetings": meetings,
                "created_by": state,
            },
        )
        made += created
    rng = random.Random(1930)  # noqa: S311 — a reproducible demo
    for code in OUTCOME_DISTRICTS:
        district = District.objects.get(code=code)
        base = rng.randint(80, 300)
        for i, week in enumerate(dt.date(2026, 9, 14) + dt.timedelta(weeks=k) for k in range(6)):
            lift = 1 + 0.25 * max(0, i - 2)  # the campaign began in the third week shown
            _o, created = OutcomeWeek.objects.get_or_create(
                district=district,
                week_start=week,
                defaults={
                    "calls_1930": int(base * lift * rng.uniform(0.9, 1.1)),
                    "complaints": int(base * lift * 0.22),
                    "uploaded_by": state,
                },
            )
            made += created
    return made
