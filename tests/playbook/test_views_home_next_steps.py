"""The logged-in home page leads with the candidate's next best step."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from practice.mock import services as mock_services
from practice.models import MockRound
from tests.factories import GradeFactory, PracticeSessionFactory, QuestionFactory, SessionQuestionFactory
from tests.playbook.test_views_home import CANDIDATE_QUERIES, URL, WITH_TRACK_QUERIES
from tests.practice.test_mock_loops import make_loop
from tests.progress.factories import ProfileFactory


def step(html: str, name: str) -> str:
    return html.split(f'data-testid="step-{name}"')[1].split("</li>")[0]


@pytest.fixture
def unfinished(candidate, cell):
    """A session of three: the first answered, the second skipped, the third open."""
    session = PracticeSessionFactory(user=candidate, category=cell["category"], level=cell["level"])
    for position, question in enumerate(cell["questions"], start=1):
        SessionQuestionFactory(session=session, question=question, position=position)
    GradeFactory(answer__session_question=session.items.get(position=1))
    session.items.filter(position=2).update(skipped_at=timezone.now())
    return session


def test_it_offers_to_continue_an_unfinished_session_at_its_first_open_question(candidate_client, unfinished,
                                                                               django_assert_num_queries):
    with django_assert_num_queries(CANDIDATE_QUERIES):
        html = candidate_client.get(URL).content.decode()

    continue_step = step(html, "continue")
    assert f'href="{reverse("practice:question", args=[unfinished.pk, 3])}"' in continue_step
    assert "question 3 of 3 is next" in continue_step
    assert 'data-first-step="continue"' in html


def test_a_finished_session_or_another_candidates_is_not_offered(client, candidate, other_candidate, unfinished):
    client.force_login(other_candidate)
    assert 'data-testid="step-continue"' not in client.get(URL).content.decode()

    unfinished.items.filter(position=3).update(skipped_at=timezone.now())
    client.force_login(candidate)
    assert 'data-testid="step-continue"' not in client.get(URL).content.decode()


def test_it_points_at_the_weakest_category_of_the_target_track(candidate_client, candidate, cell,
                                                               django_assert_num_queries):
    from tests.factories import CategoryFactory

    ProfileFactory(user=candidate, target_role_track=cell["role_track"])
    strong = cell["category"]
    weak = CategoryFactory(key="coding", name="Coding")
    QuestionFactory(category=weak, levels=[cell["level"]], role_tracks=[cell["role_track"]])
    session = PracticeSessionFactory(user=candidate, category=strong, level=cell["level"])
    GradeFactory(answer__session_question=SessionQuestionFactory(session=session, question=cell["questions"][0],
                                                                 position=1), overall="4.5")

    with django_assert_num_queries(WITH_TRACK_QUERIES):
        html = candidate_client.get(URL).content.decode()

    weakest = step(html, "weakest")
    assert f"Your weakest area for {cell['role_track'].name}" in weakest
    assert "Coding: not practised yet." in weakest
    assert f'href="{reverse("practice:start")}?category=coding"' in weakest
    assert 'data-first-step="weakest"' in html


def test_without_a_target_track_it_asks_for_one(candidate_client):
    weakest = step(candidate_client.get(URL).content.decode(), "weakest")

    assert "Choose your target role" in weakest and reverse("progress:dashboard") in weakest


def test_it_suggests_a_loop_not_yet_rehearsed_then_one_to_finish(candidate_client, candidate, db,
                                                                  django_assert_num_queries):
    from tests.factories import CategoryFactory, LevelFactory

    senior = LevelFactory(key="senior", name="Senior")
    category = CategoryFactory(key="coding", name="Coding")
    QuestionFactory.create_batch(4, category=category, levels=[senior])
    first, second = make_loop([[category]], key="first-loop"), make_loop([[category]], key="second-loop")
    first.position, second.position = 1, 2
    first.save(), second.save()

    assert "?loop=first-loop" in step(candidate_client.get(URL).content.decode(), "mock")

    mock = mock_services.mock_loop_start(user=candidate, loop=first, level=senior)
    html = candidate_client.get(URL).content.decode()
    assert "Finish your mock loop" in step(html, "mock")
    assert reverse("practice:mock_loop", args=[mock.pk]) in step(html, "mock")
    assert " at Senior level has rounds still to go" in step(html, "mock")

    MockRound.objects.filter(mock_loop=mock).update(started_at=timezone.now() - timedelta(minutes=5),
                                                    finished_at=timezone.now())
    with django_assert_num_queries(CANDIDATE_QUERIES):
        html = candidate_client.get(URL).content.decode()
    assert "?loop=second-loop" in step(html, "mock")


def test_a_visitor_sent_to_log_in_is_told_why(client, db):
    response = client.get(reverse("practice:start"), follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == f"{reverse('accounts:login')}?next={reverse('practice:start')}"
    assert ("Log in or <a href=\"/accounts/signup/?next=/practice/\">sign up</a> to practise; your answers and "
            "progress are saved to your account.") in html


def test_the_login_page_opened_directly_gives_no_reason(client, db):
    assert 'data-testid="login-why"' not in client.get(reverse("accounts:login")).content.decode()
