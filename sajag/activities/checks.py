"""Warnings for the verifier about a photo: taken far outside the district, or outside the
campaign period. They inform; they do not refuse the evidence."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from sajag.geo import boundaries

FAR_KM = 10.0  # GPS and boundaries are both approximate: warn only beyond this


def evidence_warnings(item, *, district, starts_on: dt.date, ends_on: dt.date) -> list[str]:
    warnings = []
    if item.gps_lat is not None and item.gps_lon is not None:
        km = boundaries.km_outside(district.code, float(item.gps_lat), float(item.gps_lon))
        if km > FAR_KM:
            found = boundaries.district_at(float(item.gps_lat), float(item.gps_lon))
            where = _("in %(other)s") % {"other": _district_name(found)} if found else _("outside Rajasthan")
            warnings.append(
                _("The photo's location is about %(km)s km outside %(district)s, %(where)s.")
                % {"km": round(km), "district": district, "where": where}
            )
    if item.taken_at is not None:
        day = timezone.localtime(item.taken_at).date()
        if not starts_on <= day <= ends_on:
            warnings.append(
                _("The photo was taken on %(day)s, outside the campaign period (%(start)s – %(end)s).")
                % {
                    "day": day.strftime("%d %b %Y"),
                    "start": starts_on.strftime("%d %b"),
                    "end": ends_on.strftime("%d %b %Y"),
                }
            )
    return warnings


def _district_name(code: str) -> str:
    from sajag.geo.models import District

    district = District.objects.filter(code=code).first()
    return str(district) if district else code
