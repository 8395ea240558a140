from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.services import user_role_set

DESCRIPTIONS = {
    "admin": "an admin (superuser: /admin/, moderation, banks, grader quality)",
    "staff": "staff (moderation of imports, grader quality, every bank)",
    "instructor": "an instructor (question banks and the question editor)",
}


class Command(BaseCommand):
    help = "Make an existing user an admin, staff or instructor, or take the role away with --revoke."

    def add_arguments(self, parser):
        parser.add_argument("username")
        roles = parser.add_mutually_exclusive_group(required=True)
        for role in DESCRIPTIONS:
            roles.add_argument(f"--{role}", dest="role", action="store_const", const=role,
                               help=f"make the user {DESCRIPTIONS[role]}")
        parser.add_argument("--revoke", action="store_true", help="take the role away instead")

    def handle(self, *args, username: str, role: str, revoke: bool, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(
                f"There is no user {username!r}. They sign up first (or run `make admin` to create an admin)."
            ) from None
        user_role_set(user=user, role=role, granted=not revoke)
        if revoke:
            self.stdout.write(self.style.SUCCESS(f"{username} is no longer {DESCRIPTIONS[role].split(' (')[0]}."))
        else:
            self.stdout.write(self.style.SUCCESS(f"{username} is now {DESCRIPTIONS[role]}."))
