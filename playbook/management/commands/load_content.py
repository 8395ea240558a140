from django.core.management.base import BaseCommand

from playbook.services import content_load


class Command(BaseCommand):
    help = (
        "Load content/ (taxonomy, question bank, loops, assignments, checklist). Idempotent: changed items are "
        "updated, none duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Overwrite questions that were edited in the app since loading."
        )

    def handle(self, *args, force: bool, **options):
        report = content_load(force=force)
        self.stdout.write(
            f"Questions: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged, {len(report.kept_local_edits)} kept (edited in the app)."
        )
        for key in report.kept_local_edits:
            self.stdout.write(self.style.WARNING(f"  kept local edit of {key}; run with --force to overwrite"))
        for section, counts in report.sections.items():
            self.stdout.write(f"{section}: {counts}.")
