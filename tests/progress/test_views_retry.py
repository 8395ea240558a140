from django.urls import reverse

from practice.models import PracticeSession
from questions.models import Question
from tests.factories import GradeFactory, LevelFactory, SessionQuestionFactory


def url_of(question) -> str:
    return reverse("progress:retry", args=[question.pk])


def answered(user, question, level=None):
    return GradeFactory(answer__session_question=SessionQuestionFactory(
        session__user=user, session__level=level or LevelFactory(), question=question)).answer


def test_it_rejects_get_put_and_delete(candidate_client, candidate, cell, django_assert_num_queries):
    answered(candidate, cell["questions"][0])
    for method in (candidate_client.get, candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(2):
            response = method(url_of(cell["questions"][0]))
        assert response.status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, cell, django_assert_num_queries):
    url = url_of(cell["questions"][0])
    with django_assert_num_queries(0):
        response = client.post(url)

    assert response.status_code == 302 and response.url == f"{reverse('accounts:login')}?next={url}"


def test_it_starts_a_one_question_session_and_opens_it(candidate_client, candidate, cell, django_assert_num_queries):
    question = cell["questions"][0]
    staff = LevelFactory(key="staff", name="Staff+")
    answered(candidate, question, level=staff)
    before = set(PracticeSession.objects.values_list("pk", flat=True))

    # the latest attempt; savepoint, the question, lock the user, count recent sessions, the session, its question,
    # release
    with django_assert_num_queries(2 + 1 + 7):
        response = candidate_client.post(url_of(question))

    (session,) = PracticeSession.objects.exclude(pk__in=before)
    assert response.status_code == 302 and response.url == reverse("practice:question", args=[session.pk, 1])
    assert session.user == candidate and session.level == staff
    assert list(session.items.values_list("question", flat=True)) == [question.pk]


def test_a_question_never_answered_by_this_candidate_is_not_found(candidate_client, other_candidate, cell,
                                                                  django_assert_num_queries):
    answered(other_candidate, cell["questions"][0])
    count = PracticeSession.objects.count()

    with django_assert_num_queries(3):
        response = candidate_client.post(url_of(cell["questions"][0]))

    assert response.status_code == 404 and PracticeSession.objects.count() == count


def test_an_archived_question_is_refused_with_a_message(candidate_client, candidate, cell, django_assert_num_queries):
    question = cell["questions"][0]
    answered(candidate, question)
    Question.objects.filter(pk=question.pk).update(status=Question.Status.ARCHIVED)
    count = PracticeSession.objects.count()

    with django_assert_num_queries(2 + 1 + 4):  # the attempt; savepoint, the question, rollback, release
        response = candidate_client.post(url_of(question))

    assert response.status_code == 302 and response.url == reverse("progress:compare", args=[question.pk])
    assert PracticeSession.objects.count() == count
    assert "no longer published" in candidate_client.get(response.url).content.decode()
