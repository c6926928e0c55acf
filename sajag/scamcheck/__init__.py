"""Sajag's scam check: a message, link or phone number in, an explained verdict out.

Plain Python: imports nothing from Django or the rest of Sajag; no I/O, no network.

    >>> v = check_message("Your SBI KYC expired, update today: http://sbi-kyc.top/u")
    >>> v.level
    'likely_scam'
    >>> [s.id for s in v.signals][:2]
    ['kyc_update', 'urgency']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import learned as _learned
from . import links as _links
from . import numbers as _numbers
from . import patterns
from .normalize import Normalized, normalize
from .rules import load

__all__ = ["LEVELS", "Signal", "Verdict", "check_link", "check_message", "check_number"]

LIKELY_SCAM, SUSPICIOUS, PROMOTIONAL, NO_SIGNS = "likely_scam", "suspicious", "promotional", "no_warning_signs"
LEVELS = (LIKELY_SCAM, SUSPICIOUS, PROMOTIONAL, NO_SIGNS)
SCAM_AT, SUSPICIOUS_AT = 4.0, 2.0
# A signal of at least this weight from a rule that names a fraud is "strong": once one has
# fired in a message that also gives a way to reach someone (a link that is not a government's
# or the brand's own, a mobile number), what genuine messages say (1930, "never share your OTP",
# an account alert's shape) no longer lowers the score: a scammer can write those words too.
# An advisory names the fraud too ("DoT never blocks SIMs by call") but gives no such contact.
STRONG = 2.5
# The learned model (learned.py) adds a sign when its calibrated probability reaches these:
# weight 2 (suspicious by itself), 3 above the second. Chosen by leaving one source out
# (bench/scamcheck.py): at 0.98, 0.5% of held-out genuine messages reach it.
LEARNED_STEPS = ((0.98, 2.0), (0.995, 3.0))  # (probability at least, weight), ascending
LEARNED_AT = LEARNED_STEPS[0][0]
LEARNED_MIN_WORDS = 4  # fewer words than this (a number, a link alone) are not judged by wording
# ... and the words must lean that way by themselves, without what its links are (a link is judged
# by the link rules): a family's "here are the wedding photos: <link>" is not a scam's wording.
LEARNED_WORDS_AT = 0.3  # 0.3: leaving one source out, genuine flagged 0.63% → 0.46%, scams caught 79% → 74%
MAX_CHARS = 5000  # a message longer than this is checked on its first 5,000 characters
# ... and one with more links than this on its first 100: each link costs about 60 µs to read,
# and 5,000 characters hold 800 short ones. A message people get has a handful.
MAX_LINKS = 100

LEVEL_LABELS = {
    LIKELY_SCAM: ("Likely scam", "संभावित ठगी"),
    SUSPICIOUS: ("Suspicious", "संदिग्ध"),
    PROMOTIONAL: ("Promotional", "प्रचार संदेश"),
    NO_SIGNS: ("No warning signs found", "कोई चेतावनी संकेत नहीं मिला"),
}

WEAK_SIGNS_LABEL = ("A few warning signs: check before you act", "कुछ चेतावनी संकेत: कुछ भी करने से पहले जांचें")

ADVICE = {
    LIKELY_SCAM: [
        (
            "Do not click its links, call its numbers, or share any OTP, PIN or password.",
            "इसके लिंक पर क्लिक न करें, इसके नंबरों पर कॉल न करें, और कोई ओटीपी, पिन या पासवर्ड साझा न करें।",
        ),
    ],
    SUSPICIOUS: [
        (
            "Check with the organisation through its official website, app or the number printed on your card or bill — not the one in the message.",
            "संस्था से उसकी आधिकारिक वेबसाइट, ऐप या अपने कार्ड/बिल पर छपे नंबर से पुष्टि करें — संदेश में दिए नंबर से नहीं।",
        ),
    ],
    PROMOTIONAL: [
        (
            "To stop promotional messages, register for Do Not Disturb by calling or sending an SMS to 1909.",
            "प्रचार संदेश रोकने के लिए 1909 पर कॉल या एसएमएस करके 'डू नॉट डिस्टर्ब' में पंजीकरण करें।",
        ),
    ],
    NO_SIGNS: [
        (
            "Sajag found none of the warning signs it knows. That does not prove the message is safe: never share an OTP or PIN.",
            "सजग को इसमें कोई ज्ञात चेतावनी संकेत नहीं मिला। इसका अर्थ यह नहीं कि संदेश सुरक्षित है: ओटीपी या पिन कभी साझा न करें।",
        ),
    ],
}
ALWAYS = [
    (
        "If you have lost money, call 1930 at once: the first hours decide whether the bank can hold it. Then complete the complaint on cybercrime.gov.in.",
        "अगर पैसे गए हैं तो तुरंत 1930 पर कॉल करें: पहले कुछ घंटे तय करते हैं कि बैंक पैसा रोक पाएगा या नहीं। फिर cybercrime.gov.in पर शिकायत पूरी करें।",
    ),
    (
        "No money lost? Report the suspicious call, SMS or WhatsApp message on Chakshu (sancharsaathi.gov.in) within 30 days, and block the sender.",
        "पैसे नहीं गए? संदिग्ध कॉल, एसएमएस या व्हाट्सएप संदेश की शिकायत 30 दिन के भीतर चक्षु (sancharsaathi.gov.in) पर करें और भेजने वाले को ब्लॉक करें।",
    ),
]


@dataclass(frozen=True)
class Signal:
    id: str
    typology: str
    weight: float
    evidence: str  # the matched words, as written in the message
    span: tuple[int, int]  # where they are in the message (start, end)
    en: str
    hi: str
    marks: tuple[tuple[int, int], ...] = ()  # more spans to highlight (the learned sign's words)

    def explanation(self, lang: str = "hi") -> str:
        return self.en if lang == "en" else self.hi

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        return (self.span, *self.marks)


@dataclass(frozen=True)
class Verdict:
    level: str
    score: float
    signals: tuple[Signal, ...]
    typology: str | None  # the fraud type the signals point to most
    advice: tuple[tuple[str, str], ...]  # (English, Hindi) lines, most important first
    lang: str = "hi"
    notes: tuple[str, ...] = field(default=())

    @property
    def weak(self) -> bool:
        """Some warning signs, too few or too weak for "suspicious"."""
        return self.level in (PROMOTIONAL, NO_SIGNS) and bool(self.warning_signals)

    @property
    def flagged(self) -> bool:
        return self.level in (LIKELY_SCAM, SUSPICIOUS)

    @property
    def label(self) -> str:
        en, hi = LEVEL_LABELS[self.level]
        if self.weak:
            # Some signs fired, too few or too weak for "suspicious": the headline must not say
            # there are none while "why" lists them.
            en, hi = WEAK_SIGNS_LABEL
        return en if self.lang == "en" else hi

    def advice_lines(self) -> list[str]:
        return [en if self.lang == "en" else hi for en, hi in self.advice]

    @property
    def warning_signals(self) -> tuple[Signal, ...]:
        return tuple(s for s in self.signals if s.weight > 0)


def _verdict(
    score: float, signals: list[Signal], promo: bool, lang: str, notes: Iterable[str] = (), reaches_out: bool = False
) -> Verdict:
    if reaches_out and any(s.weight >= STRONG and s.typology not in NOT_STRONG for s in signals):
        signals = [s for s in signals if s.weight >= 0]  # a strong sign: genuine-looking words count for nothing
        score = sum(s.weight for s in signals)
    positive = [s for s in signals if s.weight > 0]
    if score <= 0 and positive and all(s.typology == "pressure" for s in positive):
        # "Call 1930 at once": pressure words outweighed by what advisories say are not signs.
        signals = [s for s in signals if s.weight <= 0]
    score = round(score, 2)
    if score >= SCAM_AT:
        level = LIKELY_SCAM
    elif score >= SUSPICIOUS_AT:
        level = SUSPICIOUS
    elif promo:
        level = PROMOTIONAL
    else:
        level = NO_SIGNS
    totals: dict[str, float] = {}
    for s in signals:
        if s.weight > 0 and s.typology not in NOT_A_FRAUD_TYPE:
            totals[s.typology] = totals.get(s.typology, 0) + s.weight
    typology = max(totals, key=totals.__getitem__) if totals and level in (LIKELY_SCAM, SUSPICIOUS) else None
    signals.sort(key=lambda s: (-s.weight, s.span))
    advice = ADVICE[level]
    if level in (PROMOTIONAL, NO_SIGNS) and any(s.weight > 0 for s in signals):
        advice = ADVICE[SUSPICIOUS]  # a few signs: check with the organisation first
    return Verdict(level, score, tuple(signals), typology, tuple(advice + ALWAYS), lang, tuple(notes))


NOT_A_FRAUD_TYPE = ("pressure", "link", "learned", "genuine", "number")
NOT_STRONG = ("pressure", "link", "genuine", "number")  # the learned sign at its top weight is strong


# Three Devanagari characters anywhere: one search, where counting them matched each one.
THREE_DEVANAGARI = patterns.compile("[\u0900-\u097f].*?[\u0900-\u097f].*?[\u0900-\u097f]", dotall=True)


def _language(lang: str | None, text: str) -> str:
    if lang in ("hi", "en"):
        return lang
    return "hi" if THREE_DEVANAGARI.search(text, 0, 2000) is not None else "en"


def check_message(text: str, sender: str | None = None, lang: str | None = None) -> Verdict:
    """Check an SMS, WhatsApp or e-mail text (and, if given, who sent it)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    notes = []
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        notes.append("truncated")
    lang = _language(lang, text)
    norm = normalize(text)
    rules, promos = load()
    links = _links.find_links(text, limit=MAX_LINKS + 1)
    if len(links) > MAX_LINKS:
        links = links[:MAX_LINKS]
        notes.append("links_truncated")
    reaches_out = _reaches_out(text, norm.text, links)
    signals: list[Signal] = []
    genuine_spans: list[tuple[int, int]] = []  # where genuine messages' words are (normalised text)
    score = 0.0
    for rule in rules:
        found = rule.search(norm.text)
        if found is None:
            continue
        if rule.unless is not None and rule.unless.search(norm.text):
            continue
        if rule.cover is not None and rule.cover.search(norm.text) is not None:
            if not reaches_out:
                continue  # an alert's or an advisory's words, in a message that sends you nowhere
            # It sends you somewhere: the cover phrases count for nothing, and the rule must
            # match in the rest of the message ("never share your OTP" is not a request for it).
            found = rule.search(_blanked(norm.text, [m.span() for m in rule.cover.finditer(norm.text)]))
            if found is None:
                continue
        if rule.requires is not None and not rule.requires.search(norm.text):
            continue
        if rule.weight < 0:
            genuine_spans.append(found)  # (its first match)
        start, end = _whole_words(text, *norm.span(*found))
        signals.append(Signal(rule.id, rule.typology, rule.weight, text[start:end], (start, end), rule.en, rule.hi))
        score += rule.weight
    promo = any(r.search(norm.text) for r in promos)
    for m in links:
        for sign in _links.link_signs(m.group(0)):
            if any(s.id == sign.id for s in signals):
                continue
            signals.append(Signal(sign.id, "link", sign.weight, m.group(0), m.span(), sign.en, sign.hi))
            score += sign.weight
    if sender:
        for s in _sender_signals(sender, norm.text):
            signals.append(s)
            score += s.weight
    for s in _number_signals(text):
        signals.append(s)
        score += s.weight
    from_header = bool(sender) and _numbers.classify(sender or "").kind == "header"
    genuine = from_header or _genuine_shape(norm.text, genuine_spans)
    # In a message that sends you somewhere, what genuine messages say does not make its wording
    # look genuine either: the model reads it without those words.
    read = _blanked(norm.text, genuine_spans) if reaches_out and genuine_spans else norm.text
    if not genuine and (learned := _learned_signal(norm, text, read)):
        signals.append(learned)
        score += learned.weight
    if signals and all(s.typology == "pressure" for s in signals if s.weight > 0):
        # "Today", "blocked": reminders say these too. Pressure alone is a few signs, not a suspicion.
        score = min(score, SUSPICIOUS_AT - 0.5)
    if not norm.text.strip():
        notes.append("empty")
    return _verdict(score, signals, promo, lang, notes, reaches_out)


def _reaches_out(text: str, norm_text: str, links: list[patterns.Match]) -> bool:
    """Whether the message gives a way to reach someone: a mobile number, or a link that is not
    a government's or the brand's own. Not the "@site #123456" that ends a web OTP (the browser
    fills the code in on that site only)."""
    if MOBILE_NUMBER.search(norm_text) is not None:
        return True
    web_otp = WEB_OTP.search(norm_text)
    for m in links:
        if web_otp is not None and m.start() >= web_otp.start():
            continue
        if not _links.is_official(m.group(0)):
            return True
    return False


# The origin-bound ending of a web OTP message: "@www.swiggy.com #483920".
WEB_OTP = patterns.compile(r"@\s?\S+\s#\s?[a-z0-9]{4,10}\s*$")


# A personal mobile number (Indian, or any written with a country code).
MOBILE_NUMBER = patterns.compile(r"(?:\+?91[ -]?)?\b[6-9]\d{4}[ -]?\d{5}\b|\+\d{1,3}[ -]?\d[\d -]{6,14}\d")


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to whole words: a pattern may end inside one ("गिरफ्तार" in
    "गिरफ्तारी", "update" in "updated"), and a mark must not cut a word or leave a vowel sign alone."""
    limit = min(len(text), end + 40)
    while end < limit and _in_word(text[end]):
        end += 1
    floor = max(0, start - 40)
    while start > floor and _in_word(text[start - 1]):
        start -= 1
    return start, end


def _in_word(c: str) -> bool:
    return c.isalnum() or unicodedata.category(c)[0] == "M"


# Words a reader learns nothing from, left out of the learned sign's explanation (they still count).
PLAIN_WORDS = frozenset(
    """a an the to of in on at by for from with and or is are was were be been has have had it
    its this that these those you your yours u ur we our us i me my he she they them his her
    will shall can could would should may do does did not no if as so but all any here there
    now then dear hi hello pls please ka ki ke ko se me mein hai hain ho aap aapka aapke aapki
    ye yeh wo woh kya ek par pe bhi am pm hai ho raha rahe karo karein kar liye
    और का की के को से में है हैं हो आप आपका आपके आपकी यह वह एक पर भी हुआ हुई हुए करें करे कर करना
    जाएगा जाएगी जाएंगे गया गई गए दिया दी लिए था थी थे तो ही अब रहा रही रहे किया""".split()  # noqa: SIM905
)


# An OTP as services send it: "483920 is your OTP", "Your verification code is 4839", "the OTP
# for your Swiggy login".
OTP_DELIVERY = patterns.compile(
    r"\b\d{4,8}\b.{0,40}\b(?:is|as) (?:your|the)?\s*(?:\w+ ){0,2}(?:otp|one[- ]?time password|verification code|security code|login code|code)\b"
    r"|\b(?:otp|one[- ]?time password|verification code|security code|login code|code)\b.{0,30}\b(?:is|:|-)\s*\d{4,8}\b"
    r"|\botp for (?:your )?(?:\w+ ){0,2}(?:login|log in|sign ?in|signin|transaction|payment)\b",
    dotall=True,
)


# An account or card named by its last digits only: "A/c XX1234", "card ending 0459", "607093******5114".
MASKED_ACCOUNT = patterns.compile(
    r"\b(?:a/?c|acct|account|card)(?: no\.?| number)? ?(?:x+|\*+)\d{2,6}\b|\b(?:card|a/?c|account) (?:number )?ending (?:with )?(?:x+)?\d{2,4}\b|\d{4,6}\*{4,8}\d{4}"
)


def _genuine_shape(norm_text: str, genuine_spans: list[tuple[int, int]]) -> bool:
    """True for a message shaped like a bank, card, UPI or OTP alert: it opens with what alerts
    open with (an account alert, an OTP being delivered, "do not share it"). The learned sign
    stays out of these, and out of messages from a registered sender header (VM-HDFCBK-T:
    DLT-registered, not a number anyone can use): their words overlap with the scams that copy
    them, and those are caught by the rules (an OTP asked for, a link to "reverse" a debit),
    whose strong signs outweigh the alert's shape (_verdict). Only the opening counts: the same
    words added at the end of a scam ("Ref A/c XX1234") do not make it an alert."""
    opening = min(GENUINE_OPENING, len(norm_text) // 2 + 1)
    if any(start < opening for start, _end in genuine_spans):
        return True
    for pattern in (OTP_DELIVERY, MASKED_ACCOUNT):
        found = pattern.search(norm_text, 0, opening + 80)
        if found is not None and found.start() < opening:
            return True
    return False


GENUINE_OPENING = 120  # characters (and at most the first half): where an alert says what it is


def _blanked(norm_text: str, spans: list[tuple[int, int]]) -> str:
    """The text with these spans turned into spaces (so every other position stays where it was)."""
    chars = list(norm_text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _learned_signal(norm: Normalized, text: str, read: str) -> Signal | None:
    """The learned model's sign on `read` (the normalised text, perhaps with genuine messages'
    words blanked), naming the words that weighed most, or None below LEARNED_AT."""
    scored = _learned.load().score(read)
    if scored.probability < LEARNED_AT or scored.words_read < LEARNED_MIN_WORDS:
        return None
    if scored.words_probability < LEARNED_WORDS_AT:
        return None
    picked = [w for w in scored.words if w[0] not in PLAIN_WORDS and (w[0][0] != "<" or w[0].startswith("<url:"))][:4]
    if not picked:
        return None  # nothing it could name: a sign must say what it saw
    spans: list[tuple[int, int]] = []
    for _word, start, end, _weight in sorted(picked, key=lambda w: w[1]):
        start, end = _whole_words(text, *norm.span(start, end))
        if spans and start - spans[-1][1] <= 1:  # next to the last one: one phrase
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    quoted = ", ".join(f"'{text[a:b]}'" for a, b in spans)
    weight = max(w for p, w in LEARNED_STEPS if scored.probability >= p)
    return Signal(
        "learned_wording",
        "learned",
        weight,
        text[spans[0][0] : spans[0][1]],  # the first; the explanation quotes them all
        spans[0],
        f"Its wording is typical of scam messages: {quoted}. Sajag learned this from thousands of real scam and genuine messages.",
        f"इसकी भाषा ठगी वाले संदेशों जैसी है: {quoted}। सजग ने यह हज़ारों असली ठगी और असली संदेशों से सीखा है।",
        tuple(spans[1:]),
    )


# A number written in international form inside the text: "+92 300 1234567". Not "0092…":
# reference and account numbers begin with 00 too.
INTERNATIONAL_NUMBER = patterns.compile(r"\+[1-9]\d{0,2}[ \-]?\(?\d[\d \-)]{5,16}\d")


def _number_signals(text: str) -> list[Signal]:
    """A foreign phone number written in the message (or pasted alone): the number check's sign."""
    for m in INTERNATIONAL_NUMBER.finditer(text, 0, MAX_CHARS):
        info = _numbers.classify(m.group(0))
        if info.kind == "foreign":
            return [
                Signal(
                    "number_foreign",
                    "number",
                    2,
                    m.group(0),
                    m.span(),
                    f"It gives a number from {info.country}, not India (+91). Calls or WhatsApp from foreign numbers claiming to be an Indian bank, police or office are a known fraud.",
                    f"इसमें {_numbers.country_hi(info)} का नंबर है, भारत (+91) का नहीं। विदेशी नंबरों से खुद को भारतीय बैंक, पुलिस या दफ्तर बताने वाली कॉल या व्हाट्सएप ज्ञात ठगी है।",
                )
            ]
    return []


INSTITUTION_WORDS = (
    "bank",
    "electric",
    "bijli",
    "बिजली",
    "बैंक",
    "kyc",
    "केवाईसी",
    "aadhaar",
    "आधार",
    "police",
    "पुलिस",
    "customs",
    "trai",
    "sim",
    "सिम",
    "income tax",
    "government",
    "सरकार",
    "upi",
    "paytm",
    "phonepe",
)


def _sender_signals(sender: str, norm_text: str) -> list[Signal]:
    info = _numbers.classify(sender)
    claims = any(w in norm_text for w in INSTITUTION_WORDS)
    span = (0, 0)
    if info.kind == "foreign":
        return [
            Signal(
                "sender_foreign",
                "impersonation",
                2.5 if claims else 1.5,
                sender,
                span,
                f"The sender's number is from {info.country} (not +91). Indian banks, utilities and offices do not contact you from foreign numbers.",
                f"भेजने वाले का नंबर {_numbers.country_hi(info)} का है (+91 नहीं)। भारतीय बैंक, बिजली कंपनियां और दफ्तर विदेशी नंबरों से संपर्क नहीं करते।",
            )
        ]
    if info.kind == "indian_mobile" and claims:
        return [
            Signal(
                "sender_personal_mobile",
                "impersonation",
                2.5,
                sender,
                span,
                "A message about a bank, utility or government matter came from a personal 10-digit mobile number. Such organisations send SMS from registered headers like 'VM-SBIINB-S', not from mobile numbers.",
                "बैंक, बिजली या सरकारी काम का संदेश एक निजी 10 अंकों के मोबाइल नंबर से आया है। ऐसे संस्थान एसएमएस 'VM-SBIINB-S' जैसे पंजीकृत हेडर से भेजते हैं, मोबाइल नंबर से नहीं।",
            )
        ]
    return []


def check_link(url: str, lang: str | None = None) -> Verdict:
    """Check one web address by its shape alone; the page is never fetched."""
    url = (url or "").strip()[:2000]
    signals = (
        [Signal(s.id, "link", s.weight, url, (0, len(url)), s.en, s.hi) for s in _links.link_signs(url)] if url else []
    )
    return _verdict(sum(s.weight for s in signals), signals, False, lang or "hi", () if url else ("empty",))


def check_number(number: str, lang: str | None = None) -> Verdict:
    """What a phone number or SMS sender header says by itself."""
    info = _numbers.classify(number or "")
    lang = lang or "hi"
    span = (0, len(number or ""))
    signals: list[Signal] = []
    notes: list[str] = [info.kind]
    if info.kind == "foreign":
        signals.append(
            Signal(
                "number_foreign",
                "number",
                2,
                number,
                span,
                f"This is a number from {info.country}, not India (+91). Calls or WhatsApp from foreign numbers claiming to be an Indian bank, police or office are a known fraud.",
                f"यह {_numbers.country_hi(info)} का नंबर है, भारत (+91) का नहीं। विदेशी नंबरों से खुद को भारतीय बैंक, पुलिस या दफ्तर बताने वाली कॉल या व्हाट्सएप ज्ञात ठगी है।",
            )
        )
    elif info.series_140:
        return _verdict(
            0,
            [
                Signal(
                    "number_140_series",
                    "promotional",
                    0,
                    number,
                    span,
                    "Numbers starting with 140 are used for telemarketing calls.",
                    "140 से शुरू होने वाले नंबर टेलीमार्केटिंग कॉल के लिए उपयोग होते हैं।",
                )
            ],
            True,
            lang,
            notes,
        )
    elif info.series_1600:
        signals.append(
            Signal(
                "number_1600_series",
                "genuine",
                0,
                number,
                span,
                "Numbers starting with 1600 are reserved for service calls by banks and other regulated financial entities.",
                "1600 से शुरू होने वाले नंबर बैंकों और अन्य विनियमित वित्तीय संस्थाओं की सेवा कॉल के लिए आरक्षित हैं।",
            )
        )
    elif info.kind == "header":
        signals.append(
            Signal(
                "registered_header",
                "genuine",
                0,
                number,
                span,
                "This is a registered business SMS header, not a personal number. Still check what the message asks for.",
                "यह पंजीकृत व्यावसायिक एसएमएस हेडर है, निजी नंबर नहीं। फिर भी देखें कि संदेश क्या मांग रहा है।",
            )
        )
    return _verdict(sum(s.weight for s in signals), signals, False, lang, notes)
