"""The cache table of the embedded default (settings.CACHES without SAJAG_CACHE_URL)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_workers")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
