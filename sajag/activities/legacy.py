"""Hindi typed in a legacy font: Kruti Dev 010, DevLys 010 or Walkman Chanakya 905.

Many Rajasthan offices still type Hindi in these fonts: the cells hold ASCII ("LFkku@pkSjkgk")
that looks Hindi only in that font. Sajag finds such text by the cell's font name where the
file has one (an .xlsx) and by the text itself (a header or a district that reads as one once
converted), converts it with ``hinlegacy`` (PyPI) and shows what it read for the officer to
confirm before anything is stored.

Kruti Dev 010 and DevLys 010 share one keyboard layout. hinlegacy's DevLys decoder reads both
right; its Kruti Dev decoder leaves ौ as ै ("pkSjkgk" → "चैराहा") and breaks ई and शि
("lokbZ" → "सवार््इ"), so both go through the DevLys decoder (tests/test_import_fixes.py holds
the words checked).
"""

from __future__ import annotations

import re
import unicodedata

# The decoder each font's text goes through, and the name said to the officer.
DECODER = {"krutidev_010": "devlys_010", "devlys_010": "devlys_010", "walkman_chanakya_905": "walkman_chanakya_905"}
NAMES = {"krutidev_010": "Kruti Dev 010", "devlys_010": "DevLys 010", "walkman_chanakya_905": "Walkman Chanakya 905"}
TEXT_DETECTED = "krutidev_010"  # text without a font name: the commonest of the shared layout

_NOT_TEXT = re.compile(
    r"^\s*(?:[-+]?\d[\d,.\s]*|https?://\S+|www\.\S+|\S+@\S+\.\w+|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}.*)\s*$"
)


def font_of(name: str | None) -> str | None:
    """The legacy font a cell's font name is, or None: "Kruti Dev 010", "KrutiDev010",
    "DevLys 010", "Walkman-Chanakya905"."""
    key = re.sub(r"[^a-z]", "", (name or "").casefold())
    if "krutidev" in key or "kruti" in key:
        return "krutidev_010"
    if "devlys" in key:
        return "devlys_010"
    if "chanakya" in key:
        return "walkman_chanakya_905"
    return None


def convertible(text: object) -> bool:
    """A cell a legacy font could have typed: text with letters, all of it ASCII or the few
    Latin-1 signs those fonts use, and not a number, a date, a web or mail address."""
    if not isinstance(text, str) or not any(ch.isalpha() for ch in text):
        return False
    if any("\u0900" <= ch <= "\u097f" for ch in text):
        return False  # already Unicode Hindi
    if any(ord(ch) > 0x2200 for ch in text):  # the fonts type ३ as ‰, ७ as ‹, ९ as ›; ™ too
        return False
    return not _NOT_TEXT.match(text)


def to_unicode(text: str, font: str) -> str:
    """The text in Unicode Devanagari (NFC), spaces as they were."""
    from hinlegacy import decode

    converted = decode(text, DECODER.get(font, "devlys_010"))
    return unicodedata.normalize("NFC", converted)


def convert_cell(value: object, font: str) -> object:
    return to_unicode(value, font) if convertible(value) else value  # type: ignore[arg-type]


def convert_row(row: list, font: str) -> list:
    return [convert_cell(value, font) for value in row]
