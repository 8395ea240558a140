from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from practice.models import PracticeSession
from tests.progress.factories import ReviewCardFactory

URL = reverse("progress:reviews_start")


def test_it_rejects_get_put_and_delete(candidate_client, django_assert_num_queries):
    for method in (candidate_client.get, candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(2):
            response = method(URL)
        assert response.status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.post(URL)

    assert response.status_code == 302 and response.url == f"{reverse('accounts:login')}?next={URL}"
    assert not PracticeSession.objects.exists()


def test_it_starts_a_session_of_the_due_questions_and_opens_the_first(candidate_client, candidate, cell,
                                                                      django_assert_num_queries):
    first, second, third = cell["questions"]
    ReviewCardFactory(user=candidate, question=second, level=cell["level"], due=timezone.now() - timedelta(days=1))
    ReviewCardFactory(user=candidate, question=first, level=cell["level"], due=timezone.now() - timedelta(days=2))

    # savepoint, the due cards, the published questions, lock the user, count recent sessions, the session, its
    # questions, release
    with django_assert_num_queries(2 + 8):
        response = candidate_client.post(URL)

    session = PracticeSession.objects.get(user=candidate)
    assert response.status_code == 302
    assert response.url == reverse("practice:question", args=[session.pk, 1])
    assert list(session.items.order_by("position").values_list("question", flat=True)) == [first.pk, second.pk]


def test_with_nothing_due_it_says_so_and_starts_nothing(candidate_client, candidate, other_candidate,
                                                        django_assert_num_queries):
    ReviewCardFactory(user=other_candidate)
    ReviewCardFactory(user=candidate, due=timezone.now() + timedelta(days=1))

    with django_assert_num_queries(2 + 4):  # savepoint, the due cards, rollback to and release the savepoint
        response = candidate_client.post(URL)

    assert response.status_code == 302 and response.url == reverse("progress:reviews")
    assert not PracticeSession.objects.exists()
    assert "Nothing is due for review right now." in candidate_client.get(response.url).content.decode()
