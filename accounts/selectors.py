"""Everything stored about one user, for "My data": one query per kind of record, whatever the amount.

Each kind is the user's own records under a name they understand, with readable columns (keys and titles, not
internal ids or upload blobs). Candidates see their practice; instructors also what they wrote; staff also what
they did as admins. `EXPORTED_MODELS` names every model that refers to the user; a test checks none is left out.

Also here, as it reads the records django-axes keeps of a user's failed log-ins: how long a lockout has left.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.apps import apps
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from assignments.models import TakeHomeAttempt
from banks.models import Bank, BankImport, BankQuestion
from banks.roles import is_instructor
from moderation.models import ImportJob, ImportRow
from playbook.models import ChecklistTick
from practice.models import Answer, GradeDispute, HumanGrade, MockLoop, PracticeSession
from progress.models import CardReview, DayProgress, Profile, ProgressCell, QuestionProgress, ReviewCard
from questions.models import Question, QuestionRevision


def user_relations() -> list[tuple[type[models.Model], list[str]]]:
    """Every model with a foreign key or one-to-one field to the user model, with the names of those fields."""
    user_model = get_user_model()
    relations = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is user_model]
        if names:
            relations.append((model, names))
    return relations


def _sessions(user) -> list[dict]:
    sessions = (
        PracticeSession.objects.owned_by(user)
        .select_related("category", "level", "role_track")
        .prefetch_related("items__question")
        .order_by("created_at", "pk")
    )
    return [
        {
            "session_id": s.pk,
            "started_at": s.created_at,
            "category": s.category.key,
            "level": s.level.key,
            "role_track": s.role_track.key if s.role_track else "",
            "label": s.label,
            "question_keys": [item.question.key for item in s.items.all()],
        }
        for s in sessions
    ]


def _answers(user) -> list[dict]:
    answers = (
        Answer.objects.filter(user=user)
        .select_related("question", "session_question", "grade", "human_grade", "code_submission")
        .order_by("submitted_at", "pk")
    )
    rows = []
    for answer in answers:
        grade = getattr(answer, "grade", None)
        human = getattr(answer, "human_grade", None)
        submission = getattr(answer, "code_submission", None)
        rows.append({
            "answer_id": answer.pk,
            "session_id": answer.session_question.session_id,
            "position": answer.session_question.position,
            "question_key": answer.question.key,
            "question_title": answer.question.title,
            "submitted_at": answer.submitted_at,
            "time_spent_seconds": answer.time_spent_seconds,
            "status": answer.status,
            "text": answer.text,
            "code": submission.code if submission else "",
            "hidden_tests_passed": submission.hidden_passed if submission else None,
            "hidden_tests_total": submission.hidden_total if submission else None,
            "test_results": submission.results if submission else {},
            "overall": grade.overall if grade else None,
            "key_points": grade.key_points if grade else None,
            "trade_offs": grade.trade_offs if grade else None,
            "failure_modes": grade.failure_modes if grade else None,
            "clarity": grade.clarity if grade else None,
            "feedback": grade.feedback if grade else "",
            "rubric_verdicts": grade.items if grade else [],
            "flags": grade.flags if grade else [],
            "graded_by": f"{grade.grader} {grade.model}".strip() if grade else "",
            "human_score": human.score if human else None,
        })
    return rows


def _review_cards(user) -> list[dict]:
    cards = ReviewCard.objects.owned_by(user).select_related("question", "level").order_by("due", "pk")
    return [
        {
            "question_key": card.question.key,
            "question_title": card.question.title,
            "level": card.level.key,
            "due": card.due,
            "last_score": card.last_score,
            "last_rating": card.get_last_rating_display(),
            "last_reviewed_at": card.last_reviewed_at,
            "review_count": card.review_count,
            "fsrs_card": card.fsrs_card,
        }
        for card in cards
    ]


def _card_reviews(user) -> list[dict]:
    reviews = (
        CardReview.objects.filter(card__user=user).select_related("card__question", "grade").order_by("reviewed_at")
    )
    return [
        {
            "question_key": review.card.question.key,
            "answer_id": review.grade.answer_id,
            "score": review.score,
            "rating": review.get_rating_display(),
            "reviewed_at": review.reviewed_at,
            "scheduled_for": review.due,
        }
        for review in reviews
    ]


def _checklist_ticks(user) -> list[dict]:
    ticks = ChecklistTick.objects.filter(user=user).select_related("item__area").order_by("created_at", "pk")
    return [{"area": tick.item.area.name, "item_key": tick.item.key, "item": tick.item.title,
             "ticked_at": tick.created_at} for tick in ticks]


def _mock_loops(user) -> list[dict]:
    loops = (MockLoop.objects.filter(user=user).select_related("loop", "level")
             .annotate(rounds_started=Count("rounds", filter=Q(rounds__started_at__isnull=False)))
             .order_by("created_at", "pk"))
    return [{"mock_loop_id": mock.pk, "loop": str(mock.loop), "loop_key": mock.loop.key, "level": mock.level.key,
             "started_at": mock.created_at, "rounds_started": mock.rounds_started, "ended_at": mock.ended_at,
             "ended_early": mock.ended_early}
            for mock in loops]


def _take_home_attempts(user) -> list[dict]:
    attempts = (TakeHomeAttempt.objects.owned_by(user).select_related("brief", "pattern", "level")
                .order_by("created_at", "pk"))
    return [{"attempt_id": attempt.pk, "brief": attempt.brief.title, "pattern": attempt.pattern.name,
             "level": attempt.level.key, "started_at": attempt.created_at, "self_review_ticked": attempt.ticks,
             "readme_review_session_id": attempt.review_session_id} for attempt in attempts]


def _banks(user) -> list[dict]:
    entries = BankQuestion.objects.select_related("question").order_by("position", "id")
    banks = Bank.objects.owned_by(user).prefetch_related(Prefetch("entries", queryset=entries)).order_by("position")
    return [{"bank_id": bank.pk, "title": bank.title, "description": bank.description,
             "visibility": bank.get_visibility_display(), "status": bank.get_status_display(),
             "created_at": bank.created_at, "question_keys": [entry.question.key for entry in bank.entries.all()]}
            for bank in banks]


def _questions_written(user) -> list[dict]:
    questions = Question.objects.filter(created_by=user).select_related("category").order_by("created_at", "pk")
    return [{"key": question.key, "title": question.title, "status": question.get_status_display(),
             "category": question.category.key, "rubric_version": question.rubric_version, "prompt": question.prompt,
             "created_at": question.created_at, "updated_at": question.updated_at} for question in questions]


def _question_edits(user) -> list[dict]:
    revisions = QuestionRevision.objects.filter(edited_by=user).select_related("question").order_by("created_at")
    return [{"question_key": revision.question.key, "rubric_version": revision.rubric_version,
             "title": revision.title, "saved_at": revision.created_at} for revision in revisions]


def _bank_imports(user) -> list[dict]:
    """Large bank files the user imported, as metadata: never the uploaded bytes."""
    jobs = BankImport.objects.filter(uploaded_by=user).defer("content").select_related("bank").order_by("created_at")
    return [{"file_name": job.filename, "bank": job.bank.title, "uploaded_at": job.created_at,
             "size_bytes": job.size_bytes, "status": job.get_status_display(), "questions": job.total_questions,
             "message": job.message, "finished_at": job.finished_at} for job in jobs]


def _imports(user) -> list[dict]:
    """The files the user imported, as metadata and counts: never the uploaded bytes."""
    def outcome(name):
        return Count("rows", filter=Q(rows__outcome=name))

    jobs = (ImportJob.objects.filter(uploaded_by=user).defer("content").order_by("created_at", "pk")
            .annotate(imported=outcome(ImportRow.Outcome.IMPORTED),
                      duplicates=outcome(ImportRow.Outcome.DUPLICATE) + outcome(ImportRow.Outcome.NEAR_DUPLICATE),
                      skipped=outcome(ImportRow.Outcome.SKIPPED), errors=outcome(ImportRow.Outcome.ERROR)))
    return [{"file_name": job.filename, "uploaded_at": job.created_at, "size_bytes": job.size_bytes,
             "format": job.detected_format, "status": job.get_status_display(), "rows": job.total_rows,
             "imported": job.imported, "duplicates": job.duplicates, "skipped": job.skipped, "errors": job.errors,
             "finished_at": job.finished_at} for job in jobs]


def _import_reviews(user) -> list[dict]:
    rows = (ImportRow.objects.filter(reviewed_by=user).select_related("job", "question").defer("job__content")
            .order_by("reviewed_at", "pk"))
    return [{"file_name": row.job.filename, "row": row.row_number, "question_key": row.question.key
             if row.question else "", "decision": row.get_review_status_display(), "reviewed_at": row.reviewed_at}
            for row in rows]


def _hand_grades(user) -> list[dict]:
    grades = HumanGrade.objects.filter(graded_by=user).select_related("answer__question").order_by("updated_at")
    return [{"answer_id": grade.answer_id, "question_key": grade.answer.question.key, "score": grade.score,
             "note": grade.note, "graded_at": grade.updated_at} for grade in grades]


def _dispute_decision(dispute: GradeDispute) -> dict:
    """The decision as it stands (the answer's human grade), and what staff said on resolving if it changed since."""
    return {"staff_score": dispute.decision_score, "staff_note": dispute.staff_note,
            "resolved_at": dispute.resolved_at,
            "score_when_resolved": dispute.staff_score if dispute.decision_changed else None,
            "score_changed_at": dispute.decision_changed_at}


def _grade_disputes(user) -> list[dict]:
    disputes = (GradeDispute.objects.filter(grade__answer__user=user).select_related("grade__answer__question")
                .with_decision())
    return [{"answer_id": dispute.grade.answer_id, "question_key": dispute.grade.answer.question.key,
             "reason": dispute.reason, "filed_at": dispute.created_at, "grader_score": dispute.grade.overall,
             **_dispute_decision(dispute)}
            for dispute in disputes.order_by("created_at", "pk")]


def _dispute_decisions(user) -> list[dict]:
    disputes = GradeDispute.objects.filter(resolved_by=user).select_related("grade__answer__question").with_decision()
    return [{"answer_id": dispute.grade.answer_id, "question_key": dispute.grade.answer.question.key,
             **_dispute_decision(dispute)}
            for dispute in disputes.order_by("resolved_at", "pk")]


def _admin_actions(user) -> list[dict]:
    entries = LogEntry.objects.filter(user=user).select_related("content_type").order_by("action_time", "pk")
    return [{"at": entry.action_time, "action": {ADDITION: "added", CHANGE: "changed", DELETION: "deleted"}.get(
             entry.action_flag, ""), "kind": entry.content_type.name if entry.content_type else "",
             "object": entry.object_repr, "change": entry.get_change_message()} for entry in entries]


@dataclass(frozen=True)
class ExportKind:
    """`columns`: the keys of every row, in order, so a kind with no records still exports a CSV header."""
    label: str
    rows: Callable[..., list[dict]]
    columns: tuple[str, ...]
    audience: str = "everyone"  # or "instructors", "staff"


EXPORT_KINDS = {
    "sessions": ExportKind(
        "Practice sessions", _sessions,
        ("session_id", "started_at", "category", "level", "role_track", "label", "question_keys"),
    ),
    "answers": ExportKind(
        "Answers with their grades (and code, for exercises)", _answers,
        ("answer_id", "session_id", "position", "question_key", "question_title", "submitted_at",
         "time_spent_seconds", "status", "text", "code", "hidden_tests_passed", "hidden_tests_total", "test_results",
         "overall", "key_points", "trade_offs", "failure_modes", "clarity", "feedback", "rubric_verdicts", "flags",
         "graded_by", "human_score"),
    ),
    "review_cards": ExportKind(
        "Questions scheduled for review", _review_cards,
        ("question_key", "question_title", "level", "due", "last_score", "last_rating", "last_reviewed_at",
         "review_count", "fsrs_card"),
    ),
    "card_reviews": ExportKind(
        "Review history", _card_reviews,
        ("question_key", "answer_id", "score", "rating", "reviewed_at", "scheduled_for"),
    ),
    "checklist_ticks": ExportKind(
        "Checklist ticks", _checklist_ticks,
        ("area", "item_key", "item", "ticked_at"),
    ),
    "mock_loops": ExportKind(
        "Mock loops", _mock_loops,
        ("mock_loop_id", "loop", "loop_key", "level", "started_at", "rounds_started", "ended_at", "ended_early"),
    ),
    "take_home_attempts": ExportKind(
        "Take-home practice", _take_home_attempts,
        ("attempt_id", "brief", "pattern", "level", "started_at", "self_review_ticked", "readme_review_session_id"),
    ),
    "grade_disputes": ExportKind(
        "Grades you disputed", _grade_disputes,
        ("answer_id", "question_key", "reason", "filed_at", "grader_score", "staff_score", "staff_note",
         "resolved_at", "score_when_resolved", "score_changed_at"),
    ),
    "banks": ExportKind(
        "Question banks you own", _banks,
        ("bank_id", "title", "description", "visibility", "status", "created_at", "question_keys"), "instructors",
    ),
    "questions": ExportKind(
        "Questions you wrote or imported", _questions_written,
        ("key", "title", "status", "category", "rubric_version", "prompt", "created_at", "updated_at"), "instructors",
    ),
    "question_edits": ExportKind(
        "Question edits you saved", _question_edits,
        ("question_key", "rubric_version", "title", "saved_at"), "instructors",
    ),
    "bank_imports": ExportKind(
        "Bank files you imported in the background", _bank_imports,
        ("file_name", "bank", "uploaded_at", "size_bytes", "status", "questions", "message", "finished_at"),
        "instructors",
    ),
    "imports": ExportKind(
        "Files you imported (name, date, counts)", _imports,
        ("file_name", "uploaded_at", "size_bytes", "format", "status", "rows", "imported", "duplicates", "skipped",
         "errors", "finished_at"), "staff",
    ),
    "import_reviews": ExportKind(
        "Imported questions you reviewed", _import_reviews,
        ("file_name", "row", "question_key", "decision", "reviewed_at"), "staff",
    ),
    "hand_grades": ExportKind(
        "Answers you graded by hand", _hand_grades,
        ("answer_id", "question_key", "score", "note", "graded_at"), "staff",
    ),
    "dispute_decisions": ExportKind(
        "Grade disputes you resolved", _dispute_decisions,
        ("answer_id", "question_key", "staff_score", "staff_note", "resolved_at", "score_when_resolved",
         "score_changed_at"), "staff",
    ),
    "admin_actions": ExportKind(
        "Changes you made in the admin", _admin_actions,
        ("at", "action", "kind", "object", "change"), "staff",
    ),
}
# Every model that refers to the user, and where it is exported: sessions hold their rounds, answers their grades.
# The progress rollups are sums of those grades, so the answers carry everything they hold.
EXPORTED_MODELS = {PracticeSession, Answer, ReviewCard, Profile, ChecklistTick, MockLoop, TakeHomeAttempt, Bank,
                   BankImport, Question, QuestionRevision, ImportJob, ImportRow, HumanGrade, GradeDispute, LogEntry,
                   ProgressCell, QuestionProgress, DayProgress}


def export_kinds(*, user) -> dict[str, str]:
    """The kinds of record this user has, with their names: a candidate's practice, plus an instructor's or an
    admin's own work."""
    audiences = {"everyone"} | ({"instructors"} if is_instructor(user) else set()) | (
        {"staff"} if user.is_staff else set())
    return {key: kind.label for key, kind in EXPORT_KINDS.items() if kind.audience in audiences}


def export_rows(*, user, kind: str) -> list[dict] | None:
    """The user's records of one kind as flat dicts, or None for a kind that does not exist for this user."""
    if kind not in export_kinds(user=user):
        return None
    return EXPORT_KINDS[kind].rows(user)


def account_export(*, user) -> dict:
    """The whole export: the account, the progress profile, and every kind of record."""
    profile = Profile.objects.select_related("target_role_track").filter(user=user).first()
    return {
        "exported_at": timezone.now(),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "progress_profile": {
            "target_role_track": profile.target_role_track.key if profile and profile.target_role_track else "",
        },
        **{kind: export_rows(user=user, kind=kind) for kind in export_kinds(user=user)},
    }


def account_summary(*, user) -> dict[str, int]:
    """How much is stored, for the My data page: three counts."""
    return {
        "sessions": PracticeSession.objects.owned_by(user).count(),
        "answers": Answer.objects.filter(user=user).count(),
        "review_cards": ReviewCard.objects.owned_by(user).count(),
    }


def login_lockout_time_left(*, request) -> timedelta | None:
    """How long until the username of this locked-out log-in may try again from this network, from the failures
    django-axes counts for it (the same rows, window and limit); None if that cannot be known (no cool-off, or an
    axes handler that keeps no such rows)."""
    handler = AxesProxyHandler.get_implementation()
    cool_off = get_cool_off(request)
    if cool_off is None or not hasattr(handler, "get_user_attempts"):
        return None
    credentials = getattr(request, "axes_credentials", None)
    limit = get_failure_limit(request, credentials)
    ends = []
    for attempts in handler.get_user_attempts(request, credentials):
        rows = list(attempts.order_by("attempt_time").values_list("attempt_time", "failures_since_start"))
        counted = sum(failures for _, failures in rows)
        # Each row leaves the window a cool-off after its last failure, oldest first; the lock lasts until the
        # failures still counted fall below the limit.
        for attempt_time, failures in rows:
            if counted < limit:
                break
            counted -= failures
            ends.append(attempt_time + cool_off)
    if not ends:
        return None
    return max(ends) - (getattr(request, "axes_attempt_time", None) or timezone.now())
