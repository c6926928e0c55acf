"""What the campaign says: the six safety rules of the brief (the citizen site shows them as
they are here: one source of truth for the plain-language texts), and the first version of every
topic's message, seeded from those rules plus 1930 itself and "cheated? act now".

Later versions are written by the state nodal officer in the studio; this is only where the
campaign starts. Plain Python: no Django import.
"""

from __future__ import annotations

from dataclasses import dataclass

Text = tuple[str, str]  # (English, Hindi)


@dataclass(frozen=True)
class Rule:
    number: int
    slug: str
    title: Text
    short: Text
    why: Text
    do: tuple[Text, ...]
    example: Text


RULES: tuple[Rule, ...] = (
    Rule(
        1,
        "otp",
        ("Never share an OTP", "ओटीपी कभी किसी को न बताएं"),
        (
            "No bank, company or officer ever asks for your OTP. Whoever asks is a fraudster.",
            "कोई बैंक, कंपनी या अधिकारी कभी ओटीपी नहीं मांगता। जो मांगे, वह ठग है।",
        ),
        (
            "An OTP is the key to your account for the next few minutes. With it, money leaves your account "
            "and you cannot stop it.",
            "ओटीपी अगले कुछ मिनट के लिए आपके खाते की चाबी है। इसके मिलते ही पैसा खाते से निकल जाता है और आप उसे रोक नहीं पाते।",
        ),
        (
            (
                "Read the whole OTP message: it says what the OTP is for.",
                "ओटीपी वाला पूरा संदेश पढ़ें: उसमें लिखा होता है कि ओटीपी किस काम का है।",
            ),
            (
                "Do not read an OTP out on a call, even to someone who says they are from the bank.",
                "कॉल पर ओटीपी न बोलें, चाहे सामने वाला खुद को बैंक का बताए।",
            ),
            (
                "If you shared it by mistake, call 1930 and your bank at once.",
                "गलती से बता दिया हो तो तुरंत 1930 और अपने बैंक को कॉल करें।",
            ),
        ),
        (
            "A caller says your electricity will be cut tonight unless you 'update' your account, and asks for the "
            "number that just came by SMS. That number is an OTP: giving it lets him take your money.",
            "कॉल आता है कि आज रात बिजली कट जाएगी, खाता 'अपडेट' करना है, अभी SMS से आया नंबर बताइए। वह नंबर ओटीपी "
            "है: बताते ही वह आपका पैसा निकाल लेगा।",
        ),
    ),
    Rule(
        2,
        "pin",
        ("Never share your ATM PIN or UPI PIN", "एटीएम पिन या यूपीआई पिन कभी न बताएं"),
        (
            "You need a PIN only to send money, never to receive it.",
            "पिन सिर्फ पैसा भेजने के लिए लगता है, पैसा पाने के लिए कभी नहीं।",
        ),
        (
            "Fraudsters send a 'collect request' or a QR code and say you will receive money. Entering your PIN "
            "sends your money to them.",
            "ठग 'कलेक्ट रिक्वेस्ट' या क्यूआर कोड भेजकर कहते हैं कि आपको पैसा मिलेगा। पिन डालते ही आपका पैसा उनके पास चला जाता है।",
        ),
        (
            ("Cover the keypad at the ATM and at shops.", "एटीएम और दुकान पर पिन डालते समय कीपैड को ढकें।"),
            ("Never give your card to anyone to 'help' you at the ATM.", "एटीएम पर 'मदद' के लिए किसी को अपना कार्ड न दें।"),
            ("Scanning a QR code is for paying, not for receiving.", "क्यूआर कोड स्कैन करना पैसा देने के लिए है, लेने के लिए नहीं।"),
        ),
        (
            "A buyer on a selling website says he has paid in advance and sends a QR code 'to receive the money'. "
            "Scanning it and entering the PIN takes money from the seller.",
            "ऑनलाइन सामान बेचते समय खरीदार कहता है कि उसने एडवांस भेज दिया है और 'पैसा पाने' के लिए क्यूआर कोड भेजता "
            "है। स्कैन करके पिन डालते ही बेचने वाले के खाते से पैसा कट जाता है।",
        ),
    ),
    Rule(
        3,
        "links",
        ("Do not click unknown links", "अनजान लिंक पर क्लिक न करें"),
        (
            "Links in SMS, WhatsApp and e-mail from strangers lead to fake pages and harmful apps.",
            "अनजान लोगों के SMS, व्हाट्सऐप और ई-मेल में आए लिंक नकली पेज और खतरनाक ऐप तक ले जाते हैं।",
        ),
        (
            "A fake page looks like your bank's and asks for your details; an .apk file installs an app that reads "
            "your messages, OTPs included.",
            "नकली पेज आपके बैंक जैसा दिखता है और आपकी जानकारी मांगता है; .apk फाइल ऐसा ऐप डाल देती है जो आपके संदेश, "
            "ओटीपी समेत, पढ़ लेता है।",
        ),
        (
            (
                "Open your bank's or a company's app or website yourself, not through a link.",
                "बैंक या कंपनी का ऐप या वेबसाइट खुद खोलें, लिंक से नहीं।",
            ),
            ("Never install an app sent as a file (.apk).", "फाइल (.apk) के रूप में भेजा गया ऐप कभी इंस्टॉल न करें।"),
            ("Not sure? Check the message on this site first.", "शक हो तो पहले इस साइट पर संदेश जांचें।"),
        ),
        (
            "'Your KYC has expired, your account will be blocked today, click here.' The link opens a page that "
            "copies the bank's and asks for card number, PIN and OTP.",
            "'आपका केवाईसी खत्म हो गया है, आज खाता बंद हो जाएगा, यहां क्लिक करें।' लिंक से बैंक जैसा दिखने वाला पेज "
            "खुलता है जो कार्ड नंबर, पिन और ओटीपी मांगता है।",
        ),
    ),
    Rule(
        4,
        "passwords",
        ("Keep your passwords secret", "अपने पासवर्ड गोपनीय रखें"),
        (
            "A password is yours alone: do not tell it, write it where others can see, or use the same one everywhere.",
            "पासवर्ड सिर्फ आपका है: किसी को न बताएं, ऐसी जगह न लिखें जहां दूसरे देख लें, और हर जगह एक ही पासवर्ड न रखें।",
        ),
        (
            "When one site leaks your password, fraudsters try it on your e-mail, bank and social media.",
            "जब किसी एक साइट से आपका पासवर्ड लीक होता है, तो ठग उसे आपके ई-मेल, बैंक और सोशल मीडिया पर आजमाते हैं।",
        ),
        (
            (
                "Use a long password — a sentence you remember is better than a short word.",
                "लंबा पासवर्ड रखें — याद रहने वाला एक वाक्य छोटे शब्द से बेहतर है।",
            ),
            (
                "Turn on two-step verification on e-mail, WhatsApp and social media.",
                "ई-मेल, व्हाट्सऐप और सोशल मीडिया पर टू-स्टेप वेरिफिकेशन चालू करें।",
            ),
            (
                "Change a password at once if you think someone knows it.",
                "किसी को पता चल गया हो, ऐसा लगे तो पासवर्ड तुरंत बदलें।",
            ),
        ),
        (
            "A friend's Facebook account is taken over and sends 'I am in trouble, send ₹5,000 now' to everyone in "
            "the list. Call the friend on their number before sending anything.",
            "किसी दोस्त का फेसबुक अकाउंट हैक होकर सबको संदेश भेजता है: 'मुसीबत में हूं, अभी ₹5,000 भेजो'। कुछ भी भेजने से "
            "पहले दोस्त को उनके नंबर पर कॉल करें।",
        ),
    ),
    Rule(
        5,
        "data",
        ("Protect your personal data", "अपनी निजी जानकारी सुरक्षित रखें"),
        (
            "Aadhaar, PAN, bank details and photos of documents are enough for a fraudster to pose as you.",
            "आधार, पैन, बैंक का ब्यौरा और दस्तावेजों की फोटो ठग के लिए आप बनकर धोखा देने को काफी हैं।",
        ),
        (
            "Loans are taken, SIM cards issued and accounts opened in the name of people whose documents were shared "
            "carelessly.",
            "जिनके दस्तावेज लापरवाही से साझा हुए, उनके नाम पर लोन लिए जाते हैं, सिम कार्ड निकलते हैं और खाते खुलते हैं।",
        ),
        (
            (
                "Share a copy of a document only where it is needed, and write on it what it is for.",
                "दस्तावेज की कॉपी सिर्फ जरूरी जगह दें और उस पर लिखें कि किस काम के लिए दी है।",
            ),
            ("Do not post tickets, bills or documents on social media.", "टिकट, बिल या दस्तावेज सोशल मीडिया पर न डालें।"),
            ("Give apps only the permissions they need.", "ऐप को सिर्फ जरूरी अनुमतियां दें।"),
        ),
        (
            "A loan app asks for access to contacts and photos. After a small loan, it threatens to send edited "
            "photos to everyone in the phone unless much more is paid.",
            "एक लोन ऐप संपर्क और फोटो की अनुमति मांगता है। छोटा लोन देने के बाद धमकी देता है कि ज्यादा पैसा न दिया तो एडिट "
            "की गई फोटो फोन के सभी लोगों को भेज देगा।",
        ),
    ),
    Rule(
        6,
        "payments",
        ("Pay digitally, safely", "डिजिटल भुगतान सुरक्षित तरीके से करें"),
        (
            "Check the name before you pay, pay only in official apps, and never pay to 'release' a prize, loan or job.",
            "भुगतान से पहले नाम जांचें, सिर्फ आधिकारिक ऐप से भुगतान करें, और इनाम, लोन या नौकरी 'जारी' कराने के लिए कभी पैसा न दें।",
        ),
        (
            "Money sent by UPI reaches the other account in seconds. Only a quick report to 1930 gives the bank a "
            "chance to hold it.",
            "यूपीआई से भेजा पैसा कुछ ही सेकंड में दूसरे खाते में पहुंच जाता है। सिर्फ 1930 पर तुरंत शिकायत से बैंक को उसे "
            "रोकने का मौका मिलता है।",
        ),
        (
            (
                "Before paying, check that the name shown is the one you mean to pay.",
                "भुगतान से पहले देखें कि दिख रहा नाम वही है जिसे आप पैसा भेजना चाहते हैं।",
            ),
            (
                "Find customer-care numbers on the company's own website, not in search results.",
                "कस्टमर केयर नंबर कंपनी की अपनी वेबसाइट से लें, सर्च के नतीजों से नहीं।",
            ),
            (
                "Keep the transaction ID of every payment until the work is done.",
                "हर भुगतान की ट्रांजैक्शन आईडी काम पूरा होने तक संभालकर रखें।",
            ),
        ),
        (
            "A message offers ₹800 a day for liking videos. After small payouts, the 'task' asks you to deposit "
            "money to unlock a bigger payout — which never comes.",
            "संदेश आता है कि वीडियो लाइक करने पर रोज ₹800 मिलेंगे। छोटी रकम मिलने के बाद 'टास्क' में बड़ी कमाई के लिए पैसा "
            "जमा करने को कहा जाता है — जो कभी वापस नहीं आता।",
        ),
    ),
)

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
