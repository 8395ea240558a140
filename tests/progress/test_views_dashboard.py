from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from practice.models import Answer
from progress.models import Profile
from progress.rollups import progress_rebuild
from progress.selectors import SCORE_CHART_DAYS
from tests.factories import CategoryFactory, GradeFactory, QuestionFactory, SessionQuestionFactory
from tests.progress.factories import ProfileFactory, ReviewCardFactory, graded_history

URL = reverse("progress:dashboard")
# django_session, auth_user, the profile, the rollup cells (heat map, readiness's latest scores, dimension means),
# review counts, levels with published questions per category, categories, levels, the latest days of the score
# chart, role tracks for the form, the target track's categories, their means, recent sessions.
PAGE_QUERIES = 13
PAGE_QUERIES_WITHOUT_TRACK = PAGE_QUERIES - 2


@pytest.fixture
def with_track(candidate, cell):
    return ProfileFactory(user=candidate, target_role_track=cell["role_track"])


def test_it_rejects_put_and_delete(candidate_client, django_assert_num_queries):
    for method in (candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(2):
            response = method(URL)
        assert response.status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={URL}"


def test_a_new_candidate_sees_an_empty_dashboard_with_the_readiness_formula(candidate_client, cell,
                                                                           django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES_WITHOUT_TRACK):
        response = candidate_client.get(URL)

    html = response.content.decode()
    text = " ".join(html.split())
    assert response.status_code == 200 and "<html" in html
    assert '<strong data-testid="graded-count">0</strong> graded answers' in html
    assert "No graded answers yet." in html
    assert ("How readiness is computed: take your last five scores in the category, newest first, and average them "
            "with weights 5, 4, 3, 2 and 1") in text
    assert 'data-testid="score-chart"' not in html
    assert "Pick the role you are aiming for" in html


@pytest.mark.parametrize("graded", [1, 500])
def test_its_query_count_is_the_same_with_1_and_500_graded_answers(candidate_client, candidate, cell, with_track,
                                                                   graded, django_assert_num_queries):
    graded_history(user=candidate, questions=cell["questions"], category=cell["category"], level=cell["level"],
                   count=graded, scores=[Decimal("1.5"), Decimal("3.5")])
    ReviewCardFactory.create_batch(3, user=candidate)

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(URL)

    html = response.content.decode()
    assert f'<strong data-testid="graded-count">{graded}</strong>' in html
    assert '<strong data-testid="reviews-due">3</strong> reviews due' in html
    assert html.count("<circle ") == min(graded, SCORE_CHART_DAYS)  # one answer a day: a point for each latest day
    assert "You rarely name failure modes" in html
    assert f"Mean on {cell['role_track'].name} questions" in html


def test_it_shows_the_heat_map_chart_and_readiness_of_a_history(candidate_client, candidate, cell,
                                                                django_assert_num_queries):
    graded_history(user=candidate, questions=cell["questions"], category=cell["category"], level=cell["level"],
                   count=2, scores=[Decimal("2.0"), Decimal("4.0")])

    with django_assert_num_queries(PAGE_QUERIES_WITHOUT_TRACK):
        html = candidate_client.get(URL).content.decode()

    assert 'title="LLM engineering &amp; RAG at Senior: mean 3.0 over 2 answers">3.0<small>2 answers</small>' in html
    assert 'style="background: hsl(72 65% 82%)"' in html
    # newest first 4.0, 2.0: (5×4 + 4×2) / 9 = 3.11; one of one level: 62%
    assert "<strong>62%</strong>" in html and "<td>4.0, 2.0</td>" in html and "<td>1 of 1</td>" in html
    assert html.count("<circle ") == 2 and "<polyline" in html
    today = timezone.localdate()
    assert f"<title>{today.day} {today:%b %Y}: mean 4.0 over 1 answer</title></circle>" in html


def test_it_never_shows_another_candidates_answers(candidate_client, other_candidate, cell,
                                                    django_assert_num_queries):
    graded_history(user=other_candidate, questions=cell["questions"], category=cell["category"],
                   level=cell["level"], count=3)
    ReviewCardFactory(user=other_candidate)
    ProfileFactory(user=other_candidate, target_role_track=cell["role_track"])

    with django_assert_num_queries(PAGE_QUERIES_WITHOUT_TRACK):
        html = candidate_client.get(URL).content.decode()

    assert '<strong data-testid="graded-count">0</strong>' in html
    assert '<strong data-testid="reviews-due">0</strong>' in html
    assert "answers</small>" not in html and "<circle " not in html


def test_posting_a_target_track_saves_it_and_redirects(candidate_client, candidate, cell, django_assert_num_queries):
    with django_assert_num_queries(2 + 1 + 1 + 6):  # the profile, the track, creating the profile
        response = candidate_client.post(URL, {"role_track": cell["role_track"].key})

    assert response.status_code == 302 and response.url == URL
    assert Profile.objects.get(user=candidate).target_role_track == cell["role_track"]


def test_an_hx_post_returns_the_target_track_partial_with_the_weakest_categories(candidate_client, candidate, cell,
                                                                                 django_assert_num_queries):
    weak = CategoryFactory(key="coding", name="Coding")
    GradeFactory(overall="1.0", answer__session_question=SessionQuestionFactory(
        session__user=candidate, question=QuestionFactory(category=weak, role_tracks=[cell["role_track"]])))
    headers = {"HX-Request": "true", "HX-Target": "target-track"}

    # the profile, the track chosen, creating the profile (savepoint, select, savepoint, insert, release, release),
    # then only what the partial shows: role tracks, the track's categories, their means, categories
    with django_assert_num_queries(2 + 1 + 1 + 6 + 4):
        response = candidate_client.post(URL, {"role_track": cell["role_track"].key}, headers=headers)

    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.startswith('\n<section id="target-track">')
    rows = html.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.index("<td>LLM engineering &amp; RAG</td>") < rows.index("<td>Coding</td>")  # not practised first
    assert "<td>not practised yet</td>" in rows and "<td>1.0</td>" in rows
    assert Profile.objects.get(user=candidate).target_role_track == cell["role_track"]


def test_an_hx_post_says_the_target_is_saved_in_a_status_message(candidate_client, candidate, cell):
    headers = {"HX-Request": "true", "HX-Target": "target-track"}

    response = candidate_client.post(URL, {"role_track": cell["role_track"].key}, headers=headers)

    assert '<p role="status" class="small" data-testid="target-saved">Your target role track is saved.</p>' in (
        response.content.decode())


def test_the_dashboard_shows_no_saved_message_before_a_save(candidate_client, with_track):
    assert 'data-testid="target-saved"' not in candidate_client.get(URL).content.decode()


def test_an_unknown_track_is_refused_with_a_message_and_nothing_saved(candidate_client, candidate, cell, with_track,
                                                                      django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES + 1):  # + looking the track up
        response = candidate_client.post(URL, {"role_track": "astronaut"})

    assert response.status_code == 200
    assert "Choose a role track from the list." in response.content.decode()
    assert Profile.objects.get(user=candidate).target_role_track == cell["role_track"]


def answered_at(grades, moments) -> None:
    """Move the answers of these grades to these times, and rebuild the rollups as a migration would."""
    answers = [grade.answer for grade in grades]
    for answer, moment in zip(answers, moments, strict=True):
        answer.submitted_at = moment
    Answer.objects.bulk_update(answers, ["submitted_at"])
    progress_rebuild(user_ids=[answers[0].user_id])


def test_the_score_chart_draws_the_readers_own_days(candidate_client, candidate, cell, django_assert_num_queries):
    (grade,) = graded_history(user=candidate, questions=cell["questions"], category=cell["category"],
                              level=cell["level"], count=1)
    answered_at([grade], [datetime(2026, 12, 8, 2, 46, tzinfo=UTC)])  # 7 Dec, 18:46 in Los Angeles
    candidate_client.cookies["tz"] = "America/Los_Angeles"

    with django_assert_num_queries(PAGE_QUERIES_WITHOUT_TRACK):
        html = candidate_client.get(URL).content.decode()

    assert "<title>7 Dec 2026: mean 3.5 over 1 answer</title>" in html and ">7 Dec 2026</text>" in html
    assert "8 Dec 2026" not in html
    assert "each day (your days, in America/Los_Angeles time)" in " ".join(html.split())

    del candidate_client.cookies["tz"]
    html = candidate_client.get(URL).content.decode()
    assert "<title>8 Dec 2026: mean 3.5 over 1 answer</title>" in html and "(your days, in UTC time)" in html


def test_the_score_chart_shows_its_latest_days_whole_when_two_utc_days_make_one_local_day(
    candidate_client, candidate, cell, django_assert_num_queries
):
    # Each local day (UTC-1) holds two answers on two UTC days: 23:30 UTC and 00:30 UTC the next day.
    local_days = SCORE_CHART_DAYS + 5
    grades = graded_history(user=candidate, questions=cell["questions"], category=cell["category"],
                            level=cell["level"], count=2 * local_days, scores=[Decimal("1.0"), Decimal("4.0")])
    first = datetime(2026, 6, 1, 23, 30, tzinfo=UTC)
    answered_at(grades, [first + timedelta(days=n // 2, hours=n % 2) for n in range(2 * local_days)])
    candidate_client.cookies["tz"] = "Etc/GMT+1"  # UTC-1

    with django_assert_num_queries(PAGE_QUERIES_WITHOUT_TRACK):
        html = candidate_client.get(URL).content.decode()

    assert html.count("<circle ") == SCORE_CHART_DAYS
    assert html.count("mean 2.5 over 2 answers</title>") == SCORE_CHART_DAYS  # every day whole, the oldest too
    oldest = first.date() + timedelta(days=local_days - SCORE_CHART_DAYS)
    assert f"<title>{oldest.day} {oldest:%b %Y}: mean 2.5 over 2 answers</title>" in html
    older = oldest - timedelta(days=1)
    assert f"<title>{older.day} {older:%b %Y}:" not in html
