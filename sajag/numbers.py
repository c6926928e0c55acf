"""Numbers as people in India read them. Plain Python (no Django): the reach model and the
templates (the builtin filter ``indian``, core/templatetags/numbers.py) share it.

    >>> indian(4313362)
    '43,13,362'
    >>> amount(120_000, "hi")
    '1.2 लाख'
"""

from __future__ import annotations


def indian(n: float) -> str:
    """A whole number in Indian grouping: 43,13,362 (lakh and crore places)."""
    n = round(n)
    sign, digits = ("-" if n < 0 else ""), str(abs(n))
    if len(digits) <= 3:
        return sign + digits
    head, last = digits[:-3], digits[-3:]
    pairs: list[str] = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    return sign + ",".join([head, *pairs, last])


def amount(n: float, lang: str = "en") -> str:
    """A count as a person says it: 8,400; 1.2 lakh; 1.5 crore (लाख, करोड़ in Hindi)."""
    if n >= 1e7:
        return f"{n / 1e7:.1f} " + ("करोड़" if lang == "hi" else "crore")
    if n >= 1e5:
        return f"{n / 1e5:.1f} " + ("लाख" if lang == "hi" else "lakh")
    return indian(n)
