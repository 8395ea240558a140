"""Staff pages: human grades, how every grader agrees with them, and the queue of disputed grades."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from banks.roles import require_staff

from ..models import Answer
from . import selectors as staff_selectors
from . import services


@login_required
@require_GET
def grading_overview(request):
    require_staff(request.user)
    return render(request, "practice/staff_grading.html", staff_selectors.grading_overview())


@login_required
@require_GET
def answers(request):
    require_staff(request.user)
    return render(request, "practice/staff_answers.html", {"answers": staff_selectors.answers_for_review()})


@login_required
@require_http_methods(["GET", "POST"])
def answer_human_grade(request, answer_id: int):
    require_staff(request.user)
    answer = get_object_or_404(
        Answer.objects.select_related("question", "user", "grade", "human_grade"), pk=answer_id
    )
    error = None
    if request.method == "POST":
        try:
            services.human_grade_set(answer=answer, staff_user=request.user,
                                     score=services.score_from_text(request.POST.get("score", "")),
                                     note=request.POST.get("note", "")[:500])
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
        else:
            messages.success(request, "Human grade saved.")
            return redirect("practice:staff_answer", answer_id=answer.pk)
    return render(request, "practice/staff_answer.html", {"answer": answer, "error": error})


@login_required
@require_GET
def disputes(request):
    require_staff(request.user)
    return render(request, "practice/staff_disputes.html", staff_selectors.dispute_queue())


@login_required
@require_http_methods(["GET", "POST"])
def dispute_resolve(request, dispute_id: int):
    """Staff read the question, the answer, the grader's verdicts and the candidate's reason, and decide."""
    require_staff(request.user)
    dispute = staff_selectors.dispute_for_staff(dispute_id=dispute_id)
    error = None
    if request.method == "POST":
        try:
            services.grade_dispute_resolve(dispute=dispute, staff_user=request.user,
                                           score=services.score_from_text(request.POST.get("score", "")),
                                           note=request.POST.get("note", ""))
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
        else:
            messages.success(request, "Dispute resolved; your score is now this answer's human grade.")
            return redirect("practice:staff_disputes")
    context = {"dispute": dispute, "grade": dispute.grade, "answer": dispute.grade.answer, "error": error,
               "score": request.POST.get("score", ""), "note": request.POST.get("note", "")}
    return render(request, "practice/staff_dispute.html", context)
