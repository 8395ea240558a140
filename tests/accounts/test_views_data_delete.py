import pytest
from django.apps import apps
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from practice.models import Answer, Grade, HumanGrade, PracticeSession, SessionQuestion
from progress.models import CardReview, Profile, ReviewCard
from tests.conftest import PASSWORD
from tests.factories import GradeFactory, SessionQuestionFactory

# Passwords are still checked here, only hashed with a fast hasher.
pytestmark = pytest.mark.usefixtures("fast_password_hashing")

URL = reverse("accounts:data_delete")


def rows_referring_to(user_id: int) -> dict[str, int]:
    """For every table with a column referring to the user model (foreign keys, one-to-ones and the many-to-many
    tables Django creates, such as group membership), how many rows still refer to `user_id`."""
    user_model = get_user_model()
    found = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                rows = model._base_manager.filter(**{field.attname: user_id})
                found[f"{model._meta.label}.{field.name}"] = rows.count()
    return found


def test_it_rejects_get_put_and_delete(candidate_client, django_assert_num_queries):
    for method in (candidate_client.get, candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(2):
            response = method(URL)
        assert response.status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, candidate, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.post(URL, {"password": PASSWORD})

    assert response.status_code == 302 and response.url == f"{reverse('accounts:login')}?next={URL}"
    assert get_user_model().objects.filter(pk=candidate.pk).exists()


def test_a_wrong_password_deletes_nothing_and_says_so(candidate_client, candidate, history,
                                                      django_assert_num_queries):
    with django_assert_num_queries(2 + 3 + 2):  # and the My data page's three counts and the kinds it lists
        response = candidate_client.post(URL, {"password": "not-my-password"})

    assert response.status_code == 200
    assert "That is not your password. Nothing was deleted." in response.content.decode()
    assert get_user_model().objects.filter(pk=candidate.pk).exists()
    assert Answer.objects.filter(user=candidate).count() == 2


def test_an_empty_password_deletes_nothing_and_says_so(candidate_client, candidate, django_assert_num_queries):
    with django_assert_num_queries(2 + 3 + 2):
        response = candidate_client.post(URL, {"password": ""})

    assert "Type your password to confirm. Nothing was deleted." in response.content.decode()
    assert get_user_model().objects.filter(pk=candidate.pk).exists()


def test_deleting_removes_the_account_and_every_row_referring_to_it(client, candidate, other_candidate, cell,
                                                                    history):
    client.force_login(candidate)
    user_id = candidate.pk
    group = Group.objects.create(name="beta-testers")
    candidate.groups.add(group)
    # The candidate as a staff grader of someone else's answer: that answer stays, the credit goes.
    theirs = GradeFactory(answer__session_question=SessionQuestionFactory(session__user=other_candidate))
    HumanGrade.objects.create(answer=theirs.answer, score="3.0", graded_by=candidate)
    mine = {
        "sessions": set(PracticeSession.objects.filter(user=candidate).values_list("pk", flat=True)),
        "answers": {grade.answer_id for grade in history},
        "grades": {grade.pk for grade in history},
        "cards": set(ReviewCard.objects.filter(user=candidate).values_list("pk", flat=True)),
    }
    assert all(mine.values()) and CardReview.objects.count() == 2 and Profile.objects.filter(user=candidate).exists()
    assert any(rows_referring_to(user_id).values())

    response = client.post(URL, {"password": PASSWORD})

    assert response.status_code == 302 and response.url == reverse("playbook:home")
    assert SESSION_KEY not in client.session
    assert not get_user_model().objects.filter(pk=user_id).exists()
    left = rows_referring_to(user_id)
    assert len(left) >= 6 and not any(left.values()), left
    assert not PracticeSession.objects.filter(pk__in=mine["sessions"]).exists()
    assert not SessionQuestion.objects.filter(session_id__in=mine["sessions"]).exists()
    assert not Answer.objects.filter(pk__in=mine["answers"]).exists()
    assert not Grade.objects.filter(pk__in=mine["grades"]).exists()
    assert not ReviewCard.objects.filter(pk__in=mine["cards"]).exists() and not CardReview.objects.exists()
    assert not Profile.objects.exists()
    # Someone else's data stays whole; the human grade the deleted staff member gave stays, uncredited.
    assert Grade.objects.filter(pk=theirs.pk).exists() and get_user_model().objects.filter(pk=other_candidate.pk)
    assert HumanGrade.objects.get(answer=theirs.answer).graded_by is None
    assert Group.objects.filter(pk=group.pk).exists()
    assert "Your account and everything stored with it are deleted." in client.get(response.url).content.decode()
