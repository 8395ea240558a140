"""The mock interviewer's follow-ups: which point they probe, how they are written, and how they are graded."""

import pytest
from django.urls import reverse

from practice import services
from practice.grading.follow_up import choose_focus, write_offline
from practice.grading.offline import OfflineGrader
from practice.grading.openai_grader import build_messages
from practice.grading.scoring import score_output
from practice.grading.types import GradingRequest, Kind, RubricPoint
from practice.models import Answer, SessionQuestion
from practice.tasks import grade_answer
from tests.factories import AnswerFactory, SessionQuestionFactory
from tests.support.fake_openai import FakeOpenAI, Reply

WEAK_ANSWER = ("The KV cache keeps keys and values of earlier tokens so each step only computes attention for the "
               "newest token instead of the whole prefix.")


def all_missed(count: int) -> str:
    items = ",".join(f'{{"id": {i}, "verdict": "missed", "quote": "", "note": ""}}' for i in range(1, count + 1))
    return '{"items": [' + items + '], "clarity": "clear", "feedback": "Go deeper.", "injection_detected": false}'


def graded_items(*verdicts):
    kinds = ["key_point", "key_point", "trade_off", "failure_mode"]
    return [{"kind": kind, "text": f"{kind} item {i}", "verdict": verdict, "evidence": "", "note": ""}
            for i, (kind, verdict) in enumerate(zip(kinds, verdicts))]


def test_a_missed_trade_off_or_failure_mode_comes_before_a_missed_key_point():
    items = graded_items("missed", "covered", "partly", "missed")
    assert choose_focus(items)["kind"] == "failure_mode"  # missed beats partly among trade-offs and failure modes


def test_a_partly_covered_trade_off_still_beats_a_missed_key_point():
    assert choose_focus(graded_items("missed", "covered", "partly", "covered"))["kind"] == "trade_off"


def test_no_follow_up_when_everything_was_covered():
    assert choose_focus(graded_items("covered", "covered", "covered", "covered")) is None


def test_offline_wording_asks_about_the_whole_point_in_sentences_not_word_stems():
    item = {"kind": "trade_off", "text": "Notes that processes give real parallelism but cost memory, start-up time "
                                         "and pickling overhead for data passed between them"}

    prompt = write_offline(item)

    assert "processes, real, parallelism" not in prompt  # the old wording listed the item's stems
    assert ("processes give real parallelism but cost memory, start-up time and pickling overhead for data passed "
            "between them") in prompt
    assert "Notes that" not in prompt  # the rubric's voice, not the interviewer's
    assert prompt[0].isupper() and prompt.endswith("?")


@pytest.mark.parametrize(("kind", "text", "expected"), [
    ("key_point", "Uses a smaller, faster model for auxiliary steps like query rewriting and routing",
     "use a smaller, faster model for auxiliary steps like query rewriting and routing"),
    ("key_point", "Clarifies scope with the user before searching", "clarify scope with the user before "
                                                                     "searching"),
    ("trade_off", "Weighs GPU memory used by the cache against throughput and batch size",
     "weigh GPU memory used by the cache against throughput and batch size?"),
    ("failure_mode", "Warns about permission leaks when ACL filtering fails",
     "What about permission leaks when ACL filtering fails?"),
    ("failure_mode", "Training-serving skew when features are computed by different code paths offline and online",
     "One risk you didn't mention: training-serving skew when features are computed by different code paths offline "
     "and online. How would you notice it"),
    ("key_point", "Makes clear they had no formal authority over the other team",
     "make clear you had no formal authority over the other team"),
    ("key_point", "Removes PII, checks licensing, and holds out an evaluation split",
     "an answer that removes PII, checks licensing, and holds out an evaluation split."),  # later verbs: kept whole
    ("key_point", "Threads share memory cheaply but need locks", "threads share memory cheaply but need locks."),
])
def test_offline_wording_rephrases_each_kind_of_rubric_item_as_a_question_to_the_candidate(kind, text, expected):
    prompt = write_offline({"kind": kind, "text": text})

    assert expected in prompt
    assert prompt.endswith("?")


def test_the_same_item_always_gets_the_same_wording_and_items_vary():
    items = [{"kind": "key_point", "text": f"Uses technique number {n} for the job"} for n in range(12)]

    assert write_offline(items[0]) == write_offline(dict(items[0]))
    assert len({write_offline(item).split(" use ")[0] for item in items}) > 1


@pytest.fixture
def follow_up_session(candidate, cell):
    return SessionQuestionFactory(session__user=candidate, session__category=cell["category"],
                                  session__level=cell["level"], session__asks_follow_ups=True,
                                  question=cell["questions"][0], position=1)


def test_a_graded_answer_in_a_follow_up_session_gets_one_follow_up(follow_up_session):
    answer = AnswerFactory(session_question=follow_up_session, text=WEAK_ANSWER)

    grade_answer.apply(args=[answer.pk])
    grade_answer.apply(args=[answer.pk])  # redelivered: still one follow-up

    follow_ups = SessionQuestion.objects.filter(follow_up_of=follow_up_session)
    assert follow_ups.count() == 1
    follow_up = follow_ups.get()
    assert follow_up.focus_kind in {"trade_off", "failure_mode"}  # the weak answer named neither
    assert follow_up.follow_up_writer == "offline" and follow_up.follow_up_prompt.endswith("?")


def test_ordinary_sessions_and_follow_ups_themselves_get_no_follow_up(session_question, follow_up_session):
    plain = AnswerFactory(session_question=session_question, text=WEAK_ANSWER)
    grade_answer.apply(args=[plain.pk])
    assert not SessionQuestion.objects.filter(follow_up_of=session_question).exists()

    grade_answer.apply(args=[AnswerFactory(session_question=follow_up_session, text=WEAK_ANSWER).pk])
    follow_up = SessionQuestion.objects.get(follow_up_of=follow_up_session)
    grade_answer.apply(args=[AnswerFactory(session_question=follow_up, text="Memory against throughput.").pk])
    assert not SessionQuestion.objects.filter(follow_up_of=follow_up).exists()


def test_a_follow_up_answer_is_graded_against_the_one_item_it_probes(follow_up_session):
    grade_answer.apply(args=[AnswerFactory(session_question=follow_up_session, text=WEAK_ANSWER).pk])
    follow_up = SessionQuestion.objects.get(follow_up_of=follow_up_session)
    answer = AnswerFactory(session_question=follow_up, text=(
        "A bigger cache costs GPU memory, so fewer requests fit in a batch and throughput drops; running out of GPU "
        "memory leads to out-of-memory errors or evicting and recomputing the cache under load."))

    grade_answer.apply(args=[answer.pk])

    grade = Answer.objects.get(pk=answer.pk).grade
    assert [item["text"] for item in grade.items] == [follow_up.focus_text]
    assert grade.items[0]["verdict"] in {"covered", "partly"}
    assert grade.overall > 0


def test_with_an_llm_configured_the_model_writes_the_follow_up(follow_up_session, settings):
    with FakeOpenAI() as fake:
        settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL = "test", fake.base_url
        answer = AnswerFactory(session_question=follow_up_session, text=WEAK_ANSWER)
        fake.script += [Reply(content=all_missed(5)),
                        Reply(content="If the cache fills the GPU, what happens to your batch size and latency?")]

        grade_answer.apply(args=[answer.pk])

    follow_up = SessionQuestion.objects.get(follow_up_of=follow_up_session)
    assert follow_up.follow_up_writer == "openai"
    assert follow_up.follow_up_prompt.startswith("If the cache fills the GPU")


def test_a_failing_model_falls_back_to_the_offline_follow_up(follow_up_session, settings):
    with FakeOpenAI() as fake:
        settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL = "test", fake.base_url
        answer = AnswerFactory(session_question=follow_up_session, text=WEAK_ANSWER)
        fake.script += [Reply(content=all_missed(5)), Reply(status=500, body="{}"), Reply(status=500, body="{}")]

        grade_answer.apply(args=[answer.pk])

    follow_up = SessionQuestion.objects.get(follow_up_of=follow_up_session)
    assert follow_up.follow_up_writer == "offline"
    assert follow_up.follow_up_prompt == write_offline({"kind": follow_up.focus_kind, "text": follow_up.focus_text})


def test_the_follow_up_page_shows_its_prompt_and_is_private(client, candidate, other_candidate, follow_up_session,
                                                            django_assert_num_queries):
    grade_answer.apply(args=[AnswerFactory(session_question=follow_up_session, text=WEAK_ANSWER).pk])
    follow_up = SessionQuestion.objects.get(follow_up_of=follow_up_session)
    url = reverse("practice:follow_up", args=[follow_up_session.session_id, 1])

    client.force_login(other_candidate)
    assert client.get(url).status_code == 404

    client.force_login(candidate)
    with django_assert_num_queries(5):  # session, user, practice session, follow-up, shown_at update
        page = client.get(url).content.decode()
    assert follow_up.follow_up_prompt.replace("'", "&#x27;") in page
    assert "<title>Follow-up to question 1 · AI Interview Playbook</title>" in page
    parent_page = client.get(reverse("practice:question", args=[follow_up_session.session_id, 1])).content.decode()
    assert 'data-testid="follow-up"' in parent_page and "Answer the follow-up" in parent_page


def test_follow_up_answers_count_in_the_session_summary(client, candidate, follow_up_session):
    grade_answer.apply(args=[AnswerFactory(session_question=follow_up_session, text=WEAK_ANSWER).pk])
    follow_up = SessionQuestion.objects.get(follow_up_of=follow_up_session)
    grade_answer.apply(args=[AnswerFactory(session_question=follow_up, text="Nothing useful here at all.").pk])

    client.force_login(candidate)
    page = client.get(reverse("practice:summary", args=[follow_up_session.session_id])).content.decode()

    assert "over 2 graded answers" in page and "Follow-up:" in page


def test_submitting_a_follow_up_answer_grades_it_and_returns_to_its_page(client, candidate, follow_up_session,
                                                                        apply_async,
                                                                        django_capture_on_commit_callbacks):
    grade_answer.apply(args=[AnswerFactory(session_question=follow_up_session, text=WEAK_ANSWER).pk])
    url = reverse("practice:follow_up", args=[follow_up_session.session_id, 1])
    client.force_login(candidate)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"text": "My follow-up answer."})

    assert response.status_code == 302 and response.url == url
    follow_up = SessionQuestion.objects.get(follow_up_of=follow_up_session)
    assert follow_up.answer.text == "My follow-up answer."
    apply_async.assert_called_once_with(args=[follow_up.answer.pk])  # the same grading task as any answer


def test_an_answer_deleted_before_its_task_runs_gets_no_follow_up_and_no_error(follow_up_session):
    """The account (and with it the answer) may be deleted while grading is queued: the task finds nothing to do."""
    answer = AnswerFactory(session_question=follow_up_session, text=WEAK_ANSWER)
    answer_id = answer.pk
    answer.delete()

    assert services.follow_up_create(answer_id=answer_id) is None
    assert grade_answer.apply(args=[answer_id]).successful()


def test_a_rubric_item_of_short_words_still_gives_a_readable_follow_up():
    prompt = write_offline({"kind": "key_point", "text": "RAM vs GPU"})
    assert "RAM vs GPU" in prompt and ": ." not in prompt


def test_the_page_stops_waiting_for_a_follow_up_that_never_came(client, candidate, follow_up_session):
    from datetime import timedelta

    from django.utils import timezone

    from practice.models import Grade

    answer = AnswerFactory(session_question=follow_up_session, text=WEAK_ANSWER)
    with mock_follow_up_failure():
        grade_answer.apply(args=[answer.pk])
    client.force_login(candidate)
    url = reverse("practice:question", args=[follow_up_session.session_id, 1])
    assert "preparing a follow-up" in client.get(url).content.decode()

    Grade.objects.filter(answer=answer).update(created_at=timezone.now() - timedelta(minutes=3))

    page = client.get(url).content.decode()
    assert "preparing a follow-up" not in page and 'hx-trigger="every 1s"' not in page


def mock_follow_up_failure():
    from unittest import mock

    return mock.patch("practice.tasks.services.follow_up_create", return_value=None)


def test_every_rubric_item_in_the_content_gives_a_whole_question_in_the_interviewers_voice():
    import yaml

    from tests.support.stack import REPO

    kinds = {"key_points": "key_point", "trade_offs": "trade_off", "failure_modes": "failure_mode"}
    items = [{"kind": kinds[group], "text": text}
             for path in sorted((REPO / "content" / "questions").glob("*.yaml"))
             for question in yaml.safe_load(path.read_text())
             for group, texts in (question.get("rubric") or {}).items() for text in texts]
    assert len(items) > 1000

    for item in items:
        prompt = write_offline(item)
        assert prompt[0].isupper() and prompt.endswith("?"), prompt
        assert not prompt.startswith(("Warns", "Notes that", "Acknowledges that")), prompt
        assert not any(mark in prompt for mark in ("{", "..", "?.", "??", "  ")), prompt


@pytest.mark.parametrize("answer,most", [
    ("Yes, stale embeddings after the corpus changes can silently degrade retrieval quality, so I would notice it and "
     "do something about it.", 1.0),
    ("That is a good point. Stale embeddings are a real risk: when the corpus changes they silently degrade retrieval "
     "quality.", 1.0),
])
def test_saying_the_follow_ups_own_point_back_earns_nothing(answer, most):
    item = {"kind": "failure_mode", "text": "Stale embeddings after the corpus changes silently degrade retrieval "
            "quality", "verdict": "missed"}
    request = GradingRequest(question=write_offline(item), rubric=[RubricPoint(Kind.FAILURE_MODE, item["text"])],
                             answer=answer, follow_up=True)
    assert score_output(OfflineGrader().grade(request)).overall <= most


def test_a_follow_up_answer_that_says_how_to_notice_and_fix_the_point_earns_it():
    item = {"kind": "failure_mode", "text": "Stale embeddings after the corpus changes silently degrade retrieval "
            "quality", "verdict": "missed"}
    request = GradingRequest(question=write_offline(item), rubric=[RubricPoint(Kind.FAILURE_MODE, item["text"])],
                             answer="I would re-embed the corpus nightly and alert when retrieval metrics drop, "
                                    "because old vectors no longer match changed documents.",
                             follow_up=True)
    assert score_output(OfflineGrader().grade(request)).overall >= 4.0


def test_the_llm_grader_is_told_a_follow_up_states_its_point():
    rubric = [RubricPoint(Kind.FAILURE_MODE, "Stale embeddings silently degrade retrieval")]
    asked = {"question": "One risk you didn't mention: stale embeddings. How would you notice it?", "rubric": rubric,
             "answer": "I would re-embed nightly."}
    follow_up = build_messages(GradingRequest(**asked, follow_up=True), rubric, asked["answer"])[1]["content"]
    ordinary = build_messages(GradingRequest(**asked), rubric, asked["answer"])[1]["content"]
    assert "Saying that point back covers nothing" in follow_up
    assert "Saying that point back covers nothing" not in ordinary
