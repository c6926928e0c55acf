"""The materials studio: renderers on the seeded topics, printed PDFs read back (Devanagari text
intact, 1930 the biggest words, QR codes that decode to their short links), district kits, and
who may do what."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from sajag.geo.models import District
from sajag.links.models import ShortLink
from sajag.materials import catalog, kits
from sajag.materials.models import BillFormat, KitBuild, MessageVersion, Topic

from .browser import PRINT_MARKS
from .personas import ALL

PORTAL = "cybercrime.gov.in"


@pytest.fixture
def jaipur(db):
    return District.objects.get(code="jaipur")


@pytest.fixture
def studio(campaign):
    return catalog.Studio(campaign, make_links=True)


POPPLER = {tool: shutil.which(tool) or tool for tool in ("pdftotext", "pdftoppm")}


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [POPPLER["pdftotext"], "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def squash(text: str) -> str:
    """Text without whitespace. Chromium writes each Devanagari cluster's characters as
    /ActualText, so poppler reads back every character in order; where a cluster ends on a mark
    drawn back over its base (कं, कु) poppler's word-gap heuristic may add a space ("कं पनी"),
    so the comparison is of the characters and their order, which is what shaping can break."""
    return re.sub(r"\s+", "", text)


WORD_BOX = r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>'


def pdf_words(pdf: bytes, tmp_path: Path) -> list[tuple[str, float]]:
    """Every word of the PDF with its height (poppler's bounding boxes)."""
    path = tmp_path / "b.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        [POPPLER["pdftotext"], "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        (word, float(y2) - float(y1))
        for y1, y2, word in re.findall(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', html
        )
    ]


def decode(png: bytes) -> list[str]:
    import zxingcpp
    from PIL import Image

    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def pdf_to_png(pdf: bytes, tmp_path: Path) -> bytes:
    (tmp_path / "q.pdf").write_bytes(pdf)
    subprocess.run(
        [POPPLER["pdftoppm"], "-r", "100", "-png", "-singlefile", str(tmp_path / "q.pdf"), str(tmp_path / "q")],
        check=True,
    )
    return (tmp_path / "q.png").read_bytes()


# ---- content ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_topics_are_the_six_rules_1930_and_cheated_each_in_both_languages():
    topics = list(Topic.objects.all())
    assert [t.kind for t in topics].count("rule") == 6
    assert {t.slug for t in topics} >= {
        "helpline-1930",
        "cheated",
        "otp",
        "pin",
        "links",
        "passwords",
        "data",
        "payments",
    }
    for topic in topics:
        v = topic.current
        for field in ("title", "line", "short", "long"):
            assert v.text(field, "en") and v.text(field, "hi")
            assert re.search("[\u0900-\u097f]", v.text(field, "hi")), (topic.slug, field)


@pytest.mark.django_db
def test_every_text_asset_of_every_topic_passes_its_guards(studio, jaipur):
    text_keys = [k for k, s in studio.specs.items() if not s.printed]
    for topic in studio.topics:
        for lang in ("hi", "en"):
            for asset in studio.assets(topic, lang, jaipur, text_keys):
                assert asset.problems == [], (asset.name, asset.problems)
                assert "1930" in asset.text and PORTAL in asset.text


@pytest.mark.django_db
def test_sms_is_ucs2_in_hindi_and_gsm7_in_english_and_shows_its_cost(studio, jaipur):
    topic = Topic.objects.get(slug="otp")
    hindi, english = studio.asset("sms", topic, "hi", jaipur), studio.asset("sms", topic, "en", jaipur)
    facts_hi, facts_en = dict(hindi.facts), dict(english.facts)
    assert facts_hi["Encoding"] == "UCS-2" and facts_en["Encoding"] == "GSM-7"
    assert re.match(r"\d SMS parts per person", facts_hi["Cost"])
    assert hindi.text.endswith(hindi.link) and hindi.link.startswith("http")


@pytest.mark.django_db
def test_bill_lines_fit_the_utilitys_space_or_fall_back_to_the_call(studio, jaipur):
    topic = Topic.objects.get(slug="data")
    for fmt in BillFormat.objects.all():
        for lang in ("hi", "en"):
            asset = studio.asset(f"bill-{fmt.slug}", topic, lang, jaipur)
            lines = asset.text.split("\n")
            assert len(lines) <= fmt.lines and all(len(line) <= fmt.chars_per_line for line in lines)
            assert asset.problems == []
    BillFormat.objects.filter(slug="phed").update(chars_per_line=38, lines=1)
    narrow = catalog.Studio(studio.campaign, make_links=True).asset("bill-phed", topic, "en", jaipur)
    assert narrow.text == "Fraud? Call 1930 · cybercrime.gov.in"  # the rule's line no longer fits
    BillFormat.objects.filter(slug="phed").update(chars_per_line=20, lines=1)
    too_small = catalog.Studio(studio.campaign, make_links=True).asset("bill-phed", topic, "en", jaipur)
    assert any("Too long" in p for p in too_small.problems)
    with pytest.raises(catalog.guards.Blocked):
        catalog.export(too_small, "txt")


@pytest.mark.django_db
def test_social_posts_keep_to_their_platforms(studio, jaipur):
    from sajag.materials import text

    for topic in studio.topics:
        for lang in ("hi", "en"):
            x = studio.asset("x", topic, lang, jaipur)
            assert text.x_length(x.text) <= 280 and "#" in x.text
            insta = studio.asset("instagram", topic, lang, jaipur)
            assert insta.text.count("#") <= 30 and len(insta.text) <= 2200
    hindi_tags = studio.asset("facebook", Topic.objects.get(slug="otp"), "hi", jaipur).text
    assert "#साइबर_सुरक्षा" in hindi_tags and "उदाहरण" in hindi_tags  # written in the post's language


@pytest.mark.django_db
def test_each_asset_gets_its_own_attributed_link_once(studio, jaipur, campaign):
    topic = Topic.objects.get(slug="cheated")
    first = studio.asset("poster-landscape", topic, "en", jaipur)
    again = catalog.Studio(campaign).asset("poster-landscape", topic, "en", jaipur)
    assert first.link == again.link
    link = ShortLink.objects.get(code=first.link.rsplit("/", 1)[-1])
    assert (link.district, link.channel, link.asset, link.target, link.language) == (
        jaipur,
        "hoarding",
        "poster-landscape-cheated-en",
        "public:cheated",
        "en",
    )
    assert link.target_path() == "/en/cheated/"


# ---- printed assets -----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("mark", PRINT_MARKS or [None])
def test_hindi_poster_pdf_keeps_the_devanagari_and_puts_1930_biggest(studio, jaipur, tmp_path, mark):
    topic = Topic.objects.get(slug="otp")
    for orientation, ratio in (("landscape", 2.0), ("portrait", 2 / 3)):
        asset = studio.asset(f"poster-{orientation}", topic, "hi", jaipur)
        pdf, kind = catalog.export(asset, "pdf")
        assert kind == "application/pdf" and pdf.startswith(b"%PDF")
        extracted = pdf_text(pdf, tmp_path)
        v = topic.current
        for source in (v.line_hi, v.short_hi, jaipur.name_hi):  # conjuncts and matras come back intact
            assert squash(source) in squash(extracted), source
        assert not re.search("[\ue000-\uf8ff\ufffd\x00]", extracted)  # no unmapped glyphs
        sized = pdf_words(pdf, tmp_path)
        biggest = max(sized, key=lambda w: w[1])
        assert biggest[0] == "1930"
        assert biggest[1] > 2 * max(h for w, h in sized if w != "1930")
        from pypdf import PdfReader

        box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
        assert float(box.width) / float(box.height) == pytest.approx(ratio, rel=0.01)
        assert b"/FontFile2" in pdf and b"Type3" not in pdf  # real embedded TrueType, not bitmaps
        assert decode(pdf_to_png(pdf, tmp_path)) == [asset.link]
        png, kind = catalog.export(asset, "png")
        assert kind == "image/png" and decode(png) == [asset.link]


@pytest.mark.django_db
@pytest.mark.parametrize("mark", PRINT_MARKS or [None])
def test_teacher_handout_and_counter_card(studio, jaipur, tmp_path, mark):
    for key, size in (("handout", (210, 297)), ("counter-card", (148, 210))):
        for lang in ("hi", "en"):
            asset = studio.asset(key, None, lang, jaipur)
            pdf, _ = catalog.export(asset, "pdf")
            from pypdf import PdfReader

            page = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
            assert (round(float(page.width) * 25.4 / 72), round(float(page.height) * 25.4 / 72)) == size
            words = squash(pdf_text(pdf, tmp_path))
            assert "1930" in words and PORTAL in words
            for topic in Topic.objects.filter(kind="rule"):
                expected = topic.current.text("title" if key == "handout" else "line", lang)
                assert squash(expected) in words, expected
            if key == "handout":
                for topic in Topic.objects.filter(kind="rule"):
                    assert squash(topic.current.text("example", lang)) in words
            assert decode(pdf_to_png(pdf, tmp_path)) == [asset.link]


@pytest.mark.django_db
def test_an_asset_that_fails_its_guards_is_not_exported(studio, jaipur):
    asset = studio.asset("sms", Topic.objects.get(slug="otp"), "en", jaipur)
    asset.text = "Be careful online."
    catalog.guards.check(asset, studio.brand)
    with pytest.raises(catalog.guards.Blocked, match="1930"):
        catalog.export(asset, "txt")


# ---- kits ---------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("mark", PRINT_MARKS or [None])
def test_a_district_kit_has_every_asset_and_every_qr_decodes_to_its_link(
    client, people, campaign, jaipur, tmp_path, settings, mark, task_queue
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(people["collector"])
    response = client.post(reverse("materials:kits"), {"district": "jaipur"})
    assert response.status_code == 302
    build = KitBuild.objects.get(district=jaipur)
    assert build.state == KitBuild.State.QUEUED and task_queue.ready() == 1  # nothing built in the request
    assert task_queue.run() == 1
    build.refresh_from_db()
    assert build.state == KitBuild.State.DONE, build.message
    assert build.done == build.total > 150

    archive = zipfile.ZipFile(build.file.path)
    names = set(archive.namelist())
    studio = catalog.Studio(campaign, make_links=True)
    expected = {p for e in kits.entries(studio, jaipur) for p in e.paths()} | {f"{kits.folder(jaipur)}/manifest.csv"}
    assert names == expected
    for lang in ("hi", "en"):
        for topic in Topic.objects.all():
            for kind in ("sms", "x", "instagram", "facebook", "bill-discom", "bill-phed"):
                assert f"{kits.folder(jaipur)}/{lang}/{topic.slug}/{kind}-{topic.slug}-{lang}.txt" in names
            for kind in ("poster-landscape", "poster-portrait"):
                for ext in ("pdf", "png"):
                    assert f"{kits.folder(jaipur)}/{lang}/{topic.slug}/{kind}-{topic.slug}-{lang}.{ext}" in names
        for name in ("handout", "counter-card"):
            assert f"{kits.folder(jaipur)}/{lang}/{name}-{lang}.pdf" in names

    manifest = list(csv.DictReader(io.StringIO(archive.read(f"{kits.folder(jaipur)}/manifest.csv").decode())))
    assert len(manifest) == len(names) - 1
    checked = 0
    for row in manifest:
        data = archive.read(row["file"])
        if row["file"].endswith(".txt"):
            assert b"1930" in data and PORTAL.encode() in data
            continue
        png = data if row["file"].endswith(".png") else pdf_to_png(data, tmp_path)
        assert decode(png) == [row["short link"]], row["file"]
        link = ShortLink.objects.get(code=row["short link"].rsplit("/", 1)[-1])
        assert link.district == jaipur and link.campaign == campaign
        assert link.asset == Path(row["file"]).stem and link.language == row["language"]
        checked += 1
    assert checked == 2 * (2 * Topic.objects.count() + 2) * 2  # every PDF and PNG of both languages


# ---- editing what the campaign says -------------------------------------------------------


def fields_of(version: MessageVersion, **changes) -> dict:
    from sajag.materials.forms import MessageForm

    data = {name: getattr(version, name) for name in MessageForm.Meta.fields if name != "note"}
    return {**data, "note": "clearer wording", **changes}


@pytest.mark.django_db
@pytest.mark.parametrize("who", [*ALL, "anonymous"])
def test_only_the_state_nodal_officer_changes_a_message_and_it_is_audited(client, people, who):
    topic = Topic.objects.get(slug="otp")
    before = topic.versions.count()
    if who != "anonymous":
        client.force_login(people[who])
    url = reverse("materials:topic", args=["otp"])
    new = "Banks never ask for an OTP. Anyone who asks is a fraudster."
    response = client.post(url, fields_of(topic.current, short_en=new))
    if who == "state":
        assert response.status_code == 302
        latest = topic.versions.order_by("-number").first()
        assert (latest.number, latest.short_en, latest.created_by) == (before + 1, new, people["state"])
        assert LogEntry.objects.get_for_object(latest).filter(actor=people["state"]).exists()
        assert Topic.objects.get(slug="otp").current.short_en == new
    else:
        assert response.status_code in (302, 403) if who == "anonymous" else response.status_code == 403
        assert topic.versions.count() == before


@pytest.mark.django_db
def test_a_wording_that_breaks_a_channel_is_refused_with_the_reason(client, people):
    client.force_login(people["state"])
    topic = Topic.objects.get(slug="otp")
    BillFormat.objects.filter(slug="phed").update(chars_per_line=20, lines=1)
    response = client.post(reverse("materials:topic", args=["otp"]), fields_of(topic.current))
    assert response.status_code == 400
    assert "PHED water bill (hi): Too long" in response.content.decode()
    assert topic.versions.count() == 1
    BillFormat.objects.filter(slug="phed").update(chars_per_line=40, lines=2)
    response = client.post(reverse("materials:topic", args=["otp"]), fields_of(topic.current, hashtags_en="OTP #ok"))
    assert response.status_code == 400 and "Every hashtag starts with #: OTP" in response.content.decode()


# ---- who sees what ------------------------------------------------------------------------

STATEWIDE = {"state", "ipr_nodal", "energy_nodal"}
SEES_JAIPUR = {"state", "ipr_nodal", "energy_nodal", "viewer", "collector", "sp", "dpro", "discom", "field"}
BUILDS_JAIPUR = {"state", "ipr_nodal", "energy_nodal", "collector", "dpro", "discom"}
NOT_LINK_MAKERS = {"sp", "field", "viewer"}  # they preview, and print what the link makers have made


@pytest.mark.django_db
@pytest.mark.parametrize("who", [*ALL, "anonymous"])
def test_studio_pages_by_role(client, people, who):
    if who != "anonymous":
        client.force_login(people[who])
    asset = lambda district: reverse("materials:asset", args=["sms", "otp", "hi", district, "txt"])  # noqa: E731
    pages = {
        "studio": (reverse("materials:studio") + "?topic=otp&channel=sms&district=jaipur", who in SEES_JAIPUR),
        "jaipur": (asset("jaipur"), who in SEES_JAIPUR),
        "ajmer": (asset("ajmer"), who in STATEWIDE or who.startswith("other") or who == "viewer"),
        "state": (asset("state"), who in STATEWIDE),
        "topics": (reverse("materials:topics"), who != "no_posting"),
        "topic": (reverse("materials:topic", args=["otp"]), who != "no_posting"),
        "kits": (reverse("materials:kits"), who != "no_posting"),
    }
    links_before = ShortLink.objects.count()
    for name, (url, allowed) in pages.items():
        response = client.get(url)
        if who == "anonymous":
            assert response.status_code == 302, name
        elif name == "studio" and who != "no_posting" and not allowed:
            assert response.status_code == 400, name  # Jaipur is not among their districts
        elif name in ("jaipur", "ajmer", "state") and allowed:
            # A GET makes no short link: no file to print until a link maker makes it (POST).
            assert response.status_code == 409 and response.context["asset"].preview_only, (name, who)
            body = response.content.decode()
            makes = who not in NOT_LINK_MAKERS
            assert ("प्रिंट के लिए शॉर्ट लिंक बनाएँ" in body or "Make the short links to print" in body) == makes
        else:
            assert response.status_code == (200 if allowed else 403), (name, who, response.status_code)
    assert ShortLink.objects.count() == links_before  # a GET never writes
    make = client.post(reverse("materials:studio") + "?topic=otp&channel=sms&district=jaipur&lang=hi")
    made = ShortLink.objects.filter(district__code="jaipur", asset="sms-otp-hi").exists()
    if who == "anonymous":
        assert make.status_code == 302 and not made
    elif who in BUILDS_JAIPUR:
        assert make.status_code == 302 and made
    elif who in SEES_JAIPUR:
        assert make.status_code == 403 and not made
    else:
        assert make.status_code in (400, 403) and not made
    if who in SEES_JAIPUR:
        if who not in BUILDS_JAIPUR:  # once the district's officers have made the link, it is theirs too
            client.force_login(people["dpro"])
            client.post(reverse("materials:studio") + "?topic=otp&channel=sms&district=jaipur&lang=hi")
            made = client.get(asset("jaipur")).content.decode()
            client.force_login(people[who])
            assert client.get(asset("jaipur")).content.decode() == made
        body = client.get(asset("jaipur")).content.decode()
        assert "1930" in body and PORTAL in body


@pytest.mark.django_db
@pytest.mark.parametrize("who", [*ALL, "anonymous"])
def test_who_builds_kits_and_for_which_districts(client, people, who, django_capture_on_commit_callbacks):
    if who != "anonymous":
        client.force_login(people[who])
    with django_capture_on_commit_callbacks(execute=False):
        for district in ("jaipur", "ajmer"):
            client.post(reverse("materials:kits"), {"district": district})
        everything = client.post(reverse("materials:kits"), {"district": ""})
    built = set(KitBuild.objects.values_list("district__code", flat=True))
    if who in ("state",):
        assert KitBuild.objects.filter(district__code="jaipur").count() == 2  # one alone, one of all 41
        assert KitBuild.objects.count() == 2 + District.objects.count()
    elif who in ("ipr_nodal", "energy_nodal"):
        assert built == {"jaipur", "ajmer"} and everything.status_code == 400  # all 41 is the state's
    elif who in ("collector", "dpro", "discom"):
        assert built == {"jaipur"}
    elif who in ("other_collector", "other_dpro"):
        assert built == {"ajmer"}
    else:
        assert built == set()


@pytest.mark.django_db
def test_kit_status_and_download_follow_the_district(client, people, campaign, jaipur, tmp_path, settings):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    kit = KitBuild.objects.create(campaign=campaign, district=jaipur, batch="b", created_by=people["state"])
    kit.file.save("k.zip", ContentFile(b"PK"), save=False)
    kit.state = KitBuild.State.DONE
    kit.save()
    for who, code in (("collector", 200), ("sp", 200), ("other_collector", 404), ("viewer", 200)):
        client.force_login(people[who])
        assert client.get(reverse("materials:kit", args=[kit.pk])).status_code == code
        assert client.get(reverse("materials:kit-download", args=[kit.pk])).status_code == code


@pytest.mark.django_db
def test_a_site_gets_its_own_link_and_posts_suggest_hashtags_in_both_languages(client, people, jaipur):
    client.force_login(people["collector"])
    url = reverse("materials:studio") + "?topic=otp&lang=hi&channel=x&site=JLN+Marg+crossing"
    assert client.get(url).status_code == 200 and not ShortLink.objects.filter(asset__contains="JLN").exists()
    assert client.post(url).status_code == 302
    body = client.get(url).content.decode()
    link = ShortLink.objects.get(asset="x-otp-hi · JLN Marg crossing")
    assert link.district == jaipur and link.code in body
    assert "#साइबर_सुरक्षा" in body and "#CyberSafeRajasthan" in body  # suggested, both languages
    text = client.get(reverse("materials:asset", args=["x", "otp", "hi", "jaipur", "txt"]) + "?site=JLN+Marg+crossing")
    assert link.code in text.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("mark", PRINT_MARKS or [None])
def test_an_officer_who_makes_no_links_sees_a_poster_preview_but_cannot_print_it(client, people, mark):
    client.force_login(people["sp"])
    url = reverse("materials:asset", args=["poster-landscape", "otp", "hi", "jaipur", "png"])
    preview = client.get(url, {"inline": "1", "site": "SBI Main Branch"})
    assert preview.status_code == 200 and preview["Content-Type"] == "image/png"
    assert preview.content.startswith(b"\x89PNG")
    assert client.get(url, {"site": "SBI Main Branch"}).status_code == 409  # no file to print without its link
    pdf = reverse("materials:asset", args=["poster-landscape", "otp", "hi", "jaipur", "pdf"])
    assert client.get(pdf, {"site": "SBI Main Branch", "inline": "1"}).status_code == 409
    assert not ShortLink.objects.filter(asset__contains="SBI Main Branch").exists()
    studio = client.get(
        reverse("materials:studio"), {"topic": "otp", "channel": "poster-landscape", "district": "jaipur"}
    )
    assert (
        studio.status_code == 200 and "download" not in studio.content.decode().split('id="asset-poster-landscape"')[1]
    )
    url = reverse("materials:studio") + "?topic=otp&channel=poster-landscape&district=jaipur&site=SBI+Main+Branch"
    assert client.post(url).status_code == 403  # nor make its link
    assert not ShortLink.objects.filter(asset__contains="SBI Main Branch").exists()
