from django.core.management.base import BaseCommand, CommandError

from practice.accuracy import REPORT_PATH, measure_offline_grader, report_differences, report_write, stored_report


class Command(BaseCommand):
    help = (
        "Measure the offline grader on the public dev set and the golden set and store the figures the grader "
        "accuracy page shows (practice/grading/measured.json). With --check, only compare and fail on a difference."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="fail if the stored report is out of date")

    def handle(self, *args, check: bool, **options):
        fresh = measure_offline_grader()
        if check:
            stored = stored_report()
            differences = report_differences(stored or {}, fresh)
            if differences:
                raise CommandError(
                    f"{REPORT_PATH} is out of date; run `python manage.py grader_report`:\n" + "\n".join(differences)
                )
            self.stdout.write(f"{REPORT_PATH} matches the current grader.")
            return
        report_write(fresh)
        for dataset in fresh["datasets"]:
            self.stdout.write(
                f"{dataset['key']}: n={dataset['n']} qwk={dataset['qwk']} pearson={dataset['pearson']} "
                f"mae={dataset['mae']}"
            )
        self.stdout.write(f"Wrote {REPORT_PATH}")
