from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    """Runnable coding exercises: a sub-domain of practice with its own models, loading, scoring and pages."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "practice.exercises"
    label = "exercises"
