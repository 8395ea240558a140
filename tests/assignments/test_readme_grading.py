"""A pasted README is graded by the practice pipeline (the grade_answer task, offline grader) against the real
self-review checklist loaded from content/assignments.yaml."""

import pytest

from assignments.models import TakeHomeBrief
from assignments.services import attempt_review_start, attempt_start
from playbook.models import Level
from playbook.services import content_load
from practice.grading.offline import OfflineGrader
from practice.grading.types import GradingRequest, Kind, RubricPoint
from practice.models import Answer
from practice.services import answer_submit
from practice.tasks import grade_answer

COVERS_THE_CHECKLIST = """\
# ShelfHelp: answers from a library's help pages

Library staff answer the same questions about opening hours, loans and fines every day. ShelfHelp solves that
problem for them: it answers a visitor's question from the help pages and links the page it used.

## Run it

Run `make demo` to start a local demo with a fake model and the sample pages, so no API key or other secrets are
needed.

## Tests

`make test` runs the unit tests for parsing and chunking, an integration test of retrieval, and an end-to-end test
of the API with the fake model. GitHub Actions runs the tests in continuous integration on every push.

## Evaluation

The golden dataset has 25 questions with the expected answer and page. The evaluation score is 21 of 25, and the
four failing cases are listed in `eval/report.md`.

## Deployment and monitoring

The Dockerfile builds the image that is deployed to a small cloud service with a live URL. Every request logs its
latency, token usage, cost and errors.

## Trade-offs

The main trade-off is keyword search over embeddings: it costs nothing to run and needs no secrets, but it gives up
answers to questions worded differently from the pages.

## Known failures

The system fails when a question mixes two topics, because retrieval returns only one page. I would fix it by
retrieving several pages and merging them.
"""

DOES_NOT = """\
# Library chatbot

A chatbot for the library built with LangChain and the OpenAI API.

## Setup

Install the requirements, export OPENAI_API_KEY and run python app.py, then open the page in your browser and
ask something about the library.
"""


@pytest.fixture
def content(db):
    content_load()


def graded_answer(user, brief: TakeHomeBrief, text: str) -> Answer:
    attempt = attempt_start(user=user, pattern=brief.pattern, level=Level.objects.get(key="mid"))
    session = attempt_review_start(attempt=attempt)
    answer, _ = answer_submit(user=user, session_question=session.items.get(), text=text)
    grade_answer.apply(args=[answer.pk])
    answer.refresh_from_db()
    assert answer.status == Answer.Status.GRADED, answer.failure_message
    return answer


def test_a_readme_that_covers_the_checklist_scores_higher_than_one_that_does_not(
    content, candidate, apply_async, settings
):
    """apply_async stands in for the broker at submit; the task then runs here, as the worker would run it."""
    settings.OPENAI_API_KEY = ""
    brief = TakeHomeBrief.objects.select_related("pattern").get(key="rag-docs-assistant")

    good = graded_answer(candidate, brief, COVERS_THE_CHECKLIST).grade
    poor = graded_answer(candidate, brief, DOES_NOT).grade

    assert good.grader == "offline" and good.overall >= 4 and poor.overall <= 1
    assert good.trade_offs > poor.trade_offs and good.failure_modes > poor.failure_modes
    assert [item["text"] for item in good.items] == list(
        brief.review_question.rubric_items.values_list("text", flat=True))
    assert all(item["verdict"] == "missed" for item in poor.items if item["kind"] != "key_point")


def test_every_briefs_example_readme_covers_every_checklist_item(content):
    """The rubric's wording and the example READMEs (shown as model answers) must agree, item by item."""
    for brief in TakeHomeBrief.objects.select_related("review_question").prefetch_related(
        "review_question__rubric_items"
    ):
        question = brief.review_question
        output = OfflineGrader().grade(GradingRequest(
            question=question.prompt, answer=question.model_answer,
            rubric=[RubricPoint(Kind(item.kind), item.text) for item in question.rubric_items.all()]))

        assert [item.text for item in output.items if item.verdict != "covered"] == [], brief.key


def test_a_graded_readme_stays_out_of_progress_and_reviews(
    content, candidate, apply_async, django_capture_on_commit_callbacks
):
    """A README review is not an attempt at a bank question: no review card, no readiness, no heat-map cell."""
    from progress.models import ReviewCard
    from progress.selectors import graded_attempts

    brief = TakeHomeBrief.objects.select_related("pattern").get(key="rag-docs-assistant")
    with django_capture_on_commit_callbacks(execute=True):
        graded_answer(candidate, brief, COVERS_THE_CHECKLIST)

    assert not ReviewCard.objects.filter(user=candidate).exists()
    assert not graded_attempts(user=candidate).exists()
