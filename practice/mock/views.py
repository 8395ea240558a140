from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from playbook.models import Level
from playbook.wording import level_phrase

from . import selectors, services


@login_required
@require_http_methods(["GET", "POST"])
def start(request):
    """Start a loop, or go back to one: the candidate's loops are listed under the form, open ones first."""
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
            except services.MockLoopAlreadyOpen as already:
                messages.info(request, f"You already have {already.mock.loop} open at "
                                       f"{level_phrase(already.mock.level.name)}: here it is, where you left off. "
                                       "To start it again from the first round, end this one first.")
                return redirect("practice:mock_loop", mock_id=already.mock.pk)
            except ValidationError as invalid:
                error = " ".join(invalid.messages)
            else:
                return redirect("practice:mock_loop", mock_id=mock.pk)
    context = {"loops": loops, "levels": levels, "error": error, "chosen": request.POST or request.GET,
               "mock_loops": selectors.mock_loops_of(user=request.user)}
    return render(request, "practice/mock_start.html", context)


@login_required
@require_GET
def mock_loop(request, mock_id: int):
    summary = selectors.mock_loop_for(user=request.user, mock_id=mock_id)
    context = {
        "mock": summary.mock,
        "results": summary.results,
        "pending": summary.pending,
        "overall": summary.overall,
        "follow_up_mean": summary.follow_up_mean,
        "seconds_used": summary.seconds_used,
        "next_round": summary.next_round,
        "is_open": summary.is_open,
        "is_complete": summary.is_complete,
        "rounds_total": len(summary.written_rounds),
        "rounds_graded": summary.rounds_graded,
        "rounds_answered": summary.rounds_answered,
        "questions_total": summary.questions_total,
        "questions_answered": summary.questions_answered,
    }
    template = "practice/mock_loop.html#mock-summary" if request.htmx else "practice/mock_loop.html"
    return render(request, template, context)


@login_required
@require_POST
def mock_loop_end(request, mock_id: int):
    """"End this loop" (the loop page asks first, in its own words): the rounds left stay unanswered, the answers
    and grades stay, and the loop is no longer offered to continue."""
    mock = selectors.owned_mock_loop(user=request.user, mock_id=mock_id)
    if services.mock_loop_end(mock=mock):
        messages.success(request, f"You ended {mock.loop} at {level_phrase(mock.level.name)}. Its answers and "
                                  "grades stay; it is no longer offered to continue.")
    return redirect("practice:mock_start")


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
