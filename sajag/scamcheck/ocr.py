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

from PIL import Image, ImageOps, ImageStat

from . import patterns

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 24_000_000  # a phone screenshot is 2–4 million; this refuses bombs before decoding
MIN_SIDE = 1200  # a smaller picture is enlarged: Tesseract reads small letters badly
MAX_ASPECT = 12  # a long scrolling screenshot is about 1:8; longer strips are refused
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
    """ "eng+hin" where both are installed (else what is), or "" without Tesseract."""
    import pytesseract

    try:
        have = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError, RuntimeError):
        return ""
    # English first: with Hindi first, Tesseract drops or misreads the digit 1 ("+91" → "+9").
    return "+".join(lang for lang in ("eng", "hin") if lang in have)


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
    except Exception as exc:  # a hostile file can make a decoder raise anything
        raise NotReadable("not_image") from exc
    if image.format not in FORMATS:
        raise NotReadable("not_image")
    if image.width * image.height > MAX_PIXELS:
        raise NotReadable("too_large")
    if max(image.size) > MAX_ASPECT * max(min(image.size), 1):
        raise NotReadable("not_image")  # a strip, not a screen: nothing to read, and costly to enlarge
    try:
        image.seek(0)  # the first frame of an animation
        image = ImageOps.exif_transpose(image)
        grey = image.convert("L")
    except Exception as exc:  # a hostile file can make a decoder raise anything
        raise NotReadable("not_image") from exc
    if ImageStat.Stat(grey).mean[0] < 110:
        grey = ImageOps.invert(grey)  # dark mode: light letters on a dark screen
    short = min(grey.size)
    if 0 < short < MIN_SIDE:
        # Enlarged, but never past MAX_PIXELS: the limit holds for what Tesseract reads too.
        scale = min(MIN_SIDE / short, 3.0, (MAX_PIXELS / (grey.width * grey.height)) ** 0.5)
        if scale > 1:
            grey = grey.resize((round(grey.width * scale), round(grey.height * scale)), Image.Resampling.LANCZOS)
    return grey


# What the chat app itself shows around a message: the clock and ticks, "online", the input box.
APP_LINE = patterns.compile(
    r"^(?:\d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?[ ✓✔v/]*|online|typing\.*|today|yesterday|type a message|message"
    r"|आज|कल|ऑनलाइन|संदेश|संदेश लिखें)$",
    ignorecase=True,
)
# A web address that the screen wrapped onto the next line ends its line like this.
WRAPPED_LINK = patterns.compile(
    r"(?:https?://|www\.|[a-z0-9-]+\.[a-z]{2,}/)\S*[-/.=?&_]$|https?://\S*$", ignorecase=True
)


def cleaned(raw: str) -> str:
    """Tesseract's lines without the app's own words, a wrapped address joined again."""
    lines = [" ".join(line.split()) for line in raw.splitlines()]
    lines = [line for line in lines if line and APP_LINE.search(line) is None]
    out: list[str] = []
    for line in lines:
        if out and WRAPPED_LINK.search(out[-1]) is not None:
            first, _, rest = line.partition(" ")
            if out[-1].endswith(("-", "/", ".", "=", "?", "&", "_")) or "/" in first:
                out[-1] += first
                if rest:
                    out.append(rest)
                continue
        out.append(line)
    return "\n".join(out)


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
    text = cleaned(raw)
    if len(text.replace("\n", "").strip()) < 3:
        raise NotReadable("no_text")
    return text
