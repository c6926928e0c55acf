"""The free text goes; every consumer count and bill ingest job names its utility record."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reach", "0007_utility_records")]

    operations = [
        migrations.RemoveField(model_name="consumerbills", name="utility_name"),
        migrations.RemoveField(model_name="consumerbills", name="department"),
        migrations.RemoveField(model_name="billingestjob", name="utility_name"),
        migrations.RemoveField(model_name="billingestjob", name="department"),
        migrations.AlterField(
            model_name="consumerbills",
            name="utility",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="reach.utility",
                verbose_name="utility",
            ),
        ),
        migrations.AlterField(
            model_name="billingestjob",
            name="utility",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="reach.utility",
                verbose_name="utility",
            ),
        ),
        migrations.AddConstraint(
            model_name="consumerbills",
            constraint=models.UniqueConstraint(
                fields=("campaign", "district", "utility"), name="consumer_bills_one_per_utility"
            ),
        ),
    ]
