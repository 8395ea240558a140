"""Reads for the bank pages; each is a fixed number of queries however many banks, questions or revisions."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from questions.models import Question, QuestionRevision

from .models import Bank, BankQuestion

PUBLISHED_ENTRIES = Q(entries__question__status=Question.Status.PUBLISHED)
SEARCH_LIMIT = 20


def banks_for_owner(*, user) -> list[Bank]:
    return list(
        Bank.objects.owned_by(user)
        .annotate(question_count=Count("entries"), published_count=Count("entries", filter=PUBLISHED_ENTRIES))
        .order_by("status", "position", "id")
    )


def bank_for_curator(*, user, bank_id: int) -> Bank:
    """The bank if `user` owns it or is staff; another instructor's bank does not exist for them (404)."""
    banks = Bank.objects.select_related("owner")
    if not user.is_staff:
        banks = banks.owned_by(user)
    return get_object_or_404(banks, pk=bank_id)


def bank_entries(*, bank: Bank) -> list[BankQuestion]:
    return list(bank.entries.select_related("question", "question__category").order_by("position", "id"))


def questions_to_add(*, user, bank: Bank, query: str) -> list[Question]:
    """Published questions, and the instructor's own drafts, whose title or prompt matches and that the bank
    does not hold yet."""
    if not query.strip():
        return []
    visible = Q(status=Question.Status.PUBLISHED) | Q(created_by=user, status=Question.Status.DRAFT)
    matches = Q(title__icontains=query.strip()) | Q(prompt__icontains=query.strip())
    return list(
        Question.objects.filter(visible & matches)
        .exclude(bank_entries__bank=bank)
        .select_related("category")
        .order_by("title")[:SEARCH_LIMIT]
    )


def question_for_editor(*, user, question_id: int) -> Question:
    """A question its author (or staff) may edit, with everything the editor shows; others get 404."""
    questions = Question.objects.select_related("category").prefetch_related(
        "levels", "role_tracks", "tags", "rubric_items",
        Prefetch("revisions", queryset=QuestionRevision.objects.select_related("edited_by")),
    )
    if not user.is_staff:
        questions = questions.filter(created_by=user)
    return get_object_or_404(questions, pk=question_id)


def shared_bank(*, user, token: str) -> Bank:
    """A bank opened by its link: shared banks for everyone, any of their own banks for the owner and staff."""
    bank = get_object_or_404(Bank.objects.select_related("owner"), share_token=token)
    if not bank.is_shared and not (user.is_staff or bank.owner_id == user.pk):
        raise Http404("No such bank.")
    return bank


def shared_bank_questions(*, bank: Bank) -> list[Question]:
    return [
        entry.question
        for entry in bank.entries.filter(question__status=Question.Status.PUBLISHED)
        .select_related("question", "question__category")
        .order_by("position", "id")
    ]


def public_banks() -> list[Bank]:
    return list(
        Bank.objects.public()
        .select_related("owner")
        .annotate(published_count=Count("entries", filter=PUBLISHED_ENTRIES))
        .filter(published_count__gt=0)
        .order_by("title", "id")
    )
