from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from limits import LimitReached

from . import selectors, services
from .accuracy import grading_docs_html, stored_report
from .exercises.forms import ExerciseAnswerForm
from .exercises.services import exercise_answer_submit
from .exercises.vendor import editor_url, pyodide_url
from .forms import AnswerForm, GradeDisputeForm, QuestionLevelForm, StartSessionForm
from .models import Answer
from .staff import selectors as staff_selectors

# How long the page waits for the interviewer's follow-up after the grade; a follow-up that failed stops the wait.
FOLLOW_UP_WAIT = timedelta(minutes=2)


@login_required
@require_http_methods(["GET", "POST"])
def start(request):
    form = StartSessionForm(request.POST or None, initial=request.GET.dict() or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_start(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        except LimitReached as error:
            form.add_error(None, error.message)
            status = 429
        else:
            if session.question_count < form.cleaned_data["question_count"]:
                messages.info(request, "This cell has fewer questions than you asked for; here are all of them.")
            return redirect("practice:question", session_id=session.pk, position=1)
    context = {"form": form, "recent_sessions": selectors.recent_sessions(user=request.user)}
    return render(request, "practice/start.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def question_start(request, key: str):
    """Practise one question (the checklist links here): pick its level, then answer it in a session of its own."""
    question = selectors.published_question_for(key=key)
    form = QuestionLevelForm(request.POST or None, initial=request.GET.dict() or None, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_of_question_start(user=request.user, question=question,
                                                         level=form.cleaned_data["level"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("practice:question", session_id=session.pk, position=1)
    return render(request, "practice/question_start.html", {"question": question, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def question(request, session_id: int, position: int, follow_up: bool = False):
    if follow_up:
        session = selectors.session_for(user=request.user, session_id=session_id)
        item = selectors.follow_up_for(session=session, position=position)
    else:
        item = selectors.session_question_of(user=request.user, session_id=session_id, position=position)
        session = item.session
    answer = getattr(item, "answer", None)
    exercise = None if item.is_follow_up else getattr(item.question, "exercise", None)
    if exercise:
        form = ExerciseAnswerForm(request.POST or None, initial={"code": exercise.starter_code})
    else:
        form = AnswerForm(request.POST or None)
    status = 200
    unsent = []
    if request.method == "POST":
        try:
            if form.is_valid():
                if exercise:
                    submitted, created = exercise_answer_submit(
                        user=request.user, session_question=item, exercise=exercise, code=form.cleaned_data["code"],
                        explanation=form.cleaned_data["text"], results=form.cleaned_data["results"],
                    )
                else:
                    submitted, created = services.answer_submit(
                        user=request.user, session_question=item, text=form.cleaned_data["text"]
                    )
                if not created:
                    # The page's own read already holds the first answer with its grade; prefer it to a bare row.
                    answer = answer or submitted
                    messages.info(request, "This question was already answered; your first answer is kept.")
                    unsent = _unsent_parts(form.cleaned_data, answer=answer, exercise=exercise)
                    status = 409 if unsent else 200
                else:
                    answer = submitted
                if not request.htmx and not unsent:
                    return redirect(request.path)
                form = AnswerForm()
        except LimitReached as error:  # nothing was stored: the bound form shows the text again
            form.add_error(None, f"{error.message} Your answer is still in the box.")
            status = 429
        except ValidationError as error:  # e.g. a finished mock round's question, sent from a page opened before
            form.add_error(None, error)
            status = 400
    elif answer is None:
        services.session_question_mark_shown(session_question=item)
    asked_follow_up = None if item.is_follow_up else getattr(item, "follow_up", None)
    graded = answer is not None and answer.status == Answer.Status.GRADED
    context = {
        "session": session,
        "item": item,
        "exercise": exercise,
        "exercise_assets": {"pyodide": pyodide_url(), "editor": editor_url()} if exercise else None,
        "answer": answer,
        "form": form,
        "unsent": unsent,
        "asked_follow_up": asked_follow_up,
        "awaiting_follow_up": (
            session.asks_follow_ups and not item.is_follow_up and asked_follow_up is None
            and graded and any(entry["verdict"] != "covered" for entry in answer.grade.items)
            and answer.grade.created_at > timezone.now() - FOLLOW_UP_WAIT
        ),
        "next_position": position + 1 if position < session.question_count else None,
        "dispute": selectors.grade_latest_dispute(grade=answer.grade) if graded else None,
        "dispute_form": GradeDisputeForm(),
    }
    template = "practice/question.html"
    if request.htmx and request.htmx.target in {"grade", "answer-area"}:
        template = f"practice/question.html#{request.htmx.target}"
    return render(request, template, context, status=status)


def _unsent_parts(data: dict, *, answer: Answer, exercise) -> list[tuple[str, str]]:
    """What a refused second submit (another tab, an older page) typed that the kept answer does not hold, labelled,
    so the page can give it back to copy instead of dropping it. A plain resend of the same text gives back nothing."""
    parts = [("Your unsent text" if not exercise else "Your unsent explanation", data["text"], answer.text)]
    if exercise:
        submission = getattr(answer, "code_submission", None)
        parts.insert(0, ("Your unsent code", data["code"], submission.code if submission else ""))
    return [(label, typed) for label, typed, kept in parts if typed.strip() and typed.strip() != kept.strip()]


@login_required
@require_POST
def skip(request, session_id: int, position: int):
    """Skip to the next question that is still open; with none left, to the summary."""
    item = selectors.session_question_of(user=request.user, session_id=session_id, position=position)
    session = item.session
    if hasattr(item, "answer"):
        messages.info(request, "This question is already answered, so there is nothing to skip.")
    else:
        services.session_question_skip(session_question=item)
    following = selectors.next_open_item(session=session, after=position)
    if following is None:
        return redirect("practice:summary", session_id=session.pk)
    return redirect("practice:question", session_id=session.pk, position=following.position)


@login_required
@require_POST
def regrade(request, answer_id: int):
    answer = get_object_or_404(
        Answer.objects.select_related("session_question__follow_up_of"), pk=answer_id, user=request.user
    )
    if services.answer_regrade(answer=answer):
        messages.success(request, "Your answer is queued for grading again.")
    elif answer.status == Answer.Status.FAILED:
        messages.error(request, f"This answer was already sent back to grading {answer.regrades} times, the most "
                                "allowed. Your answer is saved.")
    return redirect(answer.session_question.get_absolute_url())


@login_required
@require_http_methods(["GET"])
def summary(request, session_id: int):
    session = selectors.session_for(user=request.user, session_id=session_id)
    items = selectors.session_items(session=session)
    answers = list(selectors.answers_of(items))
    grades = [answer.grade for answer in answers if hasattr(answer, "grade")]
    context = {
        "session": session,
        "items": items,
        "graded": len(grades),
        "mean_overall": sum(g.overall for g in grades) / len(grades) if grades else None,
        "pending": sum(1 for answer in answers if not answer.is_finished),
        "unanswered": sum(1 for item in items if item.is_open),
        "skipped": sum(1 for item in items if item.skipped_at and not hasattr(item, "answer")),
        "continue_item": selectors.first_open_item(items),
    }
    return render(request, "practice/summary.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def grade_dispute(request, answer_id: int):
    """"I disagree with this grade": the owner of the graded answer says why, and staff review it."""
    grade = selectors.grade_of_owner(user=request.user, answer_id=answer_id)
    form = GradeDisputeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.grade_dispute_file(grade=grade, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not request.htmx:
                messages.success(request, "Thank you: staff will review this grade and their decision will show here.")
                return redirect(grade.answer.session_question.get_absolute_url())
            form = GradeDisputeForm()
    context = {"grade": grade, "answer": grade.answer, "dispute_form": form,
               "dispute": selectors.grade_latest_dispute(grade=grade)}
    template = "practice/grade_dispute.html#dispute" if request.htmx else "practice/grade_dispute.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET"])
def grader_accuracy(request, answer_id: int | None = None):
    """How the grader works and how often it agrees with people: measured offline, and live from staff decisions."""
    grade = selectors.grade_of_owner(user=request.user, answer_id=answer_id) if answer_id else None
    context = {"grade": grade, "measured": stored_report(), "live": staff_selectors.human_agreement()}
    return render(request, "practice/grader_accuracy.html", context)


@login_required
@require_http_methods(["GET"])
def grading_docs(request):
    return render(request, "practice/grading_docs.html", {"docs_html": grading_docs_html()})
