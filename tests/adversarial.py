"""Messages made to be slow: the shapes that make a backtracking pattern, or a loop over pairs
of matches, take time that grows faster than the text. tests/test_scamcheck_adversarial.py
checks the answers and counts the work; bench/scamcheck_adversarial.py times them."""

from __future__ import annotations

import random

# Words of the rules, shuffled: every few characters a new place in the rules' ".{0,40}" windows,
# so RE2's automaton meets a new state at almost every character.
RULE_WORDS = ["otp ", "pin ", "x", " ", "share ", "na ", "o", "t", "p", "बैंक ", "कभी ", "नहीं ", "1", "₹"]
# Letters of many scripts and planes, at random: a new byte sequence for every pattern.
MANY_SCRIPTS = "aotp shrekyc.:/-1234567890 ओटीपीबैंकभेजें₹@#\nабвгдеж€漢字😀"
# Their mix changes with their length (a longer one may hold its first spaced "o t p"), so work
# counts that compare two lengths leave them out; every other shape repeats one piece.
AT_RANDOM = {"rule-words-shuffled", "many-scripts-at-random"}


def _fill(piece: str, n: int, end: str = "") -> str:
    body = piece * (n // len(piece) + 1)
    return body[: n - len(end)] + end


def _shuffled(pieces: list[str], n: int, seed: int) -> str:
    rng = random.Random(seed)
    out = ""
    while len(out) < n:
        out += "".join(rng.choice(pieces) for _ in range(200))
    return out[:n]


def texts(n: int) -> dict[str, str]:
    """Each shape, `n` characters long."""
    half = n // 2
    return {
        # the probe's find: every dot a new place for the link pattern to start again
        "a-dot-then-domain": _fill("a.", n, "x.co"),
        "a-dot-then-nothing": _fill("a.", n, "x"),
        "ab-dot-runs": _fill("ab.", n),
        "long-label-dots": _fill("aaaaaaaaa.", n),
        "dots": "." * n,
        "www-repeated": _fill("www.", n),
        "http-repeated": _fill("http://", n),
        "hxxps-repeated": _fill("hxxps://", n),
        "scheme-then-dots": "http://" + _fill("a.", n - 7),
        "dots-then-slash": _fill("a.", n, "co/"),
        "many-short-links": " ".join(f"a{i}.co" for i in range(n))[:n],
        "many-brand-links": _fill("sbi-kyc.top/u ", n),
        "at-sign-hosts": _fill("@a.", n),
        "punycode-labels": _fill("xn--a.", n, "top"),
        "digits-with-hyphens": _fill("9-", n),
        "digits-with-spaces": _fill("98765 ", n),
        "phone-numbers": _fill("+91 98765 43210 ", n),
        "digits": "9" * n,
        "amounts": _fill("rs 1", n),
        "rupee-amounts": _fill("₹ 1", n),
        "percent": _fill("1 % ", n),
        "masked-accounts": _fill("a/c x", n),
        "devanagari-run": _fill("ओटीपी", n),
        "devanagari-words": _fill("बैंक ओटीपी भेजें ", n),
        "devanagari-spaced": _fill("ओ टी पी ", n),
        "kabhi-nahi": _fill("कभी ", n),
        "long-word": "a" * n,
        "long-word-with-digits": _fill("l0an", n),
        "nested-brackets": "[" * half + "]" * (n - half),
        "nested-parentheses": "(" * half + ")" * (n - half),
        "spaced-letters": _fill("o t ", n),
        "dotted-letters": _fill("o.t.", n),
        "spaced-runs-into-word": _fill("o t pq ", n),
        # many of both sides of a `near` rule, never close enough: every pair is a candidate
        "otp-and-ask-never-near": _fill("otp ", half - 30) + " " * 60 + _fill("share ", n - half - 30),
        "otp-and-ask-mixed": _fill("otp pin share ", n),
        "otp-then-refusal": _fill("otp na ", n),
        "words-near-each-other": _fill("bank block kyc update ", n),
        "debited": _fill("debited ", n),
        "zero-width": _fill("o\u200bt\u200bp ", n),
        "look-alike-letters": _fill("оtр ", n),  # Cyrillic о and р
        "mixed-punctuation": _fill("a.b-c_d e9@f/", n),
        "rule-words-shuffled": _shuffled(RULE_WORDS, n, seed=5),
        "many-scripts-at-random": _shuffled(list(MANY_SCRIPTS), n, seed=2),
    }
