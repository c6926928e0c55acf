"""One renderer per channel: a plain function from (message, language, district, link) to an
asset. Text assets carry their text; printed assets carry the HTML the printer turns into a
vector PDF and a PNG preview. Nothing here touches the database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from sajag.core import fonts
from sajag.links import qr

from . import text
from .content import CALL, CALL_SHORT, HASHTAGS

INSTAGRAM_CAPTION_LIMIT = 2200
INSTAGRAM_HASHTAG_LIMIT = 30
FACEBOOK_LIMIT = 63206
# Long concatenated SMS arrive broken on some phones and cost more per person: six parts at most.
SMS_MAX_PARTS = 6
STOP = {"en": ".", "hi": "।"}  # the full stop: the danda in Hindi


@dataclass(frozen=True)
class Brand:
    """What every asset must carry, from the campaign (a clone for another helpline stays right)."""

    helpline: str = "1930"
    portal: str = "cybercrime.gov.in"
    campaign_en: str = ""
    campaign_hi: str = ""

    @classmethod
    def of(cls, campaign) -> Brand:
        if campaign is None:
            return cls()
        return cls(campaign.helpline, campaign.portal, campaign.name_en, campaign.name_hi)

    def call(self, lang: str, *, short: bool = False) -> str:
        return (CALL_SHORT if short else CALL)[lang].format(helpline=self.helpline, portal=self.portal)

    def campaign(self, lang: str) -> str:
        return self.campaign_hi if lang == "hi" else self.campaign_en


@dataclass(frozen=True)
class Limit:
    label: str
    value: int
    most: int
    unit: str = ""

    @property
    def over(self) -> bool:
        return self.value > self.most


@dataclass(frozen=True)
class Page:
    """A printed page in CSS pixels (96 per inch) and the scale of its PNG preview."""

    width: int
    height: int
    preview_scale: float = 1.0

    @property
    def size_mm(self) -> tuple[int, int]:
        return round(self.width * 25.4 / 96), round(self.height * 25.4 / 96)


@dataclass
class Asset:
    channel: str  # a key of CHANNELS
    lang: str
    name: str  # file name without extension
    text: str = ""
    html: str = ""
    page: Page | None = None
    limits: list[Limit] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    link: str = ""
    problems: list[str] = field(default_factory=list)  # filled by guards.check

    @property
    def printed(self) -> bool:
        return bool(self.html)

    @property
    def content(self) -> str:
        """The words the asset shows (for the guards): the text, or the printed page's text."""
        return self.text or _visible_text(self.html)


def _visible_text(html: str) -> str:
    from django.utils.html import strip_tags

    body = html.split("<body", 1)[-1]
    return " ".join(strip_tags("<body" + body).split())


def _tags(msg, lang: str) -> list[str]:
    tags = [*HASHTAGS[lang], *msg.hashtags(lang)]
    return list(dict.fromkeys(tags))  # keep order, drop repeats


def _suggested(msg) -> tuple[str, str]:
    """Hashtags in both languages, for the influencer to choose from."""
    both = [*_tags(msg, "hi"), *_tags(msg, "en")]
    return (_("Suggested hashtags"), " ".join(dict.fromkeys(both)))


# --- text channels ---------------------------------------------------------------------------


def sms(msg, lang: str, district, link: str, brand: Brand = Brand()) -> Asset:
    body = f"{msg.text('short', lang)} {brand.call(lang)}{STOP[lang]} {link}"
    count = text.sms_count(body)
    facts = [
        (_("Encoding"), count.encoding),
        (
            _("Length"),
            _("%(units)s units (one part holds %(limit)s)") % {"units": count.units, "limit": count.single_limit},
        ),
        (_("Cost"), _("%(parts)s SMS parts per person") % {"parts": count.parts}),
    ]
    if count.encoding == "UCS-2" and lang == "en":
        facts.append((_("Not in GSM-7"), " ".join(text.non_gsm(body))))
    return Asset(
        "sms",
        lang,
        f"sms-{msg.topic.slug}-{lang}",
        text=body,
        limits=[Limit(_("SMS parts"), count.parts, SMS_MAX_PARTS)],
        facts=facts,
        link=link,
    )


def bill(msg, lang: str, district, link: str, brand: Brand = Brand(), *, fmt) -> Asset:
    """The topic's one line, then the short call on a line of its own; else both run together;
    else the call alone (it carries the helpline and the portal) — the first that fits the
    utility's lines."""
    width, lines = fmt.chars_per_line, fmt.lines
    call, line = brand.call(lang, short=True), msg.text("line", lang)
    candidates: list[list[str] | None] = []
    if lines >= 2:
        head, tail = text.fit(line, width, lines - 1), text.fit(call, width, 1)
        candidates.append(head + tail if head and tail else None)
    candidates += [text.fit(f"{line} {call}", width, lines), text.fit(call, width, lines)]
    wrapped = next((c for c in candidates if c), None) or text.wrap(call, width)
    longest = max((len(line) for line in wrapped), default=0)
    return Asset(
        f"bill-{fmt.slug}",
        lang,
        f"bill-{fmt.slug}-{msg.topic.slug}-{lang}",
        text="\n".join(wrapped),
        limits=[
            Limit(_("lines"), len(wrapped), lines),
            Limit(_("characters in the longest line"), longest, width),
        ],
        facts=[(_("Bill space"), _("%(lines)s lines × %(width)s characters") % {"lines": lines, "width": width})],
    )


def x_post(msg, lang: str, district, link: str, brand: Brand = Brand()) -> Asset:
    base = f"{msg.text('short', lang)}\n{brand.call(lang)}\n{link}"
    tags: list[str] = []
    for tag in _tags(msg, lang):  # as many suggested hashtags as fit
        if text.x_length(f"{base}\n{' '.join([*tags, tag])}") <= text.X_LIMIT:
            tags.append(tag)
    post = f"{base}\n{' '.join(tags)}" if tags else base
    length = text.x_length(post)
    return Asset(
        "x",
        lang,
        f"x-{msg.topic.slug}-{lang}",
        text=post,
        limits=[Limit(_("X characters"), length, text.X_LIMIT)],
        facts=[
            (_("Length"), _("%(n)s of %(limit)s (a link counts 23)") % {"n": length, "limit": text.X_LIMIT}),
            _suggested(msg),
        ],
        link=link,
    )


def instagram(msg, lang: str, district, link: str, brand: Brand = Brand()) -> Asset:
    tags = _tags(msg, lang)
    caption = (
        f"{msg.text('title', lang)}\n\n{msg.text('long', lang)}\n\n{brand.call(lang)}{STOP[lang]}\n{link}\n\n"
        + " ".join(tags)
    )
    return Asset(
        "instagram",
        lang,
        f"instagram-{msg.topic.slug}-{lang}",
        text=caption,
        limits=[
            Limit(_("caption characters"), len(caption), INSTAGRAM_CAPTION_LIMIT),
            Limit(_("hashtags"), caption.count("#"), INSTAGRAM_HASHTAG_LIMIT),
        ],
        facts=[
            (_("Length"), f"{len(caption)} / {INSTAGRAM_CAPTION_LIMIT}"),
            (_("Hashtags"), f"{caption.count('#')} / {INSTAGRAM_HASHTAG_LIMIT}"),
            (_("Note"), _("Links in captions are not clickable: put the short link in the bio too.")),
            _suggested(msg),
        ],
        link=link,
    )


def facebook(msg, lang: str, district, link: str, brand: Brand = Brand()) -> Asset:
    example = msg.text("example", lang)
    parts = [msg.text("title", lang), msg.text("long", lang)]
    if example:
        with translation.override(lang):  # the post's own language, not the reader's
            parts.append(f"{_('For example')}: {example}")
    parts += [brand.call(lang) + STOP[lang], link, " ".join(_tags(msg, lang))]
    post = "\n\n".join(parts)
    return Asset(
        "facebook",
        lang,
        f"facebook-{msg.topic.slug}-{lang}",
        text=post,
        limits=[Limit(_("post characters"), len(post), FACEBOOK_LIMIT)],
        facts=[(_("Length"), f"{len(post)}"), _suggested(msg)],
        link=link,
    )


# --- printed channels ------------------------------------------------------------------------

POSTER_LANDSCAPE = Page(1600, 800)  # 2:1, vector: scales to any hoarding
POSTER_PORTRAIT = Page(800, 1200)  # 2:3 standee / wall poster
A4 = Page(794, 1123, preview_scale=1.5)
A5 = Page(559, 794, preview_scale=2.0)


def _print(template: str, lang: str, page: Page, context: dict) -> str:
    with translation.override(lang):
        return render_to_string(
            f"materials/print/{template}", {**context, "page": page, "lang": lang, "font_css": fonts.font_face_css()}
        )


def _qr(link: str) -> str:
    return qr.svg(link, scale=1, title=link, fluid=True) if link else ""


def _district_name(district, lang: str) -> str:
    if district is None:
        return ""
    return district.name_hi if lang == "hi" else district.name_en


def _page(brand: Brand, lang: str, district, link: str) -> dict:
    """What every printed page carries: the helpline, the portal, the campaign, the QR code."""
    return {
        "helpline": brand.helpline,
        "portal": brand.portal,
        "campaign": brand.campaign(lang),
        "qr": _qr(link),
        "link": link,
        "district": _district_name(district, lang),
    }


def _rules_and_cheated(messages: Sequence) -> tuple[list, object | None]:
    rules = [m for m in messages if m.topic.kind == "rule"]
    return rules, next((m for m in messages if m.topic.kind == "cheated"), None)


def poster(msg, lang: str, district, link: str, brand: Brand = Brand(), *, orientation: str = "landscape") -> Asset:
    page = POSTER_LANDSCAPE if orientation == "landscape" else POSTER_PORTRAIT
    html = _print(
        "poster.html",
        lang,
        page,
        {
            **_page(brand, lang, district, link),
            "orientation": orientation,
            "title": msg.text("title", lang),
            "line": msg.text("line", lang),
            "short": msg.text("short", lang),
        },
    )
    w, h = page.size_mm
    return Asset(
        f"poster-{orientation}",
        lang,
        f"poster-{orientation}-{msg.topic.slug}-{lang}",
        html=html,
        page=page,
        facts=[(_("Page"), _("%(w)s × %(h)s mm, vector: scales to any size") % {"w": w, "h": h})],
        link=link,
    )


def handout(messages: Sequence, lang: str, district, link: str, brand: Brand = Brand()) -> Asset:
    """The teacher handout: the six rules with a real-life example each, and what to do if cheated."""
    rules, cheated = _rules_and_cheated(messages)
    html = _print(
        "handout.html",
        lang,
        A4,
        {
            **_page(brand, lang, district, link),
            "rules": [
                {"title": m.text("title", lang), "short": m.text("short", lang), "example": m.text("example", lang)}
                for m in rules
            ],
            "cheated": cheated.text("long", lang) if cheated else "",
        },
    )
    return Asset(
        "handout",
        lang,
        f"handout-{lang}",
        html=html,
        page=A4,
        facts=[(_("Page"), _("A4, the six rules with an example each"))],
        link=link,
    )


def counter_card(messages: Sequence, lang: str, district, link: str, brand: Brand = Brand()) -> Asset:
    rules, cheated = _rules_and_cheated(messages)
    html = _print(
        "counter_card.html",
        lang,
        A5,
        {
            **_page(brand, lang, district, link),
            "lines": [m.text("line", lang) for m in rules],
            "cheated": cheated.text("short", lang) if cheated else "",
        },
    )
    return Asset(
        "counter-card",
        lang,
        f"counter-card-{lang}",
        html=html,
        page=A5,
        facts=[(_("Page"), _("A5, for bank and shop counters"))],
        link=link,
    )
