"""Text normalisation for matching, with a map back to the original text.

>>> n = normalize("Share your O.T.P now")
>>> n.text
'share your otp now'
>>> n.span(11, 14)         # the span of "otp" in the original text
(11, 16)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"), None)
NUKTA = "\u093c"
# Letters that look like Latin ones (Cyrillic, Greek, and some others) → Latin.
HOMOGLYPHS = str.maketrans(
    "аеорсухіјѕԁһӏвкмнтАЕОРСУХІЈЅВКМНТαεορτυνκιΑΕΟΡΤΥΝΚΙΒΜΗΧΖ",
    "aeopcyxijsdhlbkmhtaeopcyxijsbkmhtaeoptuvkiaeoptyvkibmhxz",
)
DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
# Spaced or dotted letters: "o t p", "o.t.p", "k-y-c" (three or more single characters).
SPACED = re.compile(r"(?<![a-z0-9])(?:[a-z0-9][ .\-_*·•]){2,}[a-z0-9](?![a-z0-9])")
TOKEN = re.compile(r"[a-z0-9]+")
LEET = str.maketrans("013457", "oieast")


@dataclass(frozen=True)
class Normalized:
    original: str
    text: str
    index: tuple[int, ...]  # index[i] = position in `original` of text[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span of text[start:end]."""
        if start >= end or not self.index:
            return (0, 0)
        return (self.index[start], self.index[end - 1] + 1)


FOLD = {**HOMOGLYPHS, **DEVANAGARI_DIGITS}
REMOVABLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u093c]")
LEET_CANDIDATE = re.compile(r"[a-z][013457]|[013457][a-z]")


def normalize(text: str) -> Normalized:
    chars: list[str] = []
    index: list[int] = []
    fast = None
    if text.isascii():
        fast = text.lower()
    elif unicodedata.is_normalized("NFKC", text) and REMOVABLE.search(text) is None:
        # Nothing to remove or decompose: a one-to-one mapping, done in C.
        folded = text.casefold().translate(FOLD)
        if len(folded) == len(text):
            fast = folded
    if fast is not None:
        index = list(range(len(fast)))
        s = fast
    else:
        for i, ch in enumerate(text):
            if ord(ch) < 128:
                chars.append(ch.lower())
                index.append(i)
                continue
            if ch == NUKTA or ord(ch) in ZERO_WIDTH:
                continue
            folded = unicodedata.normalize("NFKC", ch).casefold()
            folded = folded.translate(HOMOGLYPHS).translate(DEVANAGARI_DIGITS).replace(NUKTA, "")
            for c in folded:
                chars.append(c)
                index.append(i)
        s = "".join(chars)
    if SPACED.search(s):
        chars, index = _join_spaced(s, index)
        s = "".join(chars)
    if LEET_CANDIDATE.search(s):
        s = _unleet(s)
    return Normalized(text, s, tuple(index))


def _join_spaced(s: str, index: list[int]) -> tuple[list[str], list[int]]:
    keep = [True] * len(s)
    for m in SPACED.finditer(s):
        for k in range(m.start(), m.end()):
            if not s[k].isalnum():
                keep[k] = False
    return [c for c, k in zip(s, keep, strict=True) if k], [i for i, k in zip(index, keep, strict=True) if k]


def _unleet(s: str) -> str:
    """0TP → otp, l0an → loan: only in words of at least two letters with one or two digits, so
    that amounts, dates, codes and numbers such as 1930 stay as they are."""

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        digits = sum(c.isdigit() for c in word)
        letters = len(word) - digits
        if 1 <= digits <= 2 and letters >= 2:
            return word.translate(LEET)
        return word

    return TOKEN.sub(fix, s)  # same length: the index map still holds
