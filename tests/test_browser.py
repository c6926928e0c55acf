"""Real browser flows (Playwright driving Debian's Chromium, headless), in Hindi."""

import re

from playwright.sync_api import expect

from .browser import MARKS, sign_in

pytestmark = MARKS


def test_collector_files_a_report_and_the_state_verifies_it_in_hindi(browser, live_server, settings):
    from sajag.campaigns.models import Assignment

    settings.SAJAG_TODAY = __import__("datetime").date(2026, 10, 12)
    joint = Assignment.objects.get(directive__number=5, district__code="jaipur")

    # The Collector of Jaipur, on a phone.
    collector = sign_in(browser, live_server, "t.collector", phone=True)
    assert collector.locator("html").get_attribute("lang") == "hi"
    cards = collector.locator(".card")
    expect(cards).to_have_count(6)  # only Jaipur's assignments
    collector.locator(f'a[href="/assignments/{joint.pk}/"]').click()
    collector.get_by_label("क्या किया गया").fill("एसबीआई, पीएनबी और व्यापार मंडल के साथ 2 बैठकें हुईं।")
    collector.get_by_label("उपलब्धि (संख्या)").fill("2")
    collector.get_by_role("button", name="रिपोर्ट जमा करें").click()
    expect(collector.get_by_text("रिपोर्ट सहेज ली गई")).to_be_visible()
    expect(collector.locator(".holder .pill")).to_have_text("रिपोर्ट प्राप्त")

    # The state nodal officer filters the matrix to reported work (HTMX, no page load).
    state = sign_in(browser, live_server, "t.state")
    state.evaluate("window.__marker = 1")
    state.get_by_label("स्थिति").select_option("reported")
    state.wait_for_url(re.compile(r"status=reported"))
    expect(state.locator("a.c")).to_have_count(1)  # only the one reported assignment is left
    assert state.evaluate("window.__marker") == 1  # the page was not reloaded
    state.locator(f'a.c[href="/assignments/{joint.pk}/"]').click()
    expect(state.locator(".summary")).to_contain_text("एसबीआई, पीएनबी")
    state.get_by_role("button", name="रिपोर्ट सत्यापित करें").click()
    expect(state.locator(".holder .pill")).to_have_text("सत्यापित")

    # Back on the phone, the Collector sees it verified, with the step in the history.
    collector.reload()
    expect(collector.locator(".holder .pill")).to_have_text("सत्यापित")
    expect(collector.locator(".timeline")).to_contain_text("सत्यापित")
    joint.refresh_from_db()
    assert joint.status == "verified"


def test_returned_report_shows_the_remark_to_the_collector_in_english_after_switching(browser, live_server):
    from sajag.accounts.models import User
    from sajag.campaigns import actions
    from sajag.campaigns.models import Assignment

    joint = Assignment.objects.get(directive__number=5, district__code="jaipur")
    actions.submit_report(
        assignment=joint,
        by=User.objects.get(username="t.sp"),
        summary="Met banks",
        achieved_number=1,
        expected_version=0,
    )
    actions.return_report(
        assignment=joint, by=User.objects.get(username="t.state"), remark="List the banks present.", expected_version=1
    )
    page = sign_in(browser, live_server, "t.collector", phone=True)
    page.get_by_role("button", name="English").click()
    page.wait_for_url(re.compile(r"/en/dashboard/"))
    page.locator(f'a[href="/en/assignments/{joint.pk}/"]').click()
    expect(page.locator(".remark")).to_contain_text("List the banks present.")
    expect(page.get_by_role("button", name="Report again")).to_be_visible()
    # The choice persists: a fresh visit to the dashboard stays in English via links.
    page.get_by_role("navigation").get_by_role("link", name="Dashboard").click()
    page.wait_for_url(re.compile(r"/en/dashboard/$"))


def test_a_bill_file_is_previewed_applied_and_the_earlier_one_restored_on_a_phone_in_hindi(
    browser, live_server, settings, tmp_path
):
    """The Energy nodal officer's flow from the incident: a real file applied, then a 3-row test
    file that would wipe Jaipur's figures is shown as such, applied by mistake, and undone."""
    from sajag.reach.models import BillFile, ConsumerBills, Utility

    settings.MEDIA_ROOT = tmp_path
    Utility.objects.ensure_known()
    jvvnl = str(Utility.objects.named("JVVNL").get().pk)

    def counts():
        return sorted(ConsumerBills.objects.filter(file__state="applied").values_list("district__code", "consumers"))

    real = tmp_path / "jvvnl-october.csv"
    real.write_text(
        "consumer_id,district,billing_cycle,carried_1930\n"
        + "".join(f"K{i:06d},{'जयपुर' if i % 2 else 'JAIPUR'},2026-10,yes\n" for i in range(60))
        + "".join(f"T{i:06d},Tonk,2026-10,yes\n" for i in range(20)),
        encoding="utf-8",
    )
    test = tmp_path / "test.csv"
    test.write_text("consumer_id,district,billing_cycle,carried_1930\nX1,Jaipur,2026-10,yes\nX2,Jaipur,2026-10,yes\n")

    page = sign_in(browser, live_server, "t.energy_nodal", phone=True)
    page.goto(live_server.url + "/reach/bills/")
    expect(page.get_by_role("link", name="टेम्पलेट डाउनलोड करें")).to_be_visible()
    page.locator("select[name=utility]").select_option(jvvnl)
    page.set_input_files("input[type=file]", str(real))
    page.get_by_role("button", name=re.compile("अपलोड")).click()
    expect(page.get_by_role("heading", name="यह फ़ाइल क्या बदलेगी")).to_be_visible()
    assert counts() == []  # nothing changes before the officer applies it
    page.get_by_role("button", name="यह गिनती लागू करें").click()  # a required box is not ticked yet
    assert counts() == []
    page.get_by_label("मैंने चिह्नित जिले जांच लिए").check()
    page.get_by_role("button", name="यह गिनती लागू करें").click()
    expect(page.get_by_text(re.compile(r"\(JVVNL\) के लिए उपयोग में है"))).to_be_visible()
    assert counts() == [("jaipur", 60), ("tonk", 20)]

    page.locator("select[name=utility]").select_option(jvvnl)
    page.set_input_files("input[type=file]", str(test))
    page.get_by_role("button", name=re.compile("अपलोड")).click()
    expect(page.get_by_text("ज्ञात संख्या के आधे से कम").first).to_be_visible()  # Jaipur 2 of 60, Tonk 0 of 20
    assert counts() == [("jaipur", 60), ("tonk", 20)]
    page.get_by_label("मैंने चिह्नित जिले जांच लिए").check()
    page.get_by_role("button", name="यह गिनती लागू करें").click()  # by mistake
    expect(page.get_by_text(re.compile(r"\(JVVNL\) के लिए उपयोग में है"))).to_be_visible()
    assert counts() == [("jaipur", 2)]

    row = page.locator("tr", has_text="jvvnl-october.csv")
    row.get_by_role("button", name="वापस लाएं").click()
    expect(page.get_by_text(re.compile(r"\(JVVNL\) के लिए उपयोग में है"))).to_be_visible()
    assert counts() == [("jaipur", 60), ("tonk", 20)]
    assert BillFile.objects.get(source_name="test.csv").state == "replaced"
