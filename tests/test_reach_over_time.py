"""Reach over time: each week's figure is computed from the records as they stood that day."""

import datetime as dt

import pytest

from sajag.activities.models import OutreachMeeting
from sajag.campaigns.models import Assignment
from sajag.reach.charts import reach_line
from sajag.reach.compute import district_reach, reach_over_time


@pytest.mark.django_db
def test_a_meeting_counts_from_the_day_it_was_held(campaign, people):
    teachers = Assignment.objects.get(directive__number=4, district__code="jaipur")
    OutreachMeeting.objects.create(
        assignment=teachers,
        district=teachers.district,
        created_by=people["state"],
        kind=OutreachMeeting.Kind.TEACHERS_UNION,
        held_on=dt.date(2026, 10, 15),
        venue="Govt. Sr. Sec. School",
        attendees=400,
    )
    series = reach_over_time(campaign, today=dt.date(2026, 10, 31))
    assert [day for day, _s, _d in series] == [dt.date(2026, 10, d) for d in (7, 14, 21, 28, 31)]
    jaipur = teachers.district_id
    by_day = {day: shares[jaipur] for day, _s, shares in series}
    assert by_day[dt.date(2026, 10, 7)] == by_day[dt.date(2026, 10, 14)] == 0
    assert by_day[dt.date(2026, 10, 21)] > 0
    shares = [s for _d, s, _x in series]
    assert shares == sorted(shares)  # records only add up
    last = {r.district.pk: r.reach.combined for r in district_reach(campaign, today=dt.date(2026, 10, 31))}
    assert series[-1][2] == last


@pytest.mark.django_db
def test_no_series_before_the_campaign_starts(campaign):
    assert reach_over_time(campaign, today=campaign.starts_on - dt.timedelta(days=1)) == []


def test_the_chart_draws_one_dot_per_week_and_the_goal():
    svg = reach_line([(dt.date(2026, 10, 7), 0.1), (dt.date(2026, 10, 14), 0.3)], goal=0.8)
    assert svg.count("<circle") == 2 and "stroke-dasharray" in svg and "10%" in svg


@pytest.mark.django_db
def test_a_bill_cycle_counts_as_its_bills_go_out_over_the_month(campaign, people):
    from sajag.activities import actions
    from sajag.activities.models import BillRun

    bills = Assignment.objects.get(directive__number=3, district__code="jaipur", department__code="energy")
    actions.record_with_evidence(
        model=BillRun,
        assignment=bills,
        by=people["state"],
        fields={
            "department": bills.department,
            "utility": "JVVNL",
            "cycle": dt.date(2026, 10, 1),
            "bills_printed": 310_000,
        },
    )
    series = reach_over_time(campaign, today=dt.date(2026, 10, 31))
    jaipur = bills.district_id
    by_day = {day: shares[jaipur] for day, _s, shares in series}
    # 7, 14, 21, 28 and 31 of October's 31 days: the share of the cycle delivered by each day
    households = {day: 310_000 * day.day / 31 * 0.85 for day in by_day}
    per_household = bills.district.population_2011 / bills.district.households_2011
    for day, share in by_day.items():
        assert share == pytest.approx(
            round(households[day] / 0.85) * 0.85 * per_household / bills.district.population_2011
        )
    assert (
        list(by_day.values()) == sorted(by_day.values())
        and by_day[dt.date(2026, 10, 7)] < by_day[dt.date(2026, 10, 31)]
    )
