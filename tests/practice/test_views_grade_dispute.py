import pytest
from django.urls import reverse

from practice.models import GradeDispute
from tests.factories import AnswerFactory, GradeFactory

HTMX = {"HX-Request": "true", "HX-Target": "dispute"}
# django_session and auth_user, the grade (with its answer, question and session question), its latest dispute.
PAGE_QUERIES = 4


@pytest.fixture
def grade(candidate):
    return GradeFactory(answer__session_question__session__user=candidate, answer__session_question__position=1)


def url_of(grade) -> str:
    return reverse("practice:grade_dispute", args=[grade.answer_id])


def test_it_rejects_put(candidate_client, grade):
    assert candidate_client.put(url_of(grade)).status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in_and_stores_nothing(client, grade, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.post(url_of(grade), {"reason": "Too low."})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not GradeDispute.objects.exists()


def test_another_candidates_grade_does_not_exist_for_them(client, grade, other_candidate):
    client.force_login(other_candidate)
    assert client.get(url_of(grade)).status_code == 404
    assert client.post(url_of(grade), {"reason": "Too low."}).status_code == 404
    assert not GradeDispute.objects.exists()


def test_an_ungraded_answer_has_no_grade_to_dispute(candidate_client, candidate):
    answer = AnswerFactory(session_question__session__user=candidate)
    assert candidate_client.get(reverse("practice:grade_dispute", args=[answer.pk])).status_code == 404


def test_the_full_page_shows_the_grade_and_the_form(candidate_client, grade, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(url_of(grade)).content.decode()
    assert "I disagree with this grade" in html and 'name="reason"' in html
    assert "<!doctype html>" in html and "How accurate is this grader?" in html


def test_without_javascript_a_dispute_is_filed_and_the_grade_page_says_so(candidate_client, grade):
    response = candidate_client.post(url_of(grade), {"reason": "push and pop is exactly what was asked."})

    assert response.status_code == 302 and response.url == grade.answer.session_question.get_absolute_url()
    assert GradeDispute.objects.get(grade=grade).reason == "push and pop is exactly what was asked."
    page = candidate_client.get(response.url).content.decode()
    assert "staff will review this grade" in page
    assert 'data-testid="dispute-open"' in page and "push and pop is exactly what was asked." in page


def test_with_htmx_the_partial_comes_back_in_place(candidate_client, grade, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES + 4):  # + the open-dispute check, the insert in a savepoint (3)
        response = candidate_client.post(url_of(grade), {"reason": "Too low."}, headers=HTMX)
    html = response.content.decode().strip()
    assert html.startswith('<section id="dispute"') and "<!doctype" not in html
    assert 'data-testid="dispute-open"' in html


@pytest.mark.parametrize("reason,message", [
    ("", "Say in one sentence why you disagree"),
    ("x" * 301, "at most 300 characters"),
])
def test_a_bad_reason_gets_a_clear_message_and_keeps_what_was_typed(candidate_client, grade, reason, message):
    html = candidate_client.post(url_of(grade), {"reason": reason}, headers=HTMX).content.decode()
    assert message in html and 'role="alert"' in html and 'aria-invalid="true"' in html
    assert reason[:50] in html
    assert not GradeDispute.objects.exists()


def test_a_second_dispute_while_one_is_open_is_refused_with_a_message(candidate_client, grade):
    GradeDispute.objects.create(grade=grade, reason="First.")
    html = candidate_client.post(url_of(grade), {"reason": "Second."}).content.decode()
    assert "You already disputed this grade; staff will review it." in html
    assert 'data-testid="dispute-open"' in html and GradeDispute.objects.count() == 1


def test_the_grade_page_shows_the_staff_decision(candidate_client, grade, django_assert_num_queries):
    from decimal import Decimal
    GradeDispute.objects.create(grade=grade, reason="Too low.", staff_score=Decimal("4.5"), staff_note="Correct.",
                                resolved_at="2026-12-06T12:00:00Z")
    with django_assert_num_queries(PAGE_QUERIES):  # the question page: its session joined to the question, the dispute
        html = candidate_client.get(grade.answer.session_question.get_absolute_url()).content.decode()
    assert 'data-testid="dispute-outcome"' in html
    assert "Staff scored your answer <strong>4.5</strong> / 5, where the grader gave 3.5." in html
    assert "Correct." in html and "progress figures keep the" in html
