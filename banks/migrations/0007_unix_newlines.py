"""Bank descriptions typed in a browser were stored with CRLF line breaks (see questions 0009): plain newlines."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Replace


def plain_newlines(apps, schema_editor):
    Bank = apps.get_model("banks", "Bank")
    Bank.objects.filter(description__contains="\r").update(
        description=Replace(Replace("description", Value("\r\n"), Value("\n")), Value("\r"), Value("\n")))


class Migration(migrations.Migration):
    dependencies = [("banks", "0006_rerender_description_headings")]

    operations = [migrations.RunPython(plain_newlines, migrations.RunPython.noop)]
