"""Utilities are records with a department: one department's officers and tokens never replace
another's bill figures (the API's side is in test_api.py, the access rule in test_access.py);
names written differently are one utility; free-text rows of before become utility records."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from sajag.clock import today as clock_today
from sajag.reach import actions
from sajag.reach.compute import district_reach
from sajag.reach.ingest import ingest_consumer_bills
from sajag.reach.models import BillIngestJob, ConsumerBills, Utility
from sajag.reach.utilities import KNOWN, utility_key

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["consumer_id", "district", "billing_cycle", "carried_1930"]


def known_utility(name: str) -> Utility:
    Utility.objects.ensure_known()
    return Utility.objects.select_related("department").named(name).get()


def export(path: Path, *rows: tuple[str, str]) -> Path:
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows((consumer, district, "2026-10", "yes") for consumer, district in rows)
    return path


def counts() -> list[tuple[str, str, int]]:
    """The counts in force (applied files)."""
    return sorted(
        ConsumerBills.objects.filter(file__state="applied").values_list(
            "file__utility__name", "district__code", "consumers"
        )
    )


# ---- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("JVVNL", "jvvnl"),
        ("jvvnl", "jvvnl"),
        (" Jvvnl ", "jvvnl"),
        ("J.V.V.N.L.", "jvvnl"),
        ("ＪＶＶＮＬ", "jvvnl"),  # full-width letters, as some Hindi keyboards type them
        ("PHED - Jaipur  City", "phed jaipur city"),
        ("JdVVNL", "jdvvnl"),
    ],
)
def test_a_utilitys_name_is_compared_without_case_spacing_or_dots(written, key):
    assert utility_key(written) == key


def test_the_known_utilities_have_distinct_keys_and_a_hindi_name():
    assert len({utility_key(u.name) for u in KNOWN}) == len(KNOWN)
    assert all(u.name_hi and u.department in ("energy", "phed") for u in KNOWN)


@pytest.mark.django_db
def test_rajasthans_utilities_are_made_under_their_departments_once(django_assert_num_queries):
    Utility.objects.all().delete()
    Utility.objects.ensure_known()
    assert sorted(Utility.objects.values_list("name", "department__code")) == [
        ("AVVNL", "energy"),
        ("JVVNL", "energy"),
        ("JdVVNL", "energy"),
        ("PHED", "phed"),
    ]
    with django_assert_num_queries(1):  # the keys present: nothing to make
        Utility.objects.ensure_known()
    assert Utility.objects.count() == 4


# ---- one department never replaces another's counts ----------------------------------------


@pytest.mark.django_db
def test_the_energy_nodal_officer_cannot_replace_phed_counts_through_the_web_form(
    client, people, campaign, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    phed = known_utility("PHED")
    ingest_consumer_bills(
        path=export(tmp_path / "phed.csv", ("W1", "Jaipur"), ("W2", "Jaipur")),
        campaign=campaign,
        utility=phed,
        by=people["state"],
    )
    client.force_login(people["energy_nodal"])
    page = client.get(reverse("reach:bill-upload"))
    assert [u.name for u in page.context["form"].fields["utility"].queryset] == ["AVVNL", "JVVNL", "JdVVNL"]
    body = b"consumer_id,district,billing_cycle,carried_1930\nE1,Jaipur,2026-10,yes\n"
    for posted in ({"utility": phed.pk}, {"utility": "PHED Jaipur City", "department": "energy"}):
        response = client.post(
            reverse("reach:bill-upload"),
            {**posted, "file": SimpleUploadedFile("e.csv", body)},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 200
        assert response.context["form"].errors["utility"] == ["Choose one of your department's utilities."]
    assert counts() == [("PHED", "jaipur", 2)]
    assert not BillIngestJob.objects.exists()


@pytest.mark.django_db
def test_the_actions_refuse_another_departments_utility_whoever_calls_them(people, campaign, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    phed = known_utility("PHED")
    ingest_consumer_bills(
        path=export(tmp_path / "phed.csv", ("W1", "Kota")), campaign=campaign, utility=phed, by=people["state"]
    )
    energy = people["energy_nodal"]
    with pytest.raises(PermissionDenied):
        ingest_consumer_bills(
            path=export(tmp_path / "e.csv", ("E1", "Kota")), campaign=campaign, utility=phed, by=energy
        )
    with pytest.raises(PermissionDenied):
        actions.submit_bill_file(
            campaign=campaign, by=energy, utility=phed, upload=SimpleUploadedFile("e.csv", b"consumer_id\n")
        )
    assert counts() == [("PHED", "kota", 1)]
    assert not BillIngestJob.objects.exists()


@pytest.mark.django_db
def test_each_utility_replaces_only_its_own_counts(people, campaign, tmp_path):
    jvvnl, phed = known_utility("JVVNL"), known_utility("PHED")
    state = people["state"]
    ingest_consumer_bills(path=export(tmp_path / "p.csv", ("W1", "Jaipur")), campaign=campaign, utility=phed, by=state)
    ingest_consumer_bills(
        path=export(tmp_path / "j1.csv", ("C1", "Jaipur"), ("C2", "Kota")), campaign=campaign, utility=jvvnl, by=state
    )
    ingest_consumer_bills(
        path=export(tmp_path / "j2.csv", ("C1", "Jaipur"), ("C3", "Jaipur")), campaign=campaign, utility=jvvnl, by=state
    )
    assert counts() == [("JVVNL", "jaipur", 2), ("PHED", "jaipur", 1)]


@pytest.mark.django_db
def test_the_same_utility_written_two_ways_is_not_counted_twice_in_the_reach(people, campaign, tmp_path):
    state = people["state"]
    for name in ("JVVNL", " jvvnl "):
        call_command(
            "ingest_bills",
            str(export(tmp_path / "j.csv", *((f"C{i}", "Jaipur") for i in range(30)))),
            "--utility",
            name,
            "--by",
            state.username,
        )
    assert counts() == [("JVVNL", "jaipur", 30)]
    jaipur = next(r for r in district_reach(campaign, today=campaign.ends_on) if r.district.code == "jaipur")
    bills = next(c for c in jaipur.reach.channels if c.channel == "bills")
    assert bills.inputs["electricity_households"] == pytest.approx(30 * 0.85)  # not 60 consumers


@pytest.mark.django_db
def test_the_command_names_the_utilities_and_refuses_another_departments(people, tmp_path):
    path = export(tmp_path / "b.csv", ("C1", "Jaipur"))
    with pytest.raises(CommandError, match="PHED is a utility of the PHED department"):
        call_command("ingest_bills", str(path), "--utility", "phed", "--by", people["energy_nodal"].username)
    with pytest.raises(
        CommandError, match=r"no utility called “Jaipur Power”\. Name one of yours: AVVNL, JVVNL, JdVVNL"
    ):
        call_command("ingest_bills", str(path), "--utility", "Jaipur Power", "--by", people["energy_nodal"].username)
    with pytest.raises(CommandError, match="JVVNL is a utility of the energy department, not phed"):
        call_command("ingest_bills", str(path), "--utility", "JVVNL", "--department", "phed", "--by", "t.state")
    assert not ConsumerBills.objects.exists()


# ---- the free text of before -----------------------------------------------------------------

MIGRATION_SCRIPT = r"""
import datetime as dt, json
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

call_command("migrate", verbosity=0)
call_command("migrate", "reach", "0005", verbosity=0)
from sajag.accounts.models import User
from sajag.campaigns.seed import seed_campaign
from sajag.geo.reference import load_reference_data

load_reference_data()
campaign, _ = seed_campaign()
user = User.objects.create(username="before")
old = MigrationExecutor(connection).loader.project_state(
    ("reach", "0005_billingestjob_attempts_billingestjob_done_and_more")
).apps
ConsumerBills, Job = old.get_model("reach", "ConsumerBills"), old.get_model("reach", "BillIngestJob")
Department, District = old.get_model("geo", "Department"), old.get_model("geo", "District")
energy, phed = Department.objects.get(code="energy"), Department.objects.get(code="phed")
at = dt.datetime(2026, 10, 10, tzinfo=dt.UTC)


def bills(name, department, district, n, hours):
    row = ConsumerBills.objects.create(
        campaign_id=campaign.pk, district=District.objects.get(code=district), department=department,
        utility=name, consumers=n, window_start=campaign.starts_on, window_end=campaign.ends_on,
        source_name="x.csv", source_rows=n, uploaded_by_id=user.pk,
    )
    ConsumerBills.objects.filter(pk=row.pk).update(uploaded_at=at + dt.timedelta(hours=hours))


bills("JVVNL", energy, "jaipur", 100, 0)
bills("JVVNL", energy, "kota", 50, 0)
bills(" jvvnl", energy, "jaipur", 120, 5)  # the same utility, uploaded again later
bills("PHED Jaipur City", phed, "jaipur", 30, 0)
for name, department in (("Jvvnl ", "energy"), ("Bikaner Power", "energy")):
    Job.objects.create(campaign_id=campaign.pk, utility=name, department=department, original_name="b.csv",
                       created_by_id=user.pk)

call_command("migrate", "reach", verbosity=0)
from sajag.reach.models import BillIngestJob, ConsumerBills as Now, Utility

after = {
    "utilities": sorted(Utility.objects.values_list("name", "key", "department__code")),
    "counts": sorted(
        Now.objects.filter(file__state="applied").values_list("file__utility__name", "district__code", "consumers")
    ),
    "jobs": sorted(BillIngestJob.objects.values_list("utility__name", "utility__department__code")),
}
call_command("migrate", "reach", "0005", verbosity=0)
after["back"] = sorted(ConsumerBills.objects.values_list("utility", "department__code", "district__code", "consumers"))
after["jobs_back"] = sorted(Job.objects.values_list("utility", "department"))
print(json.dumps(after))
"""


def test_free_text_utilities_become_records_and_one_utility_is_counted_once(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sajag.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'before.sqlite3'}",
        "SAJAG_MEDIA_ROOT": str(tmp_path / "media"),
        "SAJAG_SPOOL_DIR": str(tmp_path / "spool"),
    }
    done = subprocess.run(
        [sys.executable, "-c", MIGRATION_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    after = json.loads(done.stdout.strip().splitlines()[-1])
    assert [tuple(u) for u in after["utilities"]] == [
        ("Bikaner Power", "bikaner power", "energy"),  # unknown: the row's department
        ("JVVNL", "jvvnl", "energy"),
        ("PHED Jaipur City", "phed jaipur city", "phed"),
    ]
    # "JVVNL" and " jvvnl" were one utility: the later upload's counts, as a replacement keeps.
    assert [tuple(c) for c in after["counts"]] == [("JVVNL", "jaipur", 120), ("PHED Jaipur City", "jaipur", 30)]
    assert [tuple(j) for j in after["jobs"]] == [("Bikaner Power", "energy"), ("JVVNL", "energy")]
    # And back: the names as text again, with their departments.
    assert [tuple(c) for c in after["back"]] == [
        ("JVVNL", "energy", "jaipur", 120),
        ("PHED Jaipur City", "phed", "jaipur", 30),
    ]
    assert [tuple(j) for j in after["jobs_back"]] == [("Bikaner Power", "energy"), ("JVVNL", "energy")]


# ---- a web upload is a preview; applying, withdrawing and restoring are one step each --------


def _upload(client, name: str, rows) -> BillIngestJob:
    body = "consumer_id,district,billing_cycle,carried_1930\n" + "".join(f"{c},{d},2026-10,yes\n" for c, d in rows)
    response = client.post(
        reverse("reach:bill-upload"),
        {"utility": known_utility("JVVNL").pk, "file": SimpleUploadedFile(name, body.encode())},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    return BillIngestJob.objects.latest("pk")


@pytest.mark.django_db
def test_a_web_upload_changes_nothing_until_applied_and_the_previous_file_is_restored_in_one_step(
    client, people, campaign, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["energy_nodal"])
    real = _upload(client, "october.csv", [(f"C{i}", "Jaipur") for i in range(40)] + [("K1", "Kota")])
    assert counts() == []  # a preview: nothing in use yet
    page = client.get(reverse("reach:bill-job", args=[real.pk])).content.decode()
    assert "What this file would change" in page and "Apply these counts" in page
    client.post(reverse("reach:bill-file-step", args=[real.counted_id, "apply"]), {"confirm_thin": "1"})
    assert counts() == [("JVVNL", "jaipur", 40), ("JVVNL", "kota", 1)]

    test = _upload(client, "test.csv", [("C1", "Jaipur"), ("C2", "Jaipur")])
    page = client.get(reverse("reach:bill-job", args=[test.pk])).content.decode()
    assert "under half of what is known" in page  # 2 against 40 in Jaipur, 0 against 1 in Kota
    assert counts() == [("JVVNL", "jaipur", 40), ("JVVNL", "kota", 1)]
    refused = client.post(reverse("reach:bill-file-step", args=[test.counted_id, "apply"]), follow=True)
    assert "Not applied: the file looks thin in" in refused.content.decode()  # not without confirming
    assert counts() == [("JVVNL", "jaipur", 40), ("JVVNL", "kota", 1)]
    client.post(reverse("reach:bill-file-step", args=[test.counted_id, "apply"]), {"confirm_thin": "1"})  # anyway
    assert counts() == [("JVVNL", "jaipur", 2)]
    listing = client.get(reverse("reach:bill-upload")).content.decode()
    assert "Restore" in listing and "october.csv" in listing
    client.post(
        reverse("reach:bill-file-step", args=[real.counted_id, "apply"]), {"confirm_thin": "1"}
    )  # one step back
    assert counts() == [("JVVNL", "jaipur", 40), ("JVVNL", "kota", 1)]
    history = LogEntry.objects.get_for_object(test.counted).order_by("timestamp")
    assert [e.actor for e in history][-1] == people["energy_nodal"]
    assert any(e.changes_dict.get("state") == ["applied", "replaced"] for e in history)
    client.post(reverse("reach:bill-file-step", args=[real.counted_id, "withdraw"]))
    assert counts() == []


@pytest.mark.django_db
def test_another_departments_officer_cannot_see_or_apply_a_bill_file(client, people, campaign, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["energy_nodal"])
    job = _upload(client, "october.csv", [("C1", "Jaipur")])
    for who in ("ipr_nodal", "collector", "discom", "viewer", "no_posting"):
        client.force_login(people[who])
        page = client.get(reverse("reach:bill-job", args=[job.pk]))
        if who == "viewer":  # sees the state's work, decides nothing
            assert page.status_code == 200 and "Apply these counts" not in page.content.decode()
        else:
            assert page.status_code in (403, 404), who
        response = client.post(reverse("reach:bill-file-step", args=[job.counted_id, "apply"]), {"confirm_thin": "1"})
        assert response.status_code in (403, 404), who
    assert counts() == []


@pytest.mark.django_db
def test_the_bill_template_is_the_format_the_counter_reads(client, people, tmp_path):
    client.force_login(people["energy_nodal"])
    response = client.get(reverse("reach:bill-template"))
    assert response.status_code == 200
    path = tmp_path / "template.csv"
    path.write_bytes(response.content)
    from sajag.reach import engine
    from sajag.reach.ingest import district_lookup

    window = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    result = engine.ingest_bills(path, window=window, district_codes=district_lookup())
    assert result.ok and result.counts == {"jaipur": 2}, result.problems
    client.force_login(people["collector"])
    assert client.get(reverse("reach:bill-template")).status_code == 403


def _bills(campaign, code="jaipur", today=None):
    row = next(r for r in district_reach(campaign, today=today or campaign.ends_on) if r.district.code == code)
    return next(c for c in row.reach.channels if c.channel == "bills")


@pytest.mark.django_db
def test_a_consumer_file_replaces_its_own_utilitys_bill_runs_not_anothers(people, campaign, tmp_path):
    from sajag.activities import actions as records
    from sajag.activities.models import BillRun
    from sajag.campaigns.models import Assignment

    for department, utility, n in (("energy", "JVVNL", 100_000), ("phed", "PHED Jaipur City", 40_000)):
        a = Assignment.objects.get(directive__number=3, district__code="jaipur", department__code=department)
        records.record_with_evidence(
            model=BillRun,
            assignment=a,
            by=people["state"],
            fields={"department": a.department, "utility": utility, "cycle": dt.date(2026, 10, 1), "bills_printed": n},
        )
    before = _bills(campaign).inputs
    assert (before["electricity_households"], before["water_households"]) == (85_000, 34_000)
    ingest_consumer_bills(
        path=export(tmp_path / "j.csv", *((f"C{i}", "Jaipur") for i in range(50))),
        campaign=campaign,
        utility=known_utility("JVVNL"),
        by=people["state"],
    )
    after = _bills(campaign).inputs
    assert after["electricity_households"] == pytest.approx(50 * 0.85)  # JVVNL's file replaced JVVNL's run
    assert after["water_households"] == 34_000  # PHED's bill run is untouched


@pytest.mark.django_db
def test_a_files_consumers_are_all_reached_once_its_first_billing_month_is_over(people, campaign, tmp_path):
    ingest_consumer_bills(
        path=export(tmp_path / "j.csv", *((f"C{i}", "Jaipur") for i in range(62))),
        campaign=campaign,
        utility=known_utility("JVVNL"),
        by=people["state"],
        window=(dt.date(2026, 10, 1), dt.date(2026, 12, 31)),  # three billing months
    )
    mid = _bills(campaign, today=dt.date(2026, 10, 16)).inputs["electricity_households"]
    assert mid == pytest.approx(round(62 * 16 / 31) * 0.85)  # half of October gone: half the consumers
    assert _bills(campaign, today=dt.date(2026, 10, 31)).inputs["electricity_households"] == pytest.approx(62 * 0.85)


@pytest.mark.django_db
def test_the_preview_shows_each_districts_reach_now_and_with_the_file(client, people, campaign, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["energy_nodal"])
    job = _upload(client, "october.csv", [(f"C{i}", "Kota") for i in range(5000)])
    page = client.get(reverse("reach:bill-job", args=[job.pk]))
    (row,) = page.context["preview"]["rows"]
    assert row.district.code == "kota" and row.consumers == 5000
    assert row.before == 0.0
    kota = next(r for r in district_reach(campaign, today=clock_today()) if r.district.code == "kota")
    expected = 5000 * 0.85 * kota.district.persons_per_household / kota.district.population_2011
    assert row.after == pytest.approx(expected)  # what /reach/ will show once applied
    client.post(reverse("reach:bill-file-step", args=[job.counted_id, "apply"]), {"confirm_thin": "1"})
    kota = next(r for r in district_reach(campaign, today=clock_today()) if r.district.code == "kota")
    assert kota.reach.combined == pytest.approx(expected)


@pytest.mark.django_db
def test_a_step_that_changes_nothing_says_so_and_a_discarded_file_is_never_applied(
    client, people, campaign, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["energy_nodal"])
    job = _upload(client, "october.csv", [("C1", "Jaipur")])

    def step(name):
        return client.post(
            reverse("reach:bill-file-step", args=[job.counted_id, name]), {"confirm_thin": "1"}, follow=True
        )

    assert "was discarded" in step("discard").content.decode()
    page = step("apply").content.decode()
    assert "Nothing changed: october.csv is Discarded." in page
    assert counts() == []
    assert "Nothing changed" in step("withdraw").content.decode()


@pytest.mark.django_db
def test_a_departments_officer_reviews_a_file_the_state_uploaded(client, people, campaign, tmp_path):
    _result, bill_file = ingest_consumer_bills(
        path=export(tmp_path / "s.csv", ("C1", "Jaipur")),
        campaign=campaign,
        utility=known_utility("JVVNL"),
        by=people["state"],
        apply=False,
    )
    client.force_login(people["energy_nodal"])
    page = client.get(reverse("reach:bill-file", args=[bill_file.pk])).content.decode()
    assert "What this file would change" in page and "Apply these counts" in page
    listing = client.get(reverse("reach:bill-upload")).content.decode()
    assert reverse("reach:bill-file", args=[bill_file.pk]) in listing
    client.force_login(people["ipr_nodal"])
    assert client.get(reverse("reach:bill-file", args=[bill_file.pk])).status_code in (403, 404)
