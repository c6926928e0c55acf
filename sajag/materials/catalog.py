"""The channels, and the assets of a campaign for a (topic, language, district): each with its
own tracked short link, checked by the guards, exported as text, PDF or PNG."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sajag.bilingual import current_lang
from sajag.core.printer import printer
from sajag.links import qr
from sajag.links.actions import link_for_asset
from sajag.links.models import Channel as LinkChannel

from . import guards, templating
from .models import BillFormat, Topic
from .renderers import Asset, Brand

LANGS = ("hi", "en")


@dataclass(frozen=True)
class ChannelSpec:
    key: str
    label: str | Promise
    link_channel: str
    printed: bool = False
    per_topic: bool = True  # the handout and the counter card carry every topic at once
    linked: bool = True  # bills have no room for a link
    fmt: BillFormat | None = None


def channels() -> list[ChannelSpec]:
    bills = [
        ChannelSpec(
            f"bill-{fmt.slug}",
            fmt.name_hi if current_lang() == "hi" else fmt.name_en,
            fmt.channel,
            linked=False,
            fmt=fmt,
        )
        for fmt in BillFormat.objects.all()
    ]
    return [
        ChannelSpec("sms", _("SMS"), LinkChannel.SMS),
        *bills,
        ChannelSpec("x", _("X post"), LinkChannel.SOCIAL),
        ChannelSpec("instagram", _("Instagram caption"), LinkChannel.SOCIAL),
        ChannelSpec("facebook", _("Facebook post"), LinkChannel.SOCIAL),
        ChannelSpec("poster-landscape", _("Hoarding poster, landscape 2:1"), LinkChannel.HOARDING, printed=True),
        ChannelSpec("poster-portrait", _("Poster, portrait 2:3"), LinkChannel.HOARDING, printed=True),
        ChannelSpec("handout", _("Teacher handout (A4)"), LinkChannel.HANDOUT, printed=True, per_topic=False),
        ChannelSpec(
            "counter-card",
            _("Bank / trader counter card (A5)"),
            LinkChannel.COUNTER_CARD,
            printed=True,
            per_topic=False,
        ),
    ]


def topics() -> list[Topic]:
    return list(Topic.objects.prefetch_related("versions"))


class Studio:
    """Makes a campaign's assets; the short links it prints are made once and then reused."""

    def __init__(self, campaign, *, user=None, make_links: bool = False) -> None:
        """``make_links``: make the short links not made yet (a POST or a job; a GET only shows
        the links already made, and a placeholder for the rest)."""
        self.campaign = campaign
        self.user = user
        self.make_links = make_links
        self.brand = Brand.of(campaign)
        self.specs = {spec.key: spec for spec in channels()}
        self.topics = [t for t in topics() if t.current is not None]
        self._links: dict[tuple, str] = {}
        self.preview_link = qr.short_url("x" * 8)  # stands in where no short link may be made

    def spec(self, key: str) -> ChannelSpec:
        return self.specs[key]

    def link(self, district, spec: ChannelSpec, name: str, target: str, lang: str) -> str:
        key = (district.pk if district else None, spec.link_channel, name)
        if key not in self._links:
            link = link_for_asset(
                campaign=self.campaign,
                by=self.user,
                district=district,
                channel=spec.link_channel,
                asset=name,
                target=target,
                language=lang,
                make=self.make_links,
            )
            self._links[key] = qr.short_url(link.code) if link else self.preview_link
        return self._links[key]

    def asset(
        self, key: str, topic: Topic | None, lang: str, district, *, site: str = "", msg=None, link: str | None = None
    ) -> Asset:
        """The asset of one channel; ``site`` names where it goes up (a hoarding's crossing, a
        bank branch) and gets its own short link; ``msg`` tries a wording not yet saved, and
        ``link`` a placeholder address (no short link is made)."""
        spec = self.specs[key]
        messages = [t.current for t in self.topics]
        unlinked = False
        if spec.per_topic:
            msg = msg or topic.current
            name = f"{key}-{topic.slug}-{lang}"
            target = topic.target
        else:
            msg = None
            name = f"{key}-{lang}"
            target = "public:rules" if key == "handout" else "public:cheated"
        if not spec.linked:
            link = ""
        elif link is None:
            link = self.link(district, spec, f"{name} · {site}" if site else name, target, lang)
            unlinked = link == self.preview_link
        render = {
            "sms": templating.sms,
            "x": templating.x_post,
            "instagram": templating.instagram,
            "facebook": templating.facebook,
            "poster-landscape": partial(templating.poster, orientation="landscape"),
            "poster-portrait": partial(templating.poster, orientation="portrait"),
        }.get(key)
        if spec.fmt is not None:
            asset = templating.bill(msg, lang, district, link, self.brand, fmt=spec.fmt)
        elif key == "handout":
            asset = templating.handout(messages, lang, district, link, self.brand)
        elif key == "counter-card":
            asset = templating.counter_card(messages, lang, district, link, self.brand)
        else:
            asset = render(msg, lang, district, link, self.brand)
        guards.check(asset, self.brand)
        asset.preview_only = unlinked  # its short link is not made yet: a maker makes it (POST)
        return asset

    def assets(self, topic: Topic, lang: str, district, keys: list[str] | None = None, site: str = "") -> list[Asset]:
        return [self.asset(key, topic, lang, district, site=site) for key in (keys or list(self.specs))]


def export(asset: Asset, fmt: str, *, preview: bool = False) -> tuple[bytes, str]:
    """The file for an asset: (content, media type). Blocked if the guards found a problem,
    or if it has no short link yet and is not asked for as a preview on screen."""
    if asset.problems or (asset.preview_only and not preview):
        raise guards.Blocked(asset)
    if fmt == "txt" and not asset.printed:
        return (asset.text + "\n").encode(), "text/plain; charset=utf-8"
    if fmt == "pdf" and asset.printed:
        return printer().pdf(asset.html), "application/pdf"
    if fmt == "png" and asset.printed:
        page = asset.page
        return printer().png(asset.html, page.width, page.height, page.preview_scale), "image/png"
    raise ValueError(f"{asset.name} has no {fmt} form")


def export_all(asset: Asset) -> dict[str, bytes]:
    """Every file of an asset: its text, or its PDF and PNG printed from one load of the page."""
    if asset.problems or asset.preview_only:
        raise guards.Blocked(asset)
    if not asset.printed:
        return {"txt": export(asset, "txt")[0]}
    page = asset.page
    pdf, png = printer().pdf_and_png(asset.html, page.width, page.height, page.preview_scale)
    return {"pdf": pdf, "png": png}
