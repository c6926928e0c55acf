"""A counted bill file before it is applied: what it would change, district by district, and
whether it looks too thin to replace what is known.

A file "looks thin" in a district when its distinct consumers are fewer than half of the
connections already known there for the same utility (the largest billing cycle of its bill
runs, or the file in force), or, where nothing is known yet, fewer than a tenth of the
district's households. A 40-row test file must not replace a district's real figures
unnoticed, nor stand in for a district of lakhs of homes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sajag.activities.models import BillRun
from sajag.geo.models import District

from .compute import _utility_of, district_reach
from .models import BillFile, ConsumerBills, Utility
from .utilities import utility_key

THIN_SHARE = 0.5
THIN_SHARE_OF_HOUSEHOLDS = 0.1


@dataclass(frozen=True)
class PreviewRow:
    district: District
    consumers: int  # in this file (0: the file has none here, the district falls back)
    known: int | None  # connections known before: the file in force, or the largest bill cycle
    known_from: str  # "file" | "bill runs" | "" (nothing known: compared with the households)
    before: float | None = None  # the district's combined reach now
    after: float | None = None  # with this file applied

    @property
    def thin(self) -> bool:
        if self.known:
            return self.consumers < THIN_SHARE * self.known
        return self.consumers < THIN_SHARE_OF_HOUSEHOLDS * self.district.households_2011

    @property
    def losing(self) -> bool:
        """Thin where figures are known: applying the file would lose most of them."""
        return bool(self.known) and self.thin

    @property
    def dropped(self) -> bool:
        """The district is in the file in force but not in this one: it goes back to bill runs."""
        return self.consumers == 0 and self.known_from == "file"


def _known(bill_file: BillFile) -> dict[int, tuple[int, str]]:
    known: dict[int, tuple[int, str]] = {}
    utilities = list(Utility.objects.all())
    cycles: dict[int, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    for district_id, utility, cycle, n in BillRun.objects.filter(
        assignment__directive__meeting__campaign=bill_file.campaign
    ).values_list("district", "utility", "cycle", "bills_printed"):
        found = _utility_of(utility_key(utility), utilities)
        if found is not None and found.pk == bill_file.utility_id:
            cycles[district_id][cycle.replace(day=1)] += n
    for district_id, by_cycle in cycles.items():
        known[district_id] = (max(by_cycle.values()), "bill runs")
    for district_id, n in (
        ConsumerBills.objects.filter(
            file__campaign=bill_file.campaign, file__utility=bill_file.utility, file__state=BillFile.State.APPLIED
        )
        .exclude(file=bill_file)
        .values_list("district", "consumers")
    ):
        known[district_id] = (n, "file")
    return known


def rows(bill_file: BillFile, *, today: dt.date | None = None) -> list[PreviewRow]:
    """Per district the file touches (or the file in force touches): its consumers, what was
    known, and — with `today` — the district's reach now and with the file applied."""
    known = _known(bill_file)
    counts = dict(bill_file.counts.values_list("district", "consumers"))
    in_force = set(
        ConsumerBills.objects.filter(
            file__campaign=bill_file.campaign, file__utility=bill_file.utility, file__state=BillFile.State.APPLIED
        ).values_list("district", flat=True)
    )
    ids = set(counts) | in_force
    districts = {d.pk: d for d in District.objects.filter(pk__in=ids)}
    before = after = {}
    if today is not None:
        before = {r.district.pk: r.reach.combined for r in district_reach(bill_file.campaign, today=today, steps=False)}
        with_file = district_reach(
            bill_file.campaign, today=today, files={bill_file.utility_id: bill_file.pk}, steps=False
        )
        after = {r.district.pk: r.reach.combined for r in with_file}
    result = [
        PreviewRow(
            districts[i],
            counts.get(i, 0),
            known.get(i, (None, ""))[0],
            known.get(i, (None, ""))[1],
            before.get(i),
            after.get(i),
        )
        for i in ids
    ]
    return sorted(result, key=lambda r: (not r.thin, r.district.name_en))


def thin_districts(bill_file: BillFile) -> list[PreviewRow]:
    """Districts whose known figures the file would mostly lose: an integration's (or the
    command's) file waits for an officer when there are any."""
    return [r for r in rows(bill_file) if r.losing]
