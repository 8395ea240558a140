from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from progress.rollups import progress_rebuild


class Command(BaseCommand):
    help = ("Recompute the progress rollups (per category x level, per question, per day) from the grades, for "
            "every candidate or the ones named. Safe to run at any time: grades saved meanwhile wait for it.")

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="*", help="only these candidates (default: everyone)")

    def handle(self, *args, usernames: list[str], **options):
        user_ids = None
        if usernames:
            found = dict(get_user_model().objects.filter(username__in=usernames).values_list("username", "pk"))
            if missing := sorted(set(usernames) - set(found)):
                raise CommandError(f"No such user: {', '.join(missing)}")
            user_ids = list(found.values())
        counted = progress_rebuild(user_ids=user_ids)
        self.stdout.write(f"Rebuilt progress from {counted} graded attempts.")
