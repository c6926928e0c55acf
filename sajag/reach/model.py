"""The reach model: persons in a district who came to know 1930, per channel and combined.

Plain Python, no Django: inputs in, dataclasses out. Every figure keeps the inputs,
assumptions and formula that made it, so a screen can say how it was made.

    >>> a = Assumptions()
    >>> jvvnl = UtilityBills("JVVNL", "electricity", 10_000, "cycle")
    >>> bills = bill_reach(utilities=[jvvnl], households=200_000, persons_per_household=5.0, a=a)
    >>> bills.persons                     # 10,000 bills × 0.85 to households × 5.0 persons
    42500.0
    >>> combine(1_000_000, [bills]).combined
    0.0425
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from math import isfinite, prod

from sajag.numbers import amount, indian


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
    "bill_water_overlap": Assumption(
        0.9,
        "share of water-bill households",
        "Most homes with a PHED water connection also have an electricity connection",
        "Share of the households getting a water bill that also get an electricity bill",
        "पानी का बिल पाने वाले घरों में से वे, जिन्हें बिजली का बिल भी मिलता है",
    ),
    "bill_households_connected": Assumption(
        0.95,
        "share of households",
        "Near-universal household electrification (Saubhagya, 2019); a few homes share a connection",
        "Share of the district's households that get an electricity bill of their own (a next step's aim)",
        "जिले के घरों में से वे, जिन्हें अपना बिजली का बिल मिलता है (बिलों पर अगले कदम का लक्ष्य)",
    ),
    "hoarding_default_daily_passers": Assumption(
        5000,
        "persons per site per day",
        "Sajag default for a major city intersection when the site gives no count",
        "Passers-by per hoarding per day when the record gives none",
        "प्रति होर्डिंग प्रतिदिन राहगीर, जब रिकॉर्ड में संख्या न हो",
    ),
    "hoarding_daily_new_share": Assumption(
        0.1,
        "share of a day's passers-by",
        "Sajag default: most of a busy intersection's passers-by are daily commuters",
        "Share of a day's passers-by who had not passed the hoarding on an earlier day of its display",
        "किसी दिन के राहगीरों में से वे, जो होर्डिंग लगने के बाद पहले किसी दिन वहां से नहीं गुजरे थे",
    ),
    "hoarding_sites_per_person": Assumption(
        1.5,
        "sites per person",
        "Sajag default: a town dweller passes more than one of the district's hoardings",
        "How many of the district's hoardings the same person passes",
        "एक ही व्यक्ति जिले के कितने होर्डिंग के पास से गुजरता है",
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
    formula: str  # how it was computed, every number filled in (English)
    inputs: dict[str, float]
    formula_hi: str = ""  # the same in Hindi
    low: float | None = None  # the channel's own bounds in persons, where its assumption has a range
    high: float | None = None

    @property
    def persons_low(self) -> float:
        return self.persons if self.low is None else min(self.low, self.persons)

    @property
    def persons_high(self) -> float:
        return self.persons if self.high is None else max(self.high, self.persons)


@dataclass(frozen=True)
class DistrictReach:
    population: float
    channels: tuple[ChannelReach, ...]
    shares: dict[str, float]  # r(c) = min(1, R(c)/P)
    combined: float  # 1 − Π(1 − r(c)), random duplication
    lower: float  # max r(c) at each channel's own lower bound
    upper: float  # min(1, Σ r(c)) at each channel's upper bound

    @property
    def formula(self) -> str:
        """The combination with its numbers: 1 − (1 − 0.47)(1 − 0.03) = 49%."""
        used = [s for s in self.shares.values() if s > 0]
        if not used:
            return "0%"
        factors = "".join(f"(1 − {s:.3f})" for s in used)
        return f"1 − {factors} = {100 * self.combined:.0f}%"


# The colour bands of reach on every map (officers' and citizens'), light to dark, each with
# the ink its label reads in: one definition, one legend.
REACH_BANDS: tuple[tuple[float, str, str], ...] = (
    (0.2, "#fde6d2", "dark"),
    (0.4, "#f9b98a", "dark"),
    (0.6, "#ef7d45", "dark"),
    (0.8, "#c2461c", "light"),
)
REACH_TOP: tuple[str, str] = ("#7a2a0c", "light")


def reach_band(share: float) -> tuple[str, str]:
    """The fill and ink of a reach share on a map."""
    for limit, colour, ink in REACH_BANDS:
        if share < limit:
            return colour, ink
    return REACH_TOP


def reach_legend() -> list[tuple[str, str]]:
    bands = [(f"< {round(limit * 100)}%", colour) for limit, colour, _ink in REACH_BANDS]
    return [*bands, (f"≥ {round(REACH_BANDS[-1][0] * 100)}%", REACH_TOP[0])]


def _clean(value: float) -> float:
    return value if isfinite(value) and value > 0 else 0.0


@dataclass(frozen=True)
class UtilityBills:
    """What one utility's bills carried into a district: the bills of its largest billing cycle
    (a home billed in two cycles is one home), or the distinct consumers of its consumer-level
    file. ``kind`` is "electricity" or "water"."""

    name: str
    kind: str
    bills: float
    basis: str  # "cycle": the largest cycle's bills; "consumers": distinct consumers from a file
    of_cycle: float | None = None  # the whole cycle, when only part of it is delivered yet


def bill_reach(
    *, utilities: list[UtilityBills], households: float, persons_per_household: float, a: Assumptions
) -> ChannelReach:
    """Distinct households that got a bill carrying 1930, times persons per household.

    Within a utility a household counts once (largest cycle, or distinct consumers); utilities of
    one kind serve different areas and add up; a water bill mostly goes to a home that also gets
    an electricity bill: households = E + W − min(overlap × W, E), bounds max(E, W) (every water
    home also has electricity, or the reverse) to E + W (none has), each at most the district's
    households."""
    share = a["bill_domestic_share"]
    overlap = min(1.0, max(0.0, a["bill_water_overlap"]))
    ppl = _clean(persons_per_household)
    cap = _clean(households)
    by_kind = {"electricity": 0.0, "water": 0.0}
    parts, parts_hi = [], []
    for u in utilities:
        by_kind[u.kind if u.kind in by_kind else "electricity"] += _clean(u.bills) * share
        if u.basis == "consumers" and u.of_cycle and u.of_cycle > u.bills:
            parts.append(
                f"{u.name}: {indian(u.bills)} of its file's {indian(u.of_cycle)} distinct consumers, "
                "the share of the file's billing window gone by"
            )
            parts_hi.append(
                f"{u.name}: फ़ाइल के {indian(u.of_cycle)} अलग-अलग उपभोक्ताओं में से {indian(u.bills)}, "
                "फ़ाइल की बिलिंग अवधि के बीते हिस्से जितने"
            )
        elif u.basis == "consumers":
            parts.append(f"{u.name}: {indian(u.bills)} distinct consumers")
            parts_hi.append(f"{u.name}: {indian(u.bills)} अलग-अलग उपभोक्ता")
        elif u.of_cycle and u.of_cycle > u.bills:
            parts.append(
                f"{u.name}: {indian(u.bills)} of a cycle's {indian(u.of_cycle)} bills delivered so far, the most of "
                "any one cycle (bills go out evenly over the month)"
            )
            parts_hi.append(
                f"{u.name}: एक बिल-चक्र के {indian(u.of_cycle)} बिलों में से अब तक {indian(u.bills)} बांटे गए, किसी एक "
                "चक्र में सबसे अधिक (बिल महीने भर में बराबर बंटते हैं)"
            )
        else:
            parts.append(f"{u.name}: {indian(u.bills)} bills in its largest cycle")
            parts_hi.append(f"{u.name}: सबसे बड़े बिल-चक्र में {indian(u.bills)} बिल")
    e, w = min(by_kind["electricity"], cap), min(by_kind["water"], cap)
    # The water homes that also get an electricity bill are among the electricity homes: at most
    # all of them (a district with water bills only counts every water home).
    also = min(overlap * w, e)
    homes = min(cap, e + w - also)
    low, high = max(e, w), min(cap, e + w)
    if not utilities:
        return ChannelReach("bills", 0.0, "no bill runs yet", {"households": 0.0}, "अभी कोई बिल नहीं", 0.0, 0.0)
    formula = (
        "; ".join(parts)
        + f" → × {share:g} to households: electricity {indian(e)}, water {indian(w)} households; "
        + f"{indian(e)} + {indian(w)} − {indian(also)} ({overlap:g} of water homes, at most the electricity homes, "
        + f"also get an electricity bill) = {indian(homes)} households "
        + f"× {ppl:.2f} persons per household = {indian(homes * ppl)} "
        + f"(bounds {indian(low * ppl)}–{indian(high * ppl)})"
    )
    formula_hi = (
        "; ".join(parts_hi)
        + f" → × {share:g} घरों को: बिजली {indian(e)}, पानी {indian(w)} घर; "
        + f"{indian(e)} + {indian(w)} − {indian(also)} (पानी वाले घरों का {overlap:g}, अधिकतम बिजली वाले घर, "
        + f"जिन्हें बिजली का बिल भी मिलता है) = {indian(homes)} घर "
        + f"× {ppl:.2f} व्यक्ति प्रति परिवार = {indian(homes * ppl)} "
        + f"(सीमा {indian(low * ppl)}–{indian(high * ppl)})"
    )
    return ChannelReach(
        "bills",
        homes * ppl,
        formula,
        {
            "electricity_households": e,
            "water_households": w,
            "households": homes,
            "bill_domestic_share": share,
            "bill_water_overlap": overlap,
            "persons_per_household": ppl,
        },
        formula_hi,
        low * ppl,
        high * ppl,
    )


def _site_persons(passers: float, days: float, new_share: float) -> float:
    """Distinct passers-by of one site over its display: the first day's passers-by, then each
    further day the share of that day's passers-by who had not passed before."""
    if days <= 0:
        return 0.0
    return passers * (1 + new_share * (days - 1))


def hoarding_reach(*, sites: list[tuple[float | None, float]], urban_population: float, a: Assumptions) -> ChannelReach:
    """`sites`: (passers-by per day or None, days displayed) per hoarding. Units: distinct
    passers-by of each site over its display period, shared among the sites a person passes,
    at most a share of the town population."""
    default = a["hoarding_default_daily_passers"]
    new_share = min(1.0, max(0.0, a["hoarding_daily_new_share"]))
    per_person = max(1.0, a["hoarding_sites_per_person"])
    site_days = [(_clean(p if p is not None else default), _clean(d)) for p, d in sites]
    distinct = sum(_site_persons(p, d, new_share) for p, d in site_days)
    first_days = sum(p for p, d in site_days if d > 0)
    cap = _clean(urban_population) * a["hoarding_city_cap"]
    persons = min(distinct / per_person, cap)
    low = min(first_days / per_person, cap)  # nobody new after the first day
    high = min(distinct, cap)  # nobody passes two of the sites
    days = sum(d for _p, d in site_days)
    formula = (
        f"{len(sites)} {'site' if len(sites) == 1 else 'sites'}, {indian(days)} display days: "
        f"Σ passers-by a day × (1 + {new_share:g} new a day × (days − 1)) = {indian(distinct)} distinct passers-by "
        f"÷ {per_person:g} sites per person = {indian(distinct / per_person)}, "
        f"at most {indian(cap)} ({a['hoarding_city_cap']:g} of the urban population) → {indian(persons)} "
        f"(bounds {indian(low)}–{indian(high)})"
    )
    formula_hi = (
        f"{len(sites)} स्थान, {indian(days)} प्रदर्शन-दिन: Σ प्रतिदिन राहगीर × (1 + {new_share:g} नए प्रतिदिन × (दिन − 1)) "
        f"= {indian(distinct)} अलग-अलग राहगीर ÷ {per_person:g} स्थान प्रति व्यक्ति = {indian(distinct / per_person)}, "
        f"अधिकतम {indian(cap)} (शहरी आबादी का {a['hoarding_city_cap']:g}) → {indian(persons)} "
        f"(सीमा {indian(low)}–{indian(high)})"
    )
    return ChannelReach(
        "hoardings",
        persons,
        formula,
        {"sites": len(sites), "distinct_passers_by": distinct, "hoarding_sites_per_person": per_person, "cap": cap},
        formula_hi,
        low,
        high,
    )


def social_reach(*, post_reach: list[float], a: Assumptions) -> ChannelReach:
    total = sum(_clean(r) for r in post_reach)
    overlap = max(1.0, a["social_overlap"])
    persons = total / overlap
    return ChannelReach(
        "social",
        persons,
        f"{indian(total)} reported unique reach over {len(post_reach)} posts ÷ {overlap:g} posts seen per person "
        f"= {indian(persons)}",
        {"posts": len(post_reach), "reported_reach": total, "social_overlap": overlap},
        f"{len(post_reach)} पोस्ट की कुल बताई गई पहुंच {indian(total)} ÷ {overlap:g} पोस्ट प्रति व्यक्ति = {indian(persons)}",
    )


MEETING_KINDS = ("teachers_union", "bank", "traders", "other")
MEETING_KINDS_EN = {"teachers_union": "teachers' union", "bank": "bank", "traders": "traders'", "other": "other"}
MEETING_KINDS_HI = {"teachers_union": "शिक्षक संघ", "bank": "बैंक", "traders": "व्यापारी", "other": "अन्य"}


def meeting_reach(*, attendees_by_kind: dict[str, float], a: Assumptions) -> ChannelReach:
    parts, parts_hi, persons = [], [], 0.0
    for kind in MEETING_KINDS:
        n = _clean(attendees_by_kind.get(kind, 0))
        if n:
            factor = a[f"pass_on_{kind}"]
            persons += n * (1 + factor)
            parts.append(f"{indian(n)} {MEETING_KINDS_EN[kind]} attendees × (1 + {factor:g} people each tells)")
            parts_hi.append(f"{indian(n)} {MEETING_KINDS_HI[kind]} प्रतिभागी × (1 + {factor:g} लोग, जिन्हें हर एक बताता है)")
    return ChannelReach(
        "meetings",
        persons,
        (" + ".join(parts) + f" = {indian(persons)}") if parts else "no meetings",
        dict(attendees_by_kind),
        (" + ".join(parts_hi) + f" = {indian(persons)}") if parts_hi else "कोई बैठक नहीं",
    )


@dataclass(frozen=True)
class Visits:
    """Opens of the campaign's links and QR codes by people (not link previews): visits, not
    people — one person may open a link several times, and a visit shows attention to the
    poster, not knowledge of 1930. Shown as evidence beside the estimate; it adds no reach."""

    visits: float

    @property
    def en(self) -> str:
        return f"{indian(self.visits)} visits to the district's campaign links and QR codes (visits, not people)"

    @property
    def hi(self) -> str:
        return f"जिले के अभियान लिंक और QR कोड पर {indian(self.visits)} विज़िट (विज़िट, व्यक्ति नहीं)"


def combine(population: float, channels: list[ChannelReach]) -> DistrictReach:
    """Channels combine by random duplication, with bounds:
    combined = 1 − Π(1 − r), at least max r, at most min(1, Σ r); r = min(1, R/P). The bounds
    use each channel's own low and high figures where it has them."""
    population = _clean(population)

    def share(persons: float) -> float:
        return min(1.0, _clean(persons) / population) if population else 0.0

    shares = {c.channel: share(c.persons) for c in channels}
    rs = list(shares.values())
    combined = 1 - prod(1 - r for r in rs) if rs else 0.0
    lower = min(max((share(c.persons_low) for c in channels), default=0.0), combined)
    upper = max(min(1.0, sum(share(c.persons_high) for c in channels)), combined)
    combined = min(max(combined, lower), upper)  # guard rounding
    return DistrictReach(population, tuple(channels), shares, combined, lower, upper)


def _regrow(reach: DistrictReach, channel: ChannelReach) -> float:
    """The combined reach with one channel replaced."""
    grown = [channel if c.channel == channel.channel else c for c in reach.channels]
    if all(c.channel != channel.channel for c in reach.channels):
        grown.append(channel)
    return combine(reach.population, grown).combined


@dataclass(frozen=True)
class Step:
    """A concrete next step for a district's reach, and what it would add (points of share)."""

    channel: str
    gain: float
    en: str
    hi: str


def next_steps(
    reach: DistrictReach,
    *,
    households: float,
    persons_per_household: float,
    urban_population: float,
    days_left: int,
    a: Assumptions,
) -> list[Step]:
    """Per channel, one concrete step sized from the district's own figures, and the points it
    would add to the district's combined reach (the model run again with the step added);
    largest gain first. Nothing is borrowed from other districts."""
    by = {c.channel: c for c in reach.channels}
    steps: list[Step] = []
    ppl = _clean(persons_per_household)
    days = max(7, days_left)

    bills = by.get("bills")
    reached = bills.inputs.get("households", 0.0) if bills else 0.0
    reachable = _clean(households) * a["bill_households_connected"]
    missing = reachable - reached
    if missing > 0.01 * _clean(households):
        more_bills = missing / max(a["bill_domestic_share"], 0.01)
        grown = ChannelReach("bills", (reached + missing) * ppl, "", {})
        gain = _regrow(reach, grown) - reach.combined
        steps.append(
            Step(
                "bills",
                gain,
                f"print 1930 on {amount(more_bills)} more bills, to the homes no bill has reached yet",
                f"{amount(more_bills, 'hi')} और बिलों पर 1930 छापें, उन घरों के लिए जिन तक अभी कोई बिल नहीं पहुंचा",
            )
        )

    sites = 10
    hoardings = by.get("hoardings")
    new_share = min(1.0, max(0.0, a["hoarding_daily_new_share"]))
    new_persons = sites * _site_persons(a["hoarding_default_daily_passers"], days, new_share)
    cap = _clean(urban_population) * a["hoarding_city_cap"]
    current = hoardings.persons if hoardings else 0.0
    grown_h = min(cap, current + new_persons / max(1.0, a["hoarding_sites_per_person"]))
    if grown_h > current:
        gain = _regrow(reach, ChannelReach("hoardings", grown_h, "", {})) - reach.combined
        steps.append(
            Step(
                "hoardings",
                gain,
                f"{sites} more hoardings at busy intersections for {days} days",
                f"व्यस्त चौराहों पर {days} दिन के लिए {sites} और होर्डिंग",
            )
        )

    meetings = by.get("meetings")
    attendees = 10 * 40
    current_m = meetings.persons if meetings else 0.0
    gain = (
        _regrow(reach, ChannelReach("meetings", current_m + attendees * (1 + a["pass_on_teachers_union"]), "", {}))
        - reach.combined
    )
    steps.append(
        Step(
            "meetings",
            gain,
            "10 more teachers' union meetings of about 40 teachers each",
            "लगभग 40 शिक्षकों की 10 और शिक्षक संघ बैठकें",
        )
    )

    social = by.get("social")
    extra = 100_000
    current_s = social.persons if social else 0.0
    gain = _regrow(reach, ChannelReach("social", current_s + extra / max(1.0, a["social_overlap"]), "", {}))
    steps.append(
        Step(
            "social",
            gain - reach.combined,
            f"posts with local influencers reaching {amount(extra)} more accounts",
            f"स्थानीय इन्फ्लुएंसर के साथ पोस्ट, जो {amount(extra, 'hi')} और खातों तक पहुंचें",
        )
    )
    return sorted((s for s in steps if s.gain > 0), key=lambda s: -s.gain)


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


@dataclass(frozen=True)
class Calibration:
    """The model beside the district's own survey, and the corrected figure with why."""

    model: float
    survey: SurveyEstimate
    factor: float | None  # the overlap the survey measured (share ÷ its channels' prediction)
    overlap_corrected: float  # the model × factor, within the model's bounds
    corrected: float  # never outside the survey's interval
    held: str  # "": within the interval; "low" / "high": held at the interval's edge
    en: str
    hi: str


def calibrate(reach: DistrictReach, survey: SurveyEstimate) -> Calibration:
    """Correct the model by the channel overlap the survey measured, then keep the result within
    the survey's 95% interval: the survey asked people, the model is an estimate. When the model
    had to be held at the interval's edge, the explanation says so and why it matters."""

    def pct(x: float) -> str:
        return f"{100 * x:.0f}%"

    interval = f"{100 * survey.low:.0f}–{pct(survey.high)}"
    step = corrected(reach, survey)
    held = "low" if step < survey.low else "high" if step > survey.high else ""
    final = min(max(step, survey.low), survey.high)
    if survey.overlap_factor is None:
        en = f"the survey's people named no channel; model {pct(reach.combined)}"
        hi = f"सर्वे में किसी ने कोई माध्यम नहीं बताया; मॉडल {pct(reach.combined)}"
    else:
        raw = reach.combined * survey.overlap_factor
        independent = survey.independent or 0.0
        en = (
            f"model {pct(reach.combined)} × overlap factor {survey.overlap_factor:.2f} (the survey found "
            f"{pct(survey.share)} knowing 1930 where its channel answers predict {pct(independent)} at random) "
            f"= {pct(raw)}"
        )
        hi = (
            f"मॉडल {pct(reach.combined)} × दोहराव गुणक {survey.overlap_factor:.2f} (सर्वे में {pct(survey.share)} को "
            f"1930 पता था, जबकि उसके माध्यम-उत्तर यादृच्छिक रूप से {pct(independent)} बताते हैं) = {pct(raw)}"
        )
        if abs(raw - step) > 1e-9:
            en += f", held at the model's bound {pct(step)}"
            hi += f", मॉडल की सीमा {pct(step)} पर रोका गया"
    if held:
        edge = survey.high if held == "high" else survey.low
        word_en = "above" if held == "high" else "below"
        word_hi = "ऊपर" if held == "high" else "नीचे"
        en += (
            f"; that is {word_en} the survey's 95% interval {interval}, so it is held at "
            f"{pct(edge)}: the model's channel figures or assumptions do not fit this district"
        )
        hi += (
            f"; यह सर्वे के 95% अंतराल {interval} से {word_hi} है, इसलिए {pct(edge)} "
            "पर रोका गया: मॉडल के माध्यम-आंकड़े या मान्यताएं इस जिले पर ठीक नहीं बैठतीं"
        )
    else:
        en += f", within the survey's 95% interval {interval}"
        hi += f", सर्वे के 95% अंतराल {interval} के भीतर"
    return Calibration(reach.combined, survey, survey.overlap_factor, step, final, held, en, hi)
