"""State compliance dashboard vs. the raw SQL aggregation of the same counts.

Builds a large campaign in a fresh SQLite file (or BENCH_DATABASE_URL): all 41 districts ×
50 directives, with several report versions per reported assignment; then measures the
median server time of the state dashboard (full request through Django's middleware, as the
state nodal officer) and, in the same run, the median time of one raw SQL query that computes
the same directive × district × status counts. Prints both, their ratio and the dashboard's
query count; the last line is one JSON object.

    python bench/dashboard.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="sajag-bench-")
os.environ.setdefault("DATABASE_URL", os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sajag.settings")
os.environ["SAJAG_TODAY"] = "2026-10-21"
os.environ["SAJAG_STATIC_ROOT"] = f"{TMP}/static"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from sajag.accounts.models import Posting, Role, User  # noqa: E402
from sajag.campaigns.models import (  # noqa: E402
    ActionTakenReport,
    Assignment,
    Campaign,
    Directive,
    DirectiveScope,
    Meeting,
    ReportEvent,
    Responsibility,
    Status,
)
from sajag.geo.models import Department, District  # noqa: E402
from sajag.geo.reference import load_reference_data  # noqa: E402

DIRECTIVES = 50
VERSIONS = 3
REPEATS = 25
TODAY = dt.date(2026, 10, 21)

RAW_SQL = """
SELECT a.directive_id, a.district_id,
       CASE WHEN a.status IN ('pending', 'returned') AND a.due_on < %s THEN 'overdue' ELSE a.status END AS shown,
       COUNT(*)
FROM campaigns_assignment a
JOIN campaigns_directive d ON d.id = a.directive_id
JOIN campaigns_meeting m ON m.id = d.meeting_id
WHERE m.campaign_id = %s
GROUP BY a.directive_id, a.district_id, shown
"""


def build() -> tuple[Campaign, User]:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # as in production: hashed names
    load_reference_data()
    rng = random.Random(7)
    campaign = Campaign.objects.create(
        slug="bench",
        name_en="Bench",
        name_hi="बेंच",
        starts_on=dt.date(2026, 10, 1),
        ends_on=dt.date(2026, 10, 31),
        goal_en="g",
        goal_hi="ल",
    )
    meeting = Meeting.objects.create(
        campaign=campaign,
        title_en="m",
        title_hi="म",
        chair_en="c",
        chair_hi="अ",
        held_on=dt.date(2026, 9, 25),
        place_en="p",
        place_hi="स",
    )
    departments = list(Department.objects.all())
    districts = list(District.objects.all())
    state = User.objects.create(username="bench.state")
    Posting.objects.create(user=state, role=Role.STATE_NODAL)
    reporter = User.objects.create(username="bench.reporter")
    for n in range(1, DIRECTIVES + 1):
        d = Directive.objects.create(
            meeting=meeting,
            number=n,
            text_en=f"Directive {n}",
            text_hi=f"निर्देश {n}",
            short_en=f"D{n}",
            short_hi=f"नि{n}",
            responsibility=Responsibility.DEPARTMENT,
            channel="other",
            scope=DirectiveScope.EVERY_DISTRICT,
            due_on=dt.date(2026, 10, 1 + n % 30),
        )
        d.departments.set([departments[n % len(departments)]])
        Assignment.objects.bulk_create(
            Assignment(
                directive=d,
                department=departments[n % len(departments)],
                district=x,
                due_on=d.due_on,
                status=rng.choice(list(Status)),
            )
            for x in districts
        )
    now = timezone.now()
    reported = list(Assignment.objects.exclude(status=Status.PENDING))
    ActionTakenReport.objects.bulk_create(
        ActionTakenReport(
            assignment=a,
            summary="Report text " * 10,
            achieved_number=5,
            version=VERSIONS,
            submitted_by=reporter,
            submitted_at=now,
        )
        for a in reported
    )
    ReportEvent.objects.bulk_create(
        ReportEvent(
            assignment=a,
            action="submit" if v == 1 else "edit",
            from_status="pending",
            to_status="reported",
            by=reporter,
            at=now,
            version=v,
        )
        for a in reported
        for v in range(1, VERSIONS + 1)
    )
    return campaign, state


def median_ms(fn, repeats: int = REPEATS) -> float:
    fn()  # warm caches (templates, query plans)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    campaign, state = build()
    client = Client()
    client.force_login(state)
    url = "/en/dashboard/"

    def dashboard():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    def raw_sql():
        with connection.cursor() as cur:
            cur.execute(RAW_SQL, [TODAY, campaign.pk])
            return cur.fetchall()

    with CaptureQueriesContext(connection) as ctx:
        html = dashboard().content.decode()
    queries = len(ctx.captured_queries)
    raw_rows = raw_sql()
    # The two compute the same thing: every assignment counted once.
    assert sum(r[3] for r in raw_rows) == Assignment.objects.filter(directive__meeting__campaign=campaign).count()
    assert f"{sum(r[3] for r in raw_rows)} assignments in view" in html

    dash_ms = median_ms(dashboard)
    sql_ms = median_ms(raw_sql)
    result = {
        "bench": "dashboard",
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "districts": District.objects.count(),
        "directives": DIRECTIVES,
        "assignments": Assignment.objects.count(),
        "report_events": ReportEvent.objects.count(),
        "dashboard_ms": round(dash_ms, 2),
        "raw_sql_ms": round(sql_ms, 2),
        "ratio": round(dash_ms / sql_ms, 2),
        "queries": queries,
        "html_kb": round(len(html.encode()) / 1024, 1),
    }
    print(f"state dashboard: {dash_ms:.2f} ms median of {REPEATS} ({queries} queries, {result['html_kb']} KB)")
    print(f"raw SQL aggregation: {sql_ms:.2f} ms median of {REPEATS}")
    print(f"ratio: {result['ratio']}x (goal: under 10x)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
