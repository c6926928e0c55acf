"""Field evidence in a real browser: a phone form with a photo, the map, and the offline queue."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from . import images
from .browser import MARKS, sign_in

pytestmark = MARKS


@pytest.fixture
def photo_file(tmp_path):
    path = tmp_path / "IMG_20261005.jpg"
    path.write_bytes(images.photo(gps=images.JAIPUR, when=dt.datetime(2026, 10, 5, 9, 30), size=(800, 600)))
    return path


def test_field_staff_adds_a_hoarding_with_a_photo_and_the_verifier_sees_it(browser, live_server, photo_file):
    from sajag.activities.models import Evidence, Hoarding
    from sajag.campaigns.models import Assignment

    assignment = Assignment.objects.get(directive__number=1, district__code="jaipur")
    phone = sign_in(browser, live_server, "t.field", phone=True)
    phone.goto(live_server.url + "/field/")
    phone.locator(f'a[href="/field/assignments/{assignment.pk}/add/"]').click()
    phone.get_by_label("शहर या कस्बा").fill("Jaipur")
    phone.get_by_label("स्थान / चौराहा").fill("Ajmeri Gate")
    phone.get_by_label("अक्षांश").fill("26.9157")
    phone.get_by_label("देशांतर").fill("75.8163")
    phone.get_by_label("फोटो या पीडीएफ").set_input_files(str(photo_file))
    phone.get_by_role("button", name="रिकॉर्ड सहेजें").click()
    phone.wait_for_url(re.compile(rf"/assignments/{assignment.pk}/$"))
    assert Hoarding.objects.filter(assignment=assignment).count() == 1
    assert Evidence.objects.get().gps_lat is not None

    state = sign_in(browser, live_server, "t.state")
    state.goto(live_server.url + "/activities/map/")
    expect(state.locator("#map")).to_have_attribute("data-loaded", "1")
    state.locator(".sajag-marker").click()
    popup = state.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Ajmeri Gate")
    expect(popup.locator("img")).to_have_count(1)
    popup.locator("a").click()
    state.wait_for_url(re.compile(rf"/assignments/{assignment.pk}/$"))
    records = state.locator(".records")
    expect(records).to_contain_text("Ajmeri Gate")
    expect(records.locator("img")).to_be_visible()  # the thumbnail, beside the report


def test_a_record_made_offline_is_sent_once_when_the_connection_returns(browser, live_server, photo_file):
    from sajag.activities.models import Evidence, Hoarding
    from sajag.campaigns.models import Assignment

    assignment = Assignment.objects.get(directive__number=1, district__code="jaipur")
    phone = sign_in(browser, live_server, "t.dpro", phone=True)
    phone.goto(live_server.url + f"/field/assignments/{assignment.pk}/add/")
    phone.context.set_offline(True)
    phone.get_by_label("शहर या कस्बा").fill("Jaipur")
    phone.get_by_label("स्थान / चौराहा").fill("Tonk Phatak")
    phone.get_by_label("फोटो या पीडीएफ").set_input_files(str(photo_file))
    phone.get_by_role("button", name="रिकॉर्ड सहेजें").click()
    expect(phone.get_by_text("सिग्नल नहीं")).to_be_visible()
    expect(phone.locator("#queue-list li")).to_have_count(1)  # the officer sees what waits
    assert Hoarding.objects.count() == 0

    phone.context.set_offline(False)  # fires "online": the queue sends itself
    expect(phone.locator("#queue")).to_be_hidden(timeout=15000)
    assert Hoarding.objects.filter(site="Tonk Phatak").count() == 1
    assert Evidence.objects.count() == 1
    # A second attempt (e.g. the reply was lost and the phone retries) stores nothing new.
    phone.reload()
    phone.evaluate("window.sajagQueue.sendAll()")
    phone.wait_for_timeout(500)
    assert Hoarding.objects.count() == 1
