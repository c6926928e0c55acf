"""The one job system: its state machine (in process), and real worker processes killed with
SIGKILL in the middle of a kit build and of an import (nothing half-written, retried, never
"running" for ever)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import psycopg
import pytest
from django.utils import timezone

from sajag.activities import jobs as import_jobs
from sajag.activities.models import Hoarding, ImportJob
from sajag.campaigns.models import Directive
from sajag.core import jobs
from sajag.materials.models import KitBuild
from sajag.reports.models import Report

from .browser import CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
HEADER = "District,City,Site / intersection,Latitude,Longitude,Size,Language,Installed on,Removed on,Passers-by per day"


def hoardings_csv(n: int) -> bytes:
    rows = [HEADER] + [f"Jaipur,Jaipur,Chauraha {i},,,,hi,2026-10-05,,1200" for i in range(n)]
    return ("\n".join(rows) + "\n").encode()


def a_kit(campaign, people, **fields) -> KitBuild:
    """A kit build of Ajmer (district 1) asked by the state, in English, with `fields` set."""
    return KitBuild.objects.create(
        campaign=campaign, district_id=1, batch="b", created_by=people["state"], ui_language="en", **fields
    )


# ---- the state machine, in process ------------------------------------------------------------


@pytest.mark.django_db
def test_a_job_is_queued_claimed_once_and_ends_with_an_outcome(people, task_queue):
    job = import_jobs.start_import(
        directive=Directive.objects.get(number=1), by=people["dpro"], name="h.csv", data=hoardings_csv(3)
    )
    assert (job.state, job.attempts, job.started_at) == ("queued", 0, None) and job.task_id
    assert task_queue.run() == 1
    job.refresh_from_db()
    assert (job.state, job.attempts, job.created_count) == ("done", 1, 3)
    assert job.started_at <= job.finished_at and job.worker
    # A second delivery of the same task (a queue may deliver twice) finds it taken: nothing runs.
    assert jobs.execute(ImportJob, job.pk) is None
    assert Hoarding.objects.filter(import_job=job).count() == 3


@pytest.mark.django_db
def test_refused_input_says_why_in_the_askers_language(people):
    from django.utils import translation

    said = {}
    for lang in ("hi", "en"):
        with translation.override(lang):
            job = import_jobs.start_import(
                directive=Directive.objects.get(number=1), by=people["dpro"], name="h.csv", data=b""
            )
        said[lang] = (job.state, job.ui_language, job.message)
    assert said == {"hi": ("refused", "hi", "फाइल खाली है।"), "en": ("refused", "en", "The file is empty.")}


@pytest.mark.django_db
def test_a_bug_fails_the_job_with_a_message_and_keeps_nothing(people, monkeypatch):
    from sajag.activities import importing

    def broken(**kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr(importing, "check_and_import", broken)
    job = import_jobs.start_import(
        directive=Directive.objects.get(number=1), by=people["dpro"], name="h.csv", data=hoardings_csv(2)
    )
    assert job.state == "failed" and "nothing was kept" in job.message and job.finished_at
    assert not Hoarding.objects.filter(import_job=job).exists()


@pytest.mark.django_db
def test_a_job_whose_worker_is_gone_is_retried_then_failed_never_left_running(people, campaign, task_queue):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])  # a process of this machine that has ended
    dead.wait()
    gone = f"{jobs.worker_name().split(':')[0]}:{dead.pid}:1"
    kit = a_kit(campaign, people, state="running", worker=gone, attempts=1)
    elsewhere = Report.objects.create(
        campaign=campaign,
        language="en",
        ui_language="en",
        as_of=campaign.starts_on,
        created_by=people["state"],
        state="running",
        worker="other-host:42",
        attempts=3,
        heartbeat_at=timezone.now(),
    )
    assert jobs.recover() == [("materials.kitbuild", kit.pk, "queued")]  # the other host still beats
    kit.refresh_from_db()
    assert kit.state == "queued" and "attempt 2 of 3" in kit.message and task_queue.ready() == 1
    # Another machine's worker that stopped beating: its third attempt was the last.
    later = timezone.now() + dt.timedelta(seconds=121)
    assert jobs.recover(now=later) == [("reports.report", elsewhere.pk, "failed")]
    elsewhere.refresh_from_db()
    assert elsewhere.state == "failed" and "stopped 3 times" in elsewhere.message and elsewhere.finished_at


@pytest.mark.django_db
def test_a_job_that_is_not_safe_to_repeat_is_failed_not_retried(campaign, monkeypatch):
    from sajag.reminders.models import DigestRun

    run = DigestRun.objects.create(
        campaign=campaign, day=campaign.starts_on, state="running", worker="gone:1", ui_language="en"
    )
    monkeypatch.setattr(DigestRun, "retry_safe", False)
    assert jobs.recover(now=timezone.now() + dt.timedelta(hours=1)) == [("reminders.digestrun", run.pk, "failed")]
    run.refresh_from_db()
    assert run.state == "failed" and "check what was done" in run.message


# ---- real workers, killed --------------------------------------------------------------------


class Workers:
    """A temporary database — SQLite, or a PostgreSQL one of its own when the suite runs on
    PostgreSQL — and `manage.py worker` processes on it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db = folder / "sajag.sqlite3"
        self.pg = os.environ.get("DATABASE_URL", "").startswith("postgres")
        url = f"sqlite:///{self.db}"
        if self.pg:
            base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
            self.pg_name = f"sajag_workers_{os.getpid()}_{int(time.time())}"
            url = f"{base}/{self.pg_name}"
            with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{self.pg_name}"')
        self.url = url
        self.media = folder / "media"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "sajag.settings",
            "DATABASE_URL": url,
            "SAJAG_MEDIA_ROOT": str(self.media),
            "SAJAG_SPOOL_DIR": str(folder / "spool"),
            "SAJAG_TASKS": "database",
            "SAJAG_JOB_HEARTBEAT_SECONDS": "1",
            "SAJAG_DEBUG": "0",
        }
        self.procs: list[subprocess.Popen] = []

    def python(self, code: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout.strip()

    def start(self) -> subprocess.Popen:
        log = open(self.folder / "worker.log", "ab")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--no-startup-delay", "--interval", "0.2"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.procs.append(proc)
        return proc

    def kill(self, proc: subprocess.Popen) -> None:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)

    def drop(self) -> None:
        if self.pg:
            with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')

    def row(self, sql: str, *params) -> tuple:
        if self.pg:
            with psycopg.connect(self.url) as conn:
                return conn.execute(sql.replace("?", "%s"), params).fetchone()
        with sqlite3.connect(self.db, timeout=30) as db:
            return db.execute(sql, params).fetchone()

    def wait(self, sql: str, *params, seconds: float = 180) -> tuple:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            got = self.row(sql, *params)
            if got and all(v is not None for v in got):
                return got
            time.sleep(0.1)
        log = (self.folder / "worker.log").read_text(errors="replace")[-3000:]
        raise AssertionError(f"waited {seconds}s for: {sql} {params}\n{log}")


@pytest.fixture
def workers(tmp_path):
    w = Workers(tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=w.env, check=True, timeout=300
    )
    yield w
    w.stop_all()
    w.drop()


SEED = (
    "from sajag.geo.reference import load_reference_data; from sajag.campaigns.seed import seed_campaign; "
    "from tests.personas import make_personas; load_reference_data(); seed_campaign(); make_personas(); "
    "from sajag.accounts.models import User; from sajag.campaigns.models import Campaign, Directive; "
    "from sajag.geo.models import District; "
)


@pytest.mark.live
@pytest.mark.skipif(
    not CHROMIUM.exists() and os.environ.get("SAJAG_REQUIRE_BROWSER") != "1", reason="kits need Chromium"
)
def test_a_worker_killed_mid_kit_leaves_nothing_to_download_and_the_next_worker_builds_it(workers):
    out = workers.python(
        SEED + "from sajag.materials.jobs import queue; "
        "kit = queue(Campaign.objects.get(), [District.objects.get(code='jaipur')], "
        "User.objects.get(username='t.state'))[0]; print(kit.pk, kit.state)"
    )
    kit_id, state = out.splitlines()[-1].split()
    assert state == "queued"
    first = workers.start()
    workers.wait("SELECT 1 FROM materials_kitbuild WHERE id = ? AND state = 'running' AND done >= 6", kit_id)
    workers.kill(first)
    state, file, worker = workers.row("SELECT state, file, worker FROM materials_kitbuild WHERE id = ?", kit_id)
    assert (state, file) == ("running", "") and worker.split(":")[1] == str(first.pid)  # nothing offered
    assert not list((workers.media / "kits").glob("*.zip"))
    assert list((workers.media / "kits" / "building").glob("*.zip"))  # the half-written ZIP, aside

    # The next worker finds the holder's process gone, queues the kit again and builds it.
    workers.start()
    workers.wait("SELECT 1 FROM materials_kitbuild WHERE id = ? AND state IN ('done', 'failed')", kit_id)
    state, attempts, done, total, file, message = workers.row(
        "SELECT state, attempts, done, total, file, message FROM materials_kitbuild WHERE id = ?", kit_id
    )
    assert (state, attempts) == ("done", 2), message
    archive = zipfile.ZipFile(workers.media / file)
    assert len(archive.namelist()) == done + 1 == total + 1 and archive.testzip() is None
    assert not list((workers.media / "kits" / "building").glob("*.zip"))  # nothing left aside
    assert workers.row("SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'")[0] == 0


@pytest.mark.live
def test_a_worker_killed_mid_import_stores_nothing_and_the_next_worker_imports_every_row_once(workers):
    rows = 20000
    (workers.folder / "big.csv").write_bytes(hoardings_csv(rows))
    out = workers.python(
        SEED + "from sajag.activities.jobs import start_import; "
        "imp = start_import(directive=Directive.objects.get(number=1), by=User.objects.get(username='t.dpro'), "
        f"name='big.csv', data=open({str(workers.folder / 'big.csv')!r}, 'rb').read()); print(imp.pk, imp.state)"
    )
    import_id, state = out.splitlines()[-1].split()
    assert state == "queued"
    # Killed once every row is checked, as it stores them in one transaction.
    first = workers.start()
    workers.wait("SELECT 1 FROM activities_importjob WHERE id = ? AND state = 'running' AND done >= ?", import_id, rows)
    workers.kill(first)
    state = workers.row("SELECT state FROM activities_importjob WHERE id = ?", import_id)[0]
    stored = workers.row("SELECT COUNT(*) FROM activities_hoarding")[0]
    assert (state, stored) in (("running", 0), ("running", rows), ("done", rows))  # all or nothing

    workers.start()
    workers.wait("SELECT 1 FROM activities_importjob WHERE id = ? AND state IN ('done', 'failed')", import_id)
    state, attempts, created, existing = workers.row(
        "SELECT state, attempts, created_count, existing_count FROM activities_importjob WHERE id = ?", import_id
    )
    assert state == "done" and attempts in (1, 2)
    # Every row once, and counted as this import's even when the first run had stored them.
    assert (created, existing) == (rows, 0)
    assert workers.row("SELECT COUNT(*) FROM activities_hoarding")[0] == rows
    assert workers.row("SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'")[0] == 0


@pytest.mark.django_db
def test_a_queued_job_whose_task_the_queue_lost_is_put_on_the_queue_again(people, campaign, task_queue):
    from django_tasks_db.models import DBTaskResult

    kit = a_kit(campaign, people)
    jobs.start(kit)
    kit.refresh_from_db()
    DBTaskResult.objects.filter(id=kit.task_id).delete()  # as if pruned, or the enqueue never landed
    assert jobs.recover() == []  # not yet: it was queued only a moment ago
    later = timezone.now() + dt.timedelta(seconds=121)
    assert jobs.recover(now=later) == [("materials.kitbuild", kit.pk, "queued")]
    assert jobs.recover(now=later) == []  # once
    kit.refresh_from_db()
    assert task_queue.ready() == 1 and DBTaskResult.objects.filter(id=kit.task_id).exists()


@pytest.mark.django_db
def test_the_progress_row_says_when_no_worker_has_taken_a_job(client, people, campaign, task_queue):
    from django.urls import reverse
    from django.utils import translation

    kit = a_kit(campaign, people)
    client.force_login(people["state"])
    with translation.override("en"):
        url = reverse("materials:kit", args=[kit.pk])
    row = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "as soon as a worker is free" in row and "hx-trigger" in row
    KitBuild.objects.filter(pk=kit.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    row = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "No task worker has taken it yet" in row and "hx-trigger" in row  # and it keeps asking


@pytest.mark.django_db
def test_a_job_this_very_process_no_longer_runs_is_recovered(people, campaign, task_queue):
    # e.g. its outcome could not be written (the database restarted): the worker lives on.
    kit = a_kit(campaign, people, state="running", worker=jobs.worker_name())
    assert jobs.recover() == [("materials.kitbuild", kit.pk, "queued")]


@pytest.mark.django_db
def test_a_pid_now_used_by_another_process_does_not_keep_a_dead_workers_job(people, campaign, task_queue):
    host, pid, _started = jobs.worker_name().split(":")
    kit = KitBuild.objects.create(
        campaign=campaign,
        district_id=1,
        batch="b",
        created_by=people["state"],
        state="running",
        worker=f"{host}:{pid}:12345",
        ui_language="en",  # this pid, but a process started at another time
    )
    assert jobs.recover() == [("materials.kitbuild", kit.pk, "queued")]


@pytest.mark.django_db
def test_an_outcome_is_not_written_over_a_job_another_worker_has_taken_over(people, monkeypatch):
    from sajag.activities import importing

    real = importing.check_and_import

    def taken_over(**kwargs):
        ImportJob.objects.filter(pk=kwargs["job"].pk).update(worker="other-host:1:1", attempts=2)
        return real(**kwargs)

    monkeypatch.setattr(importing, "check_and_import", taken_over)
    job = import_jobs.start_import(
        directive=Directive.objects.get(number=1), by=people["dpro"], name="h.csv", data=hoardings_csv(2)
    )
    job.refresh_from_db()
    assert (job.state, job.worker, job.attempts) == ("running", "other-host:1:1", 2)  # the other's, untouched


@pytest.mark.django_db
def test_a_task_taken_by_a_worker_that_died_before_claiming_the_job_is_queued_again(people, campaign, task_queue):
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    kit = jobs.start(a_kit(campaign, people))
    long_ago = timezone.now() - dt.timedelta(minutes=10)
    DBTaskResult.objects.filter(id=kit.task_id).update(status=TaskResultStatus.RUNNING, started_at=long_ago)
    KitBuild.objects.filter(pk=kit.pk).update(created_at=long_ago)
    assert jobs.recover() == [("materials.kitbuild", kit.pk, "queued")]
    assert DBTaskResult.objects.get(id=kit.task_id).status == TaskResultStatus.FAILED  # the lost one
    assert task_queue.ready() == 1


@pytest.mark.django_db
def test_a_long_queue_behind_live_workers_is_not_called_unattended(people, campaign):
    from sajag.core.models import Worker

    kit = a_kit(campaign, people)
    KitBuild.objects.filter(pk=kit.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    kit.refresh_from_db()
    assert kit.unattended
    Worker.objects.create(name="vm:1:1", seen_at=timezone.now())
    assert not kit.unattended


@pytest.mark.django_db
def test_a_bill_file_is_deleted_when_its_job_fails_in_recovery(people, campaign, tmp_path, settings):
    from django.core.files.base import ContentFile

    from sajag.reach.models import BillIngestJob, Utility

    settings.MEDIA_ROOT = tmp_path
    Utility.objects.ensure_known()
    job = BillIngestJob(
        campaign=campaign,
        utility=Utility.objects.named("JVVNL").get(),
        original_name="x.csv",
        created_by=people["energy_nodal"],
        state="running",
        worker="gone:1:1",
        attempts=3,
        ui_language="en",
    )
    job.file.save("export.csv", ContentFile(b"consumer_id,district,billing_cycle,carried_1930\n"), save=False)
    job.save()
    path = Path(job.file.path)
    assert jobs.recover(now=timezone.now() + dt.timedelta(hours=1)) == [("reach.billingestjob", job.pk, "failed")]
    job.refresh_from_db()
    assert not job.file and not path.exists()  # consumer numbers are not kept


@pytest.mark.django_db
def test_only_those_who_build_kits_and_reports_can_queue_them(people, campaign):
    from django.core.exceptions import PermissionDenied

    from sajag.geo.models import District
    from sajag.materials.jobs import queue as queue_kits
    from sajag.reports.jobs import queue as queue_reports

    jaipur, ajmer = District.objects.get(code="jaipur"), District.objects.get(code="ajmer")
    with pytest.raises(PermissionDenied):
        queue_kits(campaign, [jaipur], people["sp"])
    with pytest.raises(PermissionDenied):
        queue_kits(campaign, [ajmer], people["collector"])
    with pytest.raises(PermissionDenied):
        queue_reports(campaign, districts=[None], languages=["en"], as_of=campaign.starts_on, user=people["collector"])
    assert not KitBuild.objects.exists() and not Report.objects.exists()
