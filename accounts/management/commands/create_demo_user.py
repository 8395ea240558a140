from django.core.management.base import BaseCommand

from accounts.services import DEMO_PASSWORD, DEMO_USERNAME, demo_user_ensure


class Command(BaseCommand):
    help = "Create (or reset) the demo candidate account and print its credentials."

    def handle(self, *args, **options):
        demo_user_ensure()
        self.stdout.write(self.style.SUCCESS(f"Demo candidate: username {DEMO_USERNAME!r}, password {DEMO_PASSWORD!r}"))
