"""The reach model: persons in a district who came to know 1930, per channel and combined.

Plain Python, no Django: inputs in, dataclasses out. Every figure keeps the inputs,
assumptions and formula that made it, so a screen can say how it was made.

    >>> a = Assumptions()
    >>> bills = bill_reach(bills=10_000, persons_per_household=5.0, a=a)
    >>> bills.persons                     # 10,000 × 0.85 domestic × 5.0 persons
    42500.0
    >>> combine(1_000_000, [bills]).combined
    0.0425
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from math import isfinite, prod


@dataclass(frozen=True)
class Assumption:
    value: float
    unit: str
    source: str
    en: str
    hi: str


# The defaults, each with its unit and where it comes from. The state nodal officer can change
# any of them per campaign; every change is audited.
DEFAULTS: dict[str, Assumption] = {
    "bill_domestic_share": Assumption(
        0.85,
        "share of bills",
        "Discom connection mix: about 1.43 crore connections include agricultural and commercial ones",
        "Share of bills that go to households (the rest are shops, farms, offices)",
        "घरों को जाने वाले बिलों का हिस्सा (बाकी दुकानें, खेत, दफ्तर)",
    ),
    "hoarding_default_daily_passers": Assumption(
        5000,
        "persons per site per day",
        "Sajag default for a major city intersection when the site gives no count",
        "Passers-by per hoarding per day when the record gives none",
        "प्रति होर्डिंग प्रतिदिन राहगीर, जब रिकॉर्ड में संख्या न हो",
    ),
    "hoarding_frequency": Assumption(
        12,
        "sightings per person",
        "Sajag default: a commuter passes the same intersection many times in a month",
        "How often the same person passes a hoarding during the campaign",
        "अभियान के दौरान एक ही व्यक्ति कितनी बार होर्डिंग के पास से गुजरता है",
    ),
    "hoarding_city_cap": Assumption(
        0.8,
        "share of urban population",
        "Hoardings reach town dwellers; census urban population of the district",
        "At most this share of the district's urban population is reached by hoardings",
        "होर्डिंग से जिले की शहरी आबादी के अधिकतम इतने हिस्से तक पहुंच",
    ),
    "social_overlap": Assumption(
        2.0,
        "posts seen per person",
        "Sajag default: followers of district handles see several posts",
        "How many of the district's posts the same person sees (de-duplication)",
        "एक ही व्यक्ति जिले की कितनी पोस्ट देखता है (दोहराव हटाने के लिए)",
    ),
    "pass_on_teachers_union": Assumption(
        20,
        "persons per attendee",
        "Conservative: each teacher tells one class of students, who tell their families",
        "People each teachers' union attendee passes it on to",
        "शिक्षक संघ बैठक का हर प्रतिभागी कितने लोगों तक बात पहुंचाता है",
    ),
    "pass_on_bank": Assumption(
        30,
        "persons per attendee",
        "Conservative: branch staff tell customers at the counter",
        "People each bank meeting attendee passes it on to",
        "बैंक बैठक का हर प्रतिभागी कितने लोगों तक बात पहुंचाता है",
    ),
    "pass_on_traders": Assumption(
        15,
        "persons per attendee",
        "Conservative: shop owners tell customers",
        "People each traders' meeting attendee passes it on to",
        "व्यापारी बैठक का हर प्रतिभागी कितने लोगों तक बात पहुंचाता है",
    ),
    "pass_on_other": Assumption(
        3,
        "persons per attendee",
        "Conservative: family members",
        "People each attendee of another meeting passes it on to",
        "अन्य बैठक का हर प्रतिभागी कितने लोगों तक बात पहुंचाता है",
    ),
}


@dataclass(frozen=True)
class Assumptions:
    """The assumptions in force: the defaults, overridden per campaign."""

    values: dict[str, float] = field(default_factory=dict)

    def __getitem__(self, key: str) -> float:
        return self.values.get(key, DEFAULTS[key].value)

    def with_values(self, **changes: float) -> Assumptions:
        return replace(self, values={**self.values, **changes})


@dataclass(frozen=True)
class ChannelReach:
    channel: str
    persons: float  # estimated distinct persons reached (before capping at the population)
    formula: str  # how it was computed, in words and numbers (English)
    inputs: dict[str, float]
    formula_hi: str = ""  # the same in Hindi


@dataclass(frozen=True)
class DistrictReach:
    population: float
    channels: tuple[ChannelReach, ...]
    shares: dict[str, float]  # r(c) = min(1, R(c)/P)
    combined: float  # 1 − Π(1 − r(c)), random duplication
    lower: float  # max r(c)
    upper: float  # min(1, Σ r(c))


def _clean(value: float) -> float:
    return value if isfinite(value) and value > 0 else 0.0


def bill_reach(*, bills: float, persons_per_household: float, a: Assumptions, channel: str = "bills") -> ChannelReach:
    """Bills carrying 1930 reach the household that receives them."""
    share = a["bill_domestic_share"]
    persons = _clean(bills) * share * _clean(persons_per_household)
    return ChannelReach(
        channel,
        persons,
        f"{bills:,.0f} bills × {share:g} to households × {persons_per_household:.2f} persons per household",
        {"bills": bills, "bill_domestic_share": share, "persons_per_household": persons_per_household},
        f"{bills:,.0f} बिल × {share:g} घरों को × {persons_per_household:.2f} व्यक्ति प्रति परिवार",
    )


def hoarding_reach(*, sites: list[tuple[float | None, float]], urban_population: float, a: Assumptions) -> ChannelReach:
    """`sites`: (passers-by per day or None, days displayed) per hoarding."""
    default = a["hoarding_default_daily_passers"]
    sightings = sum(_clean(p if p is not None else default) * _clean(d) for p, d in sites)
    frequency = max(1.0, a["hoarding_frequency"])
    cap = _clean(urban_population) * a["hoarding_city_cap"]
    persons = min(sightings / frequency, cap)
    return ChannelReach(
        "hoardings",
        persons,
        f"{sightings:,.0f} sightings ({len(sites)} sites × passers-by × days) ÷ {frequency:g} sightings per person, "
        f"at most {cap:,.0f} ({a['hoarding_city_cap']:g} of the urban population)",
        {"sites": len(sites), "sightings": sightings, "hoarding_frequency": frequency, "cap": cap},
        f"{sightings:,.0f} बार देखा गया ({len(sites)} स्थान × राहगीर × दिन) ÷ {frequency:g} बार प्रति व्यक्ति, "
        f"अधिकतम {cap:,.0f} (शहरी आबादी का {a['hoarding_city_cap']:g})",
    )


def social_reach(*, post_reach: list[float], a: Assumptions) -> ChannelReach:
    total = sum(_clean(r) for r in post_reach)
    overlap = max(1.0, a["social_overlap"])
    persons = total / overlap
    return ChannelReach(
        "social",
        persons,
        f"{total:,.0f} reported unique reach over {len(post_reach)} posts ÷ {overlap:g} posts seen per person",
        {"posts": len(post_reach), "reported_reach": total, "social_overlap": overlap},
        f"{len(post_reach)} पोस्ट की कुल बताई गई पहुंच {total:,.0f} ÷ {overlap:g} पोस्ट प्रति व्यक्ति",
    )


MEETING_KINDS = ("teachers_union", "bank", "traders", "other")
MEETING_KINDS_HI = {"teachers_union": "शिक्षक संघ", "bank": "बैंक", "traders": "व्यापारी", "other": "अन्य"}


def meeting_reach(*, attendees_by_kind: dict[str, float], a: Assumptions) -> ChannelReach:
    parts, parts_hi, persons = [], [], 0.0
    for kind in MEETING_KINDS:
        n = _clean(attendees_by_kind.get(kind, 0))
        if n:
            factor = a[f"pass_on_{kind}"]
            persons += n * (1 + factor)
            parts.append(f"{n:,.0f} {kind.replace('_', ' ')} attendees × (1 + {factor:g})")
            parts_hi.append(f"{n:,.0f} {MEETING_KINDS_HI[kind]} प्रतिभागी × (1 + {factor:g})")
    return ChannelReach(
        "meetings",
        persons,
        " + ".join(parts) or "no meetings",
        dict(attendees_by_kind),
        " + ".join(parts_hi) or "कोई बैठक नहीं",
    )


def qr_reach(*, visits: float) -> ChannelReach:
    return ChannelReach(
        "qr",
        _clean(visits),
        f"{visits:,.0f} people who opened a campaign link (a hard lower bound)",
        {"visits": visits},
    )


def combine(population: float, channels: list[ChannelReach]) -> DistrictReach:
    """Channels combine by random duplication, with bounds:
    combined = 1 − Π(1 − r), at least max r, at most min(1, Σ r); r = min(1, R/P)."""
    population = _clean(population)
    shares = {c.channel: (min(1.0, c.persons / population) if population else 0.0) for c in channels}
    rs = list(shares.values())
    combined = 1 - prod(1 - r for r in rs) if rs else 0.0
    lower = max(rs, default=0.0)
    upper = min(1.0, sum(rs))
    combined = min(max(combined, lower), upper)  # guard rounding
    return DistrictReach(population, tuple(channels), shares, combined, lower, upper)


def best_channel_to_grow(reach: DistrictReach, typical: dict[str, float] | None = None) -> tuple[str, float] | None:
    """The channel whose growth would raise the combined reach most, with the gain. A channel is
    grown to twice its own share, or to the `typical` share other districts reach with it
    (e.g. the median), whichever is more: a district with no bill run yet is pointed to bills."""
    typical = typical or {}
    best = None
    for c in reach.channels:
        share = reach.shares.get(c.channel, 0.0)
        target = min(1.0, max(share * 2, typical.get(c.channel, 0.0)))
        if target <= share:
            continue
        grown = [replace(x, persons=target * reach.population) if x.channel == c.channel else x for x in reach.channels]
        gain = combine(reach.population, grown).combined - reach.combined
        if best is None or gain > best[1]:
            best = (c.channel, gain)
    return best


@dataclass(frozen=True)
class SurveyEstimate:
    share: float  # who knew 1930 among those asked
    low: float  # 95% confidence interval (Wilson)
    high: float
    sample: int
    independent: float | None  # what the survey's own channel answers predict under random duplication
    overlap_factor: float | None  # share ÷ independent: below 1 means channels overlap more than at random


def wilson_interval(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion (sound for small samples and extremes)."""
    if n <= 0:
        return (0.0, 1.0)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def survey_estimate(*, sample: int, knew: int, heard_via: dict[str, int]) -> SurveyEstimate:
    """A recall survey: `knew` of `sample` people knew 1930; `heard_via[c]` said they heard it
    through channel c (several answers allowed)."""
    if sample <= 0 or not 0 <= knew <= sample:
        raise ValueError("the survey needs 0 <= knew <= sample and a sample above 0")
    share = knew / sample
    low, high = wilson_interval(knew, sample)
    shares = [min(1.0, n / sample) for n in heard_via.values() if n > 0]
    independent = 1 - prod(1 - s for s in shares) if shares else None
    factor = share / independent if independent else None
    return SurveyEstimate(share, low, high, sample, independent, factor)


def corrected(reach: DistrictReach, survey: SurveyEstimate) -> float:
    """The model's combined reach corrected by the overlap the district's survey measured:
    combined × (survey share ÷ what its channel answers predict at random), kept within the
    bounds [max r, min(1, Σ r)]."""
    if survey.overlap_factor is None:
        return reach.combined
    return min(max(reach.combined * survey.overlap_factor, reach.lower), reach.upper)
