"""The import report: every row's outcome, as CSV for a spreadsheet or JSON for a script."""

import csv
import json
from collections.abc import Iterator

from playbook.spreadsheet import csv_cell

from .models import ImportJob, ImportRow

COLUMNS = ["row", "part", "outcome", "message", "text", "question_id", "question_title", "similarity",
           "review_status", "category", "category_from_row", "category_confidence", "level", "level_from_row",
           "level_confidence"]


def report_rows(job: ImportJob) -> Iterator[dict]:
    rows = (ImportRow.objects.filter(job=job).select_related("question", "question__category")
            .prefetch_related("question__levels").order_by("row_number", "part"))
    for row in rows.iterator(chunk_size=2000):
        question = row.question
        yield {
            "row": row.row_number, "part": row.part, "outcome": row.outcome, "message": row.message,
            "text": row.text, "question_id": question.pk if question else None,
            "question_title": question.title if question else "", "similarity": row.similarity,
            "review_status": row.review_status,
            "category": question.category.key if question and row.outcome == ImportRow.Outcome.IMPORTED else "",
            "category_from_row": row.category_from_row, "category_confidence": row.category_confidence,
            "level": ",".join(level.key for level in question.levels.all())
            if question and row.outcome == ImportRow.Outcome.IMPORTED else "",
            "level_from_row": row.level_from_row,
            "level_confidence": row.level_confidence,
        }


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(job: ImportJob) -> Iterator[str]:
    writer = csv.DictWriter(_Echo(), fieldnames=COLUMNS)
    yield writer.writeheader()
    for row in report_rows(job):
        yield writer.writerow({key: csv_cell(value) for key, value in row.items()})


def json_lines(job: ImportJob) -> Iterator[str]:
    """One JSON array, streamed item by item."""
    yield "["
    for number, row in enumerate(report_rows(job)):
        yield ("," if number else "") + "\n" + json.dumps(row)
    yield "\n]\n"
