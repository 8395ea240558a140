from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import selectors, services
from .forms import TargetTrackForm

TARGET_SAVED = "Your target role track is saved."


@login_required
@require_http_methods(["GET", "POST"])
def dashboard(request):
    profile = selectors.profile_of(user=request.user)
    form = TargetTrackForm(request.POST or None,
                           initial={"role_track": profile.target_role_track if profile else None})
    saved = False
    if request.method == "POST" and form.is_valid():
        profile = services.profile_set_target_track(user=request.user, role_track=form.cleaned_data["role_track"])
        if not request.htmx:
            messages.success(request, TARGET_SAVED)
            return redirect("progress:dashboard")
        saved = True
    context = {"form": form, "dashboard": selectors.dashboard(user=request.user, profile=profile), "saved": saved,
               "saved_message": TARGET_SAVED}
    template = "progress/dashboard.html"
    if request.htmx and request.htmx.target == "target-track":
        template += "#target-track"
    return render(request, template, context)


@login_required
@require_GET
def reviews(request):
    context = {"due": selectors.due_cards(user=request.user), "upcoming": selectors.upcoming_cards(user=request.user)}
    return render(request, "progress/reviews.html", context)


@login_required
@require_POST
def reviews_start(request):
    try:
        session = services.review_session_start(user=request.user)
    except ValidationError as error:
        messages.info(request, error.message)
        return redirect("progress:reviews")
    return redirect("practice:question", session_id=session.pk, position=1)


@login_required
@require_GET
def history(request):
    context = {"page": selectors.history_page(user=request.user, number=request.GET.get("page"))}
    template = "progress/history.html"
    if request.htmx and request.htmx.target == "history":
        template += "#history"
    return render(request, template, context)


@login_required
@require_GET
def compare(request, question_id: int):
    context = {"comparison": selectors.attempt_comparison(user=request.user, question_id=question_id)}
    return render(request, "progress/compare.html", context)


@login_required
@require_POST
def retry(request, question_id: int):
    attempt = selectors.latest_attempt(user=request.user, question_id=question_id)
    try:
        session = services.retry_session_start(user=request.user, attempt=attempt)
    except ValidationError as error:
        messages.error(request, error.message)
        return redirect("progress:compare", question_id=question_id)
    return redirect("practice:question", session_id=session.pk, position=1)
