from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from playbook.models import Level

from . import selectors, services


@login_required
@require_http_methods(["GET", "POST"])
def start(request):
    loops = selectors.loops_to_rehearse()
    levels = list(Level.objects.ordered())
    error = None
    if request.method == "POST":
        loop = next((lp for lp in loops if lp.key == request.POST.get("loop")), None)
        level = next((lv for lv in levels if lv.key == request.POST.get("level")), None)
        if loop is None or level is None:
            error = "Choose a loop and a level from the lists."
        else:
            try:
                mock = services.mock_loop_start(user=request.user, loop=loop, level=level)
            except ValidationError as invalid:
                error = " ".join(invalid.messages)
            else:
                return redirect("practice:mock_loop", mock_id=mock.pk)
    context = {"loops": loops, "levels": levels, "error": error, "chosen": request.POST or request.GET}
    return render(request, "practice/mock_start.html", context)


@login_required
@require_GET
def mock_loop(request, mock_id: int):
    mock, results = selectors.mock_loop_for(user=request.user, mock_id=mock_id)
    graded = [r for r in results if r.mean is not None]
    context = {
        "mock": mock,
        "results": results,
        "pending": sum(r.pending for r in results),
        "overall": sum(r.mean for r in graded) / len(graded) if graded else None,
        "seconds_used": sum(r.seconds_used or 0 for r in results),
        "next_round": next((r for r in results if r.practisable and r.mock_round.finished_at is None), None),
    }
    template = "practice/mock_loop.html#mock-summary" if request.htmx else "practice/mock_loop.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def mock_round(request, mock_id: int, position: int):
    """The round's questions and its clock. Finishing a round with questions still unanswered asks first: the page
    comes back with a warning and a "finish anyway" button (htmx swaps in just that part)."""
    mock, result = selectors.mock_round_for(user=request.user, mock_id=mock_id, position=position)
    confirm_finish = False
    if request.method == "POST":
        if not result.unanswered or request.POST.get("confirm") == "yes":
            services.mock_round_finish(mock_round=result.mock_round)
            if request.htmx:
                return HttpResponseClientRedirect(reverse("practice:mock_loop", args=[mock.pk]))
            return redirect("practice:mock_loop", mock_id=mock.pk)
        confirm_finish = True
    else:
        services.mock_round_start(mock_round=result.mock_round)
    context = {"mock": mock, "result": result, "confirm_finish": confirm_finish}
    template = "practice/mock_round.html#finish-round" if request.htmx else "practice/mock_round.html"
    return render(request, template, context)
