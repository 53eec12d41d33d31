"""Load the built-in catalog into a fresh database."""

from django.db import migrations


def load(apps, schema_editor):
    from vendors.services import catalog_load_builtin

    catalog_load_builtin(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("vendors", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
