"""What the citizen site says: the six safety rules of the brief and the "cheated?" router.

Each text is an (English, Hindi) pair, written plainly for a citizen reading on a phone. The six
rules' words are the campaign's topics (``sajag.materials.content``, one source of truth for the
site and the materials); the router is the site's own. The facts behind the router (1930 first
when money is lost; the complaint on cybercrime.gov.in; Chakshu on Sanchar Saathi for suspicious
calls and messages where no money was lost) are those of ``shared/data/README.md``.
"""

from __future__ import annotations

from sajag.bilingual import current_lang
from sajag.materials import content as topics

Text = tuple[str, str]  # (English, Hindi)


def say(text: Text) -> str:
    return text[0] if current_lang() == "en" else text[1]


class Rule(topics.Rule):
    """A safety rule as the citizen pages show it, in the active language."""

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


RULES: tuple[Rule, ...] = tuple(Rule(**vars(rule)) for rule in topics.RULES)

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
