"""Writes for instructors' question banks, and starting a practice session on a bank."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from practice.models import Answer, PracticeSession
from practice.services import session_of_questions
from questions import services as question_services
from questions.models import Question

from .bankfile import parse_bank_file
from .models import Bank, BankQuestion, new_share_token


@transaction.atomic
def bank_create(*, owner, title: str, description: str = "", visibility: str = Bank.Visibility.PRIVATE) -> Bank:
    last = Bank.objects.owned_by(owner).aggregate(last=Max("position"))["last"]
    bank = Bank(owner=owner, title=title.strip(), description=description.strip(), visibility=visibility,
                position=0 if last is None else last + 1)
    bank.full_clean()
    bank.save()
    return bank


@transaction.atomic
def bank_update(*, bank: Bank, title: str, description: str, visibility: str) -> Bank:
    bank.title, bank.description, bank.visibility = title.strip(), description.strip(), visibility
    bank.full_clean()
    bank.save(update_fields=["title", "description", "visibility", "updated_at"])
    return bank


def bank_set_status(*, bank: Bank, status: str) -> None:
    """Archive (hidden from candidates, links stop working) or restore a bank; its questions are untouched."""
    Bank.objects.filter(pk=bank.pk).update(status=status)
    bank.status = status


def bank_new_share_link(*, bank: Bank) -> None:
    """A new secret link: the old one stops working at once."""
    bank.share_token = new_share_token()
    bank.save(update_fields=["share_token", "updated_at"])


def _swap_positions(queryset, item, direction: str) -> None:
    """Swap `item` with its neighbour above (up) or below (down) in `queryset`, renumbering the whole list first
    so equal positions (rows added concurrently) never make a move a no-op."""
    items = list(queryset.select_for_update().order_by("position", "id"))
    for position, row in enumerate(items):
        row.position = position
    index = next(i for i, row in enumerate(items) if row.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index].position, items[other].position = items[other].position, items[index].position
    type(item).objects.bulk_update(items, ["position"])


@transaction.atomic
def bank_move(*, bank: Bank, direction: str) -> None:
    _swap_positions(Bank.objects.owned_by(bank.owner), bank, direction)


@transaction.atomic
def bank_question_add(*, bank: Bank, question: Question) -> BankQuestion:
    """Add a question to the bank; one with no rubric to grade against is refused (it could only score 0 of 0)."""
    if problem := question_services.questions_not_practisable(question_ids=[question.pk]).get(question.pk):
        raise ValidationError(f"“{question.title}” cannot be added to a bank yet: {problem}.")
    last = bank.entries.aggregate(last=Max("position"))["last"]
    entry, _ = BankQuestion.objects.get_or_create(
        bank=bank, question=question, defaults={"position": 0 if last is None else last + 1}
    )
    return entry


def bank_question_remove(*, bank: Bank, question_id: int) -> None:
    """Take a question out of the bank; the question itself stays in the library."""
    BankQuestion.objects.filter(bank=bank, question_id=question_id).delete()


@transaction.atomic
def bank_question_move(*, bank: Bank, question_id: int, direction: str) -> None:
    entry = BankQuestion.objects.filter(bank=bank, question_id=question_id).first()
    if entry is not None:
        _swap_positions(bank.entries.all(), entry, direction)


@transaction.atomic
def bank_practice_start(*, user, bank: Bank, question_count: int) -> PracticeSession:
    """Start a practice session on a bank's published questions, as a category session does: questions the
    candidate has not answered come first, otherwise in the bank's order. The session's category and level are
    those of the bank's first question (a session needs one; the questions themselves may differ)."""
    entries = list(
        bank.entries.filter(question__status=Question.Status.PUBLISHED)
        .select_related("question")
        .order_by("position", "id")
    )
    if not entries:
        raise ValidationError("This bank has no published questions yet, so there is nothing to practise.")
    first = entries[0].question
    level = first.levels.order_by("position").first()
    if level is None:
        raise ValidationError("The bank's first question has no level; ask the instructor to set one.")
    question_ids = [entry.question_id for entry in entries]
    answered = set(Answer.objects.filter(user=user, question_id__in=question_ids).values_list("question_id", flat=True))
    ordered = sorted(question_ids, key=lambda question_id: question_id in answered)  # stable: keeps bank order
    return session_of_questions(user=user, question_ids=ordered[:question_count], category_id=first.category_id,
                                level_id=level.pk)


@dataclass
class BankFileReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    new_rubric_version: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{len(self.created)} created", f"{len(self.updated)} updated"
                 f" ({len(self.new_rubric_version)} with a new rubric version)", f"{len(self.unchanged)} unchanged"]
        if self.linked:
            parts.append(f"{len(self.linked)} used as they are (other authors' published questions)")
        return ", ".join(parts) + "."


@transaction.atomic
def bank_import_file(*, bank: Bank, user, data: bytes) -> BankFileReport:
    """Make the bank what the file says: its title, description, and questions in the file's order. Questions
    are matched by key; the user's own are created or updated (a rubric change makes a new rubric version),
    other authors' published questions are used as they are. Any problem changes nothing."""
    parsed = parse_bank_file(data)
    existing = {
        question.key: question
        for question in Question.objects.filter(key__in=[entry.key for entry in parsed.entries])
        .prefetch_related("levels", "role_tracks", "tags", "rubric_items")
    }
    report, problems, questions = BankFileReport(), [], []
    for number, entry in enumerate(parsed.entries, start=1):
        question = existing.get(entry.key)
        try:
            if question is None:
                question = question_services.question_create(author=user, draft=entry.draft, key=entry.key)
                report.created.append(entry.key)
            elif question.created_by_id != user.pk and not user.is_staff:
                if question.status != Question.Status.PUBLISHED:
                    raise ValidationError("this key belongs to another author's unpublished question")
                report.linked.append(entry.key)
                questions.append(question)
                continue
            elif question_services.question_matches_draft(question, entry.draft):
                report.unchanged.append(entry.key)
            else:
                if question_services.question_update(question=question, editor=user, draft=entry.draft):
                    report.new_rubric_version.append(entry.key)
                report.updated.append(entry.key)
            if entry.status == Question.Status.PUBLISHED and question.status != Question.Status.PUBLISHED:
                question_services.question_publish(question=question)
            elif entry.status == Question.Status.DRAFT and question.status == Question.Status.PUBLISHED:
                question_services.question_unpublish(question=question)
        except ValidationError as error:
            problems.append(f"Question {number} ({entry.key}): {' '.join(error.messages)}")
            continue
        questions.append(question)
    missing = question_services.questions_not_practisable(question_ids=[question.pk for question in questions])
    problems += [f"Question {number} ({question.key}): it cannot be in a bank yet: {missing[question.pk]}."
                 for number, question in enumerate(questions, start=1) if question.pk in missing]
    if problems:
        raise ValidationError(problems)
    if parsed.title:
        bank_update(bank=bank, title=parsed.title, description=parsed.description, visibility=bank.visibility)
    bank.entries.all().delete()
    BankQuestion.objects.bulk_create(
        BankQuestion(bank=bank, question=question, position=position) for position, question in enumerate(questions)
    )
    return report
