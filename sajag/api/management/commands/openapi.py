"""Write the integration API's OpenAPI schema (docs/openapi.json); --check fails if it differs."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sajag.api.api import api

PATH = Path(settings.BASE_DIR) / "docs" / "openapi.json"


def schema_text() -> str:
    return json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = "Write docs/openapi.json from the API; --check compares instead."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, **options) -> None:
        text = schema_text()
        if options["check"]:
            if not PATH.exists() or PATH.read_text(encoding="utf-8") != text:
                raise CommandError(f"{PATH} is out of date: run python manage.py openapi")
            self.stdout.write("docs/openapi.json is up to date")
            return
        PATH.parent.mkdir(exist_ok=True)
        PATH.write_text(text, encoding="utf-8")
        self.stdout.write(f"wrote {PATH}")
