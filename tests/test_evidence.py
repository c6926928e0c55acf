import datetime as dt

import pytest
from PIL import Image, ImageFile

from sajag.activities import evidence as ev

from . import images


@pytest.mark.parametrize(("fmt", "mime"), [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("HEIF", "image/heic")])
def test_phone_photo_formats_are_recognised_by_content(fmt, mime):
    info = ev.inspect_file(images.photo(fmt))
    assert (info.kind, info.mime, info.width, info.height) == ("image", mime, 400, 300)


def test_exif_capture_time_and_gps_are_read():
    when = dt.datetime(2026, 10, 6, 11, 30, 5)
    info = ev.inspect_file(images.photo(gps=images.JAIPUR, when=when))
    assert info.taken_at == when
    assert info.gps == pytest.approx(images.JAIPUR, abs=1e-4)


def test_gps_in_the_southern_and_western_hemispheres_is_negative():
    info = ev.inspect_file(images.photo(gps=(-33.8688, -70.6693)))
    assert info.gps == pytest.approx((-33.8688, -70.6693), abs=1e-4)


def test_heic_photo_keeps_its_gps():
    info = ev.inspect_file(images.photo("HEIF", gps=images.JODHPUR, when=dt.datetime(2026, 10, 9, 8, 0)))
    assert info.gps == pytest.approx(images.JODHPUR, abs=1e-4)


def test_a_pdf_is_accepted_with_its_page_count():
    info = ev.inspect_file(images.pdf())
    assert (info.kind, info.mime, info.pages) == ("pdf", "application/pdf", 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"MZ\x90\x00 this is a program, not a photo", "not a photo or a PDF"),
        (b"<html><script>alert(1)</script></html>", "not a photo or a PDF"),
        (images.photo("GIF"), "GIF image is not accepted"),
        (images.photo()[:800], "damaged or incomplete"),
        (b"%PDF-1.7\n this is not really a pdf", "PDF is damaged"),
    ],
)
def test_disguised_corrupt_or_unsupported_files_are_refused_with_a_reason(data, message):
    with pytest.raises(ev.EvidenceError, match=message):
        ev.inspect_file(data)


def test_an_oversized_file_is_refused_naming_the_limit():
    with pytest.raises(ev.EvidenceError, match=r"limit is 15 MB"):
        ev.inspect_file(b"\xff\xd8" + b"0" * (15 * 1024 * 1024))


def test_a_decompression_bomb_is_refused_without_decoding():
    data = images.bomb()
    assert len(data) < 100_000  # tiny on disk
    with pytest.raises(ev.EvidenceError, match="too large"):
        ev.inspect_file(data)


def test_thumbnail_and_public_copy_carry_no_metadata():
    data = images.photo(gps=images.JAIPUR, when=dt.datetime(2026, 10, 6, 11, 30), size=(1200, 900))
    for out in (ev.thumbnail_jpeg(data), ev.without_metadata(data)):
        image = Image.open(__import__("io").BytesIO(out))
        exif = image.getexif()
        assert len(exif) == 0 and not exif.get_ifd(0x8825)
        assert b"TestCam" not in out
    thumb = Image.open(__import__("io").BytesIO(ev.thumbnail_jpeg(data)))
    assert max(thumb.size) == 320


# ---- bounds on one request (issue 14): 20 PNGs of 79 megapixels cost 51 s of CPU and 705 MB ----


@pytest.fixture
def no_decoding(monkeypatch):
    """Any pixel decoded fails the test: refusals must come from the headers alone."""

    def load(self):
        raise AssertionError("an image was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)


def test_a_photo_over_50_megapixels_is_refused_from_its_header_naming_the_limit(no_decoding):
    data = images.png_header(8000, 7000)  # 56 MP: under Pillow's own default limit
    assert len(data) < 1000
    with pytest.raises(ev.EvidenceError, match=r"8000×7000 pixels \(56 megapixels\); a photo may have at most 50"):
        ev.inspect_file(data)
    with pytest.raises(ev.EvidenceError, match=r"^big\.png: The image is 8000×7000 pixels"):
        ev.check_batch([("small.png", images.png_header(4000, 3000)), ("big.png", data)])


def test_an_image_far_past_the_limit_is_refused_before_pillow_would_decode_it(no_decoding):
    with pytest.raises(ev.EvidenceError, match=r"^bomb\.png: The image is far too large to be a photo: a photo may"):
        ev.check_batch([("bomb.png", images.png_header(20000, 20000))])


def test_a_request_of_more_than_ten_files_is_refused(no_decoding):
    photo = images.photo()
    with pytest.raises(ev.EvidenceError, match="11 files were sent together; send at most 10 at a time"):
        ev.check_batch([(f"IMG_{i}.jpg", photo) for i in range(11)])
    ev.check_batch([(f"IMG_{i}.jpg", photo) for i in range(10)])


def test_a_request_of_more_than_200_megapixels_together_is_refused_naming_the_file(no_decoding):
    phone = images.png_header(8160, 6120)  # 49.9 MP, a 50 MP phone's photo
    ev.check_batch([(f"IMG_{i}.png", phone) for i in range(4)])
    with pytest.raises(ev.EvidenceError, match=r"^IMG_4\.png: the photos up to this one hold 249\.7 megapixels"):
        ev.check_batch([(f"IMG_{i}.png", phone) for i in range(5)])


def test_the_request_bounds_come_before_any_photo_is_checked_or_decoded(no_decoding):
    from sajag.activities import actions

    uploads = [actions.Upload(f"IMG_{i}.png", images.png_header(8160, 6120)) for i in range(5)]
    with pytest.raises(ev.EvidenceError, match=r"^IMG_4\.png: "):
        actions.inspect_uploads(uploads)
