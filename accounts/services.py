from django.contrib.auth import get_user_model

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "practice-makes-hired"


def demo_user_ensure():
    """Create the demo candidate, or reset its password so the printed credentials always work."""
    user, _ = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user
