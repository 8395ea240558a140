import pytest
from django.urls import resolve, reverse
from django.utils.html import escape

from practice.models import PracticeSession, SessionQuestion
from questions.models import Question
from tests.factories import (
    AnswerFactory,
    CategoryFactory,
    LevelFactory,
    PracticeSessionFactory,
    QuestionFactory,
    RoleTrackFactory,
    SessionQuestionFactory,
)

URL = reverse("practice:start")
FEWER = "This cell has fewer questions than you asked for; here are all of them."
# django_session, auth_user, the recent sessions, and the form's option lists: five, because Django reads the first
# option of each required select once more to decide on its `required` attribute.
PAGE_QUERIES = 8


def form_data(cell, **overrides):
    data = {"category": cell["category"].key, "level": cell["level"].key, "role_track": "", "question_count": "3"}
    data.update(overrides)
    return data


def test_it_rejects_put_and_delete(candidate_client, django_assert_num_queries):
    for method in (candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(2):
            response = method(URL)
        assert response.status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, cell, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.post(URL, form_data(cell))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={URL}"
    assert not PracticeSession.objects.exists()


def test_it_shows_the_start_form(candidate_client, cell, django_assert_num_queries):
    RoleTrackFactory(key="ml-platform", name="ML platform engineer")

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and "Start a practice session" in html
    assert f'<option value="{cell["category"].key}">{escape(cell["category"].name)}</option>' in html
    assert f'<option value="{cell["level"].key}">{cell["level"].name}</option>' in html
    assert '<option value="" selected>Any track</option>' in html
    assert '<option value="ml-platform">ML platform engineer</option>' in html
    assert '<option value="3" selected>3</option>' in html
    assert "Your recent sessions" not in html


def test_it_preselects_the_category_linked_from_the_home_page(candidate_client, cell, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(URL, {"category": cell["category"].key})

    assert f'<option value="{cell["category"].key}" selected>' in response.content.decode()


def test_it_lists_only_the_candidates_own_recent_sessions(candidate, other_candidate, candidate_client, cell,
                                                          django_assert_num_queries):
    mine = SessionQuestionFactory(session__user=candidate, question=cell["questions"][0])
    AnswerFactory(session_question=mine)
    SessionQuestionFactory(session=mine.session, question=cell["questions"][1], position=2)
    follow_up = SessionQuestionFactory(session=mine.session, question=cell["questions"][2], position=None,
                                       follow_up_of=mine)
    AnswerFactory(session_question=follow_up)  # a follow-up answered is not one more question answered
    PracticeSession.objects.filter(pk=mine.session_id).update(question_count=2)
    theirs = PracticeSessionFactory(user=other_candidate)

    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(URL).content.decode()

    assert "Your recent sessions" in html
    assert "<td>1 / 2</td>" in html
    assert f'href="{reverse("practice:summary", args=[mine.session_id])}"' in html
    assert f'href="{reverse("practice:summary", args=[theirs.pk])}"' not in html


def test_its_query_count_does_not_grow_with_sessions_or_taxonomy(candidate, candidate_client, cell,
                                                                 django_assert_num_queries):
    PracticeSessionFactory(user=candidate)
    with django_assert_num_queries(PAGE_QUERIES):
        candidate_client.get(URL)

    for n in range(20):
        CategoryFactory(key=f"category-{n}", name=f"Category {n}")
        LevelFactory(key=f"level-{n}", name=f"Level {n}")
        RoleTrackFactory(key=f"track-{n}", name=f"Track {n}")
    for session in PracticeSessionFactory.create_batch(20, user=candidate):
        for position, question in enumerate(cell["questions"], 1):
            AnswerFactory(session_question=SessionQuestionFactory(session=session, question=question,
                                                                  position=position))
    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(URL).content.decode()

    assert "Category 19" in html
    assert html.count("<td>3 / 3</td>") == 5  # the five most recent


def test_starting_creates_a_session_and_redirects_to_question_one(candidate, candidate_client, cell,
                                                                  django_assert_num_queries):
    # django_session, auth_user, category, level, savepoint, questions of the cell, answered ones, lock the user,
    # count recent sessions, insert session,
    # insert its questions, release, count them.
    with django_assert_num_queries(12):
        response = candidate_client.post(URL, form_data(cell, question_count="3"))

    session = PracticeSession.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("practice:question", args=[session.pk, 1])
    assert (session.user, session.category, session.level, session.role_track) == (
        candidate, cell["category"], cell["level"], None)
    items = list(session.items.order_by("position"))
    assert [item.position for item in items] == [1, 2, 3]
    assert {item.question for item in items} == set(cell["questions"])
    assert all(item.shown_at is None for item in items)
    page = candidate_client.get(response.url).content.decode()
    assert "question 1 of 3" in page
    assert FEWER not in page


def test_starting_with_a_role_track_keeps_to_that_tracks_questions(candidate_client, cell, django_assert_num_queries):
    other_track = RoleTrackFactory(key="ml-platform", name="ML platform engineer")
    platform_question = QuestionFactory(category=cell["category"], levels=[cell["level"]], role_tracks=[other_track])

    with django_assert_num_queries(13):  # + the role track
        response = candidate_client.post(URL, form_data(cell, role_track="ml-platform", question_count="3"))

    session = PracticeSession.objects.get()
    assert response.url == reverse("practice:question", args=[session.pk, 1])
    assert session.role_track == other_track
    assert [item.question for item in session.items.all()] == [platform_question]


@pytest.mark.parametrize(
    ("field", "value", "error", "lookups"),
    [
        ("category", "no-such-category", "Choose a category from the list.", 2),
        ("category", "", "Choose a category.", 1),
        ("level", "principal'; DROP TABLE practice_answer; --", "Choose a level from the list.", 2),
        ("role_track", "no-such-track", "Choose a role track from the list.", 3),
        ("question_count", "7", "Choose 1, 3, 5 or 10 questions.", 2),
        ("question_count", "10000", "Choose 1, 3, 5 or 10 questions.", 2),
        ("question_count", "-1", "Choose 1, 3, 5 or 10 questions.", 2),
        ("question_count", "three", "Choose 1, 3, 5 or 10 questions.", 2),
    ],
)
def test_a_tampered_choice_gets_a_clear_error_and_creates_nothing(candidate_client, cell, field, value, error, lookups,
                                                                  django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES + lookups):  # + looking up each submitted category, level, track
        response = candidate_client.post(URL, form_data(cell, **{field: value}))

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not PracticeSession.objects.exists()
    assert not SessionQuestion.objects.exists()


def test_a_cell_without_published_questions_gets_a_clear_message_and_creates_nothing(candidate_client, cell,
                                                                                     django_assert_num_queries):
    junior = LevelFactory(key="junior", name="Junior")
    QuestionFactory(category=cell["category"], levels=[junior], status=Question.Status.DRAFT)
    QuestionFactory(category=cell["category"], levels=[junior], status=Question.Status.ARCHIVED)

    # + category, level, savepoint, the cell's questions, rollback to and release of the savepoint
    with django_assert_num_queries(PAGE_QUERIES + 6):
        response = candidate_client.post(URL, form_data(cell, level="junior"))

    assert response.status_code == 200
    html = response.content.decode()
    assert escape(
        f"There are no published {cell['category'].name} questions at Junior level yet. "
        "Pick another level or role track."
    ) in html
    assert '<option value="junior" selected>' in html  # the form keeps what the candidate chose
    assert not PracticeSession.objects.exists()


def test_a_track_without_questions_names_the_track_in_the_message(candidate_client, cell,
                                                                  django_assert_num_queries):
    RoleTrackFactory(key="ml-platform", name="ML platform engineer")

    with django_assert_num_queries(PAGE_QUERIES + 7):  # as above, + the role track
        response = candidate_client.post(URL, form_data(cell, role_track="ml-platform"))

    assert "level for the ML platform engineer track yet." in response.content.decode()
    assert not PracticeSession.objects.exists()


def test_asking_for_more_questions_than_the_cell_has_gives_all_of_them_and_says_so(candidate_client, cell,
                                                                                   django_assert_num_queries):
    response = candidate_client.post(URL, form_data(cell, question_count="5"))

    session = PracticeSession.objects.get()
    assert session.items.count() == 3
    with django_assert_num_queries(4):  # the question page, starting the question's clock
        page = candidate_client.get(response.url).content.decode()
    assert FEWER in page
    assert "question 1 of 3" in page


def test_it_prefers_questions_the_candidate_has_not_answered(candidate, candidate_client, cell,
                                                             django_assert_num_queries):
    answered, unanswered = cell["questions"][:2], cell["questions"][2]
    earlier = PracticeSessionFactory(user=candidate, category=cell["category"], level=cell["level"])
    for position, question in enumerate(answered, 1):
        AnswerFactory(session_question=SessionQuestionFactory(session=earlier, question=question, position=position))
    # Another candidate's answers do not count as this candidate's.
    AnswerFactory(session_question__question=unanswered)

    for _ in range(8):  # the order is shuffled: the preference must hold every time
        with django_assert_num_queries(12):
            candidate_client.post(URL, form_data(cell, question_count="1"))
    with django_assert_num_queries(12):
        full = candidate_client.post(URL, form_data(cell, question_count="3"))

    first_questions = SessionQuestion.objects.filter(session__user=candidate, position=1).exclude(session=earlier)
    assert {item.question for item in first_questions} == {unanswered}
    full_session = PracticeSession.objects.get(pk=resolve(full.url).kwargs["session_id"])
    assert [item.question for item in full_session.items.order_by("position")][0] == unanswered
    assert {item.question for item in full_session.items.all()} == set(cell["questions"])


@pytest.mark.parametrize("graded", [1, 500])
def test_its_query_count_is_the_same_with_1_and_500_graded_answers(candidate, candidate_client, cell, graded,
                                                                   django_assert_num_queries):
    from tests.progress.factories import graded_history

    graded_history(user=candidate, questions=cell["questions"], category=cell["category"], level=cell["level"],
                   count=graded)

    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(URL).content.decode()

    sessions = -(-graded // 3)
    assert html.count(" / 3</td>") == min(sessions, 5)  # the five latest sessions, newest first
    assert f"<td>{(graded - 1) % 3 + 1} / 3</td>" in html.split(" / 3</td>")[0] + " / 3</td>"
