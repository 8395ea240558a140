from django.apps import AppConfig


class PlaybookConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "playbook"
