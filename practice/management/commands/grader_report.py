from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from practice.accuracy import REPORT_PATH, measure_offline_grader, read_report, report_differences, report_write


class Command(BaseCommand):
    help = (
        "Measure the offline grader on the public dev set and the golden set and store the figures the grader "
        "accuracy page shows (practice/grading/measured.json). With --check, only compare and fail on a difference."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="fail if the stored report is out of date")
        parser.add_argument("--output", type=Path, default=REPORT_PATH, help=f"default: {REPORT_PATH}")

    def handle(self, *args, check: bool, output: Path, **options):
        fresh = measure_offline_grader()
        if check:
            differences = report_differences(read_report(output) or {}, fresh)
            if differences:
                raise CommandError(f"{output} is out of date; run `python manage.py grader_report`:\n"
                                   + "\n".join(differences))
            self.stdout.write(f"{output} matches the current grader.")
            return
        report_write(fresh, output)
        for dataset in fresh["datasets"]:
            self.stdout.write(
                f"{dataset['key']}: n={dataset['n']} qwk={dataset['qwk']} pearson={dataset['pearson']} "
                f"mae={dataset['mae']} within_one={dataset['within_one']}"
            )
        self.stdout.write(f"Wrote {output}")
