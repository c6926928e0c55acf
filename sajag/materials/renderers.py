"""One renderer per channel: a plain function from (message, language, district, link) to an
asset. Text assets carry their text; printed assets carry the HTML the printer turns into a
vector PDF and a PNG preview.

Plain Python, no Django and no database (DESIGN: text composition pure, templating apart). The
words of labels come from the ``gettext`` a renderer is given (untranslated by default), and a
printed page is written by the ``render`` function it is given; ``sajag.materials.templating``
gives Django's translations and print templates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Protocol

from . import text
from .content import CALL, CALL_SHORT, HASHTAGS

INSTAGRAM_CAPTION_LIMIT = 2200
INSTAGRAM_HASHTAG_LIMIT = 30
FACEBOOK_LIMIT = 63206
# Long concatenated SMS arrive broken on some phones and cost more per person: six parts at most.
SMS_MAX_PARTS = 6
STOP = {"en": ".", "hi": "।"}  # the full stop: the danda in Hindi

Gettext = Callable[[str], str]


def untranslated(message: str) -> str:
    """The default ``gettext``: labels stay in English."""
    return message


# --- what the renderers read ----------------------------------------------------------------


class Topic(Protocol):
    @property
    def slug(self) -> str: ...

    @property
    def kind(self) -> str: ...


class Message(Protocol):
    """A topic's message (a ``MessageVersion``): its parts by name and language."""

    @property
    def topic(self) -> Topic: ...

    def text(self, field: str, lang: str | None = None) -> str: ...

    def hashtags(self, lang: str) -> list[str]: ...


class Place(Protocol):
    """A district: its name in both languages."""

    @property
    def name_en(self) -> str: ...

    @property
    def name_hi(self) -> str: ...


class BillSpace(Protocol):
    """A utility's bill format: the room it leaves for the campaign's words."""

    @property
    def slug(self) -> str: ...

    @property
    def chars_per_line(self) -> int: ...

    @property
    def lines(self) -> int: ...


class CampaignFacts(Protocol):
    @property
    def helpline(self) -> str: ...

    @property
    def portal(self) -> str: ...

    @property
    def name_en(self) -> str: ...

    @property
    def name_hi(self) -> str: ...


# --- what they make ------------------------------------------------------------------------


@dataclass(frozen=True)
class Brand:
    """What every asset must carry, from the campaign (a clone for another helpline stays right).

    >>> Brand().call("en", short=True)
    'Fraud? Call\\xa01930 ·\\xa0cybercrime.gov.in'
    """

    helpline: str = "1930"
    portal: str = "cybercrime.gov.in"
    campaign_en: str = ""
    campaign_hi: str = ""

    @classmethod
    def of(cls, campaign: CampaignFacts | None) -> Brand:
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
    channel: str  # a key of catalog.channels()
    lang: str
    name: str  # file name without extension
    text: str = ""
    html: str = ""
    page: Page | None = None
    limits: list[Limit] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    link: str = ""
    problems: list[str] = field(default_factory=list)  # filled by guards.check
    preview_only: bool = False  # its short link is not made yet: shown, not exported

    @property
    def printed(self) -> bool:
        return bool(self.html)

    @property
    def content(self) -> str:
        """The words the asset shows (for the guards): the text, or the printed page's text."""
        return self.text or visible_text(self.html)


class _Words(HTMLParser):
    """Markup dropped, text and entities kept as written (as Django's ``strip_tags`` does)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_entityref(self, name: str) -> None:
        self.parts.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.parts.append(f"&#{name};")


def visible_text(html: str) -> str:
    """The words of a page's body, on one line.

    >>> visible_text("<html><head><title>x</title></head><body><p>Call <b>1930</b></p></body></html>")
    'Call 1930'
    """
    words = _Words()
    words.feed("<body" + html.split("<body", 1)[-1])
    words.close()
    return " ".join("".join(words.parts).split())


def _tags(msg: Message, lang: str) -> list[str]:
    tags = [*HASHTAGS[lang], *msg.hashtags(lang)]
    return list(dict.fromkeys(tags))  # keep order, drop repeats


def _suggested(msg: Message, gettext: Gettext) -> tuple[str, str]:
    """Hashtags in both languages, for the influencer to choose from."""
    both = [*_tags(msg, "hi"), *_tags(msg, "en")]
    return (gettext("Suggested hashtags"), " ".join(dict.fromkeys(both)))


# --- text channels ---------------------------------------------------------------------------


def sms(
    msg: Message,
    lang: str,
    district: Place | None,
    link: str,
    brand: Brand = Brand(),
    *,
    gettext: Gettext = untranslated,
) -> Asset:
    """The SMS: the short text, the call and the link, with its parts counted.

    >>> sms(version, "hi", None, "https://sajag.example/l/abcd2345").facts[0]  # a MessageVersion
    ('Encoding', 'UCS-2')
    """
    body = f"{msg.text('short', lang)} {brand.call(lang)}{STOP[lang]} {link}"
    count = text.sms_count(body)
    facts = [
        (gettext("Encoding"), count.encoding),
        (
            gettext("Length"),
            gettext("%(units)s units (one part holds %(limit)s)") % {"units": count.units, "limit": count.single_limit},
        ),
        (gettext("Cost"), gettext("%(parts)s SMS parts per person") % {"parts": count.parts}),
    ]
    if count.encoding == "UCS-2" and lang == "en":
        facts.append((gettext("Not in GSM-7"), " ".join(text.non_gsm(body))))
    return Asset(
        "sms",
        lang,
        f"sms-{msg.topic.slug}-{lang}",
        text=body,
        limits=[Limit(gettext("SMS parts"), count.parts, SMS_MAX_PARTS)],
        facts=facts,
        link=link,
    )


def bill(
    msg: Message,
    lang: str,
    district: Place | None,
    link: str,
    brand: Brand = Brand(),
    *,
    fmt: BillSpace,
    gettext: Gettext = untranslated,
) -> Asset:
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
            Limit(gettext("lines"), len(wrapped), lines),
            Limit(gettext("characters in the longest line"), longest, width),
        ],
        facts=[
            (
                gettext("Bill space"),
                gettext("%(lines)s lines × %(width)s characters") % {"lines": lines, "width": width},
            )
        ],
    )


def x_post(
    msg: Message,
    lang: str,
    district: Place | None,
    link: str,
    brand: Brand = Brand(),
    *,
    gettext: Gettext = untranslated,
) -> Asset:
    """The short text, the call and the link, then as many suggested hashtags as fit in 280."""
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
        limits=[Limit(gettext("X characters"), length, text.X_LIMIT)],
        facts=[
            (
                gettext("Length"),
                gettext("%(n)s of %(limit)s (a link counts 23)") % {"n": length, "limit": text.X_LIMIT},
            ),
            _suggested(msg, gettext),
        ],
        link=link,
    )


def instagram(
    msg: Message,
    lang: str,
    district: Place | None,
    link: str,
    brand: Brand = Brand(),
    *,
    gettext: Gettext = untranslated,
) -> Asset:
    """Title, long text, the call and the link, then the hashtags (at most 30)."""
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
            Limit(gettext("caption characters"), len(caption), INSTAGRAM_CAPTION_LIMIT),
            Limit(gettext("hashtags"), caption.count("#"), INSTAGRAM_HASHTAG_LIMIT),
        ],
        facts=[
            (gettext("Length"), f"{len(caption)} / {INSTAGRAM_CAPTION_LIMIT}"),
            (gettext("Hashtags"), f"{caption.count('#')} / {INSTAGRAM_HASHTAG_LIMIT}"),
            (gettext("Note"), gettext("Links in captions are not clickable: put the short link in the bio too.")),
            _suggested(msg, gettext),
        ],
        link=link,
    )


def facebook(
    msg: Message,
    lang: str,
    district: Place | None,
    link: str,
    brand: Brand = Brand(),
    *,
    gettext: Gettext = untranslated,
    for_example: str = "For example",
) -> Asset:
    """Title, long text, the example (introduced by ``for_example``, in the post's own
    language), the call, the link and the hashtags."""
    example = msg.text("example", lang)
    parts = [msg.text("title", lang), msg.text("long", lang)]
    if example:
        parts.append(f"{for_example}: {example}")
    parts += [brand.call(lang) + STOP[lang], link, " ".join(_tags(msg, lang))]
    post = "\n\n".join(parts)
    return Asset(
        "facebook",
        lang,
        f"facebook-{msg.topic.slug}-{lang}",
        text=post,
        limits=[Limit(gettext("post characters"), len(post), FACEBOOK_LIMIT)],
        facts=[(gettext("Length"), f"{len(post)}"), _suggested(msg, gettext)],
        link=link,
    )


# --- printed channels ------------------------------------------------------------------------

POSTER_LANDSCAPE = Page(1600, 800)  # 2:1, vector: scales to any hoarding
POSTER_PORTRAIT = Page(800, 1200)  # 2:3 standee / wall poster
A4 = Page(794, 1123, preview_scale=1.5)
A5 = Page(559, 794, preview_scale=2.0)

# (template name, language, page, context) → the page's HTML.
Render = Callable[[str, str, Page, dict[str, object]], str]


def _district_name(district: Place | None, lang: str) -> str:
    if district is None:
        return ""
    return district.name_hi if lang == "hi" else district.name_en


def _page(brand: Brand, lang: str, district: Place | None, link: str) -> dict[str, object]:
    """What every printed page carries: the helpline, the portal, the campaign, the link (the
    templating adds its QR code)."""
    return {
        "helpline": brand.helpline,
        "portal": brand.portal,
        "campaign": brand.campaign(lang),
        "link": link,
        "district": _district_name(district, lang),
    }


def _rules_and_cheated(messages: Sequence[Message]) -> tuple[list[Message], Message | None]:
    rules = [m for m in messages if m.topic.kind == "rule"]
    return rules, next((m for m in messages if m.topic.kind == "cheated"), None)


def poster(
    msg: Message,
    lang: str,
    district: Place | None,
    link: str,
    brand: Brand = Brand(),
    *,
    render: Render,
    orientation: str = "landscape",
    gettext: Gettext = untranslated,
) -> Asset:
    """A hoarding poster, landscape 2:1 or portrait 2:3: the title, the line, the short text."""
    page = POSTER_LANDSCAPE if orientation == "landscape" else POSTER_PORTRAIT
    html = render(
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
        facts=[(gettext("Page"), gettext("%(w)s × %(h)s mm, vector: scales to any size") % {"w": w, "h": h})],
        link=link,
    )


def handout(
    messages: Sequence[Message],
    lang: str,
    district: Place | None,
    link: str,
    brand: Brand = Brand(),
    *,
    render: Render,
    gettext: Gettext = untranslated,
) -> Asset:
    """The teacher handout: the six rules with a real-life example each, and what to do if cheated."""
    rules, cheated = _rules_and_cheated(messages)
    html = render(
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
        facts=[(gettext("Page"), gettext("A4, the six rules with an example each"))],
        link=link,
    )


def counter_card(
    messages: Sequence[Message],
    lang: str,
    district: Place | None,
    link: str,
    brand: Brand = Brand(),
    *,
    render: Render,
    gettext: Gettext = untranslated,
) -> Asset:
    """The bank / trader counter card: every rule's one line and what to do if cheated."""
    rules, cheated = _rules_and_cheated(messages)
    html = render(
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
        facts=[(gettext("Page"), gettext("A5, for bank and shop counters"))],
        link=link,
    )
