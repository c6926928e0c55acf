"""Load rules.toml into compiled rules. Plain Python; every pattern is RE2's (patterns.py)."""

from __future__ import annotations

import tomllib
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import patterns
from .patterns import Pattern

RULES_FILE = Path(__file__).with_name("rules.toml")


@dataclass(frozen=True)
class Rule:
    id: str
    typology: str
    weight: float
    pattern: Pattern | None  # the `any` patterns, as one alternation
    near: tuple[tuple[Pattern, Pattern, int], ...]
    unless: Pattern | None
    requires: Pattern | None
    en: str
    hi: str
    gate: tuple[str, ...] = ()
    cover: Pattern | None = None  # like `unless`, only where the message reaches out to no one

    def search(self, text: str) -> tuple[int, int] | None:
        """The span of the first match in `text`, or None. `near` pairs are found by scanning
        for each side once and comparing positions: far cheaper than one regex with a gap."""
        if self.gate and not any(map(text.__contains__, self.gate)):
            return None  # none of the words this rule needs: skip its patterns
        if self.pattern is not None and (m := self.pattern.search(text)):
            return m.span()
        for first, second, distance in self.near:
            if first.search(text) is None:
                continue
            found = _near(text, first, second, distance)
            if found is not None:
                return found
        return None


def _near(text: str, first: Pattern, second: Pattern, distance: int) -> tuple[int, int] | None:
    """The first match of `second` with a match of `first` at most `distance` characters before
    or after it, both spans joined (with the first such match of `first`).

    The matches of one pattern do not overlap, so their starts and their ends both increase:
    a binary search finds, for each match of `second`, the first match of `first` that ends
    close enough before it or starts close enough after it. Checking every pair took time
    that grows with the square of the text (a message of nothing but "otp" and "share")."""
    a = [m.span() for m in first.finditer(text)]
    a_starts = [s for s, _e in a]
    a_ends = [e for _s, e in a]
    for m in second.finditer(text):
        b_start, b_end = m.span()
        candidates = []
        i = bisect_left(a_ends, b_start - distance)  # ends within distance before b ...
        if i < len(a) and a_ends[i] <= b_start:
            candidates.append(i)
        j = bisect_left(a_starts, b_end)  # ... or starts within distance after it
        if j < len(a) and a_starts[j] <= b_end + distance:
            candidates.append(j)
        if candidates:
            a_start, a_end = a[min(candidates)]
            return (min(a_start, b_start), max(a_end, b_end))
    return None


def _expand(pattern: str, words: dict[str, str]) -> str:
    for _ in range(3):  # word lists may use other word lists
        for name, value in words.items():
            pattern = pattern.replace("{" + name + "}", f"(?:{value})")
    if _WORD_LIST.search(pattern) is not None:
        raise ValueError(f"rules.toml: unknown word list in {pattern!r}")
    return pattern


_WORD_LIST = patterns.compile(r"\{[a-z_]+\}")


def _compile(parts: list[str]) -> Pattern | None:
    return patterns.compile("|".join(f"(?:{p})" for p in parts), dotall=True) if parts else None


def _rule(entry: dict[str, Any], words: dict[str, str]) -> Rule:
    parts = [_expand(p, words) for p in entry.get("any", [])]
    near = tuple(
        (
            patterns.compile(_expand(a, words), dotall=True),
            patterns.compile(_expand(b, words), dotall=True),
            int(distance),
        )
        for a, b, distance in entry.get("near", [])
    )
    unless = [_expand(p, words) for p in entry.get("unless", [])]
    cover = [_expand(p, words) for p in entry.get("cover", [])]
    requires = entry.get("requires")
    return Rule(
        id=entry["id"],
        typology=entry.get("typology", "promotional"),
        weight=float(entry.get("weight", 0)),
        pattern=_compile(parts),
        near=near,
        unless=_compile(unless),
        requires=patterns.compile(_expand(requires, words)) if requires else None,
        en=entry["en"],
        hi=entry["hi"],
        gate=tuple(entry.get("gate", ())),
        cover=_compile(cover),
    )


@lru_cache(maxsize=1)
def load() -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    """(signal rules, promotion rules)."""
    data = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))
    words = data.get("words", {})
    signals = tuple(_rule(e, words) for e in data.get("signal", []))
    promos = tuple(_rule(e, words) for e in data.get("promo", []))
    ids = [r.id for r in signals + promos]
    if len(ids) != len(set(ids)):
        raise ValueError("rules.toml: duplicate signal ids")
    return signals, promos
