"""Load rules.toml into compiled rules. Plain Python."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

RULES_FILE = Path(__file__).with_name("rules.toml")


@dataclass(frozen=True)
class Rule:
    id: str
    typology: str
    weight: float
    pattern: re.Pattern[str] | None  # the `any` patterns, as one alternation
    near: tuple[tuple[re.Pattern[str], re.Pattern[str], int], ...]
    unless: re.Pattern[str] | None
    requires: re.Pattern[str] | None
    en: str
    hi: str
    gate: tuple[str, ...] = ()

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
            a = [m.span() for m in first.finditer(text)]
            for b_start, b_end in (m.span() for m in second.finditer(text)):
                for a_start, a_end in a:
                    if (0 <= b_start - a_end <= distance) or (0 <= a_start - b_end <= distance):
                        return (min(a_start, b_start), max(a_end, b_end))
        return None


def _expand(pattern: str, words: dict[str, str]) -> str:
    for _ in range(3):  # word lists may use other word lists
        for name, value in words.items():
            pattern = pattern.replace("{" + name + "}", f"(?:{value})")
    if re.search(r"\{[a-z_]+\}", pattern):
        raise ValueError(f"rules.toml: unknown word list in {pattern!r}")
    return pattern


def _compile(parts: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in parts), re.DOTALL) if parts else None


def _rule(entry: dict[str, Any], words: dict[str, str]) -> Rule:
    parts = [_expand(p, words) for p in entry.get("any", [])]
    near = tuple(
        (re.compile(_expand(a, words), re.DOTALL), re.compile(_expand(b, words), re.DOTALL), int(distance))
        for a, b, distance in entry.get("near", [])
    )
    unless = [_expand(p, words) for p in entry.get("unless", [])]
    requires = entry.get("requires")
    return Rule(
        id=entry["id"],
        typology=entry.get("typology", "promotional"),
        weight=float(entry.get("weight", 0)),
        pattern=_compile(parts),
        near=near,
        unless=_compile(unless),
        requires=re.compile(_expand(requires, words)) if requires else None,
        en=entry["en"],
        hi=entry["hi"],
        gate=tuple(entry.get("gate", ())),
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
