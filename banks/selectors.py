"""Reads for the bank pages; each is a fixed number of queries however many banks, questions or revisions."""

from collections import Counter, defaultdict

from django.db.models import Avg, Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from practice.evaluation import agreement
from practice.models import Answer, Grade, HumanGrade
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


def bank_entries_for_export(*, bank: Bank) -> list[BankQuestion]:
    return list(
        bank.entries.select_related("question", "question__category")
        .prefetch_related("question__levels", "question__role_tracks", "question__tags", "question__rubric_items")
        .order_by("position", "id")
    )


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


MISSED_SHOWN = 3


def bank_question_stats(*, bank: Bank, instructor) -> list[dict]:
    """Per question of the bank: attempts, mean score, the rubric items most often missed, and how the grader
    agrees with `instructor`'s own human grades. Aggregates only: no candidate, no answer text. Four queries.

    An attempt is a main answer: a follow-up is graded against the one rubric item it probes, so it counts in none
    of attempts, mean or most missed. Agreement compares the grader with every answer the instructor graded.
    """
    entries = bank_entries(bank=bank)
    ids = [entry.question_id for entry in entries]
    attempts = Answer.objects.filter(question_id__in=ids, session_question__follow_up_of__isnull=True)
    answers = {
        row["question_id"]: row
        for row in attempts.values("question_id")
        .annotate(attempts=Count("pk"), graded=Count("grade"), mean=Avg("grade__overall")).order_by()
    }
    missed: dict[int, Counter] = defaultdict(Counter)
    seen: dict[int, Counter] = defaultdict(Counter)
    for question_id, items in Grade.objects.filter(answer__in=attempts).values_list("answer__question_id", "items"):
        for item in items or []:
            key = (item.get("kind", ""), item.get("text", ""))
            seen[question_id][key] += 1
            missed[question_id][key] += item.get("verdict") == "missed"
    pairs: dict[int, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for question_id, human, graded in HumanGrade.objects.filter(
        graded_by=instructor, answer__question_id__in=ids, answer__grade__isnull=False
    ).values_list("answer__question_id", "score", "answer__grade__overall"):
        pairs[question_id][0].append(float(graded))
        pairs[question_id][1].append(float(human))
    stats = []
    for entry in entries:
        qid = entry.question_id
        counts = answers.get(qid, {})
        most_missed = sorted(((n, key) for key, n in missed[qid].items() if n), key=lambda pair: (-pair[0], pair[1]))
        stats.append({
            "question": entry.question,
            "attempts": counts.get("attempts", 0),
            "graded": counts.get("graded", 0),
            "mean": counts.get("mean"),
            "most_missed": [{"kind": kind, "text": text, "missed": n, "of": seen[qid][(kind, text)]}
                            for n, (kind, text) in most_missed[:MISSED_SHOWN]],
            "agreement": agreement(*pairs[qid]) if qid in pairs else None,
        })
    return stats
