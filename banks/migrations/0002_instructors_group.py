from django.contrib.auth.management import create_permissions
from django.db import migrations

from banks.roles import INSTRUCTORS_GROUP, instructors_group


def create_instructors_group(apps, schema_editor):
    # Permissions are normally created after the whole migrate run; the group needs them now.
    for app_label in ("banks", "questions"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    instructors_group(apps)


def remove_instructors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=INSTRUCTORS_GROUP).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("banks", "0001_initial"),
        ("questions", "0002_grader_guidance_and_revisions"),
    ]

    operations = [migrations.RunPython(create_instructors_group, remove_instructors_group)]
