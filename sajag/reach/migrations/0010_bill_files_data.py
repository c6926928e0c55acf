"""Counts stored before versions: each utility's counts in a campaign become one applied file."""

from django.db import migrations


def forwards(apps, schema_editor):
    ConsumerBills = apps.get_model("reach", "ConsumerBills")
    BillFile = apps.get_model("reach", "BillFile")
    groups = {}
    for row in ConsumerBills.objects.order_by("pk"):
        key = (row.campaign_id, row.utility_id)
        if key not in groups:
            groups[key] = BillFile.objects.create(
                campaign_id=row.campaign_id,
                utility_id=row.utility_id,
                state="applied",
                source_name=row.source_name,
                source_rows=row.source_rows,
                window_start=row.window_start,
                window_end=row.window_end,
                counted_by_id=row.uploaded_by_id,
                counted_at=row.uploaded_at,
                decided_by_id=row.uploaded_by_id,
                decided_at=row.uploaded_at,
            )
        row.file = groups[key]
        row.save(update_fields=["file"])


def backwards(apps, schema_editor):
    """Only the counts in force go back; previews and earlier versions have no place there."""
    ConsumerBills = apps.get_model("reach", "ConsumerBills")
    for row in ConsumerBills.objects.select_related("file"):
        f = row.file
        if f.state != "applied":
            row.delete()
            continue
        row.campaign_id, row.utility_id = f.campaign_id, f.utility_id
        row.window_start, row.window_end = f.window_start, f.window_end
        row.source_name, row.source_rows, row.uploaded_by_id = f.source_name, f.source_rows, f.counted_by_id
        row.save()
        ConsumerBills.objects.filter(pk=row.pk).update(uploaded_at=f.counted_at)


class Migration(migrations.Migration):
    dependencies = [("reach", "0009_bill_files")]
    operations = [migrations.RunPython(forwards, backwards)]
