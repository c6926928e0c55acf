"""What the citizen site says: the six safety rules of the brief and the "cheated?" router.

Each text is an (English, Hindi) pair, written plainly for a citizen reading on a phone. The facts
behind the router (1930 first when money is lost; the complaint on cybercrime.gov.in; Chakshu on
Sanchar Saathi for suspicious calls and messages where no money was lost) are those of
``shared/data/README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sajag.bilingual import current_lang

Text = tuple[str, str]  # (English, Hindi)


def say(text: Text) -> str:
    return text[0] if current_lang() == "en" else text[1]


@dataclass(frozen=True)
class Rule:
    number: int
    slug: str
    title: Text
    short: Text
    why: Text
    do: tuple[Text, ...]
    example: Text

    def as_context(self) -> dict:
        return {
            "number": self.number,
            "slug": self.slug,
            "title": say(self.title),
            "short": say(self.short),
            "why": say(self.why),
            "do": [say(t) for t in self.do],
            "example": say(self.example),
        }


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

RULES_BY_SLUG = {rule.slug: rule for rule in RULES}

# "Cheated? Do this now": two branches, each a short ordered list.
MONEY_LOST_STEPS: tuple[Text, ...] = (
    (
        "Call 1930 now. The first hours decide whether the bank can hold the money while it is still moving.",
        "अभी 1930 पर कॉल करें। पहले कुछ घंटे तय करते हैं कि पैसा आगे जाने से पहले बैंक उसे रोक पाएगा या नहीं।",
    ),
    (
        "Keep ready: transaction IDs (UTR), the date and time of each payment, the amount, the numbers, links or "
        "UPI IDs used, and screenshots of the messages.",
        "तैयार रखें: ट्रांजैक्शन आईडी (UTR), हर भुगतान की तारीख और समय, रकम, इस्तेमाल हुए नंबर, लिंक या यूपीआई आईडी, "
        "और संदेशों के स्क्रीनशॉट।",
    ),
    (
        "Complete the complaint on cybercrime.gov.in within a day of the call, with the acknowledgement number "
        "1930 gives you.",
        "कॉल के एक दिन के अंदर, 1930 से मिले नंबर के साथ cybercrime.gov.in पर शिकायत पूरी करें।",
    ),
    (
        "Inform your bank: ask it to block the card or UPI and note your complaint number.",
        "अपने बैंक को बताएं: कार्ड या यूपीआई बंद करवाएं और शिकायत नंबर दर्ज करवाएं।",
    ),
    (
        "Do not pay anyone who promises to 'recover' the money for a fee: that is a second fraud.",
        "फीस लेकर पैसा 'वापस दिलाने' का वादा करने वाले को कुछ न दें: यह दूसरी ठगी है।",
    ),
)

NO_MONEY_LOST_STEPS: tuple[Text, ...] = (
    (
        "Do not reply, do not click and do not call back.",
        "जवाब न दें, लिंक पर क्लिक न करें और वापस कॉल न करें।",
    ),
    (
        "Report the call, SMS or WhatsApp message on Chakshu (sancharsaathi.gov.in) within 30 days.",
        "कॉल, SMS या व्हाट्सऐप संदेश की शिकायत 30 दिन के अंदर चक्षु (sancharsaathi.gov.in) पर करें।",
    ),
    (
        "Block the number on your phone and in WhatsApp.",
        "अपने फोन और व्हाट्सऐप में उस नंबर को ब्लॉक करें।",
    ),
    (
        "If you shared an OTP, PIN or password, treat it as money at risk: call 1930 and your bank now.",
        "अगर ओटीपी, पिन या पासवर्ड बता दिया है, तो पैसा खतरे में मानें: अभी 1930 और अपने बैंक को कॉल करें।",
    ),
)
