"""Staff change the human grade of an answer whose dispute they resolved: every place that shows the decision shows
the new score, and says what it was when the dispute was resolved."""

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from practice.models import GradeDispute, HumanGrade
from practice.staff.services import human_grade_set
from tests.factories import GradeFactory, UserFactory

LOS_ANGELES = "America/Los_Angeles"
# Stored 8 Dec 02:46 UTC: 7 Dec 18:46 in Los Angeles, the date the candidate and staff below read.
CHANGED_AT = "2026-12-08T02:46:00Z"
CHANGED = '<span class="muted" data-testid="decision-changed">(changed from 4.5 on 7 Dec 2026)</span>'


@pytest.fixture
def staff_client(db):
    client = Client()
    client.force_login(UserFactory(is_staff=True))
    client.cookies["tz"] = LOS_ANGELES
    return client


@pytest.fixture
def grade(candidate):
    return GradeFactory(answer__session_question__session__user=candidate, answer__session_question__position=1,
                        overall="3.5")


def resolve_then_change(candidate_client, staff_client, grade, *, new_score: str) -> GradeDispute:
    """What the user did: dispute, resolve at 4.5 on the decision page, then a new human grade on the answer's page."""
    candidate_client.cookies["tz"] = LOS_ANGELES
    candidate_client.post(reverse("practice:grade_dispute", args=[grade.answer_id]), {"reason": "Too low."})
    dispute = GradeDispute.objects.get(grade=grade)
    response = staff_client.post(reverse("practice:staff_dispute", args=[dispute.pk]),
                                 {"score": "4.5", "note": "Correct."})
    assert response.status_code == 302
    response = staff_client.post(reverse("practice:staff_answer", args=[grade.answer_id]),
                                 {"score": new_score, "note": "On a second read it names neither."})
    assert response.status_code == 302
    HumanGrade.objects.filter(answer=grade.answer).update(updated_at=CHANGED_AT)
    return dispute


def test_the_candidates_question_page_shows_the_changed_decision(candidate_client, staff_client, grade,
                                                                django_assert_num_queries):
    resolve_then_change(candidate_client, staff_client, grade, new_score="1")

    with django_assert_num_queries(4):  # session, user, the question page's session with its question, the dispute
        html = candidate_client.get(grade.answer.session_question.get_absolute_url()).content.decode()

    assert f"Staff scored your answer <strong>1.0</strong> / 5 {CHANGED}, where the grader gave 3.5." in html
    # The note is the one given with the decision: a human grade's note is written for staff, not for the candidate.
    assert "“Correct.”" in html and "On a second read" not in html
    assert "4.5</strong>" not in html


def test_the_candidates_dispute_page_shows_the_changed_decision(candidate_client, staff_client, grade,
                                                               django_assert_num_queries):
    resolve_then_change(candidate_client, staff_client, grade, new_score="1")

    with django_assert_num_queries(4):  # session, user, the grade, its latest dispute with the human grade
        html = candidate_client.get(reverse("practice:grade_dispute", args=[grade.answer_id])).content.decode()

    assert f"Staff scored your answer <strong>1.0</strong> / 5 {CHANGED}, where the grader gave 3.5." in html


def test_a_decision_changed_back_to_the_graders_score_says_staff_agree_now(candidate_client, staff_client, grade):
    resolve_then_change(candidate_client, staff_client, grade, new_score="3.5")

    html = candidate_client.get(grade.answer.session_question.get_absolute_url()).content.decode()

    assert f"Staff agree with the grader: <strong>3.5</strong> / 5 {CHANGED}." in html
    assert "progress figures keep" not in html


def test_an_unchanged_decision_says_nothing_of_a_change(candidate_client, staff_client, grade):
    candidate_client.post(reverse("practice:grade_dispute", args=[grade.answer_id]), {"reason": "Too low."})
    dispute = GradeDispute.objects.get(grade=grade)
    staff_client.post(reverse("practice:staff_dispute", args=[dispute.pk]), {"score": "4.5", "note": "Correct."})

    html = candidate_client.get(grade.answer.session_question.get_absolute_url()).content.decode()
    staff_html = staff_client.get(reverse("practice:staff_dispute", args=[dispute.pk])).content.decode()

    assert "Staff scored your answer <strong>4.5</strong> / 5, where the grader gave 3.5." in html
    assert "changed from" not in html and 'data-testid="dispute-decision-changed"' not in staff_html


def test_the_staff_queue_lists_the_changed_decision_in_fixed_queries(candidate_client, staff_client, grade,
                                                                     django_assert_num_queries):
    resolve_then_change(candidate_client, staff_client, grade, new_score="1")

    with django_assert_num_queries(4):  # session, user, open disputes, resolved disputes with their human grades
        html = staff_client.get(reverse("practice:staff_disputes")).content.decode()

    resolved = html.split("<h2>Recently resolved</h2>")[1]
    assert f"<td>3.5</td><td>1.0 {CHANGED}</td><td>Correct.</td>" in resolved


def test_the_staff_decision_page_keeps_the_resolution_and_shows_the_change(candidate_client, staff_client, grade,
                                                                           django_assert_num_queries):
    dispute = resolve_then_change(candidate_client, staff_client, grade, new_score="1")

    with django_assert_num_queries(3):  # session, user, the dispute with its grade, answer, people and human grade
        html = staff_client.get(reverse("practice:staff_dispute", args=[dispute.pk])).content.decode()

    assert "<strong>4.5</strong> / 5, “Correct.”." in html.split('data-testid="dispute-decision"')[1]
    changed = html.split('data-testid="dispute-decision-changed"')[1].split("</p>")[0]
    assert "changed on 2026-12-07 18:46 PST to <strong>1.0</strong> / 5" in changed
    assert "which the candidate does not see: “On a second read it names neither.”" in changed


def test_the_candidates_disputes_export_has_the_current_score_and_the_one_given_on_resolving(
    candidate_client, staff_client, grade, django_assert_num_queries
):
    resolve_then_change(candidate_client, staff_client, grade, new_score="1")

    with django_assert_num_queries(2 + 2 + 1):
        response = candidate_client.get(reverse("accounts:data_export_csv", args=["grade_disputes"]))

    (row,) = csv.DictReader(io.StringIO(response.content.decode()))
    assert (row["grader_score"], row["staff_score"], row["staff_note"]) == ("3.5", "1.0", "Correct.")
    assert (row["score_when_resolved"], row["score_changed_at"]) == ("4.5", "2026-12-08T02:46:00.000000+00:00")


def test_the_grader_quality_page_measures_against_the_same_score(candidate_client, staff_client, grade):
    resolve_then_change(candidate_client, staff_client, grade, new_score="1")

    body = staff_client.get(reverse("practice:staff_grading")).content.decode()

    assert "<td>offline</td>" in body and "<td>2.5</td>" in body  # one pair; MAE |3.5 - 1.0| = 2.5


def test_the_service_changes_the_decision_and_keeps_the_score_given_on_resolving(grade):
    from practice.staff.services import grade_dispute_resolve

    dispute = GradeDispute.objects.create(grade=grade, reason="Too low.")
    resolved = grade_dispute_resolve(dispute=dispute, staff_user=UserFactory(is_staff=True), score=Decimal("4.5"))
    assert (resolved.decision_score, resolved.decision_changed) == (Decimal("4.5"), False)

    human_grade_set(answer=grade.answer, staff_user=UserFactory(is_staff=True), score=Decimal("1"))

    changed = GradeDispute.objects.with_decision().get(pk=dispute.pk)
    assert (changed.decision_score, changed.staff_score, changed.decision_changed) == (
        Decimal("1.0"), Decimal("4.5"), True)
    assert changed.decision_changed_at == HumanGrade.objects.get(answer=grade.answer).updated_at
