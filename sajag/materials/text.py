"""Counting text the way the channels count it: SMS parts (GSM-7 or UCS-2), X's weighted length,
and lines on a bill."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# GSM 03.38 default alphabet (one septet each) and its extension table (escape + char: two).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = frozenset("^{}\\[~]|€\f")


@dataclass(frozen=True)
class SmsCount:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    parts: int
    per_part: int  # the units one part of this message can carry
    single_limit: int  # the most units that still fit one part


def _gsm_units(ch: str) -> int | None:
    if ch in GSM7_BASIC:
        return 1
    if ch in GSM7_EXTENDED:
        return 2
    return None


def _segments(sizes: list[int], single: int, multi: int) -> int:
    """Parts needed for characters of the given sizes; a character is never split across parts."""
    total = sum(sizes)
    if total == 0:
        return 0
    if total <= single:
        return 1
    parts, used = 1, 0
    for size in sizes:
        if used + size > multi:
            parts, used = parts + 1, 0
        used += size
    return parts


def sms_count(message: str) -> SmsCount:
    """Parts an SMS takes: GSM-7 when every character is in the GSM alphabet (160 per single
    message, 153 per part when concatenated), else UCS-2 (70, 67 per part; a character outside
    the Basic Multilingual Plane, such as an emoji, takes two units)."""
    gsm = [_gsm_units(ch) for ch in message]
    if all(size is not None for size in gsm):
        sizes = [s for s in gsm if s is not None]
        return SmsCount("GSM-7", sum(sizes), _segments(sizes, 160, 153), 153, 160)
    sizes = [2 if ord(ch) > 0xFFFF else 1 for ch in message]
    return SmsCount("UCS-2", sum(sizes), _segments(sizes, 70, 67), 67, 70)


def non_gsm(message: str) -> list[str]:
    """The characters that force a message out of GSM-7 (shown to the writer)."""
    seen: list[str] = []
    for ch in message:
        if _gsm_units(ch) is None and ch not in seen:
            seen.append(ch)
    return seen


# X (twitter-text v3): code points in these ranges weigh 1, every other 2; a URL weighs 23;
# the limit is 280 after NFC normalisation.
X_LIMIT = 280
X_URL_WEIGHT = 23
_X_LIGHT = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
URL_RE = re.compile(r"(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[^\s]*)?", re.IGNORECASE)


def _x_weight(ch: str) -> int:
    cp = ord(ch)
    return 1 if any(lo <= cp <= hi for lo, hi in _X_LIGHT) else 2


def x_length(post: str) -> int:
    post = unicodedata.normalize("NFC", post)
    length, last = 0, 0
    for match in URL_RE.finditer(post):
        length += sum(_x_weight(ch) for ch in post[last : match.start()]) + X_URL_WEIGHT
        last = match.end()
    return length + sum(_x_weight(ch) for ch in post[last:])


NBSP = "\u00a0"


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap to ``width`` characters (code points); words joined by a no-break space
    stay on one line, which then shows a plain space. A word longer than a line is a line of its
    own and is reported by ``fit``."""
    lines: list[str] = []
    current = ""
    for word in (w for w in text.replace("\n", " ").split(" ") if w):
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return [line.replace(NBSP, " ") for line in lines]


def fit(text: str, width: int, lines: int) -> list[str] | None:
    """The text wrapped into at most ``lines`` lines of ``width`` characters, or ``None``."""
    wrapped = wrap(text, width)
    if len(wrapped) > lines or any(len(line) > width for line in wrapped):
        return None
    return wrapped
