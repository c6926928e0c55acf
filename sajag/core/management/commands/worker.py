"""``manage.py worker``: a task worker — run as many as you like, on as many machines as share
the database. It first recovers the jobs of workers that died, then takes tasks from the queue
(django-tasks-db's worker loop), while a heartbeat thread keeps its current job marked alive."""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from sajag.core import jobs


class Command(DbWorkerCommand):
    help = "Run a Sajag task worker (imports, bill files, kits, reports, digests)."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        # A reloading parent process would hold no job; restarts are the service manager's.
        parser.set_defaults(reload=False, interval=0.5)

    def handle(self, *args, **options) -> None:
        for label, pk, state in jobs.recover():
            self.stderr.write(f"recovered {label} {pk}: {state}")
        with jobs.heartbeat():
            super().handle(*args, **options)
