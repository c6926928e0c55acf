"""Read the text of a screenshot: most suspicious messages reach people as a picture of a
WhatsApp or SMS screen. Tesseract (Debian's tesseract-ocr, with its Hindi and English data)
through pytesseract; Pillow checks the picture first. Nothing is written anywhere: the picture
is read from memory and Tesseract's temporary files are its own, removed when it returns.

    text = read_text(uploaded_bytes)   # or raises NotReadable with a reason code
"""

from __future__ import annotations

import io
import os
from functools import lru_cache

from PIL import Image, ImageOps, ImageStat, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 24_000_000  # a phone screenshot is 2–4 million; this refuses bombs before decoding
MIN_SIDE = 1200  # a smaller picture is enlarged: Tesseract reads small letters badly
TIMEOUT_SECONDS = 20
FORMATS = {"PNG", "JPEG", "WEBP", "GIF", "BMP"}
# One thread per Tesseract run: a burst of uploads must not take every core from the pages.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


class NotReadable(Exception):
    """Why a picture gave no text: not_image, too_large, unavailable, timeout or no_text."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@lru_cache(maxsize=1)
def languages() -> str:
    """ "hin+eng" where both are installed (else what is), or "" without Tesseract."""
    import pytesseract

    try:
        have = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError, RuntimeError):
        return ""
    return "+".join(lang for lang in ("hin", "eng") if lang in have)


def available() -> bool:
    return bool(languages())


def prepared(data: bytes) -> Image.Image:
    """The picture as Tesseract reads best: upright, grey, dark letters on light, large enough."""
    if len(data) > MAX_BYTES:
        raise NotReadable("too_large")
    try:
        image: Image.Image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise NotReadable("too_large") from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise NotReadable("not_image") from exc
    if image.format not in FORMATS:
        raise NotReadable("not_image")
    if image.width * image.height > MAX_PIXELS:
        raise NotReadable("too_large")
    try:
        image.seek(0)  # the first frame of an animation
        image = ImageOps.exif_transpose(image)
        grey = image.convert("L")
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise NotReadable("not_image") from exc
    if ImageStat.Stat(grey).mean[0] < 110:
        grey = ImageOps.invert(grey)  # dark mode: light letters on a dark screen
    short = min(grey.size)
    if 0 < short < MIN_SIDE:
        scale = min(MIN_SIDE / short, 3.0)
        grey = grey.resize((round(grey.width * scale), round(grey.height * scale)), Image.Resampling.LANCZOS)
    return grey


def read_text(data: bytes) -> str:
    """The text Tesseract reads in the picture, lines kept, blank runs dropped."""
    import pytesseract

    image = prepared(data)
    langs = languages()
    if not langs:
        raise NotReadable("unavailable")
    try:
        raw = pytesseract.image_to_string(image, lang=langs, timeout=TIMEOUT_SECONDS)
    except RuntimeError as exc:  # pytesseract's timeout
        raise NotReadable("timeout") from exc
    except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError, OSError) as exc:
        raise NotReadable("unavailable") from exc
    lines = [" ".join(line.split()) for line in raw.splitlines()]
    text = "\n".join(line for line in lines if line)
    if len(text.replace("\n", "").strip()) < 3:
        raise NotReadable("no_text")
    return text
