"""Staff pages: human grades, and how every grader agrees with them."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from . import services, staff_selectors
from .models import Answer


@staff_member_required
@require_GET
def grading_overview(request):
    return render(request, "practice/staff_grading.html", staff_selectors.grading_overview())


@staff_member_required
@require_GET
def answers(request):
    return render(request, "practice/staff_answers.html", {"answers": staff_selectors.answers_for_review()})


@staff_member_required
@require_http_methods(["GET", "POST"])
def answer_human_grade(request, answer_id: int):
    answer = get_object_or_404(
        Answer.objects.select_related("question", "user", "grade", "human_grade"), pk=answer_id
    )
    error = None
    if request.method == "POST":
        try:
            services.human_grade_set(answer=answer, staff_user=request.user,
                                     score=Decimal(request.POST.get("score", "")),
                                     note=request.POST.get("note", "")[:500])
        except (InvalidOperation, ValidationError):
            error = "Enter a score from 0 to 5 in half points, for example 3.5."
        else:
            messages.success(request, "Human grade saved.")
            return redirect("practice:staff_answer", answer_id=answer.pk)
    return render(request, "practice/staff_answer.html", {"answer": answer, "error": error})
