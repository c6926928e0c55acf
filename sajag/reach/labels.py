"""The reach model's channels as people read them, in Hindi and English."""

from __future__ import annotations

from sajag.bilingual import current_lang

CHANNEL_LABELS = {
    "bills": ("Bills", "बिल"),
    "hoardings": ("Hoardings", "होर्डिंग्स"),
    "social": ("Social media", "सोशल मीडिया"),
    "meetings": ("Meetings", "बैठकें"),
    "qr": ("QR / link visits", "क्यूआर / लिंक विज़िट"),
}


def channel_label(channel: str) -> str:
    en, hi = CHANNEL_LABELS.get(channel, (channel, channel))
    return en if current_lang() == "en" else hi
