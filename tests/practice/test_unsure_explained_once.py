"""An answer with many verdicts the grader was unsure of explains "unsure" once, above the verdicts, and marks each
unsure verdict with its badge."""

import pytest
from django.urls import reverse

from tests.factories import GradeFactory

# django_session and auth_user, the session question with its session, question, answer and grade, its latest dispute
QUESTION_PAGE_QUERIES = 4
# django_session and auth_user, the grade (with its answer, question and session question), its latest dispute
DISPUTE_PAGE_QUERIES = 4
EXPLANATION = "are ones the grader is not sure of. Check them against the model answer"


def verdict(n: int, confidence: float | None) -> dict:
    item = {"kind": "key_point", "text": f"Point {n}", "verdict": "partly", "evidence": "", "note": ""}
    return item if confidence is None else {**item, "confidence": confidence}


@pytest.fixture
def eight_unsure(session_question):
    items = [verdict(n, 0.4) for n in range(8)] + [verdict(8, 0.95), verdict(9, None)]
    return GradeFactory(answer__session_question=session_question, items=items)


def urls(grade) -> list[tuple[str, int]]:
    item = grade.answer.session_question
    return [(reverse("practice:question", args=[item.session_id, item.position]), QUESTION_PAGE_QUERIES),
            (reverse("practice:grade_dispute", args=[grade.answer_id]), DISPUTE_PAGE_QUERIES)]


def test_the_explanation_comes_once_above_the_verdicts_with_a_badge_on_each_unsure_one(
    candidate_client, eight_unsure, django_assert_num_queries
):
    for url, queries in urls(eight_unsure):
        with django_assert_num_queries(queries):
            html = candidate_client.get(url).content.decode()

        assert html.count(EXPLANATION) == 1 and html.count('data-testid="unsure-note"') == 1
        assert html.index('data-testid="unsure-note"') < html.index('<ul class="verdicts">')
        verdicts = html.split('<ul class="verdicts">')[1].split("</ul>")[0].split("<li ")[1:]
        assert len(verdicts) == 10
        assert all('<span class="badge unsure"' in li and "(confidence 40%)" in li for li in verdicts[:8])
        assert not any("badge unsure" in li for li in verdicts[8:])  # sure, and an old grade without confidences


def test_a_grade_with_no_unsure_verdict_has_no_explanation(candidate_client, session_question):
    grade = GradeFactory(answer__session_question=session_question, items=[verdict(1, 0.95), verdict(2, None)])

    for url, _ in urls(grade):
        html = candidate_client.get(url).content.decode()
        assert EXPLANATION not in html and "badge unsure" not in html
