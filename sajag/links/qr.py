"""QR images of a short link (segno: pure Python, SVG and PNG)."""

from __future__ import annotations

import io

import segno
from django.conf import settings


def short_url(code: str) -> str:
    return f"{settings.SAJAG_PUBLIC_URL.rstrip('/')}/l/{code}"


def _qr(url: str) -> segno.QRCode:
    # Level M survives a scuffed or partly covered print; the border is the standard four modules.
    return segno.make(url, error="m", micro=False, boost_error=False)


def svg(url: str, *, scale: int = 8, title: str | None = None, fluid: bool = False) -> str:
    """The QR as inline SVG; ``fluid`` leaves out the size (a viewBox instead) so CSS sizes it."""
    out = io.BytesIO()
    _qr(url).save(
        out,
        kind="svg",
        scale=scale,
        border=4,
        xmldecl=False,
        title=title,
        svgclass="qr",
        lineclass=None,
        omitsize=fluid,
    )
    return out.getvalue().decode()


def png(url: str, *, scale: int = 10) -> bytes:
    out = io.BytesIO()
    _qr(url).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()
