"""Practising one question on its own (the checklist links here): pick a level, answer it in its own session."""

import pytest
from django.urls import reverse

from practice.models import PracticeSession
from questions.models import Question
from tests.factories import LevelFactory, QuestionFactory

# django_session, auth_user, the question (with its category), its levels for the picker.
PAGE_QUERIES = 4


@pytest.fixture
def question(cell):
    chosen = cell["questions"][0]
    chosen.levels.add(LevelFactory(key="staff", name="Staff+", position=9))
    return chosen


def url_of(question) -> str:
    return reverse("practice:question_start", args=[question.key])


def test_it_rejects_put_and_delete(candidate_client, question, django_assert_num_queries):
    for method in (candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(2):
            assert method(url_of(question)).status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in_and_starts_nothing(client, question, django_assert_num_queries):
    level = question.levels.first()
    with django_assert_num_queries(0):
        response = client.post(url_of(question), {"level": level.key})

    assert response.status_code == 302 and response.url == f"{reverse('accounts:login')}?next={url_of(question)}"
    assert not PracticeSession.objects.exists()


def test_a_draft_question_is_not_found(candidate_client, cell, django_assert_num_queries):
    draft = QuestionFactory(status=Question.Status.DRAFT, category=cell["category"], levels=[cell["level"]])

    with django_assert_num_queries(3):
        response = candidate_client.get(url_of(draft))

    assert response.status_code == 404


def test_it_shows_the_question_with_its_levels_to_choose_from(candidate_client, question, cell,
                                                              django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(url_of(question))

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert f"<h1>{question.title}</h1>" in html and "LLM engineering &amp; RAG" in html
    assert f'<option value="{cell["level"].key}"' in html and '<option value="staff"' in html
    assert 'value="junior"' not in html


def test_starting_opens_a_one_question_session_of_that_question(candidate_client, candidate, question,
                                                                 django_assert_num_queries):
    response = candidate_client.post(url_of(question), {"level": "staff"})

    session = PracticeSession.objects.get(user=candidate)
    assert response.url == reverse("practice:question", args=[session.pk, 1])
    assert [item.question_id for item in session.items.all()] == [question.pk]
    assert session.level.key == "staff" and session.category_id == question.category_id


def test_a_level_the_question_is_not_asked_at_is_refused_with_a_message(candidate_client, question):
    LevelFactory(key="junior", name="Junior")

    response = candidate_client.post(url_of(question), {"level": "junior"})

    assert response.status_code == 200
    assert "Choose a level from the list." in response.content.decode()
    assert not PracticeSession.objects.exists()
