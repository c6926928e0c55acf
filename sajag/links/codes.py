"""Short codes: easy to read aloud and type, hard to enumerate.

The alphabet leaves out every character that is confused with another when printed small or read
out over a phone (0/o, 1/l/i) and has no capitals (a phone keyboard types lower case first).
Eight characters from 31 give 31**8 ≈ 8.5 × 10^11 codes: with a few thousand links live, a guess
hits one about once in 10^8 tries — and the redirect is rate-limited per client.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
LENGTH = 8
CODE_RE = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str:
    """What a person typed from a poster: any case, with spaces or dashes."""
    return re.sub(r"[\s\-_.]", "", typed).lower()
