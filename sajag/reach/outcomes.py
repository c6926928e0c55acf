"""The Police's weekly outcome file: district, week starting, 1930 calls, portal complaints.
All or nothing; a re-upload of a week replaces that week's figures."""

from __future__ import annotations

from auditlog.context import set_actor
from django.db import transaction
from django.utils.translation import gettext as _

from sajag.activities import importing
from sajag.activities import validators as v
from sajag.geo.models import District

from .models import OutcomeWeek

COLUMNS = {
    "district": ("district", "जिला"),
    "week_start": ("week starting", "सप्ताह आरंभ"),
    "calls_1930": ("calls to 1930", "1930 पर कॉल"),
    "complaints": ("complaints", "शिकायतें"),
}


def template_rows() -> list[list[str]]:
    return [[f"{en} / {hi}" for en, hi in COLUMNS.values()], ["Jaipur", "2026-10-05", "412", "96"]]


def import_outcomes(*, by, name: str, data: bytes) -> tuple[int, list[tuple[int, str]]]:
    """Returns (weeks stored, errors as (row, message)); nothing is stored if any row is bad."""
    rows = importing.read_rows(name, data)
    header = next(rows, None)
    if header is None:
        raise importing.ImportRefused(_("The file is empty."))
    names = {}
    for key, (en, hi) in COLUMNS.items():
        for variant in (key, en, hi, f"{en} / {hi}"):
            names[importing._fold(variant)] = key
    mapping = [names.get(importing._fold(h)) for h in header]
    missing = [f"{en} / {hi}" for key, (en, hi) in COLUMNS.items() if key not in mapping]
    if missing:
        raise importing.ImportRefused(_("Missing column(s): %(missing)s.") % {"missing": ", ".join(missing)})
    index = importing.DistrictIndex(list(District.objects.all()))
    good, errors, seen = [], [], {}
    for line, raw in enumerate(rows, start=2):
        if not any(str(c).strip() for c in raw):
            continue
        cells = {k: c for k, c in zip(mapping, raw, strict=False) if k}
        messages = []
        values = {}
        for key, parse in (
            ("district", index.find),
            ("week_start", v.date),
            ("calls_1930", v.whole_number),
            ("complaints", v.whole_number),
        ):
            try:
                values[key] = parse(cells.get(key, ""))
            except ValueError as exc:
                messages.append(f"{' / '.join(COLUMNS[key])}: {exc}")
        if not messages:
            key = (values["district"].pk, values["week_start"])
            if key in seen:
                messages.append(_("the same record as row %(row)s") % {"row": seen[key]})
            seen[key] = line
        if messages:
            errors.append((line, "; ".join(messages)))
        else:
            good.append(values)
    if errors or not good:
        return 0, errors or [(1, _("The file has a header but no rows."))]
    with transaction.atomic(), set_actor(by):
        for values in good:
            OutcomeWeek.objects.update_or_create(
                district=values["district"],
                week_start=values["week_start"],
                defaults={"calls_1930": values["calls_1930"], "complaints": values["complaints"], "uploaded_by": by},
            )
    return len(good), []
