"""Writes for instructors' question banks, and starting a practice session on a bank."""

import logging
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from playbook.jobs import ClaimLost, job_claim, job_enqueue, job_finish, job_heartbeat, jobs_stale
from practice.models import Answer, PracticeSession
from practice.services import session_of_questions
from questions import services as question_services
from questions.markdown import render_markdown
from questions.models import Question

from .bankfile import BankFile, BankFileEntry, parse_bank_file
from .models import Bank, BankImport, BankQuestion, new_share_token

logger = logging.getLogger(__name__)


@transaction.atomic
def bank_create(*, owner, title: str, description: str = "", visibility: str = Bank.Visibility.PRIVATE) -> Bank:
    last = Bank.objects.owned_by(owner).aggregate(last=Max("position"))["last"]
    bank = Bank(owner=owner, title=title.strip(), description=description.strip(), visibility=visibility,
                position=0 if last is None else last + 1)
    bank.description_html = render_markdown(bank.description)
    bank.full_clean()
    bank.save()
    return bank


@transaction.atomic
def bank_update(*, bank: Bank, title: str, description: str, visibility: str) -> Bank:
    bank.title, bank.description, bank.visibility = title.strip(), description.strip(), visibility
    bank.description_html = render_markdown(bank.description)
    bank.full_clean()
    bank.save(update_fields=["title", "description", "description_html", "visibility", "updated_at"])
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
    those of the bank's first question (a session needs one; the questions themselves may differ, and each is shown
    with its own category under the bank's title)."""
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
                                level_id=level.pk, label=f"Bank: {bank.title}")


REMOVED_LISTED = 5


@dataclass
class BankFileReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    new_rubric_version: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # titles of the questions the file left out of the bank

    def summary(self) -> str:
        parts = [f"{len(self.created)} created", f"{len(self.updated)} updated"
                 f" ({len(self.new_rubric_version)} with a new rubric version)", f"{len(self.unchanged)} unchanged"]
        if self.linked:
            parts.append(f"{len(self.linked)} used as they are (other authors' published questions)")
        text = ", ".join(parts) + "."
        if self.removed:
            shown = ", ".join(f"“{title}”" for title in self.removed[:REMOVED_LISTED])
            more = f" and {len(self.removed) - REMOVED_LISTED} more" if len(self.removed) > REMOVED_LISTED else ""
            text += (f" {len(self.removed)} question{'s' if len(self.removed) > 1 else ''} not in the file "
                     f"{'were' if len(self.removed) > 1 else 'was'} taken out of the bank (still in your library): "
                     f"{shown}{more}.")
        return text


def _existing_questions(parsed: BankFile) -> dict[str, Question]:
    return {
        question.key: question
        for question in Question.objects.filter(key__in=[entry.key for entry in parsed.entries])
        .prefetch_related("levels", "role_tracks", "tags", "rubric_items")
    }


def _is_linked(question: Question | None, user) -> bool:
    """Another author's question, which the file may use but not change."""
    return question is not None and question.created_by_id != user.pk and not user.is_staff


def _bank_file_problems(*, bank: Bank, parsed: BankFile, existing: dict[str, Question], user) -> list[str]:
    """What would stop the import, found before anything is written, every one of them in the file's order: what
    the file's own checks found, any question the bank would hold with no key point to grade against or no level (a
    candidate could only score 0 of 0), draft or published, an unknown key, and a file with no questions that does
    not say it means to empty the bank."""
    problems, linked = list(parsed.problems), {}
    if not parsed.entries and not parsed.problems and not parsed.remove_all_questions and bank.entries.exists():
        problems.append((0, "The file has no questions, so importing it would take every question out of the bank. "
                            "If that is what you want, add `remove_all_questions: true` to the file."))
    for entry in parsed.entries:
        number = entry.number
        question = existing.get(entry.key)
        if entry.draft is None and question is None:
            problems.append((number, f"Question {number} ({entry.key}): no question has this key; to create it, give "
                                     "its title, prompt, category, levels and rubric"))
            continue
        if _is_linked(question, user) or entry.draft is None:
            if _is_linked(question, user) and question.status != Question.Status.PUBLISHED:
                problems.append((number, f"Question {number} ({entry.key}): this key belongs to another author's "
                                         "unpublished question"))
            else:
                linked[question.pk] = (number, entry.key)
            continue
        missing = [need for need, present in (("add at least one key point to the rubric",
                                               entry.draft.rubric.get("key_points")),
                                              ("choose at least one level", entry.draft.levels)) if not present]
        if missing and entry.status == Question.Status.PUBLISHED:
            problems.append((number, f"Question {number} ({entry.key}): This question cannot be published yet: "
                                     f"{' and '.join(missing)}."))
        elif missing:
            problems.append((number, f"Question {number} ({entry.key}): it cannot be in a bank yet: "
                                     f"{' and '.join(missing)}."))
    lacking = question_services.questions_not_practisable(question_ids=list(linked))
    problems += [(number, f"Question {number} ({key}): it cannot be in a bank yet: {lacking[pk]}.")
                 for pk, (number, key) in linked.items() if pk in lacking]
    return [message for _, message in sorted(problems, key=lambda problem: problem[0])]


def _bank_file_entry_apply(*, entry: BankFileEntry, question: Question | None, user,
                           report: BankFileReport) -> Question:
    """Create or update one of the user's questions as the file says, or use another author's as it is (and any
    question the file names by its key alone)."""
    if _is_linked(question, user) or entry.draft is None:
        (report.unchanged if question.created_by_id == user.pk else report.linked).append(entry.key)
        return question
    if question is None:
        question = question_services.question_create(author=user, draft=entry.draft, key=entry.key)
        report.created.append(entry.key)
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
    return question


def _bank_file_finish(*, bank: Bank, parsed: BankFile, report: BankFileReport) -> None:
    """The bank becomes the file's: its title, description and questions in the file's order. The report names the
    questions the file leaves out, so replacing a bank never drops one unsaid."""
    if parsed.title:
        bank_update(bank=bank, title=parsed.title, description=parsed.description, visibility=bank.visibility)
    by_key = Question.objects.in_bulk([entry.key for entry in parsed.entries], field_name="key")
    report.removed = list(bank.entries.exclude(question__key__in=by_key).order_by("position", "id")
                          .values_list("question__title", flat=True))
    bank.entries.all().delete()
    BankQuestion.objects.bulk_create(
        BankQuestion(bank=bank, question=by_key[entry.key], position=position)
        for position, entry in enumerate(parsed.entries)
    )


@transaction.atomic
def bank_import_file(*, bank: Bank, user, data: bytes) -> BankFileReport:
    """Make the bank what the file says: its title, description, and questions in the file's order. Questions
    are matched by key; the user's own are created or updated (a rubric change makes a new rubric version),
    other authors' published questions are used as they are. Any problem changes nothing."""
    parsed = parse_bank_file(data)
    existing = _existing_questions(parsed)
    problems = _bank_file_problems(bank=bank, parsed=parsed, existing=existing, user=user)
    report = BankFileReport()
    for entry in parsed.entries if not problems else []:
        try:
            _bank_file_entry_apply(entry=entry, question=existing.get(entry.key), user=user, report=report)
        except ValidationError as error:
            problems.append(f"Question {entry.number} ({entry.key}): {' '.join(error.messages)}")
    if problems:
        raise ValidationError(problems)
    _bank_file_finish(bank=bank, parsed=parsed, report=report)
    return report


# --- large bank files, imported by a worker -----------------------------------------------------------------

BANK_IMPORT_BATCH = 25


def bank_import_job_create(*, bank: Bank, user, filename: str, data: bytes) -> BankImport:
    """Keep the file as a queued job and hand it to a worker once the row is committed."""
    job = BankImport(bank=bank, uploaded_by=user, filename=filename[:255] or "bank.yaml", content=data,
                     size_bytes=len(data))
    with transaction.atomic():
        job.save()
        transaction.on_commit(lambda: bank_import_job_enqueue(job_id=job.pk))
    return job


def bank_import_job_enqueue(*, job_id: int) -> bool:
    from .tasks import import_bank_file

    return job_enqueue(model=BankImport, job_id=job_id, task=import_bank_file)


def bank_import_jobs_requeue_stale() -> int:
    return sum(bank_import_job_enqueue(job_id=job_id) for job_id in jobs_stale(model=BankImport))


def bank_import_job_run(*, job_id: int) -> BankImport | None:
    """Run (or resume) a bank file import: check the whole file first (a problem changes nothing), then save
    its questions in batches that each renew the claim and record progress, then make the bank the file's.
    Returns None when another worker has the job or it is finished."""
    if not job_claim(model=BankImport, job_id=job_id):
        return None
    job = BankImport.objects.select_related("bank", "uploaded_by").get(pk=job_id)
    try:
        parsed = parse_bank_file(bytes(job.content))
    except ValidationError as error:
        return job_finish(job, BankImport.Status.FAILED, "\n".join(error.messages))
    problems = _bank_file_problems(bank=job.bank, parsed=parsed, existing=_existing_questions(parsed),
                                   user=job.uploaded_by)
    if problems:
        return job_finish(job, BankImport.Status.FAILED, "\n".join(problems))
    job.total_questions = len(parsed.entries)
    BankImport.objects.filter(pk=job.pk).update(total_questions=job.total_questions)
    report = BankFileReport(**job.report)
    for start in range(job.processed_questions, len(parsed.entries), BANK_IMPORT_BATCH):
        batch = parsed.entries[start:start + BANK_IMPORT_BATCH]
        try:
            with transaction.atomic():
                existing = _existing_questions(BankFile(title="", description="", entries=batch))
                for entry in batch:
                    try:
                        _bank_file_entry_apply(entry=entry, question=existing.get(entry.key),
                                               user=job.uploaded_by, report=report)
                    except ValidationError as error:
                        raise _EntryRefused(f"Question {entry.number} ({entry.key}): {' '.join(error.messages)}") \
                            from None
                job_heartbeat(job, processed_questions=start + len(batch), report=asdict(report))
        except ClaimLost:
            logger.warning("Bank import %s was taken over by another worker; this one stops", job.pk)
            return None
        except _EntryRefused as refused:
            return job_finish(job, BankImport.Status.FAILED, (
                f"{refused} The questions before it are saved; the bank itself is unchanged. Fix the file and "
                "import it again."))
    with transaction.atomic():
        _bank_file_finish(bank=job.bank, parsed=parsed, report=report)
        return job_finish(job, BankImport.Status.DONE, f"Bank file imported: {report.summary()}")


class _EntryRefused(Exception):
    """A question the up-front check could not foresee was refused while saving; its batch is rolled back."""
