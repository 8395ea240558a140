"""Instructors' question banks and question editor; the page candidates open a shared bank from."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from questions import services as question_services
from questions.markdown import render_markdown
from questions.models import Question

from . import bankfile, selectors, services
from .forms import BankFileForm, BankForm, PractiseForm, QuestionEditorForm
from .models import Bank, BankImport
from .roles import require_instructor

MOVES = {"up", "down"}


@login_required
@require_http_methods(["GET", "POST"])
def bank_list(request):
    require_instructor(request.user)
    form = BankForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        bank = services.bank_create(owner=request.user, **form.cleaned_data)
        messages.success(request, f"Bank “{bank.title}” created. Add questions to it below.")
        return redirect("banks:detail", bank_id=bank.pk)
    context = {"form": form, "banks": selectors.banks_for_owner(user=request.user)}
    template = "banks/bank_list.html#bank-list" if request.htmx and request.htmx.target == "bank-list" else None
    return render(request, template or "banks/bank_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def bank_detail(request, bank_id: int):
    require_instructor(request.user)
    bank = selectors.bank_for_curator(user=request.user, bank_id=bank_id)
    form = BankForm(request.POST or None, instance=bank)
    if request.method == "POST" and form.is_valid():
        services.bank_update(bank=bank, **form.cleaned_data)
        messages.success(request, "Bank saved.")
        return redirect("banks:detail", bank_id=bank.pk)
    query = request.GET.get("q", "")
    context = {
        "bank": bank,
        "form": form,
        "entries": selectors.bank_entries(bank=bank),
        "query": query,
        "results": selectors.questions_to_add(user=request.user, bank=bank, query=query),
        "share_url": request.build_absolute_uri(reverse("banks:shared", args=[bank.share_token])),
    }
    template = "banks/bank_detail.html"
    if request.htmx and request.htmx.target in {"bank-questions", "add-results"}:
        template = f"banks/bank_detail.html#{request.htmx.target}"
    return render(request, template, context)


@login_required
@require_POST
def bank_action(request, bank_id: int):
    """Archive or restore a bank, move it in the list, or give it a new secret link."""
    require_instructor(request.user)
    bank = selectors.bank_for_curator(user=request.user, bank_id=bank_id)
    action = request.POST.get("action")
    if action in MOVES:
        services.bank_move(bank=bank, direction=action)
        if request.htmx:
            return render(request, "banks/bank_list.html#bank-list",
                          {"banks": selectors.banks_for_owner(user=bank.owner)})
        return redirect("banks:list")
    if action == "archive":
        services.bank_set_status(bank=bank, status=Bank.Status.ARCHIVED)
        messages.success(request, f"“{bank.title}” is archived: candidates can no longer open it.")
    elif action == "restore":
        services.bank_set_status(bank=bank, status=Bank.Status.ACTIVE)
        messages.success(request, f"“{bank.title}” is active again.")
    elif action == "new_link":
        services.bank_new_share_link(bank=bank)
        messages.success(request, "The bank has a new secret link; the old one no longer works.")
    else:
        messages.error(request, "Unknown action.")
    return redirect("banks:detail", bank_id=bank.pk)


@login_required
@require_POST
def bank_questions(request, bank_id: int):
    """Add, remove or move a question of the bank."""
    require_instructor(request.user)
    bank = selectors.bank_for_curator(user=request.user, bank_id=bank_id)
    action = request.POST.get("action")
    question_id = _int_or_none(request.POST.get("question"))
    if question_id is None:
        messages.error(request, "Choose a question.")
    elif action == "add":
        addable = Q(status=Question.Status.PUBLISHED) | Q(created_by__in=[request.user.pk, bank.owner_id])
        try:
            services.bank_question_add(bank=bank, question=get_object_or_404(Question, addable, pk=question_id))
        except ValidationError as error:
            messages.error(request, error.messages[0])
    elif action == "remove":
        services.bank_question_remove(bank=bank, question_id=question_id)
    elif action in MOVES:
        services.bank_question_move(bank=bank, question_id=question_id, direction=action)
    else:
        messages.error(request, "Unknown action.")
    if request.htmx:
        return render(request, "banks/bank_detail.html#bank-questions",
                      {"bank": bank, "entries": selectors.bank_entries(bank=bank)})
    return redirect("banks:detail", bank_id=bank.pk)


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, question_id: int | None = None):
    """Write or edit a question: Markdown with a live preview, the rubric one item per line, draft or published.

    The preview is the same page: htmx posts the form and swaps in only #preview; without JavaScript the Preview
    button re-renders the whole page with the preview filled in and nothing saved."""
    require_instructor(request.user)
    question = selectors.question_for_editor(user=request.user, question_id=question_id) if question_id else None
    bank = None
    if bank_id := _int_or_none(request.GET.get("bank")):
        bank = selectors.bank_for_curator(user=request.user, bank_id=bank_id)
    initial = QuestionEditorForm.initial_for(question) if question else None
    form = QuestionEditorForm(request.POST or None, initial=initial)
    intent = request.POST.get("intent", "save")
    live_preview = bool(request.htmx and request.htmx.target == "preview")
    previewing = request.method == "POST" and (intent == "preview" or live_preview)
    if request.method == "POST" and not previewing and form.is_valid():
        try:
            question, done = _question_save(request, question, form, bank, intent)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not done:  # saved, not published or not in its bank: its own editor, so the next save updates it
                back_to_bank = f"?bank={bank.pk}" if bank else ""
                return redirect(reverse("banks:question", args=[question.pk]) + back_to_bank)
            return redirect("banks:detail", bank_id=bank.pk) if bank else redirect("banks:question", question.pk)
    source = request.POST if request.method == "POST" else (initial or {})
    context = {
        "form": form, "question": question, "bank": bank,
        "preview_prompt": _preview(form, "prompt", source.get("prompt", "")),
        "preview_model_answer": _preview(form, "model_answer", source.get("model_answer", "")),
        "revisions": list(question.revisions.all()) if question else [],
    }
    if previewing and live_preview:
        return render(request, "banks/question_form.html#preview", context)
    return render(request, "banks/question_form.html", context)


def _preview(form: QuestionEditorForm, name: str, text: str) -> SafeString:
    """The text rendered as candidates will see it, or why not: a text over the field's limit is not rendered."""
    field = form.fields[name]
    if len(text) > field.max_length:
        return format_html('<p class="errorlist" role="alert">{} is {} characters long; the limit is {}. Shorten '
                           "it to see the preview.</p>", field.label, f"{len(text):,}", f"{field.max_length:,}")
    return render_markdown(text)


def _question_save(request, question: Question | None, form: QuestionEditorForm, bank: Bank | None,
                   intent: str) -> tuple[Question, bool]:
    """The saved question, and False when it was saved but could not be published or put in its bank (the message
    says why)."""
    if question is None:
        question = question_services.question_create(author=request.user, draft=form.draft())
        saved = "Question saved as a draft."
    else:
        changed = question_services.question_update(question=question, editor=request.user, draft=form.draft())
        question.refresh_from_db()
        saved = f"Question saved; rubric version {question.rubric_version}." if changed else "Question saved."
    not_in_bank = ""
    # Written for a bank: it joins the bank once it can be graded (a later save, if not now).
    if bank is not None and not bank.entries.filter(question=question).exists():
        try:
            services.bank_question_add(bank=bank, question=question)
        except ValidationError as error:
            not_in_bank = error.messages[0]
    joins = " It joins the bank when you save it with a rubric." if not_in_bank else ""
    if intent == "publish":
        try:
            question_services.question_publish(question=question)
        except ValidationError as error:
            messages.error(request, f"{saved} {error.messages[0]}{joins}")
            return question, False
        saved = "Question published: candidates can now practise it."
    elif intent == "unpublish":
        question_services.question_unpublish(question=question)
        saved = "Question moved back to draft."
    if not_in_bank:  # back to its editor, still for the bank, so the save that adds a rubric adds it to the bank
        messages.warning(request, f"{saved} Not in the bank yet: {not_in_bank}{joins}")
        return question, False
    messages.success(request, saved)
    return question, True


@login_required
@require_GET
def shared(request, token: str):
    bank = selectors.shared_bank(user=request.user, token=token)
    questions = selectors.shared_bank_questions(bank=bank)
    context = {"bank": bank, "questions": questions, "form": PractiseForm(available=len(questions))}
    return render(request, "banks/shared.html", context)


@login_required
@require_POST
def practise(request, token: str):
    bank = selectors.shared_bank(user=request.user, token=token)
    questions = selectors.shared_bank_questions(bank=bank)
    form = PractiseForm(request.POST, available=len(questions))
    if form.is_valid():
        try:
            session = services.bank_practice_start(user=request.user, bank=bank, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("practice:question", session_id=session.pk, position=1)
    context = {"bank": bank, "questions": questions, "form": form}
    return render(request, "banks/shared.html", context, status=400)


@login_required
@require_GET
def public(request):
    return render(request, "banks/public.html", {"banks": selectors.public_banks()})


@login_required
@require_GET
def stats(request, bank_id: int):
    """How each question of the bank goes: aggregates only, never a candidate or an answer."""
    require_instructor(request.user)
    bank = selectors.bank_for_curator(user=request.user, bank_id=bank_id)
    context = {"bank": bank, "stats": selectors.bank_question_stats(bank=bank, instructor=request.user)}
    return render(request, "banks/stats.html", context)


@login_required
@require_GET
def export(request, bank_id: int):
    require_instructor(request.user)
    bank = selectors.bank_for_curator(user=request.user, bank_id=bank_id)
    response = HttpResponse(bankfile.bank_to_yaml(bank=bank, entries=selectors.bank_entries_for_export(bank=bank)),
                            content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bank-{slugify(bank.title) or bank.pk}.yaml"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request, bank_id: int):
    """Replace the bank's questions with a bank file's (as exported): the way a course keeps a bank in git."""
    require_instructor(request.user)
    bank = selectors.bank_for_curator(user=request.user, bank_id=bank_id)
    form = BankFileForm(request.POST, request.FILES) if request.method == "POST" else BankFileForm()
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.BANK_FILE_SYNC_MAX_BYTES:
            job = services.bank_import_job_create(bank=bank, user=request.user, filename=upload.name,
                                                  data=upload.read())
            return redirect("banks:import_job", bank_id=bank.pk, job_id=job.pk)
        try:
            report = services.bank_import_file(bank=bank, user=request.user, data=upload.read())
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, f"Bank file imported: {report.summary()}")
            return redirect("banks:detail", bank_id=bank.pk)
    status = 400 if problems or form.errors else 200
    return render(request, "banks/import.html", {"bank": bank, "form": form, "problems": problems,
                  "sync_limit": settings.BANK_FILE_SYNC_MAX_BYTES}, status=status)


@login_required
@require_GET
def import_job(request, bank_id: int, job_id: int):
    """A large bank file's import as it runs: the page polls its own progress partial until the job finishes."""
    require_instructor(request.user)
    bank = selectors.bank_for_curator(user=request.user, bank_id=bank_id)
    job = get_object_or_404(BankImport.objects.defer("content"), bank=bank, pk=job_id)
    template = "banks/import_job.html#import-progress" if request.htmx else "banks/import_job.html"
    return render(request, template, {"bank": bank, "job": job})
