import csv
import io
import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts.selectors import NAMED_KINDS, export_kinds
from practice.models import Answer
from tests.factories import GradeFactory, SessionQuestionFactory

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

JSON_URL = reverse("accounts:data_export_json")


def csv_url(kind: str) -> str:
    return reverse("accounts:data_export_csv", args=[kind])


def other_kinds() -> int:
    """Tables with a column referring to the user besides the named ones: one query each."""
    return len(export_kinds()) - len(NAMED_KINDS)


# django_session, auth_user, the profile, sessions with their questions and those questions (3), answers with
# grades, review cards, card reviews, then one query per other table referring to the user.
def json_queries() -> int:
    return 2 + 1 + 3 + 1 + 1 + 1 + other_kinds()


@pytest.mark.parametrize("url", [JSON_URL, csv_url("answers")])
def test_it_rejects_post_put_and_delete(candidate_client, url, django_assert_num_queries):
    for method in (candidate_client.post, candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(2):
            response = method(url)
        assert response.status_code == 405


@pytest.mark.parametrize("url", [JSON_URL, csv_url("answers")])
def test_it_sends_an_anonymous_visitor_to_log_in(client, db, url, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(url)

    assert response.status_code == 302 and response.url == f"{reverse('accounts:login')}?next={url}"


def test_the_json_export_holds_everything_of_mine(candidate_client, candidate, cell, history,
                                                  django_assert_num_queries):
    with django_assert_num_queries(json_queries()):
        response = candidate_client.get(JSON_URL)

    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith(f'attachment; filename="playbook-{candidate.username}-all-')
    data = json.loads(response.content)
    assert data["account"]["username"] == candidate.username
    assert data["progress_profile"] == {"target_role_track": cell["role_track"].key}
    assert {s["session_id"] for s in data["sessions"]} == {g.answer.session_question.session_id for g in history}
    assert len(data["sessions"][0]["question_keys"]) == 2
    (first, second) = data["answers"]
    assert first["text"] == history[0].answer.text and first["overall"] == "2.5"
    assert first["rubric_verdicts"] == history[0].items and first["question_key"] == cell["questions"][0].key
    assert [card["question_key"] for card in data["review_cards"]] == [q.key for q in cell["questions"][:2]]
    assert data["review_cards"][0]["fsrs_card"]["state"] == 2
    assert {r["answer_id"] for r in data["card_reviews"]} == {first["answer_id"], second["answer_id"]}
    assert set(export_kinds()) <= set(data)


def test_the_json_export_costs_the_same_queries_with_more_data_and_never_holds_anothers(
    candidate_client, candidate, other_candidate, cell, history, django_assert_num_queries
):
    for question in cell["questions"]:
        GradeFactory(answer__session_question=SessionQuestionFactory(session__user=candidate, question=question))
    theirs = GradeFactory(answer__session_question=SessionQuestionFactory(session__user=other_candidate),
                          answer__text="Someone else's secret answer")

    with django_assert_num_queries(json_queries()):
        response = candidate_client.get(JSON_URL)

    assert len(json.loads(response.content)["answers"]) == 5
    assert theirs.answer.text.encode() not in response.content
    assert str(theirs.answer.question.key).encode() not in response.content


def test_the_answers_csv_has_a_row_per_answer_with_its_grade(candidate_client, candidate, history,
                                                             django_assert_num_queries):
    with django_assert_num_queries(2 + 1):
        response = candidate_client.get(csv_url("answers"))

    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(f'attachment; filename="playbook-{candidate.username}-answers-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [int(row["answer_id"]) for row in rows] == [g.answer_id for g in history]
    assert rows[0]["overall"] == "2.5" and rows[0]["status"] == Answer.Status.GRADED
    assert json.loads(rows[0]["rubric_verdicts"]) == history[0].items


@pytest.mark.parametrize(("kind", "queries", "rows"), [("sessions", 3, 2), ("review_cards", 1, 2),
                                                       ("card_reviews", 1, 2)])
def test_each_named_kind_exports_as_csv(candidate_client, history, kind, queries, rows, django_assert_num_queries):
    with django_assert_num_queries(2 + queries):
        response = candidate_client.get(csv_url(kind))

    assert len(list(csv.DictReader(io.StringIO(response.content.decode())))) == rows


def test_another_table_referring_to_me_exports_with_its_own_columns(candidate_client, candidate, other_candidate,
                                                                    django_assert_num_queries):
    for user in (candidate, other_candidate):
        LogEntry.objects.create(user=user, content_type=ContentType.objects.get_for_model(user),
                                object_id=str(user.pk), object_repr=user.username, action_flag=CHANGE)

    with django_assert_num_queries(2 + 1):
        response = candidate_client.get(csv_url("admin.logentry"))

    (row,) = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["user_id"] == str(candidate.pk) and row["object_repr"] == candidate.username


def test_a_named_kind_is_exported_only_under_its_name(candidate_client, history, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = candidate_client.get(csv_url("practice.practicesession"))

    assert response.status_code == 404


def test_an_unknown_kind_is_not_found(candidate_client, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = candidate_client.get(csv_url("passwords"))

    assert response.status_code == 404
