"""The counts keep only their file, district and number."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reach", "0010_bill_files_data")]

    operations = [
        migrations.RemoveField(model_name="consumerbills", name="campaign"),
        migrations.RemoveField(model_name="consumerbills", name="utility"),
        migrations.RemoveField(model_name="consumerbills", name="window_start"),
        migrations.RemoveField(model_name="consumerbills", name="window_end"),
        migrations.RemoveField(model_name="consumerbills", name="source_name"),
        migrations.RemoveField(model_name="consumerbills", name="source_rows"),
        migrations.RemoveField(model_name="consumerbills", name="uploaded_by"),
        migrations.RemoveField(model_name="consumerbills", name="uploaded_at"),
        migrations.AlterField(
            model_name="consumerbills",
            name="file",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="counts", to="reach.billfile"
            ),
        ),
        migrations.AlterModelOptions(name="consumerbills", options={}),
        migrations.AddConstraint(
            model_name="consumerbills",
            constraint=models.UniqueConstraint(fields=("file", "district"), name="consumer_bills_one_per_district"),
        ),
    ]
