"""Counting text the way channels count it, and the guards (no database, no browser)."""

from __future__ import annotations

import pytest

from sajag.materials import guards, text
from sajag.materials.renderers import Asset, Brand, Limit

# ---- SMS parts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "encoding", "units", "parts"),
    [
        ("", "GSM-7", 0, 0),
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("Call 1930 @ once! £5 ¥ è", "GSM-7", 24, 1),
        ("€" * 80, "GSM-7", 160, 1),  # extension characters take two septets
        ("€" * 81, "GSM-7", 162, 2),
        ("x" + "€" * 76, "GSM-7", 153, 1),  # fits one part exactly
        ("ओ" * 70, "UCS-2", 70, 1),
        ("ओ" * 71, "UCS-2", 71, 2),
        ("ओ" * 134, "UCS-2", 134, 2),
        ("ओ" * 135, "UCS-2", 135, 3),
        ("Call 1930 now ओटीपी", "UCS-2", 19, 1),  # one Hindi letter makes the whole message UCS-2
        ("ç", "UCS-2", 1, 1),  # "Ç" is GSM-7, "ç" is not
        ("😀" * 35, "UCS-2", 70, 1),  # an emoji is two UTF-16 units
        ("😀" * 36, "UCS-2", 72, 2),
    ],
)
def test_sms_encoding_units_and_parts(message, encoding, units, parts):
    count = text.sms_count(message)
    assert (count.encoding, count.units, count.parts) == (encoding, units, parts)


def test_an_extension_character_is_never_split_across_parts():
    # 152 plain septets, then "€" (2): it cannot start in part one's last septet.
    message = "a" * 152 + "€" + "a" * 152
    assert text.sms_count(message).units == 306
    assert text.sms_count(message).parts == 3  # 152 | 2+151 | 1


def test_an_emoji_is_never_split_across_ucs2_parts():
    message = "क" * 66 + "😀" + "क" * 66  # 66 + 2 + 66 = 134 units, but the emoji moves to part two
    assert text.sms_count(message).parts == 3


def test_the_characters_that_force_ucs2_are_named():
    assert text.non_gsm("Pay ₹500 now “today”") == ["₹", "“", "”"]


# ---- X's weighted length ------------------------------------------------------------------


def test_x_counts_a_link_as_23_whatever_its_length():
    assert text.x_length("see https://example.org/a/very/long/path/that/goes/on") == 4 + 23
    assert text.x_length("report on cybercrime.gov.in") == 10 + 23


def test_x_weighs_devanagari_as_one_and_emoji_and_cjk_as_two():
    assert text.x_length("ओटीपी") == 5
    assert text.x_length("😀") == 2
    assert text.x_length("詐欺") == 4


# ---- bill lines ---------------------------------------------------------------------------


def test_wrap_and_fit_keep_no_break_words_together():
    glued = "Fraud? Call\u00a01930 ·\u00a0cybercrime.gov.in"
    assert text.wrap(glued, 20) == ["Fraud? Call 1930", "· cybercrime.gov.in"]
    assert text.fit(glued, 40, 1) == ["Fraud? Call 1930 · cybercrime.gov.in"]
    assert text.fit(glued, 18, 1) is None
    assert text.fit("a" * 30, 20, 3) is None  # a word longer than a line does not fit


# ---- guards -------------------------------------------------------------------------------

BRAND = Brand("1930", "cybercrime.gov.in")


def test_an_asset_without_the_helpline_or_portal_says_what_is_missing():
    asset = Asset("sms", "en", "x", text="Be careful online.")
    problems = guards.check(asset, BRAND)
    assert any("1930" in p for p in problems)
    assert any("cybercrime.gov.in" in p for p in problems)
    asset = Asset("sms", "en", "x", text="Call 1930.")
    assert guards.check(asset, BRAND) == ["Missing the reporting portal cybercrime.gov.in."]


def test_an_asset_over_its_limit_names_the_limit():
    asset = Asset("x", "en", "x", text="1930 cybercrime.gov.in", limits=[Limit("X characters", 300, 280)])
    assert guards.check(asset, BRAND) == ["Too long: X characters 300, the most is 280."]


def test_a_printed_asset_is_checked_on_the_words_it_shows_not_its_markup():
    html = '<html><head><title>1930 cybercrime.gov.in</title></head><body><p class="x-1930">Call now</p></body></html>'
    problems = guards.check(Asset("poster-landscape", "en", "p", html=html), BRAND)
    assert len(problems) == 2
    ok = "<html><body><p>1930</p><p>cybercrime.gov.in</p></body></html>"
    assert guards.check(Asset("poster-landscape", "en", "p", html=ok), BRAND) == []
