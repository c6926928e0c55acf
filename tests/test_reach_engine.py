"""Consumer-level bill files: distinct counts against an independent count, DuckDB vs Spark
parity, and clear reports of bad input with nothing stored."""

import csv
import datetime as dt
import random
import shutil

import pytest
from django.core.management import CommandError, call_command

from sajag.reach import engine
from sajag.reach.models import ConsumerBills, Utility

WINDOW = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))


def known_utility(name: str) -> Utility:
    Utility.objects.ensure_known()
    return Utility.objects.named(name).get()


CODES = {"jaipur": "jaipur", "जयपुर": "jaipur", "kota": "kota", "102": "jaipur", "ajmer": "ajmer"}


def lookup(value: str):
    return CODES.get(value.strip().lower())


def write_bills(path, n=5000, seed=7, extra=()):
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        rows.append(
            (
                f"C{rng.randint(1, 1500):06d}",
                rng.choice(["Jaipur", "Kota", "Ajmer", "102"]),
                rng.choice(["2026-09", "2026-10", "2026-10-01", "2026-11"]),
                rng.choice(["yes", "no", "1", "true", "0"]),
            )
        )
    rows += list(extra)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["consumer_id", "district", "billing_cycle", "carried_1930"])
        w.writerows(rows)
    return rows


def independent_count(rows):
    seen = {}
    for consumer, district, cycle, carried in rows:
        if carried in ("yes", "1", "true") and cycle[:7] == "2026-10":
            seen.setdefault(lookup(district), set()).add(consumer)
    return {k: len(v) for k, v in seen.items()}


def test_distinct_consumers_per_district_match_an_independent_count(tmp_path):
    rows = write_bills(tmp_path / "bills.csv")
    result = engine.ingest_bills(tmp_path / "bills.csv", window=WINDOW, district_codes=lookup)
    assert result.ok and result.rows == 5000
    # "Jaipur" and its code "102" are the same district: a consumer under both counts once.
    assert result.counts == independent_count(rows)
    added_per_spelling = sum(
        independent_count([r for r in rows if r[1] == spelling]).get("jaipur", 0) for spelling in ("Jaipur", "102")
    )
    assert result.counts["jaipur"] < added_per_spelling  # the old, wrong way counted shared consumers twice


def test_a_consumer_under_three_spellings_is_one_consumer(tmp_path):
    rows = [
        ("C1", "Jaipur", "2026-10", "yes"),
        ("C1", "JAIPUR ", "2026-10", "yes"),
        ("C1", "102", "2026-10", "yes"),
        ("C2", "जयपुर", "2026-10", "yes"),
        ("C3", "Kota", "2026-10", "yes"),
        ("C3", "Kota", "2026-10", "yes"),  # billed twice in one cycle: a duplicate bill
    ]
    with open(tmp_path / "b.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["consumer_id", "district", "billing_cycle", "carried_1930"])
        w.writerows(rows)
    result = engine.ingest_bills(tmp_path / "b.csv", window=WINDOW, district_codes=lookup)
    assert result.counts == {"jaipur": 2, "kota": 1}
    assert result.duplicate_bills == 3  # C1 three times in October (two repeats) and C3 twice (one)


def test_parquet_gives_the_same_counts_as_csv(tmp_path):
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    write_bills(tmp_path / "bills.csv")
    pq.write_table(pacsv.read_csv(tmp_path / "bills.csv"), tmp_path / "bills.parquet")
    a = engine.ingest_bills(tmp_path / "bills.csv", window=WINDOW, district_codes=lookup)
    b = engine.ingest_bills(tmp_path / "bills.parquet", window=WINDOW, district_codes=lookup)
    assert a.counts == b.counts and a.duplicate_bills == b.duplicate_bills


@pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java 17")
def test_duckdb_and_spark_give_identical_numbers(tmp_path):
    write_bills(tmp_path / "bills.csv", n=2000, extra=[("C9", "Nowhere", "2026-10", "yes")])
    duck = engine.ingest_bills(tmp_path / "bills.csv", window=WINDOW, district_codes=lookup)
    spark = engine.ingest_bills(tmp_path / "bills.csv", window=WINDOW, district_codes=lookup, backend="pyspark")
    assert (duck.counts, duck.rows, duck.rows_in_window, duck.duplicate_bills, duck.problems) == (
        spark.counts,
        spark.rows,
        spark.rows_in_window,
        spark.duplicate_bills,
        spark.problems,
    )


def test_malformed_rows_and_unknown_districts_are_reported_with_counts(tmp_path):
    write_bills(
        tmp_path / "b.csv",
        n=100,
        extra=[
            ("", "Jaipur", "2026-10", "yes"),
            ("C1", "Jaipur", "October", "yes"),
            ("C2", "Jaipur", "2026-10", "maybe"),
            ("C3", "Atlantis", "2026-10", "yes"),
            ("C4", "Atlantis", "2026-10", "yes"),
        ],
    )
    result = engine.ingest_bills(tmp_path / "b.csv", window=WINDOW, district_codes=lookup)
    assert not result.ok
    assert "3 malformed rows" in result.problems[0]
    assert "'Atlantis' (2 rows)" in result.problems[1]


def test_a_file_with_the_wrong_columns_says_which_are_missing(tmp_path):
    (tmp_path / "x.csv").write_text("account,zone\n1,2\n", encoding="utf-8")
    with pytest.raises(
        engine.BillFileError, match=r"missing column.*consumer_id, district, billing_cycle, carried_1930"
    ):
        engine.ingest_bills(tmp_path / "x.csv", window=WINDOW, district_codes=lookup)


@pytest.mark.django_db
def test_the_command_stores_only_the_counts_and_replaces_a_utilitys_earlier_upload(tmp_path, capsys):
    rows = [
        ("C1", "Jaipur", "2026-10", "yes"),
        ("C1", "Jaipur", "2026-10", "yes"),
        ("C2", "Jaipur", "2026-10", "yes"),
        ("C3", "Kota", "2026-10", "yes"),
    ]
    path = tmp_path / "jvvnl.csv"
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["consumer_id", "district", "billing_cycle", "carried_1930"])
        w.writerows(rows)
    call_command("ingest_bills", str(path), "--utility", "JVVNL", "--department", "energy", "--by", "t.state")
    assert sorted(ConsumerBills.objects.values_list("district__code", "consumers")) == [("jaipur", 2), ("kota", 1)]
    assert "1 duplicate bills; 3 distinct consumers in 2 districts" in capsys.readouterr().out
    with open(path, "a", newline="") as fh:
        csv.writer(fh).writerow(["C4", "Atlantis", "2026-10", "yes"])
    with pytest.raises(CommandError, match="unknown districts: 'Atlantis'"):
        call_command("ingest_bills", str(path), "--utility", "JVVNL", "--department", "energy", "--by", "t.state")
    assert ConsumerBills.objects.count() == 2  # nothing changed


@pytest.mark.django_db
def test_a_bill_export_uploaded_on_the_web_is_counted_in_the_background_and_deleted(
    client, people, tmp_path, settings, task_queue
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from sajag.reach.models import BillIngestJob

    settings.MEDIA_ROOT = tmp_path / "media"
    body = "consumer_id,district,billing_cycle,carried_1930\nC1,Jaipur,2026-10,yes\nC2,Kota,2026-10,yes\n"
    client.force_login(people["energy_nodal"])
    response = client.post(
        reverse("reach:bill-upload"),
        {"utility": known_utility("JVVNL").pk, "file": SimpleUploadedFile("jvvnl-oct.csv", body.encode())},
    )
    job = BillIngestJob.objects.get()
    assert response.status_code == 302 and job.state == "queued"
    assert task_queue.run() == 1  # what a worker does
    job.refresh_from_db()
    assert job.state == "done" and "2 distinct consumers" in job.message
    assert not job.file and not list((tmp_path / "media" / "bill-exports").glob("*"))  # the raw file is gone
    assert sorted(ConsumerBills.objects.values_list("district__code", "consumers")) == [("jaipur", 1), ("kota", 1)]
    assert "Done" in client.get(reverse("reach:bill-job", args=[job.pk])).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"), [("state", 200), ("energy_nodal", 200), ("ipr_nodal", 403), ("collector", 403), ("discom", 403)]
)
def test_who_may_upload_bill_exports(client, people, who, status):
    from django.urls import reverse

    client.force_login(people[who])
    assert client.get(reverse("reach:bill-upload")).status_code == status


@pytest.mark.django_db
def test_the_energy_nodal_officer_cannot_send_a_file_for_phed(client, people, tmp_path, settings, task_queue):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from sajag.reach.models import BillIngestJob

    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["energy_nodal"])
    body = b"consumer_id,district,billing_cycle,carried_1930\nC1,Jaipur,2026-10,yes\n"
    for utility in (known_utility("PHED").pk, "PHED Jaipur City"):
        response = client.post(
            reverse("reach:bill-upload"),
            {"utility": utility, "department": "energy", "file": SimpleUploadedFile("phed.csv", body)},
        )
        assert response.status_code == 200 and "utility" in response.context["form"].errors
    assert not BillIngestJob.objects.exists() and task_queue.ready() == 0


def test_a_blank_flag_in_a_column_of_ones_and_zeros_is_malformed(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text(
        "consumer_id,district,billing_cycle,carried_1930\nC1,Jaipur,2026-10,1\nC2,Jaipur,2026-10,\nC3,Kota,2026-10,0\n"
    )
    result = engine.ingest_bills(path, window=WINDOW, district_codes=lookup)
    assert not result.ok and any("1 malformed rows" in p for p in result.problems)
