import datetime as dt
import sys
import time
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from sajag.accounts import access
from sajag.accounts.models import User
from sajag.campaigns.access import current_campaign
from sajag.reach.billfiles import thin_districts
from sajag.reach.engine import BillFileError
from sajag.reach.ingest import apply_file, ingest_consumer_bills
from sajag.reach.models import Utility


class Command(BaseCommand):
    help = (
        "Count distinct consumers per district who got a 1930 bill, from a utility's consumer-level "
        "export (CSV or Parquet with consumer_id, district, billing_cycle, carried_1930). Stores only "
        "the counts, all or nothing, as a new version of the utility's figures: applied, unless it covers "
        "under half of a district's known connections (then it waits to be applied from the web)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--utility", required=True, help="e.g. JVVNL, AVVNL, JdVVNL, PHED (case and spaces aside)")
        parser.add_argument(
            "--department", choices=["energy", "phed"], help="the utility's department (checked; it is the utility's)"
        )
        parser.add_argument("--by", default="state.nodal", help="user name recorded as the uploader")
        parser.add_argument(
            "--from", dest="start", type=dt.date.fromisoformat, help="first day (default: campaign start)"
        )
        parser.add_argument("--to", dest="end", type=dt.date.fromisoformat, help="last day (default: campaign end)")
        parser.add_argument("--backend", choices=["duckdb", "pyspark"], default="duckdb")
        parser.add_argument(
            "--force", action="store_true", help="apply even where it covers under half of the known connections"
        )

    def handle(self, *args, file, utility, department, by, start, end, backend, **options):
        if not file.exists():
            raise CommandError(f"{file}: no such file")
        campaign = current_campaign()
        if campaign is None:
            raise CommandError("No campaign is set up.")
        user = User.objects.filter(username=by).first()
        if user is None:
            raise CommandError(f"No user {by!r}.")
        Utility.objects.ensure_known()
        try:
            found = access.get_utility_for_user(user, utility)
        except (access.UnknownUtility, PermissionDenied) as exc:
            raise CommandError(str(exc)) from exc
        if department and found.department.code != department:
            raise CommandError(
                f"{found.name} is a utility of the {found.department.code} department, not {department}."
            )
        window = (start or campaign.starts_on, end or campaign.ends_on)
        began = time.perf_counter()

        def progress(step: str) -> None:
            sys.stderr.write(f"[{time.perf_counter() - began:6.1f} s] {step}\n")

        try:
            result, bill_file = ingest_consumer_bills(
                path=file,
                campaign=campaign,
                utility=found,
                by=user,
                window=window,
                backend=backend,
                apply=False,
                progress=progress,
            )
        except BillFileError as exc:
            raise CommandError(str(exc)) from exc
        if not result.ok:
            raise CommandError("Nothing stored:\n  " + "\n  ".join(result.problems))
        thin = thin_districts(bill_file)
        if thin and not options.get("force"):
            self.stdout.write(
                "Not applied: fewer consumers than half the known connections in "
                + ", ".join(f"{r.district.name_en} ({r.consumers:,} of {r.known:,})" for r in thin)
                + f". Apply it from the web (Reach → bill files) or run again with --force. File {bill_file.pk}."
            )
        else:
            apply_file(bill_file, by=user)
        total = sum(result.counts.values())
        self.stdout.write(
            f"{result.rows:,} rows, {result.rows_in_window:,} bills with 1930 in the window, "
            f"{result.duplicate_bills:,} duplicate bills; "
            f"{total:,} distinct consumers in {len(result.counts)} districts"
        )
