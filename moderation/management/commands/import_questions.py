"""`python manage.py import_questions PATH`: the same import as the upload page, run here with a progress bar."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from moderation import reports, selectors, services

BAR_WIDTH = 40


class Command(BaseCommand):
    help = "Import reported interview questions from a file into the moderation queue."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--user", help="Username recorded as the importer (default: none).")
        parser.add_argument("--report", type=Path, help="Also write every row's outcome to this CSV file.")

    def handle(self, *args, path: Path, user: str | None, report: Path | None, **options):
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            services.import_file_check_size(size=path.stat().st_size)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        uploader = None
        if user:
            uploader = get_user_model().objects.filter(username=user).first()
            if uploader is None:
                raise CommandError(f"There is no user called {user!r}.")
        job = services.import_job_create(filename=path.name, data=path.read_bytes(), uploaded_by=uploader)
        services.import_job_run(job_id=job.pk, progress=self._bar)
        job = selectors.job_for(job_id=job.pk)
        self.stdout.write("")
        self._summary(job)
        if report is not None:
            with Path(report).open("w", encoding="utf-8", newline="") as handle:
                handle.writelines(reports.csv_lines(job))
            self.stdout.write(f"Report of every row written to {report}")
        if job.status == job.Status.FAILED:
            raise CommandError(job.message)

    def _bar(self, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // max(total, 1)
        stream = self.stdout if sys.stdout.isatty() else None
        line = f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done:,}/{total:,} rows"
        if stream is not None:
            stream.write(line, ending="")
            stream.flush()
        else:
            self.stdout.write(line.strip())

    def _summary(self, job) -> None:
        outcomes = selectors.job_outcomes(job=job)
        self.stdout.write(f"Import #{job.pk} of {job.filename} ({job.detected_format or 'unrecognised'}): "
                          f"{job.get_status_display().lower()}, {job.processed_rows:,} of {job.total_rows:,} rows")
        if job.message and job.status != job.Status.FAILED:
            self.stdout.write(self.style.WARNING(job.message))
        self.stdout.write(
            f"  imported for review: {outcomes['imported']}\n"
            f"  duplicates: {outcomes['duplicate']} exact, {outcomes['near_duplicate']} near (counted as sightings)\n"
            f"  skipped (no question found): {outcomes['skipped']}\n"
            f"  errors: {outcomes['error']}"
        )
        for row in selectors.job_problem_rows(job=job):
            if row.outcome == row.Outcome.ERROR:
                self.stdout.write(self.style.ERROR(f"  {row.message}"))
