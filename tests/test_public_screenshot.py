"""A screenshot checked on the citizen site: Tesseract reads it (Hindi and English), the text is
shown to be corrected, the verdict follows; nothing is kept. Pictures are drawn here the way
phones show a chat: a header bar with the sender, a bubble, light or dark mode."""

from __future__ import annotations

import io
import os
import re
import struct
import zlib
from html import unescape

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageDraw, ImageFont

from sajag.core.fonts import font_dir
from sajag.public.models import SharedMessage
from sajag.scamcheck import ocr

URL = "/check/screenshot/"
pytestmark = pytest.mark.django_db  # the rate limits live in the database cache
needs_tesseract = pytest.mark.skipif(
    not ocr.available() and os.environ.get("SAJAG_REQUIRE_OCR") != "1",
    reason="Tesseract with Hindi data is not installed (apt-get install tesseract-ocr tesseract-ocr-hin)",
)
SCAM_LINES = [
    "प्रिय ग्राहक, आपका SBI खाता आज रात",
    "बंद हो जाएगा। तुरंत KYC अपडेट करें:",
    "http://sbi-kyc-update.top/in",
]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def chat_screenshot(lines: list[str], *, dark: bool = False, width: int = 1080, fmt: str = "PNG") -> bytes:
    font = ImageFont.truetype(str(font_dir() / "NotoSansDevanagari-Regular.ttf"), 40)
    height = 260 + 70 * len(lines)
    light = ((236, 229, 221), (255, 255, 255), (17, 27, 33))
    bg, bubble, ink = ((11, 20, 26), (32, 44, 51), (233, 237, 239)) if dark else light
    image = Image.new("RGB", (width, height), bg)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width, 120], fill=(0, 128, 105))
    draw.text((40, 35), "VM-ALERTS", font=font, fill=(255, 255, 255))
    draw.rounded_rectangle([30, 150, width - 120, 180 + 70 * len(lines)], 20, fill=bubble)
    for i, line in enumerate(lines):
        draw.text((60, 165 + 70 * i), line, font=font, fill=ink)
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def upload(data: bytes, name: str = "screenshot.png", kind: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=kind)


def textarea(html: str) -> str:
    start = html.index('name="text"')
    return unescape(html[html.index(">", start) + 1 : html.index("</textarea>", start)]).strip()


@needs_tesseract
@pytest.mark.django_db
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark mode"])
def test_a_hindi_screenshot_is_read_shown_for_correction_and_checked(client, settings, tmp_path, dark):
    settings.MEDIA_ROOT = tmp_path
    response = client.post(URL, {"screenshot": upload(chat_screenshot(SCAM_LINES, dark=dark))})
    html = response.content.decode()
    assert response.status_code == 200
    read = textarea(html)
    assert "खाता आज रात" in read and "KYC" in read and "sbi-kyc-update.top" in read
    assert "संभावित ठगी" in html  # likely scam, in Hindi on the Hindi page
    assert "आपके स्क्रीनशॉट" in html  # "this is the text Sajag read in your screenshot"
    assert SharedMessage.objects.count() == 0
    assert not any(tmp_path.rglob("*"))  # the picture is not kept


@needs_tesseract
@pytest.mark.django_db
def test_the_english_page_reads_a_jpeg_in_english(client):
    data = chat_screenshot(["Dear Customer Your ATM Card Has Been", "LOCKED. To unlock call at 9876543210"], fmt="JPEG")
    response = client.post("/en" + URL, {"screenshot": upload(data, "shot.jpg", "image/jpeg")})
    html = response.content.decode()
    assert response.status_code == 200
    assert "LOCKED" in textarea(html)
    assert "Suspicious" in html or "Likely scam" in html
    assert "This is the text Sajag read in your screenshot" in html


@pytest.mark.django_db
def test_a_file_that_is_not_a_picture_is_refused_and_says_so(client):
    response = client.post(URL, {"screenshot": upload(b"%PDF-1.4 not a picture", "a.png")})
    assert response.status_code == 400
    html = response.content.decode()
    assert "PNG या JPEG" in html, html[html.find("msg-error") : html.find("msg-error") + 300]


@pytest.mark.django_db
def test_no_file_asks_for_one(client):
    response = client.post("/en" + URL, {})
    assert response.status_code == 400
    assert "Choose a screenshot first." in response.content.decode()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims to be width × height: a decompression bomb's first bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


@pytest.mark.django_db
def test_a_picture_too_large_to_decode_is_refused_before_decoding(client):
    response = client.post("/en" + URL, {"screenshot": upload(png_header_only(60000, 60000))})
    assert response.status_code == 413
    assert "too large" in response.content.decode()


@pytest.mark.django_db
def test_a_file_over_8_mb_is_refused(client):
    response = client.post("/en" + URL, {"screenshot": upload(b"\x89PNG" + b"0" * (ocr.MAX_BYTES + 1))})
    assert response.status_code == 413


@pytest.mark.django_db
def test_without_tesseract_the_page_says_to_type_the_message(client, monkeypatch):
    monkeypatch.setattr(ocr, "languages", lambda: "")
    response = client.post("/en" + URL, {"screenshot": upload(chat_screenshot(["Hello"]))})
    assert response.status_code == 503
    assert "Type or paste the message instead" in response.content.decode()


@needs_tesseract
@pytest.mark.django_db
def test_a_picture_with_no_text_says_so(client):
    blank = io.BytesIO()
    Image.new("RGB", (800, 1400), (255, 255, 255)).save(blank, "PNG")
    response = client.post("/en" + URL, {"screenshot": upload(blank.getvalue())})
    assert response.status_code == 400
    assert "No text could be read" in response.content.decode()


@pytest.mark.django_db
def test_screenshots_are_rate_limited_per_client(client, settings, monkeypatch):
    settings.SAJAG_RATE_SCAM_SCREENSHOTS = 2
    monkeypatch.setattr(ocr, "read_text", lambda data: "Your KYC expired, update today: bit.ly/x")
    for _ in range(2):
        assert client.post(URL, {"screenshot": upload(b"x")}).status_code == 200
    response = client.post(URL, {"screenshot": upload(b"x")})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"


@pytest.mark.django_db
def test_a_get_goes_back_to_the_check(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == reverse("public:scam-check")


@pytest.mark.django_db
def test_the_check_page_offers_the_screenshot_form(client):
    html = client.get("/check/").content.decode()
    assert 'enctype="multipart/form-data"' in html and 'action="/check/screenshot/"' in html
    assert 'accept="image/png,image/jpeg,image/webp"' in html


@needs_tesseract
@pytest.mark.django_db
def test_the_corrected_text_is_checked_again_from_the_screenshot_page(client):
    response = client.post(URL, {"screenshot": upload(chat_screenshot(SCAM_LINES))})
    html = response.content.decode()
    action = re.search(r'<form method="post" class="stack" novalidate action="([^"]+)">', html).group(1)
    corrected = textarea(html).replace("sbi-kyc-update.top", "sbi-kyc-update.top/login")
    again = client.post(action, {"text": corrected})
    assert again.status_code == 200
    assert "संभावित ठगी" in again.content.decode()


@needs_tesseract
def test_digits_survive_with_english_read_first():
    text = ocr.read_text(chat_screenshot(["Call +91 98290 11121 now", "Rs 12500 due on 10:42"]))
    assert "+91 98290 11121" in text and "12500" in text


def test_the_app_s_own_words_are_dropped_and_a_wrapped_link_joined():
    raw = "VM-ALERTS\n10:42 am\nUpdate at http://sbi-kyc-\nupdate.xyz/yono now\nonline\nType a message"
    assert ocr.cleaned(raw) == "VM-ALERTS\nUpdate at http://sbi-kyc-update.xyz/yono\nnow"


def test_a_strip_is_refused_and_a_small_picture_is_never_enlarged_past_the_limit():
    strip = io.BytesIO()
    Image.new("L", (400, 60000), 255).save(strip, "PNG")
    with pytest.raises(ocr.NotReadable) as refused:
        ocr.prepared(strip.getvalue())
    assert refused.value.code == "not_image"
    tall = io.BytesIO()
    Image.new("L", (400, 4000), 255).save(tall, "PNG")
    prepared = ocr.prepared(tall.getvalue())
    assert prepared.width * prepared.height <= ocr.MAX_PIXELS
    assert prepared.width > 400  # enlarged, as far as the limit allows


def test_a_damaged_picture_is_refused_or_read_never_an_error():
    """Bytes flipped all over a real screenshot (as a fuzzer does): every decoder error must be
    "not a picture", not a server error."""
    import random

    data = bytearray(chat_screenshot(["hello"]))
    rng = random.Random(17)
    refused = 0
    for _ in range(60):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 40)):
            damaged[rng.randrange(8, len(damaged))] = rng.randrange(256)
        try:
            ocr.prepared(bytes(damaged))
        except ocr.NotReadable as exc:
            assert exc.code in ("not_image", "too_large")
            refused += 1
    assert refused > 0  # the damage did break some


def test_the_picture_is_held_in_memory_never_in_a_temporary_file(client, monkeypatch):
    from django.core.files import uploadedfile

    seen = []
    monkeypatch.setattr(ocr, "read_text", lambda data: seen.append(len(data)) or "Hello, how are you")

    def no_disk(*args, **kwargs):
        raise AssertionError("the upload went to a temporary file")

    monkeypatch.setattr(uploadedfile.TemporaryUploadedFile, "__init__", no_disk)
    big = b"\x89PNG" + bytes(7 * 1024 * 1024)  # over Django's 5 MB in-memory default
    assert client.post(URL, {"screenshot": upload(big)}).status_code == 200
    assert seen == [len(big)]
