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
    d = District.objects.get(code="jaipur")
    population, households = float(d.population_2011), float(d.households_2011)
    assert row.reach.population == pytest.approx(population)
    # 21 of October's 31 days: that share of the cycle's bills has gone out
    bills = round(500_000 * 21 / 31) * 0.85 * population / households
    # 12–21 Oct = 10 days: 24,000 the first day and 10% new each further day, over 1.5 sites a person
    hoardings = 24_000 * (1 + 0.1 * 9) / 1.5
    meetings = 40 * 31
    expected = {"bills": bills / population, "hoardings": hoardings / population, "meetings": meetings / population}
    for channel, share in expected.items():
        assert row.reach.shares[channel] == pytest.approx(share)
    assert row.reach.combined == pytest.approx(
        1 - (1 - expected["bills"]) * (1 - expected["hoardings"]) * (1 - expected["meetings"])
    )
    assert not row.estimated_population  # Jaipur's 2011 tehsils are whole: its population is exact


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
    assert "JVVNL: सबसे बड़े बिल-चक्र में 5,00,000 बिल → × 0.85 घरों को" in html  # the cycle is over
    assert "bills in its largest cycle" not in html
    assert "जिले के अभियान लिंक और QR कोड पर" in html  # visits shown as evidence, in Hindi


def _bill_run(people, *, department="energy", utility="JVVNL", cycle=dt.date(2026, 10, 1), n=100_000):
    a = Assignment.objects.get(directive__number=3, district__code="jaipur", department__code=department)
    return actions.record_with_evidence(
        model=BillRun,
        assignment=a,
        by=people["state"],
        fields={"department": a.department, "utility": utility, "cycle": cycle, "bills_printed": n},
    )


def _bill_homes(campaign, today=dt.date(2026, 10, 31)):
    row = next(r for r in district_reach(campaign, today=today) if r.district.code == "jaipur")
    return next(c for c in row.reach.channels if c.channel == "bills").inputs["households"]


@pytest.mark.django_db
def test_a_home_billed_in_two_cycles_counts_once(campaign, people):
    _bill_run(people, cycle=dt.date(2026, 10, 1), n=100_000)
    _bill_run(people, cycle=dt.date(2026, 9, 1), n=90_000)
    assert _bill_homes(campaign) == pytest.approx(100_000 * 0.85)  # the largest cycle, not 1,90,000


@pytest.mark.django_db
def test_a_home_with_an_electricity_and_a_water_bill_counts_once(campaign, people):
    _bill_run(people, n=100_000)
    _bill_run(people, department="phed", utility="PHED Jaipur City", n=40_000)
    # 85,000 electricity homes + 34,000 water homes × (1 − 0.9 that also have electricity)
    assert _bill_homes(campaign) == pytest.approx(85_000 + 34_000 * 0.1)


@pytest.mark.django_db
def test_a_utility_written_two_ways_is_one_utility(campaign, people):
    _bill_run(people, utility="JVVNL", cycle=dt.date(2026, 10, 1), n=100_000)
    _bill_run(people, utility=" jvvnl ", cycle=dt.date(2026, 9, 1), n=100_000)
    assert _bill_homes(campaign) == pytest.approx(100_000 * 0.85)


@pytest.mark.django_db
def test_every_gap_list_step_names_a_concrete_amount_and_districts_differ(campaign, people):
    _bill_run(people, n=100_000)
    rows = {r.district.code: r for r in district_reach(campaign, today=TODAY)}
    jaipur, ajmer = rows["jaipur"], rows["ajmer"]
    assert jaipur.steps and ajmer.steps
    assert all(any(ch.isdigit() for ch in s.en) and any(ch.isdigit() for ch in s.hi) for s in jaipur.steps)
    bills = next(s for s in jaipur.steps if s.channel == "bills")
    assert "lakh more bills" in bills.en
    assert bills.en != next(s for s in ajmer.steps if s.channel == "bills").en  # sized from each district
