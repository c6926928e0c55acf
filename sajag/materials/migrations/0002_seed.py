from django.db import migrations


def seed(apps, schema_editor):
    from sajag.materials.seed import seed_materials

    seed_materials(apps.get_model("materials", "Topic"), apps.get_model("materials", "MessageVersion"),
                   apps.get_model("materials", "BillFormat"))


class Migration(migrations.Migration):
    dependencies = [("materials", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
