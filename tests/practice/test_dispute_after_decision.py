"""A grade staff already decided on cannot be disputed again, even by a POST the page no longer offers."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from practice.models import GradeDispute
from practice.services import grade_dispute_file
from tests.factories import GradeFactory

REFUSED = "Staff already reviewed this grade and gave their decision; it cannot be disputed again."
# django_session, auth_user, the grade, the earlier disputes (refused: nothing written), its latest dispute.
QUERIES = 5


@pytest.fixture
def decided_grade(candidate):
    grade = GradeFactory(answer__session_question__session__user=candidate, answer__session_question__position=1)
    GradeDispute.objects.create(grade=grade, reason="Too low.", staff_score=Decimal("3.5"), staff_note="Fair.",
                                resolved_at=timezone.now())
    return grade


def test_the_service_refuses_a_second_dispute_after_the_decision(decided_grade):
    with pytest.raises(ValidationError, match="cannot be disputed again"):
        grade_dispute_file(grade=decided_grade, user=decided_grade.answer.user, reason="Still too low.")
    assert GradeDispute.objects.count() == 1


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true", "HX-Target": "dispute"}])
def test_a_direct_post_is_refused_with_a_clear_message(candidate_client, decided_grade, headers,
                                                       django_assert_num_queries):
    url = reverse("practice:grade_dispute", args=[decided_grade.answer_id])

    with django_assert_num_queries(QUERIES):
        response = candidate_client.post(url, {"reason": "Still too low."}, headers=headers)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="dispute-error"' in html and REFUSED in html
    assert 'data-testid="dispute-outcome"' in html and 'name="reason"' not in html
    assert list(GradeDispute.objects.values_list("reason", flat=True)) == ["Too low."]
