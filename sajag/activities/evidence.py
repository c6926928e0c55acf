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
# A phone photo is about 12–50 megapixels; anything beyond is refused from its header, never
# decoded. Each photo is decoded three times (check, thumbnail, public copy), so a request is
# bounded too: in files, and in pixels all together.
MAX_PIXELS = 50_000_000
MAX_FILES = 10
MAX_BATCH_PIXELS = 200_000_000
# Pillow's own fence, for any image opened in this process: a warning past MAX_PIXELS, an
# error past twice that (before any pixel is decoded).
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
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


def check_batch(files: list[tuple[str, bytes]]) -> None:
    """Refuse, from the image headers alone, a request of too many files or too many pixels:
    before a single photo is decoded. Each message names the file and the limit."""
    if len(files) > MAX_FILES:
        raise EvidenceError(
            _("%(n)s files were sent together; send at most %(limit)s at a time.")
            % {"n": len(files), "limit": MAX_FILES}
        )
    total = 0
    for name, data in files:
        try:
            size = image_size(data)
        except EvidenceError as exc:
            raise EvidenceError(_("%(name)s: %(reason)s") % {"name": name, "reason": exc}) from exc
        if size is None:
            continue  # a PDF, or not an image: inspect_file says what it is
        width, height = size
        if width * height > MAX_PIXELS:
            raise EvidenceError(_too_large(width, height, name))
        total += width * height
        if total > MAX_BATCH_PIXELS:
            raise EvidenceError(
                _(
                    "%(name)s: the photos up to this one hold %(mp)s megapixels together; send at most "
                    "%(limit)s megapixels at a time (fewer photos, or smaller ones)."
                )
                % {"name": name, "mp": _megapixels(total), "limit": _megapixels(MAX_BATCH_PIXELS)}
            )


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from an image's header, nothing decoded; None if it is not an image Pillow
    knows. Too large for Pillow even to open (past twice MAX_PIXELS) reads as EvidenceError."""
    if data.startswith(b"%PDF-"):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the size is checked by the caller
        try:
            with Image.open(io.BytesIO(data)) as image:  # reads the header only
                return image.size
        except Image.DecompressionBombError as exc:
            raise EvidenceError(_too_large(None, None, None)) from exc
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            return None


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:,.1f}".removesuffix(".0")


def _too_large(width: int | None, height: int | None, name: str | None) -> str:
    limit = _megapixels(MAX_PIXELS)
    if width is None or height is None:
        message = _("The image is far too large to be a photo: a photo may have at most %(limit)s megapixels.") % {
            "limit": limit
        }
    else:
        message = _(
            "The image is %(width)s×%(height)s pixels (%(mp)s megapixels); a photo may have at most %(limit)s "
            "megapixels."
        ) % {"width": width, "height": height, "mp": _megapixels(width * height), "limit": limit}
    return _("%(name)s: %(reason)s") % {"name": name, "reason": message} if name else message


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
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # checked below, with the size named
        try:
            image = Image.open(io.BytesIO(data))  # reads the header only
        except Image.DecompressionBombError as exc:
            raise EvidenceError(_too_large(None, None, None)) from exc
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
            raise EvidenceError(_too_large(image.width, image.height, None))
        try:
            image.load()  # decode fully: a truncated or corrupt file fails here
        except Image.DecompressionBombError as exc:
            raise EvidenceError(_too_large(None, None, None)) from exc
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
