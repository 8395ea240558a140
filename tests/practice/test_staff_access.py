"""Who may open the staff pages: a signed-in candidate gets the app's own 403 page naming the staff role (as on the
banks and moderation pages), never the Django admin's log-in; an anonymous visitor goes to the normal log-in."""

from decimal import Decimal

import pytest
from django.urls import reverse

from practice.models import GradeDispute, HumanGrade
from tests.factories import GradeFactory, UserFactory

PAGES = ["practice:staff_grading", "practice:staff_answers", "practice:staff_answer", "practice:staff_disputes",
         "practice:staff_dispute"]


def url_of(name: str) -> str:
    if name == "practice:staff_answer":
        return reverse(name, args=[GradeFactory().answer.pk])
    if name == "practice:staff_dispute":
        dispute = GradeDispute.objects.create(grade=GradeFactory(), reason="push and pop is the answer.")
        return reverse(name, args=[dispute.pk])
    return reverse(name)


@pytest.mark.parametrize("name", PAGES)
def test_it_sends_an_anonymous_visitor_to_the_log_in_page(client, db, name, django_assert_num_queries):
    url = url_of(name)

    with django_assert_num_queries(0):
        response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.parametrize("name", PAGES)
def test_it_shows_a_candidate_the_page_naming_the_staff_role(client, candidate, name, django_assert_num_queries):
    url = url_of(name)
    client.force_login(candidate)

    with django_assert_num_queries(2):  # the session and the user
        response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 403
    assert "This page is not open to your account" in html
    assert 'data-testid="reason"' in html and "for staff" in html
    assert f"signed in as <strong>{candidate.username}</strong>" in html


def test_a_candidate_cannot_set_a_human_grade(client, candidate, django_assert_num_queries):
    grade = GradeFactory()
    client.force_login(candidate)

    with django_assert_num_queries(2):
        response = client.post(reverse("practice:staff_answer", args=[grade.answer.pk]), {"score": "5"})

    assert response.status_code == 403
    assert not HumanGrade.objects.exists()


def test_a_candidate_cannot_resolve_a_dispute_even_their_own(client, db, django_assert_num_queries):
    dispute = GradeDispute.objects.create(grade=GradeFactory(), reason="push and pop is the answer.")
    client.force_login(dispute.grade.answer.user)

    with django_assert_num_queries(2):
        response = client.post(reverse("practice:staff_dispute", args=[dispute.pk]), {"score": "5"})

    assert response.status_code == 403
    dispute.refresh_from_db()
    assert dispute.is_open and dispute.staff_score is None
    assert not HumanGrade.objects.exists()


def test_staff_still_open_the_pages_and_set_a_human_grade(client, db):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("practice:staff_disputes"))
    assert response.status_code == 200
    grade = GradeFactory()
    response = client.post(reverse("practice:staff_answer", args=[grade.answer.pk]), {"score": "4.5"})
    assert response.status_code == 302
    assert HumanGrade.objects.get(answer=grade.answer).score == Decimal("4.5")
