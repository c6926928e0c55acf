"""Evidence files: recognised by content, checked, described. Plain Python (Pillow, pypdf).

>>> info = inspect_file(data)            # raises EvidenceError with a clear message
>>> info.kind, info.taken_at, info.gps   # 'image', datetime(...), (26.91, 75.79)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import warnings
from dataclasses import dataclass

import pillow_heif
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

pillow_heif.register_heif_opener()

MAX_BYTES = 15 * 1024 * 1024
# A phone photo is about 12–50 megapixels; anything beyond this is refused, not decoded.
MAX_PIXELS = 80_000_000
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "HEIF": "image/heic"}
THUMB_SIZE = (320, 320)


class EvidenceError(ValueError):
    """A file that cannot be evidence; the message says why, in words a person can act on."""


@dataclass(frozen=True)
class EvidenceInfo:
    kind: str  # "image" or "pdf"
    mime: str
    size: int
    sha256: str
    width: int | None = None
    height: int | None = None
    taken_at: dt.datetime | None = None  # naive: cameras record local time without a zone
    gps: tuple[float, float] | None = None  # (latitude, longitude)
    pages: int | None = None


def inspect_file(data: bytes, *, max_bytes: int = MAX_BYTES) -> EvidenceInfo:
    """Identify and check an uploaded file by its content, whatever its name says."""
    if not data:
        raise EvidenceError(_("The file is empty."))
    if len(data) > max_bytes:
        raise EvidenceError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": f"{len(data) / 1048576:.1f}", "limit": f"{max_bytes / 1048576:.0f}"}
        )
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(b"%PDF-"):
        return EvidenceInfo("pdf", "application/pdf", len(data), digest, pages=_pdf_pages(data))
    return _inspect_image(data, digest)


def _pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise EvidenceError(_("The PDF is damaged and cannot be read.")) from exc
    if pages == 0:
        raise EvidenceError(_("The PDF has no pages."))
    return pages


def _open_checked(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))  # reads the header only
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise EvidenceError(_("The image is far too large to be a photo (a decompression bomb).")) from exc
        except UnidentifiedImageError as exc:
            raise EvidenceError(_("This is not a photo or a PDF: send a JPEG, PNG or HEIC photo, or a PDF.")) from exc
        except (OSError, SyntaxError, ValueError) as exc:
            raise EvidenceError(_("The image is damaged or incomplete and cannot be read.")) from exc
        if image.format not in IMAGE_FORMATS:
            raise EvidenceError(
                _("A %(format)s image is not accepted: send a JPEG, PNG or HEIC photo, or a PDF.")
                % {"format": image.format}
            )
        if image.width * image.height > MAX_PIXELS:
            raise EvidenceError(
                _("The image is %(width)s×%(height)s pixels, too large to be a photo.")
                % {"width": image.width, "height": image.height}
            )
        try:
            image.load()  # decode fully: a truncated or corrupt file fails here
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise EvidenceError(_("The image is far too large to be a photo (a decompression bomb).")) from exc
        except (OSError, SyntaxError, ValueError) as exc:
            raise EvidenceError(_("The image is damaged or incomplete and cannot be read.")) from exc
    return image


def _inspect_image(data: bytes, digest: str) -> EvidenceInfo:
    image = _open_checked(data)
    exif = image.getexif()
    return EvidenceInfo(
        "image",
        IMAGE_FORMATS[image.format],
        len(data),
        digest,
        width=image.width,
        height=image.height,
        taken_at=_taken_at(exif),
        gps=_gps(exif),
    )


def _taken_at(exif: Image.Exif) -> dt.datetime | None:
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    raw = sub.get(ExifTags.Base.DateTimeOriginal) or exif.get(ExifTags.Base.DateTime)
    if not raw:
        return None
    try:
        return dt.datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def _gps(exif: Image.Exif) -> tuple[float, float] | None:
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    try:
        lat = _degrees(gps[ExifTags.GPS.GPSLatitude], gps.get(ExifTags.GPS.GPSLatitudeRef, "N"), "S")
        lon = _degrees(gps[ExifTags.GPS.GPSLongitude], gps.get(ExifTags.GPS.GPSLongitudeRef, "E"), "W")
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    return (round(lat, 6), round(lon, 6))


def _degrees(dms, ref, negative: str) -> float:
    d, m, s = (float(x) for x in dms)
    value = d + m / 60 + s / 3600
    return -value if str(ref).upper().startswith(negative) else value


def thumbnail_jpeg(data: bytes, size: tuple[int, int] = THUMB_SIZE) -> bytes:
    """A small JPEG for lists, turned upright, without any metadata."""
    image = ImageOps.exif_transpose(_open_checked(data))
    image.thumbnail(size)
    return _jpeg(image, quality=75)


def without_metadata(data: bytes) -> bytes:
    """The photo re-encoded as JPEG with no EXIF (no GPS, no camera, no time): for anyone
    beyond the officers."""
    image = ImageOps.exif_transpose(_open_checked(data))
    return _jpeg(image, quality=85)


def _jpeg(image: Image.Image, *, quality: int) -> bytes:
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True)  # no exif= argument: nothing carried over
    return out.getvalue()
