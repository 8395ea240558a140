from decimal import Decimal

import pytest
from django.urls import reverse

from practice.models import GradeDispute, HumanGrade
from tests.factories import GradeFactory, UserFactory


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(is_staff=True))
    return client


def dispute_of(**grade_fields) -> GradeDispute:
    return GradeDispute.objects.create(grade=GradeFactory(**grade_fields), reason="push and pop is the answer.")


def test_the_queue_rejects_post(staff_client):
    assert staff_client.post(reverse("practice:staff_disputes")).status_code == 405


@pytest.mark.parametrize("count", [1, 15])
def test_the_queue_lists_open_disputes_in_fixed_queries(staff_client, count, django_assert_num_queries):
    disputes = [dispute_of() for _ in range(count)]
    resolved = dispute_of()
    GradeDispute.objects.filter(pk=resolved.pk).update(resolved_at="2026-12-06T12:00:00Z", staff_score="2.0")

    with django_assert_num_queries(4):  # session, user, open disputes, resolved disputes
        html = staff_client.get(reverse("practice:staff_disputes")).content.decode()

    assert f"Waiting ({count})" in html
    assert all(reverse("practice:staff_dispute", args=[d.pk]) in html for d in disputes)


def test_a_missing_dispute_is_404(staff_client):
    assert staff_client.get(reverse("practice:staff_dispute", args=[999])).status_code == 404


def test_the_decision_page_shows_question_answer_verdicts_and_reason(staff_client, django_assert_num_queries):
    dispute = dispute_of(items=[{"kind": "key_point", "text": "Names push and pop", "verdict": "missed",
                                 "evidence": "", "note": "", "confidence": 0.4}])
    with django_assert_num_queries(3):  # session, user, the dispute with its grade, answer, question and people
        html = staff_client.get(reverse("practice:staff_dispute", args=[dispute.pk])).content.decode()
    answer = dispute.grade.answer
    assert answer.question.title in html and answer.text in html
    assert "push and pop is the answer." in html and "Names push and pop" in html
    assert '<span class="badge unsure"' in html
    assert 'name="score"' in html


def test_staff_resolve_and_the_grader_quality_page_counts_the_decision(staff_client):
    dispute = dispute_of(overall="1.0")
    overview = reverse("practice:staff_grading")
    assert "No human grades yet." in staff_client.get(overview).content.decode()

    response = staff_client.post(reverse("practice:staff_dispute", args=[dispute.pk]),
                                 {"score": "4.5", "note": "Exactly what was asked."})

    assert response.status_code == 302 and response.url == reverse("practice:staff_disputes")
    assert HumanGrade.objects.get(answer=dispute.grade.answer).score == Decimal("4.5")
    body = staff_client.get(overview).content.decode()
    assert "<td>offline</td>" in body and "<td>3.5</td>" in body  # one pair; MAE |1.0 - 4.5| = 3.5
    assert "Disputed grades</a>: 0 waiting" in body


@pytest.mark.parametrize("bad", ["6", "2.3", "five", "", "1e0", "-0", "+3", "NaN", "Infinity", "2,5", "٣"])
def test_a_bad_score_gets_a_clear_error_and_resolves_nothing(staff_client, bad):
    dispute = dispute_of()
    html = staff_client.post(reverse("practice:staff_dispute", args=[dispute.pk]),
                             {"score": bad, "note": "kept"}).content.decode()
    assert "from 0 to 5 in half points" in html and 'value="kept"' in html
    dispute.refresh_from_db()
    assert dispute.is_open and not HumanGrade.objects.exists()


def test_a_resolved_dispute_shows_the_decision_and_no_form(staff_client):
    dispute = dispute_of()
    staff_client.post(reverse("practice:staff_dispute", args=[dispute.pk]), {"score": "3"})
    html = staff_client.get(reverse("practice:staff_dispute", args=[dispute.pk])).content.decode()
    assert 'data-testid="dispute-decision"' in html and 'name="score"' not in html
    response = staff_client.post(reverse("practice:staff_dispute", args=[dispute.pk]), {"score": "5"})
    assert "already resolved" in response.content.decode()
    assert HumanGrade.objects.get().score == Decimal("3")
