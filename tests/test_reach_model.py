"""The reach model, by hand-computed cases and by properties (hypothesis)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sajag.reach.model import (
    Assumptions,
    ChannelReach,
    best_channel_to_grow,
    bill_reach,
    combine,
    hoarding_reach,
    meeting_reach,
    qr_reach,
    social_reach,
)

A = Assumptions()


def test_bills_are_households_times_persons_per_household():
    r = bill_reach(bills=200_000, persons_per_household=5.39, a=A)
    assert r.persons == pytest.approx(200_000 * 0.85 * 5.39)
    assert r.formula == "200,000 bills × 0.85 to households × 5.39 persons per household"
    assert r.formula_hi == "200,000 बिल × 0.85 घरों को × 5.39 व्यक्ति प्रति परिवार"


def test_hoardings_are_sightings_over_frequency_capped_by_the_town():
    # 2 sites: 10,000 a day for 20 days, and the default 5,000 a day for 10 days.
    r = hoarding_reach(sites=[(10_000, 20), (None, 10)], urban_population=1_000_000, a=A)
    assert r.persons == pytest.approx((200_000 + 50_000) / 12)
    capped = hoarding_reach(sites=[(50_000, 30)] * 10, urban_population=100_000, a=A)
    assert capped.persons == pytest.approx(80_000)


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
    r = bill_reach(bills=1000, persons_per_household=5, a=A.with_values(bill_domestic_share=0.5))
    assert r.persons == 2500


def test_the_channel_to_grow_is_the_one_whose_doubling_adds_most():
    channels = [ChannelReach("a", 100_000, "", {}), ChannelReach("b", 10_000, "", {}), ChannelReach("c", 0, "", {})]
    channel, gain = best_channel_to_grow(combine(1_000_000, channels))
    assert channel == "a" and gain > 0


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
        bill_reach(bills=x + extra, persons_per_household=ppl, a=A).persons
        >= bill_reach(bills=x, persons_per_household=ppl, a=A).persons
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
    assert qr_reach(visits=x + extra).persons >= qr_reach(visits=x).persons


def test_the_model_imports_no_django():
    import subprocess
    import sys
    from pathlib import Path

    code = "import sys, sajag.reach.model; print([m for m in sys.modules if m.split('.')[0] == 'django'])"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent
    )
    assert out.stdout.strip() == "[]"


def test_a_district_without_a_channel_is_pointed_to_what_others_reach_with_it():
    channels = [ChannelReach("bills", 0, "", {}), ChannelReach("meetings", 1_000, "", {})]
    channel, gain = best_channel_to_grow(combine(1_000_000, channels), typical={"bills": 0.4, "meetings": 0.002})
    assert channel == "bills" and gain == pytest.approx(0.4 * (1 - 0.001), rel=1e-6)


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
