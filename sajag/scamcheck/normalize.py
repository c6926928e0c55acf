"""Text normalisation for matching, with a map back to the original text.

>>> n = normalize("Share your O.T.P now")
>>> n.text
'share your otp now'
>>> n.span(11, 14)         # the span of "otp" in the original text
(11, 16)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from . import patterns

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"), None)
NUKTA = "\u093c"
# Letters that look like Latin ones (Cyrillic, Greek, and some others) → Latin.
HOMOGLYPHS = str.maketrans(
    "аеорсухіјѕԁһӏвкмнтАЕОРСУХІЈЅВКМНТαεορτυνκιΑΕΟΡΤΥΝΚΙΒΜΗΧΖ",
    "aeopcyxijsdhlbkmhtaeopcyxijsbkmhtaeoptuvkiaeoptyvkibmhxz",
)
DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
# Spaced or dotted letters: "o t p", "o.t.p", "k-y-c" (three or more single characters), not
# inside a word. RE2 has no lookarounds: the character before the run is matched too, the run is
# group 1, and _spaced_runs checks the character after it.
SPACED = patterns.compile(r"(?:^|[^a-z0-9])((?:[a-z0-9][ .\-_*·•]){2,}[a-z0-9])", capture=True)
# The words (runs of a-z and 0-9) with a letter and a digit that looks like one: the only words
# _unleet may change, found without calling back into Python for every other word.
LEET_WORD = patterns.compile(r"[a-z0-9]*(?:[a-z][a-z0-9]*[013457]|[013457][a-z0-9]*[a-z])[a-z0-9]*")
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


# Line breaks and tabs read as spaces: a message OCR'd from a screenshot, or pasted from one,
# breaks its lines anywhere ("has been\nLOCKED"), and the rules write a space between words.
BREAKS = str.maketrans("\n\r\t\x0b\x0c", "     ")
FOLD = {**HOMOGLYPHS, **DEVANAGARI_DIGITS, **BREAKS}
REMOVABLE = patterns.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u093c]")
LEET_CANDIDATE = patterns.compile(r"[a-z][013457]|[013457][a-z]")


def normalize(text: str) -> Normalized:
    chars: list[str] = []
    index: list[int] = []
    fast = None
    if text.isascii():
        fast = text.lower().translate(BREAKS)
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
                chars.append(ch.lower().translate(BREAKS))
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
    if SPACED.search(s) is not None:
        chars, index = _join_spaced(s, index)
        s = "".join(chars)
    if LEET_CANDIDATE.search(s) is not None:
        s = _unleet(s)
    return Normalized(text, s, tuple(index))


def _spaced_runs(s: str) -> Iterator[tuple[int, int]]:
    """The spans of the spaced runs, as (?<![a-z0-9])(?:[a-z0-9][ .\\-_*·•]){2,}[a-z0-9](?![a-z0-9])
    would find them in Python's re."""
    for m in SPACED.finditer(s):
        start, end = m.span(1)
        if end < len(s) and _ascii_alnum(s[end]):
            end -= 2  # the last letter begins a word: the run is one letter shorter, if still a run
            if end - start < 5:
                continue
        yield start, end


def _ascii_alnum(c: str) -> bool:
    return "a" <= c <= "z" or "0" <= c <= "9"


def _join_spaced(s: str, index: list[int]) -> tuple[list[str], list[int]]:
    keep = [True] * len(s)
    for start, end in _spaced_runs(s):
        for k in range(start, end):
            if not s[k].isalnum():
                keep[k] = False
    return [c for c, k in zip(s, keep, strict=True) if k], [i for i, k in zip(index, keep, strict=True) if k]


def _unleet(s: str) -> str:
    """0TP → otp, l0an → loan: only in words of at least two letters with one or two digits, so
    that amounts, dates, codes and numbers such as 1930 stay as they are."""
    out: list[str] = []
    pos = 0
    for m in LEET_WORD.finditer(s):
        start, end = m.span()
        word = s[start:end]
        digits = sum(c.isdigit() for c in word)
        if 1 <= digits <= 2 and len(word) - digits >= 2:
            out += (s[pos:start], word.translate(LEET))
            pos = end
    out.append(s[pos:])
    return "".join(out)  # same length: the index map still holds
