"""Field records by form: photos with EXIF, offline ids, scope of every view for every role."""

import datetime as dt
import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sajag.activities import actions
from sajag.activities.models import Evidence, Hoarding, ImportJob, OutreachMeeting
from sajag.campaigns.models import Assignment

from . import images
from .personas import ALL


def hoarding_post(**extra):
    data = {
        "city": "Jaipur",
        "site": "Ajmeri Gate",
        "latitude": "26.9157",
        "longitude": "75.8163",
        "size": "20x10 ft",
        "language": "hi",
        "installed_on": "2026-10-05",
        "photos": SimpleUploadedFile(
            "IMG_1.jpg", images.photo(gps=images.JAIPUR, when=dt.datetime(2026, 10, 5, 9, 0)), "image/jpeg"
        ),
    }
    return data | extra


ADD_HOARDING = {
    "dpro": 302,
    "field": 302,
    "ipr_nodal": 302,
    "state": 403,
    "collector": 403,
    "sp": 403,
    "viewer": 403,
    "no_posting": 403,
    "anonymous": 302,
}


@pytest.mark.django_db
@pytest.mark.parametrize("who", [*ALL, "anonymous"])
def test_who_may_add_a_hoarding_to_jaipurs_assignment(client, people, jaipur_hoardings, who):
    if who != "anonymous":
        client.force_login(people[who])
    response = client.post(reverse("activities:record-add", args=[jaipur_hoardings.pk]), hoarding_post())
    assert response.status_code == ADD_HOARDING.get(who, 404)
    stored = Hoarding.objects.filter(assignment=jaipur_hoardings).count()
    assert stored == (1 if who in ("dpro", "field", "ipr_nodal") else 0)
    if who == "anonymous":
        assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_a_hoarding_with_a_photo_keeps_its_exif_and_makes_a_thumbnail(client, people, jaipur_hoardings):
    client.force_login(people["field"])
    response = client.post(reverse("activities:record-add", args=[jaipur_hoardings.pk]), hoarding_post())
    assert response.status_code == 302
    item = Evidence.objects.get()
    assert item.record.site == "Ajmeri Gate" and item.uploaded_by == people["field"]
    assert float(item.gps_lat) == pytest.approx(26.9157, abs=1e-4)
    assert item.taken_at.date() == dt.date(2026, 10, 5)
    assert item.thumbnail and item.public_copy
    assert b"TestCam" in item.file.read() and b"TestCam" not in item.public_copy.read()


@pytest.mark.django_db
def test_a_disguised_file_is_refused_and_nothing_is_stored(client, people, jaipur_hoardings):
    client.force_login(people["dpro"])
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not a photo at all", "image/jpeg")
    response = client.post(reverse("activities:record-add", args=[jaipur_hoardings.pk]), hoarding_post(photos=fake))
    assert response.status_code == 200
    assert "photo.jpg: This is not a photo or a PDF" in response.content.decode()
    assert Hoarding.objects.count() == 0 and Evidence.objects.count() == 0
    assert 'value="Ajmeri Gate"' in response.content.decode()  # nothing typed is lost


@pytest.mark.django_db
def test_more_than_ten_photos_or_an_oversized_photo_are_refused_and_nothing_is_stored(client, people, jaipur_hoardings):
    client.force_login(people["dpro"])
    url = reverse("activities:record-add", args=[jaipur_hoardings.pk])
    many = [SimpleUploadedFile(f"IMG_{i}.jpg", images.photo(), "image/jpeg") for i in range(11)]
    response = client.post(url, hoarding_post(photos=many))
    assert response.status_code == 200
    assert "11 files were sent together; send at most 10 at a time." in response.content.decode()
    huge = SimpleUploadedFile("IMG_big.png", images.png_header(8000, 7000), "image/png")
    response = client.post(url, hoarding_post(photos=[huge]))
    assert "IMG_big.png: The image is 8000×7000 pixels (56 megapixels); a photo may have at most 50" in (
        response.content.decode()
    )
    assert Hoarding.objects.count() == 0 and Evidence.objects.count() == 0


@pytest.mark.django_db
def test_coordinates_in_another_district_are_refused_with_the_reason(client, people, jaipur_hoardings):
    client.force_login(people["dpro"])
    response = client.post(
        reverse("activities:record-add", args=[jaipur_hoardings.pk]),
        hoarding_post(latitude="26.2920", longitude="73.0190"),
    )
    assert "is in Jodhpur, not in Jaipur" in response.content.decode()
    assert Hoarding.objects.count() == 0


@pytest.mark.django_db
def test_a_record_sent_twice_from_the_offline_queue_is_stored_once(client, people, jaipur_hoardings):
    client.force_login(people["field"])
    url = reverse("activities:record-add", args=[jaipur_hoardings.pk])
    client_id = str(uuid.uuid4())
    first = client.post(url, hoarding_post(client_id=client_id), headers={"X-Sajag-Queue": "1"})
    assert first.status_code == 201 and first.json()["status"] == "created"
    second = client.post(url, hoarding_post(client_id=client_id), headers={"X-Sajag-Queue": "1"})
    assert second.status_code == 200 and second.json() == {"status": "duplicate", "id": first.json()["id"]}
    assert Hoarding.objects.count() == 1 and Evidence.objects.count() == 1
    bad = client.post(url, hoarding_post(client_id=str(uuid.uuid4()), city=""), headers={"X-Sajag-Queue": "1"})
    assert bad.status_code == 400 and "city" in bad.json()["errors"]


@pytest.mark.django_db
def test_a_verified_assignment_takes_no_more_records(people, jaipur_hoardings):
    from django.core.exceptions import PermissionDenied

    from sajag.campaigns import actions as campaign_actions

    campaign_actions.submit_report(
        assignment=jaipur_hoardings, by=people["dpro"], summary="done", achieved_number=1, expected_version=0
    )
    campaign_actions.verify_report(assignment=jaipur_hoardings, by=people["state"], expected_version=1)
    jaipur_hoardings.refresh_from_db()
    with pytest.raises(PermissionDenied):
        actions.add_record(
            model=Hoarding,
            assignment=jaipur_hoardings,
            by=people["dpro"],
            fields={"city": "Jaipur", "site": "X", "language": "hi", "installed_on": dt.date(2026, 10, 5)},
        )


def _add_photo(people, assignment, gps, when):
    return actions.add_record(
        model=Hoarding,
        assignment=assignment,
        by=people["dpro"],
        fields={"city": "Jaipur", "site": f"Site {gps}", "language": "hi", "installed_on": dt.date(2026, 10, 5)},
        uploads=[actions.Upload("p.jpg", images.photo(gps=gps, when=when))],
    )


@pytest.mark.django_db
def test_the_verifier_is_warned_of_a_photo_far_outside_the_district_or_the_campaign(client, people, jaipur_hoardings):
    _add_photo(people, jaipur_hoardings, images.JAIPUR, dt.datetime(2026, 10, 5, 9))
    _add_photo(people, jaipur_hoardings, images.JODHPUR, dt.datetime(2026, 10, 6, 9))
    _add_photo(people, jaipur_hoardings, images.DELHI, dt.datetime(2026, 8, 15, 9))
    client.force_login(people["state"])
    html = client.get(reverse("activities:assignment-records", args=[jaipur_hoardings.pk])).content.decode()
    assert html.count('class="warning"') == 3
    assert "outside Jaipur, in Jodhpur" in html
    assert "outside Rajasthan" in html
    assert "15 Aug 2026, outside the campaign period" in html


RECORDS_VISIBLE = {"state", "ipr_nodal", "collector", "sp", "dpro", "field", "viewer"}


@pytest.mark.django_db
@pytest.mark.parametrize("who", ALL)
def test_evidence_and_its_files_are_seen_only_within_scope(client, people, jaipur_hoardings, who):
    record = _add_photo(people, jaipur_hoardings, images.JAIPUR, dt.datetime(2026, 10, 5, 9))
    item = record.evidence.get()
    client.force_login(people[who])
    panel = client.get(reverse("activities:assignment-records", args=[jaipur_hoardings.pk]))
    thumb = client.get(reverse("activities:evidence-file", args=[item.pk, "thumb"]))
    original = client.get(reverse("activities:evidence-file", args=[item.pk, "original"]))
    expected = 200 if who in RECORDS_VISIBLE else 403 if who == "no_posting" else 404
    assert (panel.status_code, thumb.status_code, original.status_code) == (expected, expected, expected)
    if expected == 200:
        assert thumb["Content-Type"] == "image/jpeg" and original["Content-Type"] == "image/jpeg"
        assert b"TestCam" in b"".join(original.streaming_content)


def pdf_with_javascript() -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    script = {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('opened');")}
    writer.root_object[NameObject("/OpenAction")] = DictionaryObject(script)  # runs when the PDF is shown
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_pdf_or_an_original_photo_is_downloaded_never_shown_and_only_our_jpegs_are_shown(
    client, people, jaipur_hoardings
):
    record = _add_photo(people, jaipur_hoardings, images.JAIPUR, dt.datetime(2026, 10, 5, 9))
    data = pdf_with_javascript()
    assert b"/OpenAction" in data and b"/JavaScript" in data
    meeting = actions.add_record(
        model=Hoarding,
        assignment=jaipur_hoardings,
        by=people["dpro"],
        fields={"city": "Jaipur", "site": "With a PDF", "language": "hi", "installed_on": dt.date(2026, 10, 5)},
        uploads=[actions.Upload("minutes.html", data)],
    )
    pdf, photo = meeting.evidence.get(), record.evidence.get()
    client.force_login(people["state"])
    for item, variant, disposition in [
        (pdf, "original", 'attachment; filename="minutes.pdf"'),
        (photo, "original", 'attachment; filename="p.jpg"'),
        (photo, "thumb", "inline"),
        (photo, "public", "inline"),
    ]:
        response = client.get(reverse("activities:evidence-file", args=[item.pk, variant]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith(disposition), (variant, response["Content-Disposition"])
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"].split("; ")
    assert client.get(reverse("activities:evidence-file", args=[pdf.pk, "original"]))["Content-Type"] == (
        "application/pdf"
    )
    html = client.get(reverse("activities:assignment-records", args=[jaipur_hoardings.pk])).content.decode()
    assert "Download PDF: minutes.html" in html and "Download the original photo" in html
    assert reverse("activities:evidence-file", args=[photo.pk, "public"]) in html  # the photo opens re-encoded


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "count"),
    [
        ("state", 2),
        ("viewer", 2),
        ("collector", 1),
        ("dpro", 1),
        ("other_collector", 1),
        ("energy_nodal", 0),
        ("discom", 0),
    ],
)
def test_the_map_shows_only_places_in_scope(client, people, jaipur_hoardings, ajmer_joint, who, count):
    _add_photo(people, jaipur_hoardings, images.JAIPUR, dt.datetime(2026, 10, 5, 9))
    actions.add_record(
        model=OutreachMeeting,
        assignment=ajmer_joint,
        by=people["other_collector"],
        fields={
            "kind": "bank",
            "held_on": dt.date(2026, 10, 8),
            "venue": "Collectorate",
            "attendees": 40,
            "latitude": 26.456,
            "longitude": 74.635,
            "topics": ["otp"],
        },
    )
    for row in Hoarding.objects.all():
        row.latitude, row.longitude = 26.9157, 75.8163
        row.save(update_fields=["latitude", "longitude"])
    client.force_login(people[who])
    data = client.get(reverse("activities:map-points")).json()
    assert len(data["features"]) == count
    if count:
        assert client.get(reverse("activities:map-points") + "?channel=meeting").json()["features"] == (
            [f for f in data["features"] if f["properties"]["kind"] == "meeting"]
        )


@pytest.mark.django_db
def test_the_map_page_needs_a_posting_and_attributes_the_boundaries(client, people):
    client.force_login(people["no_posting"])
    assert client.get(reverse("activities:map")).status_code == 403
    assert client.get(reverse("activities:map-points")).status_code == 403
    client.force_login(people["viewer"])
    html = client.get(reverse("activities:map")).content.decode()
    assert "Survey of India" in html
    boundaries = client.get(reverse("activities:map-districts")).json()
    assert len(boundaries["features"]) == 41


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("dpro", 200),
        ("collector", 200),
        ("energy_nodal", 200),
        ("field", 200),
        ("viewer", 403),
        ("state", 403),
        ("no_posting", 403),
    ],
)
def test_the_import_page_is_for_those_who_add_records(client, people, who, status):
    client.force_login(people[who])
    assert client.get(reverse("activities:import")).status_code == status


@pytest.mark.django_db
def test_import_through_the_page_and_see_the_result(client, people):
    from sajag.campaigns.models import Directive

    client.force_login(people["dpro"])
    upload = SimpleUploadedFile(
        "h.csv", b"District,City,Site / intersection,Language,Installed on\nJaipur,Jaipur,Ajmeri Gate,hi,2026-10-05\n"
    )
    response = client.post(
        reverse("activities:import"), {"directive": Directive.objects.get(number=1).pk, "file": upload}
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/activities/import/{job.pk}/")
    html = client.get(response["Location"]).content.decode()
    assert "1 records imported, 0 already present." in html
    client.force_login(people["other_dpro"])
    assert client.get(response["Location"]).status_code == 404  # another officer's import


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_templates_download(client, people, fmt):
    client.force_login(people["dpro"])
    response = client.get(reverse("activities:import-template", args=["hoardings", fmt]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="sajag-hoardings-template.{fmt}"'
    if fmt == "csv":
        assert response.content.decode("utf-8-sig").startswith("District / जिला,City / शहर")


@pytest.mark.django_db
def test_field_home_lists_the_open_assignments_the_officer_can_add_to(client, people):
    client.force_login(people["collector"])
    html = client.get(reverse("activities:field-home")).content.decode()
    joint = Assignment.objects.get(directive__number=5, district__code="jaipur")
    assert html.count('href="/en/field/assignments/') == 1
    assert f"/field/assignments/{joint.pk}/add/" in html


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["activities:field-home", "activities:map", "activities:import"])
def test_field_pages_refuse_other_methods(client, people, name):
    client.force_login(people["dpro"])
    assert client.delete(reverse(name)).status_code == 405


def test_the_service_worker_is_served_from_the_root(client):
    response = client.get("/sw.js")
    assert response.status_code == 200 and "sajag-field" in response.content.decode()
    assert response["Content-Type"].startswith("application/javascript")


@pytest.mark.django_db
def test_the_districts_i_and_pr_officer_registers_an_influencer_and_others_see_it_by_scope(client, people):
    from sajag.activities.models import Influencer
    from sajag.geo.models import District

    jaipur = District.objects.get(code="jaipur")
    client.force_login(people["dpro"])
    response = client.post(
        reverse("activities:influencers"),
        {
            "district": jaipur.pk,
            "name": "Jaipur Wala",
            "instagram": "@jaipurwala",
            "followers": "120000",
            "followers_read_on": "2026-10-01",
        },
    )
    assert response.status_code == 302
    assert Influencer.objects.get().created_by == people["dpro"]
    bad = client.post(reverse("activities:influencers"), {"district": jaipur.pk, "name": "No Handle"})
    assert "Give at least one handle or page." in bad.content.decode()
    for who, sees in (("collector", True), ("ipr_nodal", True), ("state", True), ("other_collector", False)):
        client.force_login(people[who])
        assert ("Jaipur Wala" in client.get(reverse("activities:influencers")).content.decode()) is sees
    client.force_login(people["collector"])
    assert (
        client.post(reverse("activities:influencers"), {"district": jaipur.pk, "name": "X", "x": "@x"}).status_code
        == 403
    )


@pytest.mark.django_db
def test_a_newer_reading_of_a_post_keeps_the_earlier_one(client, people):
    from sajag.activities.models import SocialPost

    social = Assignment.objects.get(directive__number=2, district__code="jaipur")
    post = actions.add_record(
        model=SocialPost,
        assignment=social,
        by=people["dpro"],
        fields={
            "platform": "x",
            "account_kind": "district",
            "handle": "@dmjaipur",
            "url": "https://x.com/dmjaipur/status/1843000000000000001",
            "posted_at": dt.datetime(2026, 10, 5, 10, tzinfo=dt.UTC),
        },
    )
    client.force_login(people["dpro"])
    url = reverse("activities:reading-add", args=[post.pk])
    assert client.post(url, {"read_on": "2026-10-06", "reach": "1200"}).status_code == 302
    assert client.post(url, {"read_on": "2026-10-12", "reach": "5400", "engagement": "310"}).status_code == 302
    assert list(post.readings.values_list("read_on", "reach")) == [
        (dt.date(2026, 10, 6), 1200),
        (dt.date(2026, 10, 12), 5400),
    ]
    client.post(url, {"read_on": "2026-10-13"})  # no figure
    assert post.readings.count() == 2
    client.force_login(people["other_dpro"])
    assert client.post(url, {"read_on": "2026-10-14", "reach": "1"}).status_code == 404
    client.force_login(people["collector"])
    assert client.post(url, {"read_on": "2026-10-14", "reach": "1"}).status_code == 403
    assert post.readings.count() == 2
