"""Consumer-level counts become versions: each counted file is a BillFile (preview, applied,
replaced, withdrawn or discarded); the counts hang off their file."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("reach", "0008_utility_required"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="BillFile",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("preview", "Preview: not applied yet"),
                            ("applied", "In use"),
                            ("replaced", "Replaced"),
                            ("withdrawn", "Withdrawn"),
                            ("discarded", "Discarded"),
                        ],
                        default="preview",
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                ("source_name", models.CharField(max_length=200, verbose_name="file")),
                ("source_rows", models.PositiveBigIntegerField(verbose_name="rows")),
                (
                    "rows_in_window",
                    models.PositiveBigIntegerField(default=0, verbose_name="bills with 1930 in the window"),
                ),
                ("duplicate_bills", models.PositiveBigIntegerField(default=0, verbose_name="repeated bills")),
                ("window_start", models.DateField()),
                ("window_end", models.DateField()),
                ("counted_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="bill_files", to="campaigns.campaign"
                    ),
                ),
                (
                    "counted_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "utility",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="reach.utility",
                        verbose_name="utility",
                    ),
                ),
            ],
            options={
                "ordering": ["-counted_at", "-pk"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("state", "applied")),
                        fields=("campaign", "utility"),
                        name="bill_file_one_applied_per_utility",
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="consumerbills",
            name="file",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE, related_name="counts", to="reach.billfile"
            ),
        ),
        migrations.AddField(
            model_name="billingestjob",
            name="apply_at_once",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="billingestjob",
            name="counted",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="job",
                to="reach.billfile",
                verbose_name="counted file",
            ),
        ),
        # The old columns loosen here, so that going back can put them again (0010 fills them).
        migrations.RemoveConstraint(model_name="consumerbills", name="consumer_bills_one_per_utility"),
        migrations.AlterField(
            model_name="consumerbills",
            name="campaign",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="consumer_bills",
                to="campaigns.campaign",
            ),
        ),
        migrations.AlterField(
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
        migrations.AlterField(model_name="consumerbills", name="window_start", field=models.DateField(null=True)),
        migrations.AlterField(model_name="consumerbills", name="window_end", field=models.DateField(null=True)),
        migrations.AlterField(
            model_name="consumerbills", name="source_name", field=models.CharField(max_length=200, null=True)
        ),
        migrations.AlterField(
            model_name="consumerbills", name="source_rows", field=models.PositiveBigIntegerField(null=True)
        ),
        migrations.AlterField(
            model_name="consumerbills",
            name="uploaded_by",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AlterField(
            model_name="consumerbills", name="uploaded_at", field=models.DateTimeField(auto_now=True, null=True)
        ),
    ]
