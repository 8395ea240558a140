"""Admins' pages: upload an import, follow it, and review what it imported."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from banks.roles import require_staff

from . import reports, selectors, services
from .extraction import llm_configured
from .forms import ImportedQuestionForm, ImportUploadForm, MergeConfirmForm, MergeForm, PostQuestionForm


def _int_list(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.isdigit()]


@login_required
@require_http_methods(["GET", "POST"])
def queue(request):
    """Questions waiting for review, a page at a time; approve or reject several at once."""
    require_staff(request.user)
    job_id = int(request.GET["job"]) if request.GET.get("job", "").isdigit() else None
    if request.method == "POST":
        row_ids = _int_list(request.POST.getlist("rows"))
        action = request.POST.get("action", "")
        if not row_ids:
            messages.error(request, "Tick at least one question first.")
        else:
            try:
                result = services.import_rows_review(row_ids=row_ids, action=action, reviewer=request.user)
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                (messages.warning if result.not_practisable else messages.success)(request, result.message(action))
    asked = request.GET.get("page", "1")
    page = selectors.review_queue(job_id=job_id, page=max(1, int(asked)) if asked.lstrip("-").isdigit() else asked)
    filters = request.GET.copy()
    filters.pop("page", None)
    if request.method == "POST" and not request.htmx:
        # Back to the same page, or the last one when the action emptied it: the page the reviewer did not type
        # needs no "there is no page" message.
        return redirect(f"{request.path}?{filters.urlencode()}{'&' if filters else ''}page={page.number}")
    if asked != str(page.number) and request.method == "GET":
        messages.info(request, f"There is no page “{asked[:20]}” of the queue: showing page {page.number}.")
    context = {"page": page, "rows": page.object_list, "waiting": page.paginator.count, "job_id": job_id,
               "filters": filters.urlencode(), "page_range": page.paginator.get_elided_page_range(page.number)}
    if request.htmx:
        return render(request, "moderation/queue.html#queue", context)
    context["unpractisable"], context["unpractisable_count"] = selectors.published_without_rubric()
    return render(request, "moderation/queue.html", context)


MERGE_STEPS = {"merge": MergeForm, "merge-confirm": MergeConfirmForm}


@login_required
@require_http_methods(["GET", "POST"])
def item(request, row_id: int):
    """One imported question: edit it, approve, reject, or merge it into an existing question (after comparing the
    two side by side)."""
    require_staff(request.user)
    row = selectors.review_item(row_id=row_id)
    question = row.question
    form = ImportedQuestionForm(initial=ImportedQuestionForm.initial_for(question) if question else None)
    suggestion = selectors.merge_suggestion(row=row)
    merge_form = MergeForm(imported=question, initial={"target": suggestion.ref.pk if suggestion else None})
    merge_target = None
    if request.method == "POST":
        intent = request.POST.get("intent")
        try:
            if intent == "save":
                form = ImportedQuestionForm(request.POST)
                if form.is_valid():
                    services.import_row_edit(row=row, editor=request.user, **form.cleaned_data)
                    messages.success(request, "Question saved; it is still waiting for review.")
                    return redirect("moderation:item", row_id=row.pk)
            elif intent == "draft" and llm_configured():
                services.import_row_draft_rubric(row=row, editor=request.user)
                messages.success(request, "The LLM drafted a rubric and a model answer: check and edit them, "
                                          "then save.")
                return redirect("moderation:item", row_id=row.pk)
            elif intent in services.REVIEW_ACTIONS:
                result = services.import_rows_review(row_ids=[row.pk], action=intent, reviewer=request.user)
                if result.not_practisable:
                    messages.error(request, f"Not approved: {result.not_practisable[0].split(': ', 1)[1]}.")
                    return redirect("moderation:item", row_id=row.pk)
                if result.done:
                    messages.success(request, "Approved and published." if intent == "approve" else "Rejected.")
                else:
                    messages.info(request, "This question had been reviewed already.")
                return redirect("moderation:queue")
            elif intent in MERGE_STEPS:
                merge_form = MERGE_STEPS[intent](request.POST, imported=question)
                if merge_form.is_valid() and intent == "merge-confirm":
                    target = merge_form.cleaned_data["target"]
                    services.import_row_merge(row=row, target=target, reviewer=request.user)
                    messages.success(request, f"Imported item {row.pk} merged into question #{target.pk} "
                                              f"“{target.title}”: it counts as one more sighting.")
                    return redirect("moderation:queue")
                # A chosen question is shown beside the imported one, to compare before confirming.
                merge_target = merge_form.cleaned_data.get("target")
        except ValidationError as error:
            messages.error(request, error.messages[0])
    return render(request, "moderation/item.html", {
        "row": row, "question": question, "form": form, "merge_form": merge_form, "merge_target": merge_target,
        "suggestion": suggestion, "can_draft": llm_configured()})


@login_required
@require_http_methods(["GET", "POST"])
def post(request, job_id: int, row_number: int):
    """A post as the reader read it, what was made of it, and a form to add a question the reader missed."""
    require_staff(request.user)
    import_post = selectors.import_post(job_id=job_id, row_number=row_number)
    form = PostQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.import_post_add_question(post=import_post, editor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if row.outcome == row.Outcome.IMPORTED:
                messages.success(request, "Added for review: add its rubric on its page, then approve it.")
                return redirect("moderation:item", row_id=row.pk)
            (messages.info if row.question_id else messages.error)(request, row.message)
            return redirect("moderation:post", job_id=job_id, row_number=row_number)
    rows = selectors.post_rows(post=import_post)
    return render(request, "moderation/post.html", {
        "post": import_post, "rows": rows, "form": form,
        "passages": selectors.post_passages(post=import_post, rows=rows),
        "suggestions": selectors.post_suggestions(post=import_post, rows=rows)})


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    require_staff(request.user)
    form = ImportUploadForm(request.POST, request.FILES) if request.method == "POST" else ImportUploadForm()
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        job = services.import_job_create(filename=upload_file.name, data=upload_file.read(),
                                         uploaded_by=request.user, enqueue=True)
        return redirect("moderation:job", job_id=job.pk)
    context = {"form": form, "jobs": selectors.recent_jobs(), "limit_mb": settings.IMPORT_MAX_UPLOAD_BYTES / 1_000_000}
    return render(request, "moderation/upload.html", context)


@login_required
@require_GET
def job(request, job_id: int):
    require_staff(request.user)
    import_job = selectors.job_for(job_id=job_id)
    context = {"job": import_job, "outcomes": selectors.job_outcomes(job=import_job),
               "problems": selectors.job_problem_rows(job=import_job) if import_job.is_finished else [],
               "problems_shown": selectors.PROBLEM_ROWS_SHOWN,
               "read_by_rules": import_job.is_finished and selectors.job_read_by_rules(job=import_job)}
    template = "moderation/job.html#progress" if request.htmx else "moderation/job.html"
    return render(request, template, context)


@login_required
@require_GET
def report(request, job_id: int, format: str):
    """Every row's outcome, streamed: CSV for a spreadsheet, JSON for a script."""
    require_staff(request.user)
    import_job = selectors.job_for(job_id=job_id)
    lines = reports.csv_lines(import_job) if format == "csv" else reports.json_lines(import_job)
    response = StreamingHttpResponse(lines, content_type="text/csv" if format == "csv" else "application/json")
    response["Content-Disposition"] = f'attachment; filename="import-{import_job.pk}-report.{format}"'
    return response
