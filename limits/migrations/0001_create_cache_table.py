from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # The rate-limit windows live in the cache; without Redis that is a database table, made here so that
    # `migrate` (run by `make run`, docker compose and the tests) is all a deployment needs. With Redis it does
    # nothing; after moving from Redis to the database cache, run `manage.py createcachetable`.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True)]
