"""Writes of the practice loop. Views, tasks and management commands all come through here."""

import hashlib
import logging
import random
import time
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from limits.usage import llm_budget_reached, recent_rows_check, user_lock
from playbook.models import Category, Level, RoleTrack
from playbook.wording import level_phrase
from progress.rollups import progress_record_grade
from progress.services import review_schedule_from_grade
from questions.models import Question

from .exercises.scoring import exercise_overall, spoken_score
from .grading import OfflineGrader, get_grader
from .grading.errors import UngradableAnswerError
from .grading.follow_up import write_follow_up
from .grading.language import other_language
from .grading.scoring import score_output
from .grading.types import GradingRequest, Kind, RubricPoint
from .heartbeat import claim_heartbeat
from .models import Answer, Grade, GradeDispute, PracticeSession, SessionQuestion

logger = logging.getLogger(__name__)

ROUND_FINISHED = ("This mock round is finished, so its unanswered questions stay unanswered, with no score. Start the "
                  "loop again to rehearse them.")


@transaction.atomic
def session_start(
    *, user, category: Category, level: Level, role_track: RoleTrack | None, question_count: int
) -> PracticeSession:
    """Start a session on one category x level cell, preferring questions the candidate has not answered yet."""
    candidates = list(
        Question.objects.for_cell(category=category, level=level, role_track=role_track).values_list("id", flat=True)
    )
    if not candidates:
        track = f" for the {role_track.name} track" if role_track else ""
        raise ValidationError(
            f"There are no published {category.name} questions at {level_phrase(level.name)}{track} yet. "
            "Pick another level or role track."
        )
    answered = set(Answer.objects.filter(user=user, question_id__in=candidates).values_list("question_id", flat=True))
    random.shuffle(candidates)
    candidates.sort(key=lambda question_id: question_id in answered)
    return session_of_questions(
        user=user,
        question_ids=candidates[:question_count],
        category_id=category.pk,
        level_id=level.pk,
        role_track=role_track,
    )


def session_of_questions(
    *,
    user,
    question_ids: list[int],
    category_id: int,
    level_id: int,
    role_track: RoleTrack | None = None,
    asks_follow_ups: bool = False,
    label: str = "",
) -> PracticeSession:
    """A practice session of the given questions, numbered from 1 in the order given.

    Every way into practice (a category cell, a bank, due reviews, a retry, a mock-loop round) builds its session
    here; the caller chooses the questions and the label the session carries. Raises LimitReached past the
    user's SESSIONS_PER_MINUTE or SESSIONS_PER_DAY.
    """
    with transaction.atomic(savepoint=False):  # a limit reached rolls back the caller's transaction too
        user_lock(user_id=user.pk)
        recent_rows_check(
            PracticeSession.objects.filter(user=user),
            stamp="created_at",
            per_minute=settings.SESSIONS_PER_MINUTE,
            per_day=settings.SESSIONS_PER_DAY,
            done="started {count} practice sessions",
            again="start another",
        )
        return _session_create(
            user=user,
            question_ids=question_ids,
            category_id=category_id,
            level_id=level_id,
            role_track=role_track,
            asks_follow_ups=asks_follow_ups,
            label=label,
        )


def _session_create(
    *,
    user,
    question_ids: list[int],
    category_id: int,
    level_id: int,
    role_track: RoleTrack | None,
    asks_follow_ups: bool,
    label: str,
) -> PracticeSession:
    session = PracticeSession.objects.create(
        user=user,
        category_id=category_id,
        level_id=level_id,
        role_track=role_track,
        asks_follow_ups=asks_follow_ups,
        label=label,
        question_count=len(question_ids),
    )
    SessionQuestion.objects.bulk_create(
        SessionQuestion(session=session, question_id=question_id, position=position)
        for position, question_id in enumerate(question_ids, start=1)
    )
    return session


@transaction.atomic
def session_of_question_start(*, user, question: Question, level: Level) -> PracticeSession:
    """A one-question session of a published question at one of its levels (the checklist's links open these)."""
    if question.status != Question.Status.PUBLISHED:
        raise ValidationError("This question is not published, so it cannot be practised.")
    if not question.levels.filter(pk=level.pk).exists():
        raise ValidationError(f"This question is not asked at {level_phrase(level.name)}. Choose one of its levels.")
    return session_of_questions(
        user=user, question_ids=[question.pk], category_id=question.category_id, level_id=level.pk
    )


def session_question_mark_shown(*, session_question: SessionQuestion) -> None:
    """Start the question's clock the first time it is shown; later views keep the first time."""
    if session_question.shown_at is None:
        now = timezone.now()
        SessionQuestion.objects.filter(pk=session_question.pk, shown_at__isnull=True).update(shown_at=now)
        session_question.shown_at = now


def session_question_skip(*, session_question: SessionQuestion) -> bool:
    """Skip a question that has no answer. It gets no grade and no review card and counts in no progress figure;
    the candidate can still come back and answer it. Returns whether it was skipped now."""
    if session_question.is_follow_up:
        raise ValidationError("A follow-up cannot be skipped; go back to the question instead.")
    now = timezone.now()
    skipped = SessionQuestion.objects.filter(
        pk=session_question.pk, skipped_at__isnull=True, answer__isnull=True
    ).update(skipped_at=now)
    if skipped:
        session_question.skipped_at = now
    return bool(skipped)


EMPTY_ANSWER_MESSAGE = "Your answer is empty. Write your answer, then submit it."


def validate_answer_text(text: str) -> str:
    if not text.strip():
        raise ValidationError(EMPTY_ANSWER_MESSAGE)
    if len(text) > settings.ANSWER_MAX_CHARS:
        raise ValidationError(
            f"Your answer is {len(text):,} characters long; the limit is {settings.ANSWER_MAX_CHARS:,}. "
            "Shorten it and submit again: your text is still in the box."
        )
    # Said before anything is stored, where the offline grader will grade it; it refuses such answers anyway.
    if not settings.OPENAI_API_KEY and (language := other_language(text)):
        raise ValidationError(
            f"Your answer reads as {language}, and the offline grader on this site reads English only. Write it in "
            "English and submit again: your text is still in the box."
        )
    return text


def answer_submit(*, user, session_question: SessionQuestion, text: str) -> tuple[Answer, bool]:
    """Store the answer verbatim, then enqueue grading once the row is committed.

    Returns the answer and whether it was created: a second submit of the same question (a double click, a resent
    form) returns the first answer untouched. Raises LimitReached past the user's ANSWERS_PER_MINUTE or
    ANSWERS_PER_DAY, storing nothing.
    """
    validate_answer_text(text)
    existing = Answer.objects.filter(session_question=session_question).first()
    if existing:
        return existing, False
    mock_round = getattr(session_question.session, "mock_round", None)
    # A follow-up asked about an answer given in time may still be answered: finishing does not wait for it.
    if mock_round is not None and mock_round.finished_at is not None and session_question.follow_up_of_id is None:
        raise ValidationError(ROUND_FINISHED)
    shown_at = session_question.shown_at or timezone.now()

    def enqueue() -> None:
        # The caller may render this instance right away (the htmx submit): without this it would claim that
        # grading is delayed although the broker took the task.
        if answer_enqueue_grading(answer_id=answer.pk):
            answer.enqueued_at = timezone.now()

    try:
        with transaction.atomic():
            user_lock(user_id=user.pk)
            recent_rows_check(
                Answer.objects.filter(user=user),
                stamp="submitted_at",
                per_minute=settings.ANSWERS_PER_MINUTE,
                per_day=settings.ANSWERS_PER_DAY,
                done="submitted {count} answers",
                again="submit again",
            )
            answer = Answer.objects.create(
                session_question=session_question,
                user=user,
                question_id=session_question.question_id,
                text=text,
                time_spent_seconds=max(0, int((timezone.now() - shown_at).total_seconds())),
            )
            transaction.on_commit(enqueue)
    except IntegrityError:  # the same form submitted twice at once: the other request stored it
        return Answer.objects.get(session_question=session_question), False
    return answer, True


def answer_enqueue_grading(*, answer_id: int) -> bool:
    """Hand grading to the broker. A broker that is down leaves the answer queued; the sweep tries again."""
    from .tasks import grade_answer

    try:
        grade_answer.apply_async(args=[answer_id])
    except Exception:  # kombu raises several unrelated types for an unreachable broker
        logger.warning("Broker unreachable: answer %s stays queued for the sweep", answer_id, exc_info=True)
        return False
    Answer.objects.filter(pk=answer_id, status=Answer.Status.QUEUED).update(enqueued_at=timezone.now())
    return True


def answer_claim(*, answer_id: int) -> bool:
    """Claim an answer for grading. Only one worker wins; a claim older than the timeout (a worker that died
    mid-grade) can be taken over."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.GRADING_CLAIM_TIMEOUT_SECONDS)
    claimable = Q(status=Answer.Status.QUEUED) | Q(status=Answer.Status.GRADING, claimed_at__lt=stale)
    claimed = Answer.objects.filter(claimable, pk=answer_id).update(
        status=Answer.Status.GRADING, claimed_at=now, attempts=F("attempts") + 1
    )
    return claimed == 1


def grading_request_for(item: SessionQuestion, answer_text: str) -> GradingRequest:
    """What the grader sees: the question and its rubric, or for a follow-up its prompt and the one item it probes."""
    if item.is_follow_up:
        return GradingRequest(
            question=item.follow_up_prompt,
            rubric=[RubricPoint(Kind(item.focus_kind), item.focus_text)],
            answer=answer_text,
            follow_up=True,
        )
    question = item.question
    return GradingRequest(
        question=question.prompt,
        rubric=[RubricPoint(Kind(item.kind), item.text) for item in question.rubric_items.all()],
        answer=answer_text,
        model_answer=question.model_answer,
        guidance=question.grader_guidance,
    )


def grade_request_key(
    *, item: SessionQuestion, answer_text: str, grader_name: str, model: str, prompt_version: str
) -> str:
    question = item.question
    parts = [
        str(question.pk),
        str(question.rubric_version),
        item.follow_up_prompt,
        item.focus_text,
        grader_name,
        model,
        prompt_version,
        answer_text,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def grade_cost_usd(*, model: str, input_tokens: int, output_tokens: int) -> Decimal:
    price_in, price_out = settings.OPENAI_PRICES.get(model, settings.OPENAI_PRICE_DEFAULT)
    cost = (input_tokens * price_in + output_tokens * price_out) / 1_000_000
    return Decimal(str(round(cost, 6)))


def answer_grade(*, answer_id: int, grader=None) -> Grade | None:
    """Grade one answer exactly once. Running it again for a graded answer does nothing.

    Grader errors propagate with the claim released (the answer back to queued), so the task can retry. Past the
    user's or the site's daily LLM budget the offline grader stands in, and the grade records why.
    """
    if not answer_claim(answer_id=answer_id):
        return None
    answer = Answer.objects.select_related(
        "question", "session_question__question", "session_question__session", "code_submission"
    ).get(pk=answer_id)
    grader = grader or get_grader()
    fallback = ""
    if grader.name != OfflineGrader.name:
        fallback = llm_budget_reached(user_id=answer.user_id)
        if fallback:
            grader = OfflineGrader()
    key = grade_request_key(
        item=answer.session_question,
        answer_text=answer.text,
        grader_name=grader.name,
        model=grader.model,
        prompt_version=grader.prompt_version,
    )
    earlier = Grade.objects.filter(request_key=key).order_by("created_at").first()
    if earlier is not None:
        fields = _with_tests(answer, {**_copy_fields(earlier), "fallback": fallback})
        return _grade_save(answer, fields, request_key=key, reused=True)
    try:
        with claim_heartbeat(answer_id=answer_id):
            started = time.monotonic()
            output = grader.grade(grading_request_for(answer.session_question, answer.text))
            # The offline grader reports no latency of its own; at least 1 ms, so a measured grade never reads as
            # one from before latencies were recorded (0, left out of the grader-quality page's percentiles).
            latency_ms = output.latency_ms or max(1, round((time.monotonic() - started) * 1000))
    except UngradableAnswerError as refused:
        answer_release(answer_id=answer_id)
        if fallback:  # the LLM grader, which reads any language, stood down for its budget: it will be back
            raise UngradableAnswerError(f"{refused}, or use Grade again once the LLM grader is back (its daily budget "
                                        "is used up for now)") from refused
        raise
    except BaseException:
        answer_release(answer_id=answer_id)
        raise
    scores = score_output(output)
    fields = {
        "grader": output.grader,
        "model": output.model,
        "prompt_version": output.prompt_version,
        "rubric_version": answer.question.rubric_version,
        "overall": scores.overall,
        "key_points": scores.key_points,
        "trade_offs": scores.trade_offs,
        "failure_modes": scores.failure_modes,
        "clarity": scores.clarity,
        "clarity_verdict": output.clarity,
        "feedback": output.feedback,
        "items": [
            {
                "kind": i.kind,
                "text": i.text,
                "verdict": i.verdict,
                "evidence": i.evidence,
                "note": i.note,
                "confidence": round(i.confidence, 2),
            }
            for i in output.items
        ],
        "flags": output.flags,
        "input_tokens": output.input_tokens,
        "output_tokens": output.output_tokens,
        "cost_usd": grade_cost_usd(
            model=output.model, input_tokens=output.input_tokens, output_tokens=output.output_tokens
        ),
        "latency_ms": latency_ms,
        "fallback": fallback,
    }
    return _grade_save(answer, _with_tests(answer, fields), request_key=key, reused=False)


def _with_tests(answer: Answer, fields: dict) -> dict:
    """An exercise answer's overall also counts its hidden tests (practice.exercises.scoring); the spoken score is
    recomputed from the verdicts, so a grade reused from another answer never carries that answer's tests."""
    submission = getattr(answer, "code_submission", None)
    if submission is None:
        return fields
    spoken = spoken_score(items=fields["items"], clarity_verdict=fields["clarity_verdict"])
    overall = exercise_overall(
        spoken=spoken, hidden_passed=submission.hidden_passed, hidden_total=submission.hidden_total
    )
    return {**fields, "overall": overall}


_COPIED_FIELDS = [
    "grader",
    "model",
    "prompt_version",
    "rubric_version",
    "overall",
    "key_points",
    "trade_offs",
    "failure_modes",
    "clarity",
    "clarity_verdict",
    "feedback",
    "items",
    "flags",
]


def _copy_fields(grade: Grade) -> dict:
    return {name: getattr(grade, name) for name in _COPIED_FIELDS}


def _grade_save(answer: Answer, fields: dict, *, request_key: str, reused: bool) -> Grade | None:
    with transaction.atomic():
        locked = Answer.objects.select_for_update().get(pk=answer.pk)
        if locked.status != Answer.Status.GRADING or Grade.objects.filter(answer_id=answer.pk).exists():
            return None
        grade = Grade.objects.create(answer_id=answer.pk, request_key=request_key, reused=reused, **fields)
        progress_record_grade(grade=grade, answer=answer)
        Answer.objects.filter(pk=answer.pk).update(status=Answer.Status.GRADED, failure_message="")
        _review_schedule(grade_id=grade.pk)
    return grade


def _review_schedule(*, grade_id: int) -> None:
    """Move the review card in the grade's own transaction, so a worker that dies after the commit leaves no grade
    without its card. Should scheduling itself fail, the grade is kept and the sweep schedules it later."""
    try:
        with transaction.atomic():
            review_schedule_from_grade(grade_id=grade_id)
    except Exception:
        logger.exception("Could not schedule the review of grade %s; the sweep will try again", grade_id)


def answer_release(*, answer_id: int) -> None:
    """Give a claim back, so a retry of the task can claim the answer again."""
    Answer.objects.filter(pk=answer_id, status=Answer.Status.GRADING).update(
        status=Answer.Status.QUEUED, claimed_at=None, enqueued_at=timezone.now()
    )


def answer_mark_failed(*, answer_id: int, message: str) -> None:
    Answer.objects.filter(pk=answer_id).exclude(status=Answer.Status.GRADED).update(
        status=Answer.Status.FAILED, failure_message=message[:300]
    )


def answers_requeue_stale() -> int:
    """Re-enqueue answers left queued (the broker was down at submit) or claimed by a worker that died."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.GRADING_STALE_AFTER_SECONDS)
    abandoned = now - timedelta(seconds=settings.GRADING_CLAIM_TIMEOUT_SECONDS)
    waiting = Answer.objects.filter(
        Q(status=Answer.Status.QUEUED, submitted_at__lt=stale)
        & (Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=stale))
        | Q(status=Answer.Status.GRADING, claimed_at__lt=abandoned)
    ).values_list("pk", flat=True)[:500]
    return sum(answer_enqueue_grading(answer_id=answer_id) for answer_id in list(waiting))


def answer_regrade(*, answer: Answer) -> bool:
    """Send a failed answer back to grading, at most GRADING_MAX_REGRADES times; the text the candidate wrote is
    untouched. Only a failed answer reopens, so clicks while one grading is in flight enqueue nothing more."""
    reopened = Answer.objects.filter(
        pk=answer.pk, status=Answer.Status.FAILED, regrades__lt=settings.GRADING_MAX_REGRADES
    ).update(
        status=Answer.Status.QUEUED, enqueued_at=None, claimed_at=None, failure_message="", regrades=F("regrades") + 1
    )
    if reopened:
        transaction.on_commit(lambda: answer_enqueue_grading(answer_id=answer.pk))
    return bool(reopened)


def follow_up_create(*, answer_id: int) -> SessionQuestion | None:
    """After a graded answer in a session that asks follow-ups, attach one follow-up aimed at its weakest point.

    Idempotent: an answer gets at most one follow-up, and follow-ups get none of their own. An answer deleted
    meanwhile (its account was) gets none.
    """
    answer = (
        Answer.objects.select_related("session_question__session", "session_question__question", "grade")
        .filter(pk=answer_id)
        .first()
    )
    if answer is None:
        return None
    item = answer.session_question
    if not item.session.asks_follow_ups or item.is_follow_up or answer.status != Answer.Status.GRADED:
        return None
    if SessionQuestion.objects.filter(follow_up_of=item).exists():
        return None
    follow_up = write_follow_up(
        question=item.question.prompt, items=answer.grade.items, answer=answer.text, use_llm=not answer.grade.fallback
    )
    if follow_up is None:
        return None
    try:
        with transaction.atomic():
            return SessionQuestion.objects.create(
                session=item.session,
                question=item.question,
                position=None,
                follow_up_of=item,
                follow_up_prompt=follow_up.prompt,
                focus_kind=follow_up.kind,
                focus_text=follow_up.focus,
                follow_up_writer=follow_up.writer,
            )
    except IntegrityError:  # a redelivered task created it first
        return None


def grade_dispute_file(*, grade: Grade, user, reason: str) -> GradeDispute:
    """The grade's owner says they disagree, with one sentence of why. One dispute per grade: a second one while
    the first waits for staff is refused with a message (the database constraint backs this under races), and so is
    one after staff decided, since their decision is final (the page no longer offers the form)."""
    if grade.answer.user_id != user.pk:
        raise ValidationError("Only the person who wrote the answer can dispute its grade.")
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError("Say in one sentence why you disagree with this grade.")
    if len(reason) > GradeDispute.REASON_MAX_LENGTH:
        raise ValidationError(
            f"Keep it to one sentence: at most {GradeDispute.REASON_MAX_LENGTH} characters (this one has "
            f"{len(reason)})."
        )
    already_open = ValidationError("You already disputed this grade; staff will review it.")
    earlier = list(grade.disputes.values_list("resolved_at", flat=True))
    if None in earlier:
        raise already_open
    if earlier:
        raise ValidationError("Staff already reviewed this grade and gave their decision; it cannot be disputed again.")
    try:
        with transaction.atomic():
            return GradeDispute.objects.create(grade=grade, reason=reason)
    except IntegrityError:
        raise already_open from None
