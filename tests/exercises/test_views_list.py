from django.urls import reverse

from practice.models import PracticeSession

URL = reverse("exercises:list")


def test_it_needs_a_login_and_rejects_put(client, candidate_client, exercise):
    assert candidate_client.put(URL).status_code == 405
    client.logout()
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_it_lists_exercises_with_a_fixed_number_of_queries(candidate_client, exercise, django_assert_num_queries):
    with django_assert_num_queries(5):  # session, user, exercises, their levels, their tags
        response = candidate_client.get(URL)
    assert exercise.question.title in response.content.decode()
    assert "15 min" in response.content.decode()


def test_starting_an_exercise_opens_a_one_question_session(candidate_client, candidate, exercise, cell):
    response = candidate_client.post(URL, {"exercise": exercise.key})
    session = PracticeSession.objects.get(user=candidate)
    assert response.url == reverse("practice:question", args=[session.pk, 1])
    assert [item.question_id for item in session.items.all()] == [exercise.question_id]


def test_an_unknown_exercise_is_404(candidate_client, exercise):
    assert candidate_client.post(URL, {"exercise": "nope"}).status_code == 404
