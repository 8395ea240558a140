"""POST-only: it opens the practice question where the README is pasted, and redirects there. It renders no page,
so there is no htmx fragment of it to test; the attempt page's tests cover the README review section."""

from django.urls import reverse

from assignments.models import TakeHomeAttempt
from practice.models import PracticeSession
from tests.factories import AnswerFactory

# django_session, auth_user and the attempt; then, inside the test's transaction: a savepoint, the attempt locked
# (with its user and its brief's question), the user's lock, its sessions counted, the session's insert, its
# question's insert, the attempt's update and
# the release.
START_QUERIES = 11


def url_of(attempt: TakeHomeAttempt) -> str:
    return reverse("assignments:readme_review", args=[attempt.pk])


def test_it_rejects_get_put_and_delete(candidate_client, attempt, django_assert_num_queries):
    for method in (candidate_client.get, candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(2):
            response = method(url_of(attempt))
        assert response.status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in_and_opens_nothing(client, attempt, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.post(url_of(attempt))

    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert not PracticeSession.objects.exists()


def test_another_candidates_attempt_is_not_found(client, other_candidate, attempt, django_assert_num_queries):
    client.force_login(other_candidate)

    with django_assert_num_queries(3):
        response = client.post(url_of(attempt))

    assert response.status_code == 404
    assert not PracticeSession.objects.exists()


def test_it_opens_the_practice_question_for_the_readme(candidate_client, candidate, attempt,
                                                      django_assert_num_queries):
    with django_assert_num_queries(START_QUERIES):
        response = candidate_client.post(url_of(attempt))

    session = PracticeSession.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("practice:question", args=[session.pk, 1])
    assert (session.user, session.level.key) == (candidate, "mid")
    page = candidate_client.get(response.url).content.decode()
    assert f"<h1>{attempt.brief.review_question.title}</h1>" in page and 'name="text"' in page


def test_a_second_click_before_pasting_reopens_the_same_question(candidate_client, attempt):
    first = candidate_client.post(url_of(attempt))
    second = candidate_client.post(url_of(attempt))

    assert first.url == second.url and PracticeSession.objects.count() == 1


def test_after_a_readme_was_submitted_a_revised_one_gets_a_new_question(candidate_client, attempt):
    first = candidate_client.post(url_of(attempt))
    AnswerFactory(session_question=PracticeSession.objects.get().items.get(), text="# My README, first draft")

    second = candidate_client.post(url_of(attempt))

    attempt.refresh_from_db()
    assert second.url != first.url and PracticeSession.objects.count() == 2
    assert second.url == reverse("practice:question", args=[attempt.review_session_id, 1])
