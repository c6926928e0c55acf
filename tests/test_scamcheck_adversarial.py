"""The scam check on messages made to be slow: every pattern runs in linear time (RE2), the
Python around the patterns does work that grows in proportion to the text, the answers stay
sane, and RE2 finds exactly what Python's re found. No timings here: bench/scamcheck_adversarial.py
times the same messages."""

import ast
import math
import re
import sys
from importlib import import_module
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sajag import scamcheck
from sajag.scamcheck import LEVELS, MAX_LINKS, check_message, links, patterns
from sajag.scamcheck.rules import Rule, load

from .adversarial import AT_RANDOM, texts

normalize = import_module("sajag.scamcheck.normalize")  # the package's `normalize` is the function
PACKAGE = Path(scamcheck.__file__).parent
# The command line reads the user's own files; its one pattern (a number, anchored, no nested
# repetition) is linear in Python's re too.
NOT_ON_THE_PUBLIC_PATH = {"__main__.py"}


def rule_patterns(rule: Rule) -> list[tuple[str, object]]:
    found = [("any", rule.pattern), ("unless", rule.unless), ("requires", rule.requires)]
    for a, b, _distance in rule.near:
        found += [("near", a), ("near", b)]
    return [(f"{rule.id}.{part}", p) for part, p in found if p is not None]


def module_patterns() -> list[tuple[str, object]]:
    modules = [scamcheck, links, normalize, scamcheck.numbers, scamcheck.rules]
    return [
        (f"{m.__name__}.{name}", value)
        for m in modules
        for name, value in vars(m).items()
        if isinstance(value, re.Pattern | patterns.Pattern)
    ]


def test_every_pattern_the_check_applies_is_linear():
    signals, promos = load()
    found = module_patterns() + [p for rule in signals + promos for p in rule_patterns(rule)]
    assert len(found) > 60
    slow = [name for name, p in found if not patterns.is_linear(p)]
    assert slow == []
    assert isinstance(links.URL, patterns.Pattern)  # the probe's pattern: RE2, not a lone class


def test_only_the_patterns_module_uses_pythons_re():
    users = []
    for path in PACKAGE.glob("*.py"):
        if path.name in NOT_ON_THE_PUBLIC_PATH | {"patterns.py"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if "re" in names or (isinstance(node, ast.ImportFrom) and node.module == "re"):
                users.append(path.name)
    assert users == []


def test_what_re2_cannot_express_is_refused_and_python_keeps_only_single_classes():
    with pytest.raises(ValueError, match="not an RE2 pattern"):
        patterns.compile(r"(?<![a-z])otp")
    with pytest.raises(ValueError, match="not an RE2 pattern"):
        patterns.compile(r"(a)\1")
    with pytest.raises(ValueError, match="single character class"):
        patterns.char_class(r"[a-z]+\.")
    assert patterns.is_linear(patterns.char_class(r"[^\d+]"))
    assert not patterns.is_linear(re.compile(r"(?:[a-z0-9-]+\.)+co"))


@pytest.mark.parametrize(("name", "text"), texts(5000).items(), ids=list(texts(5000)))
def test_a_message_made_to_be_slow_gets_a_sane_answer(name, text):
    v = check_message(text, sender="+91 98290 12345")
    assert v.level in LEVELS and math.isfinite(v.score)
    for s in v.signals:
        if s.typology != "impersonation":  # sender signs point at the sender, not the text
            assert 0 <= s.span[0] <= s.span[1] <= len(text)
            assert s.evidence == text[s.span[0] : s.span[1]]


def test_the_probes_message_is_one_long_address_with_many_parts():
    text = texts(5000)["a-dot-then-domain"]
    assert [m.span() for m in links.find_links(text)] == [(0, 5000)]
    assert "link_many_subdomains" in {s.id for s in check_message(text).signals}


def test_a_message_of_many_links_is_read_on_its_first_hundred():
    v = check_message(texts(5000)["many-short-links"])
    assert "links_truncated" in v.notes
    assert len(links.find_links(texts(5000)["many-short-links"], limit=MAX_LINKS)) == MAX_LINKS
    few = check_message("Pay at http://sbi-kyc.top/u or bit.ly/x")
    assert "links_truncated" not in few.notes


def test_sides_of_a_rule_that_are_never_near_do_not_fire_it():
    v = check_message(texts(4000)["otp-and-ask-never-near"])
    assert "otp_request" not in {s.id for s in v.signals}
    v = check_message(texts(4000)["otp-and-ask-mixed"])
    assert "otp_request" in {s.id for s in v.signals}


def python_lines(text: str) -> int:
    """Lines of Python run by one check: a count of work that timing noise cannot blur."""
    links.link_signs.cache_clear()
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        count += 1
        return tracer

    sys.settrace(tracer)
    try:
        check_message(text, sender="+91 98290 12345")
    finally:
        sys.settrace(None)
    return count


def test_the_python_work_grows_in_proportion_to_the_message():
    for text in texts(300).values():  # load the rules, the suffix list and every lazy import first
        check_message(text, sender="+91 98290 12345")
    small, large = texts(1500), texts(3000)
    # Twice the text: at most about twice the work (a loop over pairs of matches gave 4x).
    grew = {name: python_lines(large[name]) / python_lines(small[name]) for name in small.keys() - AT_RANDOM}
    assert {name: round(r, 2) for name, r in grew.items() if r > 2.2} == {}


# ---- RE2 finds what Python's re found -----------------------------------------------------

RULES_TEXT = (PACKAGE / "rules.toml").read_text(encoding="utf-8")
WORDS = sorted(set(re.findall(r"[a-z]{2,}", RULES_TEXT)) | set(re.findall(r"[\u0900-\u097f]{2,}", RULES_TEXT)))
# Between words: never a letter or digit, so Python's Unicode \b and RE2's ASCII \b agree.
GAPS = [" ", " ", " ", "  ", "\n", ", ", ". ", ": ", " - ", " ₹ ", " 12 ", " 98290 12345 ", "/", " x1234 ", "% "]
messages = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), max_size=25).map(
    lambda pairs: "".join(w + g for w, g in pairs)
)


def python_twin(p: patterns.Pattern) -> re.Pattern[str]:
    return re.compile(p.pattern, (re.DOTALL if p.dotall else 0) | (re.IGNORECASE if p.ignorecase else 0))


def old_search(rule: Rule, text: str) -> tuple[int, int] | None:
    """Rule.search as it was: Python's re, every pair of `near` matches compared."""
    if rule.gate and not any(map(text.__contains__, rule.gate)):
        return None
    if rule.pattern is not None and (m := python_twin(rule.pattern).search(text)):
        return m.span()
    for first, second, distance in rule.near:
        a = [m.span() for m in python_twin(first).finditer(text)]
        for b_start, b_end in (m.span() for m in python_twin(second).finditer(text)):
            for a_start, a_end in a:
                if (0 <= b_start - a_end <= distance) or (0 <= a_start - b_end <= distance):
                    return (min(a_start, b_start), max(a_end, b_end))
    return None


@settings(max_examples=150, deadline=None)
@given(messages)
def test_every_rule_finds_what_pythons_re_found(text):
    signals, promos = load()
    for rule in signals + promos:
        assert rule.search(text) == old_search(rule, text), rule.id
        for name, p in rule_patterns(rule):
            assert [m.span() for m in p.finditer(text)] == [m.span() for m in python_twin(p).finditer(text)], name


URL_PIECES = ["a", "sbi", "-", ".", "co", "in", "com", "top", "/", "://", "http", "hxxps", "www.", "@", ":8080", "?q=1"]
addresses = st.lists(st.sampled_from([*URL_PIECES, " ", "\n", "\u00a0", "<", '"', "1"]), max_size=40).map("".join)


@settings(
    max_examples=300, deadline=None, derandomize=True
)  # RE2 \\b is ASCII-only: a Devanagari letter glued to a link may differ (rules.toml)
@given(addresses)
def test_the_link_finder_finds_what_pythons_re_found(text):
    before = [m.span() for m in python_twin(links.URL).finditer(text)]
    assert [m.span() for m in links.find_links(text)] == (before if links.MAYBE_URL.search(text) else [])


SPACED_BEFORE = re.compile(r"(?<![a-z0-9])(?:[a-z0-9][ .\-_*·•]){2,}[a-z0-9](?![a-z0-9])")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1 .-_*·•,क\nZ", max_size=40))
def test_spaced_letters_are_found_as_the_lookaround_pattern_found_them(text):
    assert list(normalize._spaced_runs(text)) == [m.span() for m in SPACED_BEFORE.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab0189 .क_Z", max_size=40))
def test_look_alike_digits_are_read_as_before(text):
    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        digits = sum(c.isdigit() for c in word)
        return word.translate(normalize.LEET) if 1 <= digits <= 2 and len(word) - digits >= 2 else word

    assert normalize._unleet(text) == re.sub(r"[a-z0-9]+", fix, text)


def test_offsets_are_characters_in_hindi_text_and_lone_surrogates_do_not_break_the_search():
    p, before = patterns.compile(r"ओटीपी|otp"), re.compile(r"ओटीपी|otp")
    text = "आपका ओटीपी है, otp \ud800 otp"
    assert [m.span() for m in p.finditer(text)] == [m.span() for m in before.finditer(text)]
    assert len([m.span() for m in p.finditer(text)]) == 3
    assert p.search(text, 11).span() == before.search(text, 11).span()
    assert p.search(text, 0, 9) is None and p.search(text, 0, 10).group() == "ओटीपी"
    assert check_message("otp \ud800 share now").level == "likely_scam"
