from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import selectors, services
from .forms import AttemptStartForm, SelfReviewForm

# Sections of the attempt page that htmx swaps on their own (element ids and partial names).
ATTEMPT_PARTIALS = {"self-review", "readme-review"}


@require_GET
def assignment_list(request):
    context = {"patterns": selectors.assignment_patterns(), "tech_stack": selectors.tech_stack()}
    return render(request, "assignments/assignments.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def practice_start(request):
    form = AttemptStartForm(request.POST or None, initial=request.GET.dict() or None)
    if request.method == "POST" and form.is_valid():
        try:
            attempt = services.attempt_start(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("assignments:attempt", attempt_id=attempt.pk)
    context = {"form": form, "attempts": selectors.recent_attempts(user=request.user),
               "item_count": selectors.self_review_item_count()}
    return render(request, "assignments/practice_start.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def attempt(request, attempt_id: int):
    """The brief and the self-review. A POST saves the ticks; htmx gets the self-review section back."""
    page = selectors.attempt_page(user=request.user, attempt_id=attempt_id)
    # Bound on every POST: unticking the last item posts no ticks at all.
    form = SelfReviewForm(request.POST if request.method == "POST" else None, items=page.items)
    saved = False
    if request.method == "POST":
        if form.is_valid():
            try:
                services.attempt_ticks_set(attempt=page.attempt, ticks=form.cleaned_data["ticks"])
            except ValidationError as error:
                form.add_error("ticks", error)
            else:
                saved = True
                if not request.htmx:
                    messages.success(request, "Your self-review is saved.")
                    return redirect(f"{reverse('assignments:attempt', args=[attempt_id])}#self-review")
    context = {"page": page, "attempt": page.attempt, "form": form, "saved": saved}
    template = "assignments/attempt.html"
    if request.htmx:
        target = "self-review" if request.method == "POST" else request.htmx.target
        if target in ATTEMPT_PARTIALS:
            template += f"#{target}"
    return render(request, template, context)


@login_required
@require_POST
def attempt_readme_review(request, attempt_id: int):
    """Open (or reopen) the practice question where the README is pasted and graded."""
    attempt = selectors.attempt_for(user=request.user, attempt_id=attempt_id)
    session = services.attempt_review_start(attempt=attempt)
    return redirect("practice:question", session_id=session.pk, position=1)
