import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from practice.evaluation import DatasetError, evaluate, grade_all, load_dataset
from practice.grading import get_grader

FIGURES = ["n", "qwk", "pearson", "mae", "exact", "within_one"]


class Command(BaseCommand):
    help = "Grade every item of a JSONL dataset and report agreement with its reference scores."

    def add_arguments(self, parser):
        parser.add_argument("--dataset", required=True, type=Path)
        parser.add_argument("--grader", choices=["offline", "openai"], default="offline")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--workers", type=int, default=8, help="concurrent requests for the openai grader")

    def handle(self, *args, dataset: Path, grader: str, json: bool, workers: int, **options):
        if not dataset.is_file():
            raise CommandError(f"{dataset} is not a file")
        if grader == "openai" and not settings.OPENAI_API_KEY:
            raise CommandError("--grader openai needs OPENAI_API_KEY (and OPENAI_BASE_URL for a local server)")
        try:
            items = load_dataset(dataset)
        except DatasetError as error:
            raise CommandError(f"{dataset}: {error}") from None
        predicted = grade_all(items, get_grader(grader), workers=workers if grader == "openai" else 1)
        report = evaluate(items, predicted)
        if json:
            self.stdout.write(_dumps(report))
            return
        self.stdout.write(f"{grader} grader on {dataset} ({report['n']} items)")
        self.stdout.write(_row("all", report))
        for category, figures in report["per_category"].items():
            self.stdout.write(_row(category, figures))
        adversarial = report["adversarial"]
        self.stdout.write(
            f"adversarial: n={adversarial['n']} mean inflation={adversarial['mean_inflation']:+.2f} "
            f"max inflation={adversarial['max_inflation']:+.2f}"
        )


def _row(label: str, figures: dict) -> str:
    return f"{label:<18} " + "  ".join(f"{name}={figures[name]}" for name in FIGURES)


def _dumps(report: dict) -> str:
    return json.dumps(report, indent=2)
