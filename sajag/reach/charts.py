"""Weekly 1930 calls against campaign activity, per district, as small inline SVG charts
(server-rendered: no chart library, readable in black and white)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils.html import escape
from django.utils.safestring import mark_safe

from sajag.activities.models import Hoarding, OutreachMeeting, SocialPost
from sajag.campaigns.models import Campaign

from .models import OutcomeWeek


def _week(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def outcome_charts(campaign: Campaign, districts) -> list[dict]:
    weeks_by_district: dict[int, dict[dt.date, tuple[int, int]]] = defaultdict(dict)
    for o in OutcomeWeek.objects.filter(district__in=districts).select_related("district"):
        weeks_by_district[o.district_id][_week(o.week_start)] = (o.calls_1930, o.complaints)
    if not weeks_by_district:
        return []
    activity: dict[int, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    in_campaign = {"assignment__directive__meeting__campaign": campaign, "district__in": list(weeks_by_district)}
    for district_id, day in Hoarding.objects.filter(**in_campaign).values_list("district", "installed_on"):
        activity[district_id][_week(day)] += 1
    for district_id, day in OutreachMeeting.objects.filter(**in_campaign).values_list("district", "held_on"):
        activity[district_id][_week(day)] += 1
    for district_id, moment in SocialPost.objects.filter(**in_campaign).values_list("district", "posted_at"):
        activity[district_id][_week(moment.date())] += 1
    names = {d.pk: str(d) for d in districts.filter(pk__in=list(weeks_by_district))}
    charts = []
    for district_id, weeks in sorted(weeks_by_district.items(), key=lambda kv: names.get(kv[0], "")):
        all_weeks = sorted(set(weeks) | set(activity[district_id]))
        series = [(w, weeks.get(w, (None, None))[0], activity[district_id].get(w, 0)) for w in all_weeks]
        charts.append({"district": names.get(district_id, ""), "svg": _svg(series), "rows": series})
    return charts


def _svg(series: list[tuple[dt.date, int | None, int]], width: int = 320, height: int = 120) -> str:
    """Bars: records that week (activity). Line with dots: 1930 calls that week."""
    n = max(1, len(series))
    step = width / n
    max_calls = max([c for _w, c, _a in series if c is not None] or [1]) or 1
    max_act = max([a for _w, _c, a in series] or [1]) or 1
    parts = [f'<svg viewBox="0 0 {width} {height + 20}" width="100%" role="img" class="chart">']
    for i, (_w, _c, a) in enumerate(series):
        h = (a / max_act) * (height * 0.45)
        x = i * step + step * 0.2
        parts.append(f'<rect x="{x:.1f}" y="{height - h:.1f}" width="{step * 0.6:.1f}" height="{h:.1f}" fill="#bbb"/>')
    points = [
        (i * step + step / 2, height - (c / max_calls) * (height - 10))
        for i, (_w, c, _a) in enumerate(series)
        if c is not None
    ]
    if points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#111" stroke-width="2"/>')
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#111"/>' for x, y in points]
    for i, (w, _c, _a) in enumerate(series):
        label = escape(w.strftime("%d/%m"))
        x = i * step + step / 2
        parts.append(f'<text x="{x:.1f}" y="{height + 14}" font-size="9" text-anchor="middle">{label}</text>')
    parts.append(f'<text x="2" y="10" font-size="9">{max_calls:,}</text>')  # the line's scale: its highest week
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — numbers and escaped dates only


def reach_line(series: list[tuple[dt.date, float]], *, goal: float, width: int = 420, height: int = 140) -> str:
    """The state's estimated reach at the end of each campaign week: a line with dots, the goal
    as a dashed line, gridlines at 0, 50 and 100%. Black and white."""
    if not series:
        return ""
    left, bottom = 30, 18
    n = len(series)
    step = (width - left - 10) / max(1, n - 1)

    def y(share: float) -> float:
        return 6 + (1 - max(0.0, min(1.0, share))) * (height - 12)

    parts = [f'<svg viewBox="0 0 {width} {height + bottom}" width="100%" role="img" class="chart">']
    for share in (0.0, 0.5, 1.0):
        parts.append(f'<line x1="{left}" x2="{width - 4}" y1="{y(share):.1f}" y2="{y(share):.1f}" stroke="#ccc"/>')
        parts.append(f'<text x="0" y="{y(share) + 3:.1f}" font-size="9">{int(share * 100)}%</text>')
    parts.append(
        f'<line x1="{left}" x2="{width - 4}" y1="{y(goal):.1f}" y2="{y(goal):.1f}" '
        'stroke="#111" stroke-dasharray="4 3"/>'
    )
    points = [
        (left + i * step if n > 1 else left + (width - left) / 2, y(share)) for i, (_d, share) in enumerate(series)
    ]
    parts.append(
        f'<polyline points="{" ".join(f"{x:.1f},{py:.1f}" for x, py in points)}" '
        'fill="none" stroke="#111" stroke-width="2"/>'
    )
    for (x, py), (day, share) in zip(points, series, strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{py:.1f}" r="3" fill="#111">'
            f"<title>{escape(day.isoformat())}: {share:.0%}</title></circle>"
        )
        parts.append(
            f'<text x="{x:.1f}" y="{height + 12}" font-size="9" text-anchor="middle">'
            f"{escape(day.strftime('%d/%m'))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — numbers and escaped dates only
