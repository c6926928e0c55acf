"""Integration tokens: make one (the secret is shown once), list them, revoke one.

    python manage.py api_token create "JVVNL billing" --role district_officer --department energy \
        --districts jaipur,dausa,alwar
    python manage.py api_token create "Energy department" --role dept_nodal --department energy
    python manage.py api_token list
    python manage.py api_token revoke "JVVNL billing"
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sajag.accounts.models import Role
from sajag.api.models import ApiToken
from sajag.api.tokens import check_name, create_token
from sajag.geo.models import Department, District


class Command(BaseCommand):
    help = "Make, list and revoke integration API tokens."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        make = sub.add_parser("create")
        make.add_argument("name")
        make.add_argument("--role", required=True, choices=[Role.DEPT_NODAL, Role.DISTRICT_OFFICER, Role.VIEWER])
        make.add_argument("--department", help="department code, e.g. energy")
        make.add_argument("--districts", default="", help="comma-separated district codes")
        sub.add_parser("list")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("name")

    def handle(self, *args, **options) -> None:
        action = options["action"]
        if action == "list":
            for t in ApiToken.objects.select_related("account"):
                state = "revoked" if t.revoked_at else "active"
                scope = "; ".join(str(p) for p in t.account.postings.filter(is_active=True))
                self.stdout.write(f"{t.name}\t{t.prefix}…\t{state}\tlast used {t.last_used_at or 'never'}\t{scope}")
            return
        if action == "revoke":
            token = ApiToken.objects.filter(name=options["name"]).first()
            if token is None:
                raise CommandError(f"No token named {options['name']!r}.")
            token.revoke()
            self.stdout.write(f"revoked {token}")
            return
        try:
            check_name(options["name"])
            department = None
            if options["department"]:
                department = Department.objects.filter(code=options["department"]).first()
                if department is None:
                    raise CommandError(f"--department: no department {options['department']!r}")
            codes = [c.strip() for c in options["districts"].split(",") if c.strip()]
            districts = list(District.objects.filter(code__in=codes))
            unknown = sorted(set(codes) - {d.code for d in districts})
            if unknown:
                raise CommandError(f"--districts: unknown {', '.join(unknown)}")
            token, secret = create_token(
                name=options["name"], role=options["role"], department=department, districts=districts
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"{token.name}: {secret}\nKeep it now: it is not shown again (only its hash is stored).")
