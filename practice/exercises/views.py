from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_http_methods

from practice.services import session_of_questions

from . import selectors
from .models import Exercise


@login_required
@require_http_methods(["GET", "POST"])
def exercise_list(request):
    """Every runnable exercise; starting one makes a one-question practice session of it."""
    if request.method == "POST":
        exercise = get_object_or_404(Exercise.objects.select_related("question"), key=request.POST.get("exercise"),
                                     question__status="published")
        level = exercise.question.levels.order_by("position").first()
        session = session_of_questions(user=request.user, question_ids=[exercise.question_id],
                                       category_id=exercise.question.category_id, level_id=level.pk)
        return redirect("practice:question", session_id=session.pk, position=1)
    return render(request, "exercises/list.html", {"exercises": selectors.exercises_by_level()})


@login_required
@require_GET
def hidden_tests(request, session_id: int, position: int):
    """The hidden tests, fetched by the page only when the candidate submits. Anyone can read them with the
    browser's tools: practice, not an exam, and the page says so."""
    exercise = selectors.exercise_of(user=request.user, session_id=session_id, position=position)
    response = JsonResponse({"tests": exercise.hidden_tests, "names": exercise.hidden_test_names})
    patch_cache_control(response, private=True, no_store=True)
    return response
