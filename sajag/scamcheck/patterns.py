"""Regular expressions that take time linear in the text, whatever the text (RE2).

Every pattern the scam check applies to a message is made here. Python's `re` backtracks:
a crafted message (``"a." * 2500 + "x"``) made one pattern take seconds. RE2 never backtracks,
so a search costs one pass over the text, however the text was made.

`compile` takes a pattern written for Python's `re` and rewrites the escapes that RE2 reads
differently, so that they keep their Python meaning on Hindi text: ``\\w`` (letters, digits and
``_`` of every script), ``\\d`` (decimal digits of every script) and ``\\s`` (Unicode spaces).
Two differences remain: ``\\b`` is a boundary between an ASCII letter, digit or ``_`` and
anything else (so ``\\bpin\\b`` also matches in "pinको"), and lookarounds and back-references
cannot be written at all (`compile` refuses them).

`char_class` is the one exception: a single character class, such as ``[^a-z0-9]``, which
cannot backtrack, stays with Python's `re`, whose `sub` runs in C.

>>> compile(r"\\bpin\\b").search("your pin is").span()
(5, 8)
>>> compile(r"बोल\\w*").search("अभी बोलो").group()
'बोल'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _parser  # type: ignore[attr-defined]
from typing import Any

import re2
from re2 import _re2

# Python's \w is str.isalnum() or "_"; its \s is str.isspace(); its \d is Unicode category Nd.
_WORD = r"\p{L}\p{N}_"
_SPACE = r"\t-\r\x1c-\x1f\x85\p{Z}"
_DIGIT = r"\p{Nd}"
_IN_CLASS = {"w": _WORD, "d": _DIGIT, "s": _SPACE}
_OUTSIDE = {
    "w": f"[{_WORD}]",
    "W": f"[^{_WORD}]",
    "d": _DIGIT,
    "D": r"\P{Nd}",
    "s": f"[{_SPACE}]",
    "S": f"[^{_SPACE}]",
    "Z": r"\z",
}
# RE2's memory per pattern: its program and the cache of its automaton's states. The largest rule
# compiles to about 10,000 instructions. Rule words shuffled at random (tests/adversarial.py) make
# a new automaton state at almost every character; with a small cache RE2 soon gives up building
# them and reads on with its other engine, still in linear time: 11 ms for 5,000 characters,
# where a 64 MB cache spent 36 ms building states and kept 60 MB of them.
MAX_MEM = 1 << 20
_UNANCHORED = _re2.RE2.Anchor.UNANCHORED
_ANCHOR_START = _re2.RE2.Anchor.ANCHOR_START


class Match:
    """Where a pattern matched, in characters of the searched text (like `re.Match`)."""

    __slots__ = ("_spans", "string")

    def __init__(self, string: str, spans: list[tuple[int, int]]) -> None:
        self.string = string
        self._spans = spans

    def span(self, group: int = 0) -> tuple[int, int]:
        return self._spans[group]

    def start(self, group: int = 0) -> int:
        return self._spans[group][0]

    def end(self, group: int = 0) -> int:
        return self._spans[group][1]

    def group(self, group: int = 0) -> str:
        """The matched text ("" for a group that took no part in the match)."""
        start, end = self._spans[group]
        return self.string[start:end] if start >= 0 else ""


class Pattern:
    """A pattern compiled by RE2, searched like a `re.Pattern` (search, match, finditer).

    The published `re2` module's own `re`-like layer is not used: it costs several times the
    search itself per call, and the check makes twenty or so searches per message. This calls
    RE2 directly with the text's UTF-8 bytes and turns byte offsets into character offsets,
    in one pass over the text however many matches there are."""

    __slots__ = ("_re2", "dotall", "groups", "ignorecase", "pattern")

    def __init__(self, pattern: str, *, ignorecase: bool, dotall: bool, capture: bool) -> None:
        options = re2.Options()
        options.max_mem = MAX_MEM
        options.case_sensitive = not ignorecase
        options.dot_nl = dotall
        options.never_capture = not capture  # the match's span alone: RE2 then needs no slower engine
        options.log_errors = False
        compiled = _re2.RE2(to_re2(pattern).encode(), options)
        if not compiled.ok():
            raise ValueError(f"not an RE2 pattern ({compiled.error()}): {pattern!r}")
        self._re2 = compiled
        self.pattern, self.ignorecase, self.dotall = pattern, ignorecase, dotall
        self.groups: int = compiled.NumberOfCapturingGroups()

    def __repr__(self) -> str:
        return f"patterns.compile({self.pattern!r})"

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Match | None:
        return next(self._matches(_UNANCHORED, text, pos, endpos), None)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Match | None:
        """A match that starts at `pos` (the pattern's own ^ and $ still anchor as in re)."""
        return next(self._matches(_ANCHOR_START, text, pos, endpos), None)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Match]:
        return self._matches(_UNANCHORED, text, pos, endpos)

    def _matches(self, anchor: Any, text: str, pos: int, endpos: int | None) -> Iterator[Match]:
        data = text.encode("utf-8", "replace")  # a lone surrogate (from JSON's "\\ud800") becomes one "?"
        n = len(text)
        pos = max(0, min(pos, n))
        endpos = n if endpos is None else max(pos, min(endpos, n))
        if len(data) == n:  # ASCII: a byte offset is a character offset
            while True:
                spans = self._re2.Match(anchor, data, pos, endpos)
                start, end = spans[0]
                if start < 0:
                    return
                yield Match(text, spans)
                if anchor is not _UNANCHORED or end >= endpos:
                    return
                pos = end if end > start else end + 1
        # Otherwise keep one known (byte, character) pair and count forward from it: offsets
        # only grow, so converting them all reads the text once.
        known_byte = _re2.CharLenToBytes(data, 0, pos)
        known_char = pos
        byte_pos = known_byte
        byte_end = byte_pos + _re2.CharLenToBytes(data, byte_pos, endpos - pos)
        while True:
            spans = self._re2.Match(anchor, data, byte_pos, byte_end)
            if spans[0][0] < 0:
                return
            chars = {}
            for offset in sorted({o for span in spans for o in span if o >= 0}):
                known_char += _re2.BytesToCharLen(data, known_byte, offset)
                known_byte = offset
                chars[offset] = known_char
            yield Match(text, [(chars[s], chars[e]) if s >= 0 else (-1, -1) for s, e in spans])
            start, end = spans[0]
            if anchor is not _UNANCHORED or end >= byte_end:
                return
            byte_pos = end if end > start else end + _re2.CharLenToBytes(data, end, 1)

    def sub(self, replacement: str, text: str, count: int = 0) -> str:
        """`text` with the matches replaced by `replacement` (taken literally)."""
        out: list[str] = []
        pos = 0
        for i, m in enumerate(self.finditer(text)):
            if count and i >= count:
                break
            out += (text[pos : m.start()], replacement)
            pos = m.end()
        out.append(text[pos:])
        return "".join(out)


def compile(pattern: str, *, ignorecase: bool = False, dotall: bool = False, capture: bool = False) -> Pattern:
    """Compile a pattern written for Python's re with RE2; ValueError if RE2 cannot express it.
    Groups are reported only with capture=True (matching without them is faster)."""
    return Pattern(pattern, ignorecase=ignorecase, dotall=dotall, capture=capture)


def char_class(pattern: str) -> re.Pattern[str]:
    """One character class (``[^a-z0-9]``) with Python's re: it looks at each character once,
    so it cannot backtrack, and its `sub` runs in C. Anything more is refused: use `compile`."""
    if not is_one_character(re.compile(pattern)):
        raise ValueError(f"not a single character class (use patterns.compile): {pattern!r}")
    return re.compile(pattern)


def is_one_character(pattern: re.Pattern[str]) -> bool:
    """True if a Python pattern matches exactly one character and has no other construct."""
    parsed = list(_parser.parse(pattern.pattern, pattern.flags))
    return len(parsed) == 1 and str(parsed[0][0]) in {"IN", "LITERAL", "NOT_LITERAL", "ANY", "CATEGORY"}


def is_linear(pattern: object) -> bool:
    """True for a pattern that takes linear time on any text: RE2's, or one character class."""
    return isinstance(pattern, Pattern) or (isinstance(pattern, re.Pattern) and is_one_character(pattern))


def to_re2(pattern: str) -> str:
    """Rewrite Python's \\w \\d \\s (and their negations, and \\Z) with RE2's Unicode classes.

    >>> to_re2(r"[\\w-]+\\d")
    '[\\\\p{L}\\\\p{N}_-]+\\\\p{Nd}'
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            e = pattern[i + 1]
            if in_class and e in _IN_CLASS:
                out.append(_IN_CLASS[e])
            elif in_class and e in "WDS":
                raise ValueError(f"\\{e} inside [...] has no RE2 equivalent here: {pattern!r}")
            elif not in_class and e in _OUTSIDE:
                out.append(_OUTSIDE[e])
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if not in_class and c == "[":
            in_class = True
            out.append(c)
            i += 1
            if pattern.startswith("^", i):
                out.append("^")
                i += 1
            if pattern.startswith("]", i):  # a "]" first in a class is a literal one
                out.append(r"\]")
                i += 1
            continue
        if in_class and c == "]":
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)
