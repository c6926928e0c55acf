"""Sender and phone-number signs (phonenumbers for the hard parts)."""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from phonenumbers import geocoder

from . import patterns

# A registered business SMS header: two letters for the operator and circle, six for the
# sender, and since 2025 a suffix for the kind: -P promotional, -S service, -T transactional,
# -G government.
HEADER = patterns.compile(r"^[A-Z]{2}-[A-Z0-9]{6}(?:-([PSTG]))?$", capture=True)
NOT_DIAL = patterns.char_class(r"[^\d+]")
HEADER_KIND = {"P": "promotional", "S": "service", "T": "transactional", "G": "government"}


@dataclass(frozen=True)
class NumberInfo:
    kind: str  # "header", "indian_mobile", "indian_other", "foreign", "short", "invalid"
    header_kind: str | None = None
    country: str | None = None
    formatted: str | None = None
    series_1600: bool = False
    series_140: bool = False


def classify(value: str) -> NumberInfo:
    text = value.strip()
    upper = text.upper()
    if m := HEADER.match(upper):
        return NumberInfo("header", header_kind=HEADER_KIND.get(m.group(1) or ""))
    digits = NOT_DIAL.sub("", text)
    if not digits:
        return NumberInfo("invalid")
    if len(digits.lstrip("+")) <= 6 and not digits.startswith("+"):
        return NumberInfo("short")
    try:
        number = phonenumbers.parse(digits, "IN")
    except phonenumbers.NumberParseException:
        return NumberInfo("invalid")
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    national = str(number.national_number)
    if number.country_code != 91:
        country = geocoder.country_name_for_number(number, "en") or phonenumbers.region_code_for_number(number)
        return NumberInfo("foreign", country=country or f"+{number.country_code}", formatted=formatted)
    is_mobile = phonenumbers.number_type(number) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
    return NumberInfo(
        "indian_mobile" if is_mobile and len(national) == 10 and national[0] in "6789" else "indian_other",
        country="India",
        formatted=formatted,
        series_1600=national.startswith("1600"),
        series_140=national.startswith("140"),
    )
