"""The campaign's starting messages and the utilities' bill formats (idempotent)."""

from __future__ import annotations

from .content import seeds

BILL_FORMATS = [
    # (slug, English name, Hindi name, channel, characters per line, lines)
    ("discom", "DISCOM electricity bill", "डिस्कॉम बिजली बिल", "electricity_bill", 48, 2),
    ("phed", "PHED water bill", "पीएचईडी पानी बिल", "water_bill", 40, 2),
]


def seed_materials(Topic, MessageVersion, BillFormat) -> int:
    made = 0
    for order, seed in enumerate(seeds(), start=1):
        topic, _ = Topic.objects.get_or_create(
            slug=seed.slug, defaults={"kind": seed.kind, "order": order, "target": seed.target}
        )
        if not MessageVersion.objects.filter(topic=topic).exists():
            fields = {}
            for name in ("title", "line", "short", "long", "example", "hashtags"):
                en, hi = getattr(seed, name)
                fields[f"{name}_en"], fields[f"{name}_hi"] = en, hi
            MessageVersion.objects.create(topic=topic, number=1, note="पहला संस्करण / First version", **fields)
            made += 1
    for slug, en, hi, channel, width, lines in BILL_FORMATS:
        BillFormat.objects.get_or_create(
            slug=slug,
            defaults={"name_en": en, "name_hi": hi, "channel": channel, "chars_per_line": width, "lines": lines},
        )
    return made
