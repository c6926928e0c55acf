"""Reach from the records, editable assumptions, and who sees what."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sajag.activities import actions
from sajag.activities.models import BillRun, Hoarding, OutreachMeeting
from sajag.campaigns.models import Assignment
from sajag.geo.models import District
from sajag.reach.compute import district_reach
from sajag.reach.models import AssumptionValue

from .personas import ALL

TODAY = dt.date(2026, 10, 21)


@pytest.fixture
def jaipur_records(people):
    bills = Assignment.objects.get(directive__number=3, district__code="jaipur", department__code="energy")
    actions.record_with_evidence(
        model=BillRun,
        assignment=bills,
        by=people["state"],
        fields={
            "department": bills.department,
            "utility": "JVVNL",
            "cycle": dt.date(2026, 10, 1),
            "bills_printed": 500_000,
        },
    )
    hoarding = Assignment.objects.get(directive__number=1, district__code="jaipur")
    actions.record_with_evidence(
        model=Hoarding,
        assignment=hoarding,
        by=people["dpro"],
        fields={
            "city": "Jaipur",
            "site": "Ajmeri Gate",
            "language": "hi",
            "installed_on": dt.date(2026, 10, 12),
            "daily_passers_by": 24_000,
        },
    )
    joint = Assignment.objects.get(directive__number=5, district__code="jaipur")
    actions.record_with_evidence(
        model=OutreachMeeting,
        assignment=joint,
        by=people["collector"],
        fields={
            "kind": "bank",
            "held_on": dt.date(2026, 10, 8),
            "venue": "Collectorate",
            "attendees": 40,
            "topics": [],
        },
    )


def jaipur(campaign):
    return next(r for r in district_reach(campaign, today=TODAY) if r.district.code == "jaipur")


@pytest.mark.django_db
def test_jaipurs_reach_is_computed_from_its_records_by_hand(campaign, jaipur_records):
    row = jaipur(campaign)
    d = District.objects.with_population().get(code="jaipur")
    population, households = float(d.population_2011), float(d.households_2011)
    assert row.reach.population == pytest.approx(population)
    bills = 500_000 * 0.85 * population / households
    hoardings = 24_000 * 10 / 12  # 12–21 Oct = 10 days, seen 12 times per person
    meetings = 40 * 31
    expected = {"bills": bills / population, "hoardings": hoardings / population, "meetings": meetings / population}
    for channel, share in expected.items():
        assert row.reach.shares[channel] == pytest.approx(share)
    assert row.reach.combined == pytest.approx(
        1 - (1 - expected["bills"]) * (1 - expected["hoardings"]) * (1 - expected["meetings"])
    )
    assert row.estimated_population  # Jaipur gave part of its 2011 population to Kotputli-Behror


@pytest.mark.django_db
def test_changing_an_assumption_recomputes_and_is_audited(client, people, campaign, jaipur_records):
    before = jaipur(campaign).reach.shares["bills"]
    client.force_login(people["state"])
    data = {k: v.value for k, v in __import__("sajag.reach.model", fromlist=["DEFAULTS"]).DEFAULTS.items()}
    data["bill_domestic_share"] = 0.5
    response = client.post(reverse("reach:assumptions"), data)
    assert response.status_code == 302
    assert jaipur(campaign).reach.shares["bills"] == pytest.approx(before * 0.5 / 0.85)
    value = AssumptionValue.objects.get(key="bill_domestic_share")
    entry = LogEntry.objects.get_for_object(value).get()
    assert entry.actor == people["state"]
    data["hoarding_city_cap"] = 1.5
    response = client.post(reverse("reach:assumptions"), data)
    assert "A share cannot be more than 1." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ALL)
def test_only_the_state_nodal_officer_changes_assumptions(client, people, who):
    client.force_login(people[who])
    get = client.get(reverse("reach:assumptions"))
    post = client.post(reverse("reach:assumptions"), {"bill_domestic_share": "0.5"})
    if who == "no_posting":
        assert (get.status_code, post.status_code) == (403, 403)
    elif who == "state":
        assert get.status_code == 200 and post.status_code in (200, 302)
    else:
        assert get.status_code == 200 and post.status_code == 403
    assert AssumptionValue.objects.filter(value=0.5).exists() is False or who == "state"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"), [("state", 200), ("collector", 200), ("viewer", 200), ("no_posting", 403), ("anonymous", 302)]
)
def test_the_coverage_page_and_its_data(client, people, who, status, jaipur_records):
    if who != "anonymous":
        client.force_login(people[who])
    page = client.get(reverse("reach:coverage"))
    data = client.get(reverse("reach:coverage-data"))
    assert page.status_code == status and data.status_code == status
    if status == 200:
        assert "Reach of 1930" in page.content.decode()
        body = data.json()
        assert len(body) == 41 and body["jaipur"]["combined"] > 0
        assert body["jaipur"]["lower"] <= body["jaipur"]["combined"] <= body["jaipur"]["upper"]


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("reach:coverage")).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_the_coverage_page_query_count_does_not_grow_with_records(client, people, jaipur_records):
    client.force_login(people["state"])
    before = _queries(client)
    a = Assignment.objects.get(directive__number=1, district__code="jaipur")
    for i in range(20):
        actions.record_with_evidence(
            model=Hoarding,
            assignment=a,
            by=people["dpro"],
            fields={"city": "Jaipur", "site": f"Site {i}", "language": "hi", "installed_on": dt.date(2026, 10, 5)},
        )
    assert _queries(client) == before


@pytest.mark.django_db
def test_how_it_was_made_reads_in_hindi_on_the_hindi_page(client, people, jaipur_records):
    client.force_login(people["state"])
    html = client.get("/reach/").content.decode()
    assert "500,000 बिल × 0.85 घरों को" in html
    assert "500,000 bills × 0.85" not in html
