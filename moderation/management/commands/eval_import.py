"""`python manage.py eval_import --dataset PATH`: precision and recall of the post reader on a dev set (export files
and an answer_key.jsonl), for the extracted questions and for the post classification. See moderation/evaluation.py
for the matching rule."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from moderation.evaluation import ANSWER_KEY, MATCH_THRESHOLD, evaluate
from moderation.extraction import llm_configured


class Command(BaseCommand):
    help = "Measure the post reader against a dev set with a hand-written answer key."

    def add_arguments(self, parser):
        parser.add_argument("--dataset", type=Path, required=True, help=f"A folder holding the files and {ANSWER_KEY}.")
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
        parser.add_argument("--misses", action="store_true", help="Also list each post's extra and missed questions.")

    def handle(self, *args, dataset: Path, json: bool, misses: bool, **options):
        if not (dataset / ANSWER_KEY).is_file():
            raise CommandError(f"{dataset} has no {ANSWER_KEY}.")
        try:
            results = evaluate(dataset)
        except ValueError as error:
            raise CommandError(str(error)) from None
        reader = "llm" if llm_configured() else "rules"
        if json:
            figures = {name: result.as_dict() for name, result in results.items()}
            if misses:
                figures["misses"] = results["all"].misses
            self.stdout.write(_dumps({"reader": reader, "match_threshold": MATCH_THRESHOLD, **figures}))
            return
        self.stdout.write(f"Reader: {reader}; questions matched by token_set_ratio >= {MATCH_THRESHOLD} after "
                          "normalisation, one to one.")
        for name, label in (("all", "All posts"), ("tune", "Tuning half"), ("check", "Checking half")):
            result = results[name]
            q, c = result.questions, result.classification
            self.stdout.write(
                f"{label} ({result.posts} posts): questions precision {q.precision:.2f} recall {q.recall:.2f} "
                f"({q.true_positive} matched of {q.predicted} extracted, {q.expected} expected); "
                f"classification precision {c.precision:.2f} recall {c.recall:.2f}"
            )
        if misses:
            for miss in results["all"].misses:
                self.stdout.write(f"\n{miss['post']}")
                for question in miss["extra"]:
                    self.stdout.write(f"  + {question}")
                for question in miss["missed"]:
                    self.stdout.write(f"  - {question}")


def _dumps(value) -> str:
    return json.dumps(value, indent=2)
