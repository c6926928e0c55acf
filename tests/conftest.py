import os

import pytest

from sajag.campaigns.seed import seed_campaign
from sajag.geo.reference import load_reference_data

from .personas import make_personas


def pytest_configure(config):
    from django.conf import settings

    # Tests render templates without a prior collectstatic: plain static storage.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    # Short-link visit spools of the test process: never in the project's var/.
    import tempfile

    settings.SAJAG_SPOOL_DIR = tempfile.mkdtemp(prefix="sajag-test-spool-")
    # Per-client limits share one in-memory cache across tests: off, except where a test
    # turns them on (tests/test_hardening.py).
    settings.SAJAG_RATE_SHORT_LINKS = 0
    settings.SAJAG_RATE_PUBLIC_PAGES = 0
    # Jobs run at once in the test process, through the same state machine (sajag.core.jobs);
    # the `task_queue` fixture puts them on the real database queue instead, and
    # tests/test_jobs.py runs real worker processes.
    settings.TASKS = IMMEDIATE_TASKS
    from django_tasks.signals import clear_tasks_handlers

    clear_tasks_handlers(setting="TASKS")


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class TaskQueue:
    """The database task queue, drained here by the worker's own code (django-tasks-db's
    ``Worker.run_task``) without closing the test's connection as its loop would."""

    def ready(self) -> int:
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.ready().count()

    def run(self) -> int:
        from django.db import transaction
        from django_tasks_db.management.commands.db_worker import Worker
        from django_tasks_db.models import DBTaskResult

        worker = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        )
        n = 0
        while True:
            with transaction.atomic():
                result = DBTaskResult.objects.ready().get_locked()
                if result is None:
                    return n
                result.claim("test-worker")
            worker.run_task(result)
            n += 1


@pytest.fixture
def task_queue(settings):
    settings.TASKS = DATABASE_TASKS
    return TaskQueue()


def pytest_collection_modifyitems(config, items):
    # Browser tests use a live server and a flushed (transactional) database, which wipes the
    # session's shared data; they run last so the other tests keep it.
    # So do the other tests that flush it (the backup round trip).
    items.sort(
        key=lambda item: item.get_closest_marker("browser") is not None or "transactional_db" in item.fixturenames
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data, the brief's campaign with its 246 assignments, and the personas: made once."""
    with django_db_blocker.unblock():
        load_reference_data()
        seed_campaign()
        make_personas()


@pytest.fixture
def people(db):
    from sajag.accounts.models import User

    return {u.username.removeprefix("t."): u for u in User.objects.filter(username__startswith="t.")}


@pytest.fixture
def campaign(db):
    from sajag.campaigns.models import Campaign

    return Campaign.objects.get()


@pytest.fixture
def jaipur_hoardings(db):
    """The I&PR hoardings assignment in Jaipur (directive 1)."""
    from sajag.campaigns.models import Assignment

    return Assignment.objects.get(directive__number=1, district__code="jaipur")


@pytest.fixture
def jaipur_joint(db):
    """The Collector-and-SP assignment in Jaipur (directive 5)."""
    from sajag.campaigns.models import Assignment

    return Assignment.objects.get(directive__number=5, district__code="jaipur")


@pytest.fixture
def ajmer_joint(db):
    from sajag.campaigns.models import Assignment

    return Assignment.objects.get(directive__number=5, district__code="ajmer")


@pytest.fixture(autouse=True)
def english_messages():
    """Messages raised outside a request are read in English unless a test says otherwise;
    requests set their own language from the URL."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls in these tests
    # happen between browser steps, never concurrently with them.
    from playwright.sync_api import sync_playwright

    from .browser import ARGS, CHROMIUM

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def browser_data(transactional_db):
    """A transactional test flushes the database when it ends: put back what the next needs."""
    from sajag.campaigns.models import Campaign
    from sajag.campaigns.seed import seed_campaign
    from sajag.geo.reference import load_reference_data

    from .personas import make_personas

    if not Campaign.objects.exists():
        load_reference_data()
        seed_campaign()
        make_personas()
    from sajag.materials.models import BillFormat, MessageVersion, Topic
    from sajag.materials.seed import seed_materials

    if not Topic.objects.exists():  # made by a data migration, which the flush also wipes
        seed_materials(Topic, MessageVersion, BillFormat)
