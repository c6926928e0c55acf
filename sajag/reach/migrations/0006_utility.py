"""Utilities become records with a department; consumer-level counts and bill ingest jobs refer
to one instead of naming it in free text (an Energy upload named "PHED Jaipur City" replaced
PHED's counts).

Each free-text name is matched by its normalised key ("JVVNL", "jvvnl", " Jvvnl " are one):
Rajasthan's known utilities under their own departments, any other name as a utility of the
row's department. Where two spellings of one utility left two sets of counts for the same
consumers, the later upload's are kept, as a replacement would have done.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("geo", "0001_initial"),
        ("reach", "0005_billingestjob_attempts_billingestjob_done_and_more"),
    ]

    operations = [
        migrations.CreateModel(
            name="Utility",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=60, verbose_name="name")),
                ("name_hi", models.CharField(blank=True, max_length=80, verbose_name="name (Hindi)")),
                ("key", models.CharField(editable=False, max_length=60, unique=True)),
                (
                    "department",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="geo.department",
                        verbose_name="department",
                    ),
                ),
            ],
            options={"verbose_name": "utility", "verbose_name_plural": "utilities", "ordering": ["name"]},
        ),
        migrations.RemoveConstraint(model_name="consumerbills", name="consumer_bills_one_per_utility"),
        migrations.RenameField(model_name="consumerbills", old_name="utility", new_name="utility_name"),
        migrations.RenameField(model_name="billingestjob", old_name="utility", new_name="utility_name"),
        migrations.AddField(
            model_name="consumerbills",
            name="utility",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="reach.utility",
                verbose_name="utility",
            ),
        ),
        migrations.AddField(
            model_name="billingestjob",
            name="utility",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="reach.utility",
                verbose_name="utility",
            ),
        ),
        # Nullable before they go, so that the way back can add them again and fill them.
        migrations.AlterField(
            model_name="consumerbills",
            name="department",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="geo.department"
            ),
        ),
        migrations.AlterField(
            model_name="consumerbills",
            name="utility_name",
            field=models.CharField(max_length=60, null=True, verbose_name="utility"),
        ),
        migrations.AlterField(
            model_name="billingestjob",
            name="utility_name",
            field=models.CharField(max_length=60, null=True, verbose_name="utility"),
        ),
        migrations.AlterField(
            model_name="billingestjob",
            name="department",
            field=models.CharField(max_length=20, null=True, verbose_name="department"),
        ),
    ]
