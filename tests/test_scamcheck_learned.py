"""The scam check's learned part, the rules' gates, and the defects found on real messages
(issue 17): every test here fails if the behaviour it names breaks."""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sajag import scamcheck
from sajag.scamcheck import LIKELY_SCAM, NO_SIGNS, SUSPICIOUS, check_message, learned
from sajag.scamcheck.normalize import normalize
from sajag.scamcheck.rules import load

DATA = Path(__file__).parent / "data"
SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "scam-corpus" / "messages.csv"
FLAGGED = (LIKELY_SCAM, SUSPICIOUS)


def written_messages() -> list[dict[str, str]]:
    rows = []
    for name in ("scam_corpus.tsv", "scam_holdout.tsv"):
        with (DATA / name).open(encoding="utf-8", newline="") as fh:
            rows += list(csv.DictReader(fh, delimiter="\t"))
    return rows


# ---- the learned model -------------------------------------------------------------------------


def test_the_model_file_says_what_it_was_built_from():
    with gzip.open(learned.MODEL_FILE, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    meta = data["meta"]
    assert len(meta["corpus_sha256"]) == 64
    assert meta["written_sha256"] == hashlib.sha256((DATA / "scam_corpus.tsv").read_bytes()).hexdigest(), (
        "tests/data/scam_corpus.tsv changed: rebuild the model with `make scam-model`"
    )
    assert meta["features_kept"] == len(data["weights"]) > 1000


@pytest.mark.skipif(
    not SHARED_CORPUS.exists() or importlib.util.find_spec("sklearn") is None, reason="needs the shared corpus"
)
def test_the_model_is_rebuilt_from_its_data_to_the_last_decimal_kept(tmp_path):
    from sajag.scamcheck import train

    with gzip.open(learned.MODEL_FILE, "rt", encoding="utf-8") as fh:
        shipped = json.load(fh)
    if shipped["meta"]["corpus_sha256"] != hashlib.sha256(SHARED_CORPUS.read_bytes()).hexdigest():
        pytest.skip("the shared corpus here is another version than the model's")
    out = tmp_path / "model.json.gz"
    # In a process of its own, one thread for the numeric libraries, with a limit: a suite that
    # has run browsers and servers in this process has nothing to do with the training.
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    command = [sys.executable, "-m", "sajag.scamcheck.train", "--corpus", str(SHARED_CORPUS), "--out", str(out)]
    subprocess.run(command, env=env, check=True, timeout=300, capture_output=True, cwd=train.ROOT)
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        rebuilt = json.load(fh)
    # Another processor or thread count moves a converged weight by about 1e-6: one in some
    # 25,000 may then round to the next 0.0001 (train.py), or cross the edge of those kept.
    unit = 1e-4 + 1e-9
    assert rebuilt["meta"]["corpus_sha256"] == shipped["meta"]["corpus_sha256"]
    assert rebuilt["meta"]["written_sha256"] == shipped["meta"]["written_sha256"]
    assert abs(rebuilt["bias"] - shipped["bias"]) <= unit
    assert all(abs(a - b) <= unit for a, b in zip(rebuilt["calibration"], shipped["calibration"], strict=True))
    new, old = rebuilt["weights"], shipped["weights"]
    for name in new.keys() ^ old.keys():  # only a weight on the edge of those kept
        assert abs(abs(new.get(name, 0) or old.get(name, 0)) - train.KEEP_ABOVE) <= unit, name
    moved = [name for name in new.keys() & old.keys() if new[name] != old[name]]
    assert all(abs(new[name] - old[name]) <= unit for name in moved), moved
    assert len(moved) <= 5 and len(new.keys() ^ old.keys()) <= 5, (len(moved), "rebuild: make scam-model")


def test_words_that_say_where_a_message_comes_from_are_one_token():
    words = [w for w, _s, _e in learned.tokens(normalize("Rs 500 to SBI, $20 to USPS, won't 9876543210").text)]
    assert words == ["<money>", "<3>", "to", "<brand>", "<money>", "<2>", "to", "<brand>", "wont", "<10>"]


PARCEL = (
    "Your package could not be delivered due to an incomplete address. Please update your details here: "
    "https://parcel-redelivery.info/track"
)


def test_the_score_explains_itself_with_the_words_that_weighed_most():
    scored = learned.load().score(normalize(PARCEL).text)
    assert scored.probability >= scamcheck.LEARNED_AT
    heaviest = [w for w, *_ in scored.words[:8]]
    assert {"package", "update"} <= set(heaviest), heaviest


def test_a_scam_no_rule_names_is_caught_by_its_wording_and_the_words_are_named_and_marked():
    # A delivery scam as they come from abroad: no rule names it, its link's shape is ordinary.
    text = PARCEL
    verdict = check_message(text, lang="en")
    assert [s.id for s in verdict.warning_signals] == ["learned_wording"]
    learned_sign = next(s for s in verdict.signals if s.id == "learned_wording")
    assert verdict.level in FLAGGED
    assert learned_sign.weight >= 2
    assert "Its wording is typical of scam messages" in learned_sign.en
    assert "इसकी भाषा ठगी वाले संदेशों जैसी है" in learned_sign.hi
    for start, end in learned_sign.spans:  # every named word is in the message, where it says
        assert f"'{text[start:end]}'" in learned_sign.en
    assert text[learned_sign.span[0] : learned_sign.span[1]] == learned_sign.evidence


def test_plain_chat_and_genuine_alerts_are_not_flagged_by_wording():
    for text in (
        "Hi beta, khana kha liya? Papa ghar aa rahe hain, sabzi le aana",
        "PayPal: Your security code is 874264. Your code expires in 10 minutes. Please don't reply. @www.paypal.com",
        "Please find the OTP for your Swiggy login attempt on this secure link - https://www.swiggy.com/2fa?o=MzQ2",
        "Rs 500 debited from A/c XX1234 on 12-10-24 to VPA shop@ybl. Avl Bal Rs 2,000. Not you? Call 18001234",
    ):
        verdict = check_message(text, lang="en")
        assert "learned_wording" not in [s.id for s in verdict.signals], text
        assert verdict.level not in FLAGGED, text


def test_a_registered_sender_header_keeps_the_learned_sign_out_but_not_the_rules():
    text = PARCEL
    assert "learned_wording" in {s.id for s in check_message(text).signals}
    assert "learned_wording" not in {s.id for s in check_message(text, sender="VM-HDFCBK-T").signals}
    asks = "Your account is blocked. Share the OTP with our executive at 9876543210 to unblock"
    assert check_message(asks, sender="VM-HDFCBK-T").level == LIKELY_SCAM


def test_a_message_that_only_looks_like_an_alert_and_asks_for_the_otp_is_still_caught():
    text = (
        "Rs 4,999 debited from A/c XX1234. Avl Bal Rs 120. If not done by you, share the OTP you receive "
        "with our executive at 9876543210 to reverse it. Never share your OTP."
    )
    assert check_message(text).level == LIKELY_SCAM


# ---- defects found on review and in use ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "CONGRATULATION YOUR WHATSAPP NO HAS WON RS 2 CRORE IN KBC LOTTERY SEND NAME ADD MOB NO",
        "Your SBI credit card payback point worth INR XXXX expire by today, redeem in cash by click here "
        "http //sbbackscash.in/",
        "Dear Customer Your ATM Card Has Been LOCKED due to KYC not update. call at 9876543210",
        "Dear BSNL User your Sim Card verification be pendind service will be Blocked with in 24hrs",
        "Dear pensioner your pension revision have be approve, click here to update details http://bit.ly/pen-rev",
        "Your income tax refund of Rs 15,490 has been approved. Click here to get it credited: http://itr-refund.in/a",
    ],
)
def test_the_real_misses_named_in_the_issue_are_caught(text):
    assert check_message(text).level in FLAGGED


def test_a_prize_a_personal_number_and_a_large_sum_is_a_likely_scam():
    text = (
        "Congratulations! Aapka mobile number KBC lottery me select hua hai, 25 lakh jeetne ke liye "
        "9876543210 par WhatsApp karein"
    )
    verdict = check_message(text)
    assert verdict.level == LIKELY_SCAM
    assert {"lottery_prize", "prize_contact_number"} <= {s.id for s in verdict.signals}


@pytest.mark.parametrize(
    ("scam", "cover"),
    [
        ("Your SBI KYC has expired, update today or account will be blocked: http://sbi-kyc.top/u", " Helpline 1930."),
        (
            "This is CBI. Your Aadhaar is misused in money laundering, arrest warrant issued. Call 9876543210",
            " Report fraud at cybercrime.gov.in or 1930.",
        ),
        (
            "Your SBI KYC has expired, update today or account will be blocked: http://sbi-kyc.top/u",
            " Never share your OTP with anyone. Beware of fraud.",
        ),
    ],
)
def test_writing_1930_or_a_warning_into_a_scam_does_not_lower_it(scam, cover):
    plain, covered = check_message(scam), check_message(scam + cover)
    assert plain.level == LIKELY_SCAM
    assert covered.level == LIKELY_SCAM
    rules_only = {s.id for s in plain.signals if s.id != "learned_wording"}
    assert rules_only <= {s.id for s in covered.signals}  # every sign still there ...
    assert not [s for s in covered.signals if s.weight < 0]  # ... and nothing taken off


@pytest.mark.parametrize("link", ["http://[1054]/pay", "https://[::1", "http://[x]:80/"])
def test_a_link_that_is_not_a_url_does_not_break_the_check(link):
    verdict = check_message(f"Your KYC is blocked, update now {link} or call 9876543210")
    assert verdict.level == LIKELY_SCAM


@pytest.mark.parametrize(
    ("scam", "cover"),
    [
        ("Share the OTP you received to get your refund at http://bit.ly/x.", " Beware of fraud."),
        (
            "Your income tax refund of Rs 15,490 has been approved. Click here to get it credited: http://itr-refund.in/a",
            " Beware of fraud.",
        ),
        ("Your ATM card is LOCKED. To unlock call at 9876543210.", " Not you? call 1800 425 3800"),
        ("ATM card LOCKED, to unlock click http://bit.ly/unl", " Never share your OTP with anyone."),
        (PARCEL, " Report fraud at 1930."),
        (PARCEL, " Never share your OTP."),
        (PARCEL, " Ref A/c XX1234 Avl Bal"),
    ],
)
def test_what_genuine_messages_say_does_not_hide_a_scam_that_sends_you_somewhere(scam, cover):
    assert check_message(scam).level in FLAGGED
    covered = check_message(scam + cover)
    assert covered.level in FLAGGED, [(s.id, s.weight) for s in covered.signals]


def test_a_genuine_otp_with_its_web_otp_ending_is_not_a_request_for_it():
    verdict = check_message("Your OTP is 483920 for login. Do not share it with anyone. @www.swiggy.com #483920")
    assert verdict.level not in FLAGGED


def test_a_link_to_a_shared_google_photos_album_is_not_a_scam():
    verdict = check_message("Hi, here are the photos from the wedding yesterday: https://photos.app.goo.gl/AbCdEf12345")
    assert verdict.level not in FLAGGED


def test_only_real_government_addresses_are_official():
    from sajag.scamcheck import links

    assert links.is_official("https://www.incometax.gov.in/iec/foportal")
    assert links.is_official("https://gov.in")
    assert not links.is_official("http://refundgov.in/claim")
    assert not links.is_official("http://incometaxgov.in.refund.top/x")


def test_a_reference_number_starting_00_is_not_a_foreign_phone_number():
    for text in ("Your order ref 0044123456789 has been shipped", "complaint no. 0061234567 registered"):
        assert "number_foreign" not in {s.id for s in check_message(text).signals}


def test_a_foreign_number_is_named_in_hindi_on_the_hindi_page():
    sign = next(s for s in check_message("+92 300 1234567").signals if s.id == "number_foreign")
    assert "पाकिस्तान" in sign.hi and "Pakistan" in sign.en


def test_money_sent_by_mistake_and_asked_back_is_a_likely_scam():
    text = (
        "Sir maine galti se aapke account me 5000 bhej diya plz wapas kar do urgent hai mera beta hospital me hai. "
        "Google pay 98XXXXXX10 pe bhej do please"
    )
    verdict = check_message(text)
    assert verdict.level == LIKELY_SCAM and verdict.typology == "wrong_transfer"


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Hey mum, I've broken my phone, please message my new number on whatsapp, it's urgent", "new_number_relative"),
        ("Papa ye mera naya number hai, purana phone kharab ho gaya. Urgent 5000 bhej do", "new_number_relative"),
        ("YOUR CLOUD IS FULL! All files will be deleted if you dont react soon. vbvnejt.com/rNG9GKNN", "device_alarm"),
        ("KatieT881 sent you a kiss. See her s3xy pics: http://gfxmth.com/6vDFZpW", "adult_lure"),
    ],
)
def test_family_new_number_device_scares_and_adult_lures_are_named(text, sign):
    verdict = check_message(text)
    assert sign in {s.id for s in verdict.signals}
    assert verdict.level in FLAGGED


def test_a_mark_never_cuts_a_word():
    text = "आपके आधार का दुरुपयोग हुआ है, आपकी गिरफ्तारी होगी। Your PAN not updated"
    for sign in check_message(text).signals:
        start, end = sign.span
        assert start == 0 or not text[start - 1].isalnum(), sign
        assert end == len(text) or not (text[end].isalnum() or text[end] in "ािीुूेैोौंः"), sign


def test_an_advisory_that_names_a_fraud_but_gives_no_contact_keeps_its_genuine_signs():
    verdict = check_message("Beware of calls claiming your SIM will be blocked. DoT never makes such calls. Dial 1930.")
    assert verdict.level not in FLAGGED
    assert any(s.weight < 0 for s in verdict.signals)


@pytest.mark.parametrize("number", ["+92 300 1234567", "+234 803 123 4567", "Call me on +92 300 1234567 now"])
def test_a_foreign_number_pasted_in_the_check_gets_the_number_check(number):
    verdict = check_message(number, lang="en")
    assert "number_foreign" in {s.id for s in verdict.signals}
    assert verdict.level != NO_SIGNS or verdict.label != "No warning signs found"


def test_the_headline_never_says_no_signs_while_why_lists_some():
    rows = written_messages()
    if SHARED_CORPUS.exists():
        with SHARED_CORPUS.open(encoding="utf-8", newline="") as fh:
            rows += list(csv.DictReader(fh))[::7]
    disagreements = []
    for row in rows:
        for lang in ("en", "hi"):
            verdict = check_message(row["text"], lang=lang)
            none_label = scamcheck.LEVEL_LABELS[NO_SIGNS][0 if lang == "en" else 1]
            if verdict.warning_signals and verdict.label == none_label:
                disagreements.append(row["text"][:80])
    assert not disagreements


@pytest.mark.parametrize(
    "text",
    [
        "Cyber fraud se bachein! Turant 1930 par call karein ya cybercrime.gov.in par shikayat karein. -Raj Police",
        "साइबर ठगी होने पर तुरंत 1930 पर कॉल करें। कोई भी बैंक ओटीपी नहीं मांगता। -राजस्थान पुलिस",
    ],
)
def test_the_campaigns_own_sms_is_green_and_lists_no_signs(text):
    # "Turant" (at once) is a pressure word; here the advisory's own signs outweigh it.
    verdict = check_message(text, lang="hi")
    assert verdict.level == NO_SIGNS
    assert verdict.label == scamcheck.LEVEL_LABELS[NO_SIGNS][1]
    assert not verdict.warning_signals
    assert any(s.id == "official_advisory" for s in verdict.signals)


def test_pressure_alone_is_a_few_signs_not_a_suspicion():
    text = "आपके Jio नंबर का प्लान 02-05-2024 को ख़त्म हो जाएगा । सेवाओं के बंद होने से बचें । अभी रिचार्ज करें ।"
    verdict = check_message(text, lang="hi")
    assert {s.typology for s in verdict.warning_signals} == {"pressure"}
    assert verdict.level not in FLAGGED
    assert verdict.label == scamcheck.WEAK_SIGNS_LABEL[1]


# ---- gates ---------------------------------------------------------------------------------------


# Written for the gates: a rule's rarer words that the corpora happen not to hold.
GATE_CASES = [
    "Your ITR refund is pending, click here http://itr-status.in/x",
    "Corona compensation of Rs 50000 credited, click link http://relief-fund.in",
    "DA arrear released, click http://da-arrear.in to get it",
    "मुआवजा जारी, लिंक पर क्लिक करें http://muavza.in",
    "Your account has been frozen, to unfreeze click http://acc.in",
    "Sir galti se aapke account me 5000 bhej diya, wapas kar do",
    "To cancel this transaction click http://x.in/c",
    "Mummy mera phone toot gaya, ye naya number hai",
    "Hi dad this is my new no, save it",
    "Your device is infected, malicious files found",
    "Lonely? Hot singles near you, naughty chat tonight",
]


def gate_messages() -> list[str]:
    texts = [r["text"] for r in written_messages()] + GATE_CASES
    if SHARED_CORPUS.exists():
        with SHARED_CORPUS.open(encoding="utf-8", newline="") as fh:
            texts += [r["text"] for r in csv.DictReader(fh)]
    return texts


def test_every_gate_lets_through_every_message_its_rule_would_match():
    """A gate only skips work: with or without it, each rule matches the same messages."""
    from dataclasses import replace

    rules, promos = load()
    gated = [r for r in rules + promos if r.gate]
    assert len(gated) > 10
    normalised = [normalize(t).text for t in gate_messages()]
    wrong = []
    for rule in gated:
        ungated = replace(rule, gate=())
        for text in normalised:
            if fires(rule, text) != fires(ungated, text):
                wrong.append((rule.id, text[:80]))
    assert not wrong, wrong[:10]


def fires(rule, text: str) -> bool:
    """As check_message decides it: found, not excused by `unless`, and with what it `requires`."""
    if rule.search(text) is None:
        return False
    if rule.unless is not None and rule.unless.search(text):
        return False
    return rule.requires is None or rule.requires.search(text) is not None


def test_a_gate_that_misses_a_word_its_rule_needs_is_found():
    """The test above would see a gate that is too narrow."""
    from dataclasses import replace

    rule = next(r for r in load()[0] if r.id == "otp_disclaimer")
    narrow = replace(rule, gate=("never",))
    text = normalize("Your OTP is 123456. Don't share it with anyone.").text
    assert fires(rule, text) and not fires(narrow, text)
