"""Rajasthan's utilities that print 1930 on their bills, and the one way a utility's name is
compared. Plain Python: ``Utility`` rows (models.py) are made from this catalogue.

    >>> utility_key(" Jvvnl ") == utility_key("JVVNL") == utility_key("J.V.V.N.L.")
    True
    >>> utility_key("PHED - Jaipur  City")
    'phed jaipur city'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SEPARATORS = re.compile(r"[\s\-_,;:/()]+")


def utility_key(name: str) -> str:
    """A name as people write it, reduced to what tells utilities apart: Unicode-normalised
    (NFKC), case-folded, dots dropped, any run of spaces or punctuation one space."""
    text = unicodedata.normalize("NFKC", name).casefold().replace(".", "")
    return " ".join(part for part in _SEPARATORS.split(text) if part)


@dataclass(frozen=True)
class KnownUtility:
    name: str  # as officers write it on forms and in files
    name_hi: str
    department: str  # geo.Department code


# The three electricity distribution companies (discoms) of the Energy department, and the
# Public Health Engineering Department's water supply, which bills its own consumers.
KNOWN = (
    KnownUtility("JVVNL", "जयपुर विद्युत वितरण निगम (JVVNL)", "energy"),
    KnownUtility("AVVNL", "अजमेर विद्युत वितरण निगम (AVVNL)", "energy"),
    KnownUtility("JdVVNL", "जोधपुर विद्युत वितरण निगम (JdVVNL)", "energy"),
    KnownUtility("PHED", "जन स्वास्थ्य अभियांत्रिकी विभाग (PHED)", "phed"),
)
