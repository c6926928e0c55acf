"""Each free-text utility name becomes a utility record (see 0006). A migration of its own:
PostgreSQL refuses to alter a table in the transaction that updated its foreign keys."""

import re
import unicodedata

from django.db import migrations

# As sajag/reach/utilities.py had them when this migration was written (frozen here).
KNOWN = {
    "jvvnl": ("JVVNL", "जयपुर विद्युत वितरण निगम (JVVNL)", "energy"),
    "avvnl": ("AVVNL", "अजमेर विद्युत वितरण निगम (AVVNL)", "energy"),
    "jdvvnl": ("JdVVNL", "जोधपुर विद्युत वितरण निगम (JdVVNL)", "energy"),
    "phed": ("PHED", "जन स्वास्थ्य अभियांत्रिकी विभाग (PHED)", "phed"),
}
SEPARATORS = re.compile(r"[\s\-_,;:/()]+")


def key(name):
    text = unicodedata.normalize("NFKC", name).casefold().replace(".", "")
    return " ".join(part for part in SEPARATORS.split(text) if part)


def to_records(apps, schema_editor):
    Utility = apps.get_model("reach", "Utility")
    Department = apps.get_model("geo", "Department")
    ConsumerBills = apps.get_model("reach", "ConsumerBills")
    BillIngestJob = apps.get_model("reach", "BillIngestJob")
    departments = {d.code: d for d in Department.objects.all()}
    utilities = {u.key: u for u in Utility.objects.all()}

    def utility(name, department, what):
        k = key(name) or "unnamed"
        if k not in utilities:
            known = KNOWN.get(k)
            if known and known[2] in departments:
                fields = {"name": known[0], "name_hi": known[1], "department": departments[known[2]]}
            elif department is not None:
                fields = {"name": " ".join(name.split()) or "Unnamed", "name_hi": "", "department": department}
            else:
                raise RuntimeError(
                    f"{what} names utility {name!r} of a department that is not loaded: "
                    "run manage.py load_reference, then migrate again"
                )
            utilities[k] = Utility.objects.create(key=k, **fields)
        return utilities[k]

    rows = list(ConsumerBills.objects.order_by("pk"))
    latest = {}
    for row in rows:
        row.utility = utility(row.utility_name, row.department, f"consumer bills {row.pk}")
        group = (row.campaign_id, row.utility.pk)
        if group not in latest or row.uploaded_at > latest[group].uploaded_at:
            latest[group] = row
    for row in rows:
        if row.utility_name == latest[(row.campaign_id, row.utility.pk)].utility_name:
            row.save(update_fields=["utility"])
        else:
            row.delete()
    for job in BillIngestJob.objects.order_by("pk"):
        job.utility = utility(job.utility_name, departments.get(job.department), f"bill ingest job {job.pk}")
        job.save(update_fields=["utility"])


def to_text(apps, schema_editor):
    ConsumerBills = apps.get_model("reach", "ConsumerBills")
    BillIngestJob = apps.get_model("reach", "BillIngestJob")
    for row in ConsumerBills.objects.select_related("utility"):
        row.utility_name, row.department_id = row.utility.name, row.utility.department_id
        row.save(update_fields=["utility_name", "department"])
    for job in BillIngestJob.objects.select_related("utility__department"):
        job.utility_name, job.department = job.utility.name, job.utility.department.code
        job.save(update_fields=["utility_name", "department"])


class Migration(migrations.Migration):
    dependencies = [("reach", "0006_utility")]

    operations = [migrations.RunPython(to_records, to_text)]
