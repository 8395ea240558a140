from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.services import answer_texts_purge


class Command(BaseCommand):
    help = ("Blank the text of graded answers older than ANSWER_RETENTION_DAYS (or --days), keeping their scores. "
            "0 keeps texts forever.")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help="Override ANSWER_RETENTION_DAYS for this run.")

    def handle(self, *args, days: int | None, **options):
        days = settings.ANSWER_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days must be 0 (keep forever) or more.")
        if days == 0:
            self.stdout.write("Answer retention is 0 days: answer texts are kept forever. Nothing to do.")
            return
        blanked = answer_texts_purge(older_than_days=days)
        self.stdout.write(self.style.SUCCESS(f"Blanked {blanked} answer text{'s' if blanked != 1 else ''} "
                                             f"older than {days} days; their scores are kept."))
