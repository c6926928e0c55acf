"""Real sample files made by the tests themselves (Pillow, pillow-heif)."""

from __future__ import annotations

import datetime as dt
import io

import pillow_heif
from PIL import Image

pillow_heif.register_heif_opener()


def _dms(value: float):
    d = int(value)
    m = int((value - d) * 60)
    return (float(d), float(m), round((value - d - m / 60) * 3600, 3))


def photo(
    fmt: str = "JPEG", *, gps: tuple[float, float] | None = None, when: dt.datetime | None = None, size=(400, 300)
) -> bytes:
    image = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    if when:
        exif.get_ifd(0x8769)[0x9003] = when.strftime("%Y:%m:%d %H:%M:%S")
    if gps:
        lat, lon = gps
        g = exif.get_ifd(0x8825)
        g[1], g[2] = ("N" if lat >= 0 else "S"), _dms(abs(lat))
        g[3], g[4] = ("E" if lon >= 0 else "W"), _dms(abs(lon))
        exif[0x010F] = "TestCam"  # camera make: must not survive into public copies
    out = io.BytesIO()
    image.save(out, fmt, exif=exif) if (gps or when) else image.save(out, fmt)
    return out.getvalue()


def pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG of a few hundred bytes whose header claims width×height pixels: one row of data
    follows, so it opens (header only) at once and would fail if ever decoded."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = zlib.compress(b"\x00" * (1 + (width + 7) // 8))  # filter byte, then one row of 1-bit pixels
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", row) + chunk(b"IEND", b"")


def bomb() -> bytes:
    """A tiny PNG that would decode to 144 megapixels."""
    image = Image.new("1", (12000, 12000))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


JAIPUR = (26.9157, 75.8163)  # Ajmeri Gate
JODHPUR = (26.2920, 73.0190)
DELHI = (28.6139, 77.2090)
