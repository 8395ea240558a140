"""The offline grader's measured agreement with human graders, as stored in `practice/grading/measured.json`.

The candidate-facing accuracy page reads the stored report instead of grading thousands of answers per request; a
test grades the datasets afresh and fails when the stored figures disagree, so the page never shows figures of
another grader. Regenerate with `python manage.py grader_report` after changing the grader.
"""

import json
from functools import cache
from pathlib import Path

from django.conf import settings

from questions.markdown import render_markdown

from .evaluation import evaluate, grade_all, load_dataset
from .grading import OfflineGrader

REPORT_PATH = Path(settings.BASE_DIR) / "practice" / "grading" / "measured.json"
REGENERATE_COMMAND = "python manage.py grader_report"

# What the report measures: a public set graded by people who are not us, our own golden set, and a set of answers to
# our questions graded by someone who never saw the grader (our own set overstates agreement).
MEASURED_DATASETS = [
    {
        "key": "saf_dev",
        "title": "Public dev set: university short answers graded by their teachers (SAF, communication networks)",
        "path": "tests/data/saf/saf_communication_networks_en.jsonl",
        "readme": "tests/data/saf/README.md",
    },
    {
        "key": "golden",
        "title": "Golden set: interview answers written and scored by the project's authors",
        "path": "tests/data/golden.jsonl",
        "readme": "",
    },
    {
        "key": "golden_heldout",
        "title": ("Held-out set: answers to this site's questions, written and scored by someone who never saw the "
                  "grader"),
        "path": "tests/data/golden_heldout.jsonl",
        "readme": "tests/data/golden_heldout.md",
    },
    {
        "key": "golden_heldout2",
        "title": ("Second held-out set: answers to 30 other questions of this site, written and scored by someone "
                  "who never saw the grader"),
        "path": "tests/data/golden_heldout2.jsonl",
        "readme": "tests/data/golden_heldout2.md",
    },
    {
        "key": "golden_heldout3",
        "title": ("Third held-out set: answers to 30 more questions of this site, written and scored by someone who "
                  "never saw the grader"),
        "path": "tests/data/golden_heldout3.jsonl",
        "readme": "tests/data/golden_heldout3.md",
    },
    {
        "key": "golden_heldout4",
        "title": ("Fourth held-out set: answers to 30 more questions of this site, written and scored by someone who "
                  "never saw the grader"),
        "path": "tests/data/golden_heldout4.jsonl",
        "readme": "tests/data/golden_heldout4.md",
    },
]
FIGURES = ("n", "qwk", "pearson", "mae", "exact", "within_one")


def measure_offline_grader() -> dict:
    """Grade every measured dataset with the offline grader, as `eval_grader --dataset <path>` does."""
    grader = OfflineGrader()
    datasets = []
    for dataset in MEASURED_DATASETS:
        items = load_dataset(Path(settings.BASE_DIR) / dataset["path"])
        report = evaluate(items, grade_all(items, grader))
        datasets.append({
            **dataset,
            "command": f"python manage.py eval_grader --dataset {dataset['path']}",
            **{name: report[name] for name in FIGURES},
            "adversarial": report["adversarial"],
        })
    return {"grader": grader.name, "prompt_version": grader.prompt_version, "regenerate": REGENERATE_COMMAND,
            "datasets": datasets}


def report_write(report: dict, path: Path = REPORT_PATH) -> None:
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    stored_report.cache_clear()


def read_report(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


@cache
def stored_report() -> dict | None:
    """The stored report, read once per process; None when it was never generated."""
    return read_report(REPORT_PATH)


def report_differences(stored: dict, fresh: dict) -> list[str]:
    """Where the stored report and a fresh measurement disagree beyond the third decimal they are rounded to."""
    differences = []
    for key in ("grader", "prompt_version"):
        if stored.get(key) != fresh[key]:
            differences.append(f"{key}: stored {stored.get(key)!r}, measured {fresh[key]!r}")
    stored_by_key = {dataset["key"]: dataset for dataset in stored.get("datasets", [])}
    for dataset in fresh["datasets"]:
        old = stored_by_key.get(dataset["key"])
        if old is None:
            differences.append(f"{dataset['key']}: missing from the stored report")
            continue
        for name in FIGURES:
            if not isinstance(old.get(name), int | float) or abs(old[name] - dataset[name]) > 0.0011:
                differences.append(f"{dataset['key']} {name}: stored {old.get(name)}, measured {dataset[name]}")
    return differences


GRADING_DOCS_PATH = Path(settings.BASE_DIR) / "docs" / "grading.md"
STAFF_ONLY_HEADING = "\n## Prompt injection"


@cache
def grading_docs_html() -> str:
    """docs/grading.md as the site shows it to candidates, rendered once per process as stored Markdown is. The
    prompt-injection section (the phrasings that still reach a model) stays in the repository for staff."""
    text = GRADING_DOCS_PATH.read_text(encoding="utf-8")
    return render_markdown(text.split(STAFF_ONLY_HEADING, 1)[0], heading_shift=0)
