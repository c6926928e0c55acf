"""The first version of every topic's message, seeded from the citizen site's six rules (one
source of truth for the plain-language texts) plus 1930 itself and "cheated? act now".

Later versions are written by the state nodal officer in the studio; this is only where the
campaign starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from sajag.public.content import RULES

Text = tuple[str, str]  # (English, Hindi)

# The campaign's call to action, appended to every message that leaves Sajag. {helpline} and
# {portal} come from the campaign, so a clone for another helpline stays right.
CALL: dict[str, str] = {
    "en": "Cyber fraud? Call {helpline} at once and report on {portal}",
    "hi": "साइबर ठगी हो तो तुरंत {helpline} पर कॉल करें, {portal} पर शिकायत करें",
}
# The shortest form, for bills and other tight spaces (no-break spaces keep "Call 1930" and
# "· cybercrime.gov.in" on one line each; they print as plain spaces).
CALL_SHORT: dict[str, str] = {
    "en": "Fraud? Call\u00a0{helpline} ·\u00a0{portal}",
    "hi": "ठगी? कॉल\u00a0{helpline} ·\u00a0{portal}",
}
HASHTAGS: dict[str, list[str]] = {
    "en": ["#Dial1930", "#CyberSafeRajasthan", "#CyberFraud", "#StaySafeOnline"],
    "hi": ["#1930_डायल_करें", "#साइबर_सुरक्षा", "#सजग_राजस्थान", "#साइबर_ठगी"],
}


@dataclass(frozen=True)
class Seed:
    slug: str
    kind: str
    target: str
    title: Text
    line: Text
    short: Text
    long: Text
    example: Text
    hashtags: Text


LINES: dict[str, Text] = {
    "otp": ("Never share an OTP with anyone.", "ओटीपी कभी किसी को न बताएं।"),
    "pin": ("Never tell anyone your ATM or UPI PIN.", "एटीएम या यूपीआई पिन कभी न बताएं।"),
    "links": ("Do not click links sent by strangers.", "अनजान लिंक पर क्लिक न करें।"),
    "passwords": ("Keep your passwords to yourself.", "अपना पासवर्ड किसी को न बताएं।"),
    "data": ("Do not share Aadhaar, bank or card details.", "आधार, बैंक या कार्ड की जानकारी न दें।"),
    "payments": ("A PIN is for paying, never for receiving.", "पिन पैसा भेजने के लिए है, पाने के लिए नहीं।"),
}
RULE_TAGS: dict[str, Text] = {
    "otp": ("#OTP #NeverShareOTP", "#ओटीपी_न_बताएं"),
    "pin": ("#UPIPIN #ATMPIN", "#पिन_न_बताएं"),
    "links": ("#FakeLinks #ThinkBeforeYouClick", "#अनजान_लिंक"),
    "passwords": ("#Passwords #AccountSafety", "#पासवर्ड_गोपनीय"),
    "data": ("#DataPrivacy #Aadhaar", "#निजी_जानकारी"),
    "payments": ("#SafeUPI #DigitalPayments", "#सुरक्षित_भुगतान"),
}

HELPLINE = Seed(
    "helpline-1930",
    "helpline",
    "public:home",
    ("1930: the National Cyber Helpline", "1930: राष्ट्रीय साइबर हेल्पलाइन"),
    ("Cyber fraud? Dial 1930 at once.", "साइबर ठगी हो तो तुरंत 1930 डायल करें।"),
    (
        "Lost money to an online fraud? Call 1930 at once, day or night. The sooner you call, the more can be stopped.",
        "ऑनलाइन ठगी में पैसा गया? दिन हो या रात, तुरंत 1930 पर कॉल करें। जितनी जल्दी कॉल, उतना पैसा रुक सकता है।",
    ),
    (
        "1930 is the National Cyber Crime Helpline. The call is free and open every day. When you report a fraud "
        "quickly, the police alert the banks and wallets the money went to, and they can hold it before the "
        "fraudster withdraws it. Keep the transaction ID, the time and the fraudster's number ready, and "
        "complete your complaint on cybercrime.gov.in.",
        "1930 राष्ट्रीय साइबर अपराध हेल्पलाइन है। कॉल मुफ्त है और हर दिन चालू है। ठगी की सूचना जल्दी देने पर पुलिस उन "
        "बैंकों और वॉलेट को सूचित करती है जहां पैसा गया है, और ठग के निकालने से पहले पैसा रोका जा सकता है। लेनदेन आईडी, "
        "समय और ठग का नंबर तैयार रखें, और cybercrime.gov.in पर अपनी शिकायत पूरी करें।",
    ),
    (
        "A shopkeeper paid ₹40,000 to a fake supplier. He called 1930 within the hour; the money was held in the "
        "fraudster's account and returned to him by court order.",
        "एक दुकानदार ने नकली सप्लायर को ₹40,000 भेज दिए। उसने एक घंटे के अंदर 1930 पर कॉल किया; पैसा ठग के खाते में "
        "रोक लिया गया और अदालत के आदेश से उसे वापस मिला।",
    ),
    ("#CyberHelpline", "#साइबर_हेल्पलाइन"),
)

CHEATED = Seed(
    "cheated",
    "cheated",
    "public:cheated",
    ("Cheated? Act in the first hours", "ठगी हुई? पहले घंटों में कदम उठाएं"),
    ("Cheated online? Call 1930 within the hour.", "ठगी हुई? एक घंटे के अंदर 1930 पर कॉल करें।"),
    (
        "Cheated online? Call 1930 at once: the first hours decide whether your money can be stopped.",
        "ऑनलाइन ठगी हुई? तुरंत 1930 पर कॉल करें: पहले कुछ घंटे तय करते हैं कि पैसा रुक पाएगा या नहीं।",
    ),
    (
        "If money has left your account, do not wait and do not feel ashamed. Call 1930 at once, then report on "
        "cybercrime.gov.in the same day with the transaction ID, time, amount and the fraudster's number or link. "
        "Tell your bank to block the card or UPI. Never pay anyone who promises to 'recover' your money for a fee.",
        "अगर खाते से पैसा निकल गया है, तो इंतजार न करें और शर्म न करें। तुरंत 1930 पर कॉल करें, फिर उसी दिन "
        "cybercrime.gov.in पर लेनदेन आईडी, समय, रकम और ठग के नंबर या लिंक के साथ शिकायत करें। बैंक को कार्ड या यूपीआई "
        "बंद करने को कहें। पैसा 'वापस दिलाने' के नाम पर फीस मांगने वाले को कभी भुगतान न करें।",
    ),
    (
        "A teacher shared an OTP with a caller posing as the bank. He called 1930 twenty minutes later; the bank "
        "froze ₹18,000 of the ₹25,000 before it was withdrawn.",
        "एक शिक्षक ने बैंक अधिकारी बनकर आए कॉलर को ओटीपी बता दिया। बीस मिनट बाद उन्होंने 1930 पर कॉल किया; निकाले जाने "
        "से पहले बैंक ने ₹25,000 में से ₹18,000 रोक दिए।",
    ),
    ("#CheatedOnline #ReportFraud", "#ठगी_हो_तो_1930"),
)


def seeds() -> list[Seed]:
    rules = [
        Seed(
            slug=rule.slug,
            kind="rule",
            target="public:rules",
            title=rule.title,
            line=LINES[rule.slug],
            short=rule.short,
            long=rule.why,
            example=rule.example,
            hashtags=RULE_TAGS[rule.slug],
        )
        for rule in RULES
    ]
    return [HELPLINE, *rules, CHEATED]
