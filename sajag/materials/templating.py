"""The Django side of the renderers (``renderers.py`` stays plain Python): the same channels with
their labels in the reader's language and printed pages written from the print templates, with
the print font and the link's QR code."""

from __future__ import annotations

from functools import partial

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from sajag.core import fonts
from sajag.links import qr

from . import renderers
from .renderers import Asset, Brand, Message, Page, Place


def print_html(template: str, lang: str, page: Page, context: dict[str, object]) -> str:
    """A printed page from ``templates/materials/print/``, in the page's own language."""
    link = str(context.get("link", ""))
    with translation.override(lang):
        return render_to_string(
            f"materials/print/{template}",
            {
                **context,
                "qr": qr.svg(link, scale=1, title=link, fluid=True) if link else "",
                "page": page,
                "lang": lang,
                "font_css": fonts.font_face_css(),
            },
        )


sms = partial(renderers.sms, gettext=gettext)
bill = partial(renderers.bill, gettext=gettext)
x_post = partial(renderers.x_post, gettext=gettext)
instagram = partial(renderers.instagram, gettext=gettext)
poster = partial(renderers.poster, gettext=gettext, render=print_html)
handout = partial(renderers.handout, gettext=gettext, render=print_html)
counter_card = partial(renderers.counter_card, gettext=gettext, render=print_html)


def facebook(msg: Message, lang: str, district: Place | None, link: str, brand: Brand | None = None) -> Asset:
    with translation.override(lang):  # the post's own language, not the reader's
        for_example = gettext("For example")
    return renderers.facebook(msg, lang, district, link, brand or Brand(), gettext=gettext, for_example=for_example)
