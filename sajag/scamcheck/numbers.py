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


# The countries scam calls and messages to India most often come from, in Hindi (phonenumbers
# names only a few in Hindi); any other is named in English.
COUNTRY_HI = {
    "PK": "पाकिस्तान", "NG": "नाइजीरिया", "GB": "ब्रिटेन", "US": "अमेरिका", "CA": "कनाडा", "BD": "बांग्लादेश",
    "NP": "नेपाल", "AE": "संयुक्त अरब अमीरात", "CN": "चीन", "KH": "कंबोडिया", "MM": "म्यांमार", "VN": "वियतनाम",
    "ID": "इंडोनेशिया", "PH": "फ़िलीपींस", "ET": "इथियोपिया", "KE": "केन्या", "SA": "सऊदी अरब", "TH": "थाईलैंड",
    "LA": "लाओस", "MY": "मलेशिया", "HK": "हांगकांग", "SG": "सिंगापुर", "LK": "श्रीलंका", "AF": "अफ़ग़ानिस्तान",
    "OM": "ओमान", "QA": "क़तर", "KW": "कुवैत", "BH": "बहरीन", "RU": "रूस", "UA": "यूक्रेन", "TR": "तुर्की", "IR": "ईरान",
}  # fmt: skip


def country_hi(info: NumberInfo) -> str:
    return COUNTRY_HI.get(info.region or "", info.country or "")


@dataclass(frozen=True)
class NumberInfo:
    kind: str  # "header", "indian_mobile", "indian_other", "foreign", "short", "invalid"
    header_kind: str | None = None
    country: str | None = None
    formatted: str | None = None
    series_1600: bool = False
    series_140: bool = False
    region: str | None = None  # ISO code of the country ("PK"), for a foreign number


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
        code = number.country_code or 0
        found = phonenumbers.region_code_for_number(number) or phonenumbers.region_code_for_country_code(code)
        region = None if found in (None, "ZZ", "001") else found
        country = geocoder.country_name_for_number(number, "en")
        if not country and region:  # a range the geocoder does not know: the country of its code
            example = phonenumbers.example_number(region)
            country = geocoder.country_name_for_number(example, "en") if example else ""
        return NumberInfo("foreign", country=country or f"+{number.country_code}", formatted=formatted, region=region)
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
