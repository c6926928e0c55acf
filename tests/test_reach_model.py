"""The reach model, by hand-computed cases and by properties (hypothesis)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sajag.numbers import amount, indian
from sajag.reach.model import (
    Assumptions,
    ChannelReach,
    UtilityBills,
    Visits,
    bill_reach,
    calibrate,
    combine,
    hoarding_reach,
    meeting_reach,
    next_steps,
    social_reach,
)

A = Assumptions()


def electricity(n, basis="cycle"):
    return UtilityBills("JVVNL", "electricity", n, basis)


def water(n, basis="cycle"):
    return UtilityBills("PHED", "water", n, basis)


def test_bills_are_households_times_persons_per_household():
    r = bill_reach(utilities=[electricity(200_000)], households=1_000_000, persons_per_household=5.39, a=A)
    assert r.persons == pytest.approx(200_000 * 0.85 * 5.39)
    assert r.formula.startswith("JVVNL: 2,00,000 bills in its largest cycle → × 0.85 to households")
    assert "= 1,70,000 households × 5.39 persons per household = 9,16,300" in r.formula
    assert "JVVNL: सबसे बड़े बिल-चक्र में 2,00,000 बिल" in r.formula_hi and "= 9,16,300" in r.formula_hi


def test_a_home_with_an_electricity_and_a_water_bill_counts_once_by_the_overlap():
    # 1,000 electricity bills and 1,000 water bills, 0.85 to homes: 850 and 850 households;
    # 90% of water homes also get an electricity bill: 850 + 850 × 0.1 = 935 households.
    r = bill_reach(utilities=[electricity(1000), water(1000)], households=10_000, persons_per_household=4, a=A)
    assert r.inputs["households"] == pytest.approx(935)
    assert r.persons == pytest.approx(935 * 4)
    assert (r.low, r.high) == (pytest.approx(850 * 4), pytest.approx(1700 * 4))  # full overlap / none
    assert (
        "850 + 850 − 765 (0.9 of water homes, at most the electricity homes, also get an electricity bill)" in r.formula
    )
    assert "= 935 households" in r.formula


def test_a_district_with_water_bills_only_counts_every_water_home():
    r = bill_reach(utilities=[water(1000)], households=10_000, persons_per_household=5, a=A)
    assert r.inputs["households"] == pytest.approx(850)  # no electricity homes for them to be among
    assert r.low == r.persons == r.high == pytest.approx(850 * 5)


def test_more_water_homes_than_electricity_homes_are_never_fewer_than_the_water_homes():
    r = bill_reach(utilities=[electricity(100), water(1000)], households=10_000, persons_per_household=1, a=A)
    assert r.inputs["households"] == pytest.approx(85 + 850 - 85)  # the 85 electricity homes all have water
    assert r.low <= r.persons <= r.high


def test_two_discoms_in_one_district_serve_different_homes_and_add_up():
    both = [electricity(1000), UtilityBills("AVVNL", "electricity", 1000, "cycle")]
    r = bill_reach(utilities=both, households=10_000, persons_per_household=1, a=A)
    assert r.persons == pytest.approx(1700)


def test_bills_never_reach_more_homes_than_the_district_has():
    r = bill_reach(utilities=[electricity(5_000_000)], households=100_000, persons_per_household=5, a=A)
    assert r.persons == pytest.approx(100_000 * 5)


def test_a_hoarding_reaches_its_daily_passers_by_and_a_share_of_new_ones_each_further_day():
    # 10,000 a day for 20 days: 10,000 × (1 + 0.1 × 19) = 29,000 distinct passers-by;
    # the default 5,000 a day for 10 days: 5,000 × (1 + 0.1 × 9) = 9,500; shared over 1.5 sites.
    r = hoarding_reach(sites=[(10_000, 20), (None, 10)], urban_population=1_000_000, a=A)
    assert r.persons == pytest.approx((29_000 + 9_500) / 1.5)
    assert "= 38,500 distinct passers-by ÷ 1.5 sites per person = 25,667" in r.formula
    assert "38,500 अलग-अलग राहगीर" in r.formula_hi
    # one day of display reaches that day's passers-by, not a twelfth of them
    one_day = hoarding_reach(
        sites=[(12_000, 1)], urban_population=1_000_000, a=A.with_values(hoarding_sites_per_person=1)
    )
    assert one_day.persons == pytest.approx(12_000)
    capped = hoarding_reach(sites=[(50_000, 30)] * 10, urban_population=100_000, a=A)
    assert capped.persons == pytest.approx(80_000)


def test_a_hoarding_taken_down_before_it_went_up_reaches_nobody():
    assert hoarding_reach(sites=[(10_000, 0)], urban_population=1_000_000, a=A).persons == 0


def test_visits_are_named_visits_not_people():
    v = Visits(2275)
    assert v.en.startswith("2,275 visits") and "not people" in v.en
    assert "2,275 विज़िट" in v.hi and "व्यक्ति नहीं" in v.hi


def test_indian_grouping_and_amounts():
    assert [indian(n) for n in (0, 999, 1000, 100000, 4313362, 68548437)] == [
        "0",
        "999",
        "1,000",
        "1,00,000",
        "43,13,362",
        "6,85,48,437",
    ]
    assert (amount(8400), amount(120_000), amount(120_000, "hi"), amount(15_000_000)) == (
        "8,400",
        "1.2 lakh",
        "1.2 लाख",
        "1.5 crore",
    )


def test_social_reach_is_deduplicated_across_posts():
    assert social_reach(post_reach=[12_000, 8_000], a=A).persons == pytest.approx(10_000)


def test_meetings_count_attendees_and_the_people_they_tell():
    r = meeting_reach(attendees_by_kind={"teachers_union": 100, "bank": 40, "traders": 0}, a=A)
    assert r.persons == pytest.approx(100 * 21 + 40 * 31)


def test_combination_by_random_duplication_with_bounds():
    channels = [ChannelReach("a", 500_000, "", {}), ChannelReach("b", 250_000, "", {})]
    r = combine(1_000_000, channels)
    assert r.shares == {"a": 0.5, "b": 0.25}
    assert r.combined == pytest.approx(1 - 0.5 * 0.75)
    assert (r.lower, r.upper) == (0.5, 0.75)


def test_a_channel_larger_than_the_population_counts_as_everyone():
    r = combine(1000, [ChannelReach("a", 5000, "", {})])
    assert r.shares["a"] == 1.0 and r.combined == 1.0


def test_assumptions_can_be_changed():
    a = A.with_values(bill_domestic_share=0.5)
    r = bill_reach(utilities=[electricity(1000)], households=10_000, persons_per_household=5, a=a)
    assert r.persons == 2500


def test_combined_bounds_use_each_channels_own_bounds():
    bills = ChannelReach("bills", 300_000, "", {}, "", 200_000, 400_000)
    meetings = ChannelReach("meetings", 100_000, "", {})
    r = combine(1_000_000, [bills, meetings])
    assert r.lower == pytest.approx(0.2) and r.upper == pytest.approx(0.5)
    assert r.combined == pytest.approx(1 - 0.7 * 0.9)


persons = st.floats(min_value=0, max_value=1e9, allow_nan=False)
channel_lists = st.lists(persons, min_size=0, max_size=6)


@settings(max_examples=300)
@given(st.floats(min_value=1, max_value=1e8), channel_lists)
def test_coverage_stays_in_0_1_and_within_its_bounds(population, values):
    r = combine(population, [ChannelReach(f"c{i}", v, "", {}) for i, v in enumerate(values)])
    assert 0.0 <= r.lower <= r.combined <= r.upper <= 1.0


@settings(max_examples=300)
@given(st.floats(min_value=1, max_value=1e8), channel_lists, st.randoms())
def test_the_order_of_channels_does_not_matter(population, values, rnd):
    channels = [ChannelReach(f"c{i}", v, "", {}) for i, v in enumerate(values)]
    shuffled = channels[:]
    rnd.shuffle(shuffled)
    assert combine(population, channels).combined == pytest.approx(combine(population, shuffled).combined)


@settings(max_examples=300)
@given(st.floats(min_value=1, max_value=1e8), channel_lists, st.integers(min_value=0, max_value=5), persons)
def test_more_reach_in_any_channel_never_lowers_coverage(population, values, index, extra):
    channels = [ChannelReach(f"c{i}", v, "", {}) for i, v in enumerate(values)]
    if not channels:
        return
    i = index % len(channels)
    more = [ChannelReach(c.channel, c.persons + (extra if j == i else 0), "", {}) for j, c in enumerate(channels)]
    assert combine(population, more).combined >= combine(population, channels).combined - 1e-12


@settings(max_examples=200)
@given(persons, persons, st.floats(min_value=0.1, max_value=10), persons, st.integers(min_value=0, max_value=10_000))
def test_every_channel_is_monotone_in_its_inputs(x, extra, ppl, urban, attendees):
    assert (
        bill_reach(utilities=[electricity(x + extra)], households=urban, persons_per_household=ppl, a=A).persons
        >= bill_reach(utilities=[electricity(x)], households=urban, persons_per_household=ppl, a=A).persons
    )
    assert social_reach(post_reach=[x, extra], a=A).persons >= social_reach(post_reach=[x], a=A).persons
    assert (
        hoarding_reach(sites=[(x, 10), (extra, 10)], urban_population=urban, a=A).persons
        >= hoarding_reach(sites=[(x, 10)], urban_population=urban, a=A).persons
    )
    assert (
        meeting_reach(attendees_by_kind={"bank": attendees + 1}, a=A).persons
        > meeting_reach(attendees_by_kind={"bank": attendees}, a=A).persons
    )
    assert (
        bill_reach(utilities=[electricity(x), water(extra)], households=urban, persons_per_household=ppl, a=A).persons
        >= bill_reach(utilities=[electricity(x)], households=urban, persons_per_household=ppl, a=A).persons
    )


def test_the_model_imports_no_django():
    import subprocess
    import sys
    from pathlib import Path

    code = "import sys, sajag.reach.model; print([m for m in sys.modules if m.split('.')[0] == 'django'])"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent
    )
    assert out.stdout.strip() == "[]"


def _district(bill_households=0.0, meetings=0.0):
    households, ppl = 200_000, 5.0
    channels = [
        bill_reach(
            utilities=[electricity(bill_households / 0.85)] if bill_households else [],
            households=households,
            persons_per_household=ppl,
            a=A,
        ),
        ChannelReach("meetings", meetings, "", {}),
    ]
    return combine(households * ppl, channels), households, ppl


def test_next_steps_are_sized_from_the_districts_own_figures_and_their_gain_is_the_model_run_again():
    reach, households, ppl = _district(bill_households=100_000)
    steps = next_steps(
        reach, households=households, persons_per_household=ppl, urban_population=200_000, days_left=10, a=A
    )
    bills = next(s for s in steps if s.channel == "bills")
    # 95% of 2,00,000 homes can get a bill; 1,00,000 already do: 90,000 more homes = 1,05,882 bills
    assert bills.en == "print 1930 on 1.1 lakh more bills, to the homes no bill has reached yet"
    assert "1.1 लाख और बिलों पर 1930 छापें" in bills.hi
    assert bills.gain == pytest.approx((190_000 - 100_000) * ppl / 1_000_000)
    assert steps == sorted(steps, key=lambda s: -s.gain)


def test_a_district_whose_bills_reach_every_home_is_pointed_elsewhere():
    reach, households, ppl = _district(bill_households=195_000)
    steps = next_steps(
        reach, households=households, persons_per_household=ppl, urban_population=200_000, days_left=10, a=A
    )
    assert "bills" not in [s.channel for s in steps]
    assert {s.channel for s in steps} == {"hoardings", "meetings", "social"}


def test_two_districts_with_different_figures_get_different_advice():
    a, h, p = _district(bill_households=20_000)
    b, _h, _p = _district(bill_households=190_000, meetings=0)
    first = next_steps(a, households=h, persons_per_household=p, urban_population=200_000, days_left=10, a=A)[0]
    second = next_steps(b, households=h, persons_per_household=p, urban_population=200_000, days_left=10, a=A)[0]
    assert first.channel == "bills" and second.channel != "bills"


from sajag.reach.model import corrected, survey_estimate, wilson_interval  # noqa: E402


def test_wilson_interval_by_hand():
    low, high = wilson_interval(40, 100)
    assert (round(low, 4), round(high, 4)) == (0.3094, 0.4980)
    assert wilson_interval(0, 10)[0] == 0.0 and wilson_interval(10, 10)[1] == 1.0


def test_a_survey_corrects_the_duplication_assumption():
    # 400 asked: 120 knew 1930; 80 heard it on bills, 60 on hoardings (some on both).
    s = survey_estimate(sample=400, knew=120, heard_via={"bills": 80, "hoardings": 60})
    independent = 1 - (1 - 0.2) * (1 - 0.15)
    assert s.share == 0.3 and s.independent == pytest.approx(independent)
    assert s.overlap_factor == pytest.approx(0.3 / independent)
    reach = combine(1_000_000, [ChannelReach("bills", 200_000, "", {}), ChannelReach("hoardings", 150_000, "", {})])
    assert corrected(reach, s) == pytest.approx(reach.combined * 0.3 / independent)
    assert reach.lower <= corrected(reach, s) <= reach.upper


def test_a_survey_with_impossible_numbers_is_refused():
    with pytest.raises(ValueError):
        survey_estimate(sample=10, knew=11, heard_via={})


def test_the_corrected_figure_never_leaves_the_surveys_interval_without_saying_so():
    # Kota in the demo: 250 of 400 knew 1930 (62%); the model says far more.
    s = survey_estimate(sample=400, knew=250, heard_via={"bills": 210, "hoardings": 30, "social": 5, "meetings": 12})
    reach = combine(1_000_000, [ChannelReach("bills", 950_000, "", {}), ChannelReach("meetings", 100_000, "", {})])
    c = calibrate(reach, s)
    assert c.model == reach.combined and c.overlap_corrected > s.high
    assert c.held == "high" and c.corrected == pytest.approx(s.high)
    assert "above the survey's 95% interval 58–67%" in c.en and "held at 67%" in c.en
    assert "से ऊपर है" in c.hi


def test_a_model_within_the_surveys_interval_is_corrected_by_the_overlap_only():
    s = survey_estimate(sample=400, knew=120, heard_via={"bills": 80, "hoardings": 60})
    reach = combine(1_000_000, [ChannelReach("bills", 200_000, "", {}), ChannelReach("hoardings", 150_000, "", {})])
    c = calibrate(reach, s)
    assert c.held == "" and c.corrected == pytest.approx(corrected(reach, s))
    assert "within the survey's 95% interval" in c.en


utility_lists = st.lists(
    st.tuples(st.sampled_from(["electricity", "water"]), st.floats(min_value=0, max_value=1e7, allow_nan=False)),
    max_size=4,
)


@settings(max_examples=300)
@given(utility_lists, st.floats(min_value=1, max_value=1e7), st.floats(min_value=0.5, max_value=10))
def test_bill_households_lie_within_their_bounds_and_never_exceed_the_districts_homes(utilities, households, ppl):
    r = bill_reach(
        utilities=[UtilityBills(f"U{i}", kind, n, "cycle") for i, (kind, n) in enumerate(utilities)],
        households=households,
        persons_per_household=ppl,
        a=A,
    )
    assert r.low is not None and r.high is not None  # the channel's own bounds, not clamped
    assert r.low <= r.persons * (1 + 1e-9) + 1e-6 and r.persons <= r.high * (1 + 1e-9) + 1e-6
    assert r.high <= households * ppl * (1 + 1e-9)


@settings(max_examples=300)
@given(
    st.lists(st.tuples(st.one_of(st.none(), persons), st.integers(min_value=0, max_value=60)), max_size=8),
    persons,
    st.integers(min_value=0, max_value=59),
)
def test_hoardings_lie_within_their_bounds_and_grow_with_display_days(sites, urban, extra_days):
    r = hoarding_reach(sites=sites, urban_population=urban, a=A)
    assert r.low is not None and r.high is not None
    assert r.low <= r.persons * (1 + 1e-9) + 1e-6 and r.persons <= r.high * (1 + 1e-9) + 1e-6
    longer = hoarding_reach(sites=[(p, d + extra_days) for p, d in sites], urban_population=urban, a=A)
    assert longer.persons >= r.persons - 1e-6
