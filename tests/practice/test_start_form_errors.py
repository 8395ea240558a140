"""/practice/: a choice of filters that matches no question says so once, not twice."""

from django.urls import reverse
from django.utils.html import escape

from practice.models import PracticeSession
from tests.factories import LevelFactory, RoleTrackFactory

URL = reverse("practice:start")
# django_session, auth_user, the recent sessions and the form's option lists (five), as on the start page; + the
# category, level and role track looked up, the savepoint, the cell's questions, rollback to and release of it.
QUERIES = 8 + 7


def test_filters_matching_no_question_show_the_message_once(candidate_client, cell, django_assert_num_queries):
    junior = LevelFactory(key="junior", name="Junior")
    track = RoleTrackFactory(key="ml-engineer", name="ML engineer")
    data = {"category": cell["category"].key, "level": junior.key, "role_track": track.key, "question_count": "3"}

    with django_assert_num_queries(QUERIES):
        response = candidate_client.post(URL, data)

    html = response.content.decode()
    message = escape(f"There are no published {cell['category'].name} questions at Junior level for the ML engineer "
                     "track yet.")
    assert response.status_code == 200
    assert html.count(message) == 1
    assert html.count('class="errorlist nonfield"') == 1
    assert not PracticeSession.objects.exists()
