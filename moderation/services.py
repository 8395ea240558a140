"""Imports of reported interview questions, and their moderation.

An import reads the file (parsing.py), splits posts into questions (splitting.py), drops exact and near-duplicates
of the bank and of earlier rows of the same file (dedupe.py; each one becomes one more Sighting of the question it
matched), suggests a category and level where the row gives none (classify.py), and creates the rest as questions
pending review. Nothing imported is published until an admin approves it.
"""

import hashlib
import html
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

from playbook.jobs import ClaimLost, job_claim, job_enqueue, job_finish, job_heartbeat, jobs_stale
from playbook.models import Category, Level
from questions.models import Question, Sighting
from questions.services import QuestionDraft, question_render, question_update, questions_not_practisable, tags_for

from .classify import CentroidClassifier
from .dedupe import DuplicateFinder, normalise
from .extraction import Extracted, read_post
from .models import IMPORTED_MESSAGE, ImportJob, ImportPost, ImportRow
from .parsing import ImportFileError, Record, parse
from .splitting import company_in, list_questions, role_in

logger = logging.getLogger(__name__)

BATCH_ROWS = 500
TITLE_CHARS = 120
HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
SOURCE_KINDS = {"reddit": Question.SourceKind.REDDIT, "x": Question.SourceKind.TWITTER}
Progress = Callable[[int, int], None]


def import_file_check_size(*, size: int) -> None:
    """Refuse a file over the upload limit before reading any of it."""
    limit = settings.IMPORT_MAX_UPLOAD_BYTES
    if size > limit:
        raise ValidationError(
            f"The file is {size / 1_000_000:.1f} MB; the import limit is {limit / 1_000_000:g} MB "
            "(IMPORT_MAX_UPLOAD_BYTES). Split it into smaller files and import each one."
        )


def import_job_create(*, filename: str, data: bytes, uploaded_by=None, enqueue: bool = False) -> ImportJob:
    """Store the file as a queued job; with `enqueue`, hand it to a worker once the row is committed."""
    import_file_check_size(size=len(data))
    job = ImportJob(uploaded_by=uploaded_by, filename=filename[:255] or "upload", content=data, size_bytes=len(data))
    job.full_clean(exclude=["content"])
    with transaction.atomic():
        job.save()
        if enqueue:
            transaction.on_commit(lambda: import_job_enqueue(job_id=job.pk))
    return job


def import_job_enqueue(*, job_id: int) -> bool:
    from .tasks import import_questions_job

    return job_enqueue(model=ImportJob, job_id=job_id, task=import_questions_job)


def import_jobs_requeue_stale() -> int:
    return sum(import_job_enqueue(job_id=job_id) for job_id in jobs_stale(model=ImportJob))


def import_job_run(*, job_id: int, progress: Progress | None = None) -> ImportJob | None:
    """Run (or resume) an import. Returns None when another worker has it or it is finished already."""
    if not job_claim(model=ImportJob, job_id=job_id):
        return None
    job = ImportJob.objects.get(pk=job_id)
    try:
        parsed = parse(bytes(job.content))
    except ImportFileError as error:
        return job_finish(job, ImportJob.Status.FAILED, str(error))
    except Exception as error:
        # Finished, not left running: a job left running would be claimed again by the sweep, and fail again.
        logger.exception("Import %s could not read its file", job.pk)
        job_finish(job, ImportJob.Status.FAILED,
                   f"The file could not be read because of an internal error ({type(error).__name__}); nothing "
                   "was imported. Check the file's shape against the import formats, or report the file.")
        raise
    job.detected_format, job.total_rows = parsed.format, len(parsed.records)
    ImportJob.objects.filter(pk=job.pk).update(detected_format=job.detected_format, total_rows=job.total_rows)
    try:
        importer = Importer(job)
        for start in range(job.processed_rows, len(parsed.records), BATCH_ROWS):
            importer.import_batch(parsed.records[start:start + BATCH_ROWS], done=start + BATCH_ROWS)
            if progress:
                progress(min(start + BATCH_ROWS, job.total_rows), job.total_rows)
    except ImportFileError as error:
        return job_finish(job, ImportJob.Status.FAILED, str(error))
    except ClaimLost:
        logger.warning("Import %s was taken over by another worker; this one stops", job.pk)
        return None
    except Exception as error:
        logger.exception("Import %s stopped", job.pk)
        job_finish(job, ImportJob.Status.FAILED,
                   f"The import stopped after row {job.processed_rows} of {job.total_rows} because of an internal "
                   f"error ({type(error).__name__}); the rows before it are imported. Import the file again to "
                   "import the rest: the rows already imported are recognised as duplicates.")
        raise
    return job_finish(job, ImportJob.Status.DONE, "\n".join(parsed.warnings))


@dataclass
class Resolved:
    label: int | None
    from_row: bool
    confidence: float | None
    warning: str = ""


class Importer:
    """The state of one import: the duplicate index over the bank (and the file so far), the vocabulary and the
    classifier. Each batch of rows is one transaction, so a resumed job starts from a consistent point."""

    def __init__(self, job: ImportJob, *, author=None):
        """`author`: who the questions are credited to (`created_by`); the uploader unless a moderator adds one."""
        self.job = job
        self.author = author or job.uploaded_by
        self.categories = _vocabulary(Category)
        self.levels = _vocabulary(Level)
        if not self.categories or not self.levels:
            raise ImportFileError("No categories or levels are loaded yet: run `manage.py load_content` first.")
        self.finder = DuplicateFinder(threshold=settings.IMPORT_NEAR_DUPLICATE_THRESHOLD)
        known: dict[int, Question] = {}
        examples_by_question: dict[int, str] = {}
        for pk, title, prompt, category_id, status in Question.objects.values_list(
            "pk", "title", "prompt", "category_id", "status"
        ):
            known[pk] = Question(pk=pk, title=title, category_id=category_id)
            self.finder.add(normalise(prompt), known[pk])
            self.finder.add(normalise(title), known[pk])
            if status == Question.Status.PUBLISHED:
                examples_by_question[pk] = f"{title} {prompt}"
        # Reports already counted, kept here as the batches add theirs: a per-batch lookup by fingerprint was
        # planned as a sequential scan once the table grew during a large import (0.8 s a batch by row 45,000).
        self.recorded: set[tuple[int, str]] = set()
        for question_id, text, fingerprint in Sighting.objects.values_list("question_id", "text", "fingerprint"):
            self.finder.add(normalise(text), known[question_id])
            self.recorded.add((question_id, fingerprint))
        levels_of: dict[int, list[int]] = {}
        for question_id, level_id in Question.levels.through.objects.filter(
            question_id__in=examples_by_question
        ).values_list("question_id", "level_id"):
            levels_of.setdefault(question_id, []).append(level_id)
        self.category_classifier = CentroidClassifier(
            [(text, [known[pk].category_id]) for pk, text in examples_by_question.items()])
        self.level_classifier = CentroidClassifier(
            [(text, levels_of.get(pk, [])) for pk, text in examples_by_question.items()])

    # --- one batch ------------------------------------------------------------------------------------------

    def _start_batch(self) -> None:
        self.new_questions: list[Question] = []
        self.new_levels: list[tuple[Question, int]] = []
        self.new_tags: list[tuple[Question, list[str]]] = []
        self.sightings: list[Sighting] = []
        self.rows: list[ImportRow] = []
        self.duplicate_sightings: list[tuple[ImportRow, Sighting]] = []
        self.posts: list[ImportPost] = []

    @transaction.atomic
    def import_batch(self, records: list[Record], *, done: int) -> None:
        self._start_batch()
        for record in records:
            self._record(record)
        self._save()
        job_heartbeat(self.job, processed_rows=min(done, self.job.total_rows))

    def add_question(self, record: Record, part: int, text: str, **context) -> ImportRow:
        """One question of the record's post, imported as the reader's questions are (the caller holds the post)."""
        self._start_batch()
        self._question(record, part, text, **context)
        self._save()
        return ImportRow.objects.get(job=self.job, row_number=record.row, part=part)  # rows are saved without ids

    def _row(self, record: Record, part: int, outcome: str, message: str, text: str = "", **fields) -> ImportRow:
        row = ImportRow(job=self.job, row_number=record.row, part=part, outcome=outcome, text=text,
                        message=f"Row {record.row}{f', question {part}' if part > 1 else ''}: {message}", **fields)
        self.rows.append(row)
        return row

    def _record(self, record: Record) -> None:
        limit = settings.IMPORT_MAX_ROW_CHARS
        if record.error:
            self._row(record, 1, ImportRow.Outcome.ERROR, record.error, record.text[:300])
            return
        if len(record.text) > limit:
            if not record.is_post:
                self._row(record, 1, ImportRow.Outcome.ERROR,
                          f"the text is {len(record.text):,} characters long; the limit is {limit:,} a row "
                          "(IMPORT_MAX_ROW_CHARS). Shorten it or split it into several rows.", record.text[:300])
                return
            record.warnings.append(f"the post is {len(record.text):,} characters long; its first {limit:,} were "
                                   "read (IMPORT_MAX_ROW_CHARS)")
            record.text = record.text[:limit]
        if record.is_post:
            reading = read_post(record.text)
            post = ImportPost(job=self.job, row_number=record.row, text=record.text, platform=record.platform,
                              url=record.url[:500], posted_at=record.posted_at,
                              company=(record.company or reading.company or company_in(record.text))[:100],
                              role=(record.role or reading.role or role_in(record.text))[:100],
                              level=(record.level or reading.level)[:60], notes="; ".join(record.notes)[:500])
            self.posts.append(post)
            if not reading.reports_interview:
                self._row(record, 1, ImportRow.Outcome.SKIPPED,
                          f"no interview question reported: {reading.reason or 'nothing was asked'}",
                          record.text[:300], reader=reading.reader[:80], flags=",".join(reading.flags)[:200])
                return
            found = reading.questions
            record.company = record.company or reading.company or company_in(record.text)
            record.role = record.role or reading.role or role_in(record.text)
            record.level = record.level or reading.level
            if reading.round:
                record.notes.append(f"round: {reading.round}")
                post.notes = "; ".join(record.notes)[:500]
            context = {"reader": reading.reader[:80], "interview_round": reading.round[:100],
                       "flags": ",".join(reading.flags)[:200]}
        else:
            listed = list_questions(record.text)
            texts = listed if len(listed) > 1 else [record.text]
            found = [Extracted(text=text, start=0, end=0, evidence="") for text in texts]
            context = {}
            record.company = record.company or company_in(record.text)
            record.role = record.role or role_in(record.text)
        if HTML_TAG.search(record.text):
            record.warnings.append("it contains HTML, stored as text and shown sanitised (no scripts, event "
                                   "handlers or javascript: links)")
        for part, extracted in enumerate(found, start=1):
            spans = ({"evidence": extracted.evidence, "evidence_start": extracted.start,
                      "evidence_end": extracted.end} if extracted.evidence else {})
            self._question(record, part, extracted.text, **context, **spans)

    def _question(self, record: Record, part: int, text: str, **context) -> None:
        normalised = normalise(text)
        if not normalised:
            self._row(record, part, ImportRow.Outcome.ERROR, "the text has no words in it", text[:300], **context)
            return
        sighting = Sighting(
            platform=record.platform, url=record.url, posted_at=record.posted_at, company=record.company[:100],
            role=record.role[:100], text=text, note="; ".join(record.notes)[:500],
            fingerprint=hashlib.sha256(
                f"{normalised}|{record.url}|{record.posted_at.isoformat() if record.posted_at else ''}".encode()
            ).hexdigest(),
        )
        match = self.finder.find(normalised)
        if match is not None:
            question = match.ref
            sighting.question = question
            self.sightings.append(sighting)
            kind = "duplicate" if match.exact else f"near-duplicate (similarity {match.score})"
            number = f"question #{question.pk}" if question.pk else "a question earlier in this file"
            row = self._row(record, part,
                            ImportRow.Outcome.DUPLICATE if match.exact else ImportRow.Outcome.NEAR_DUPLICATE,
                            f"{kind} of “{question.title}” ({number}); not imported again", text[:300],
                            question=question, similarity=match.score, **context)
            self.duplicate_sightings.append((row, sighting))
            return
        nearest = self.finder.nearest(normalised)
        category = self._resolve(record.category, self.categories, self.category_classifier, text, "category")
        level = self._resolve(record.level, self.levels, self.level_classifier, text, "level")
        question = Question(
            key=f"import-{hashlib.sha1(normalised.encode()).hexdigest()[:16]}",  # noqa: S324 - an id, not security
            title=_title(text), prompt=text, category_id=category.label, status=Question.Status.PENDING_REVIEW,
            source_kind=SOURCE_KINDS.get(record.platform, Question.SourceKind.OTHER), source_url=record.url,
            # What the post said of the interview (company, round); the uploaded file's name is the moderator's
            # business, kept on the import row, not shown to candidates.
            source_note="; ".join(record.notes)[:500],
            created_by=self.author,
        )
        question_render(question)
        self.new_questions.append(question)
        if level.label:
            self.new_levels.append((question, level.label))
        if record.tags:
            self.new_tags.append((question, record.tags))
        sighting.question = question
        self.sightings.append(sighting)
        self.finder.add(normalised, question)
        warnings = [w for w in (*record.warnings, category.warning, level.warning) if w]
        self._row(
            record, part, ImportRow.Outcome.IMPORTED,
            IMPORTED_MESSAGE + (f"; {'; '.join(warnings)}" if warnings else ""), text[:300],
            question=question, review_status=ImportRow.Review.PENDING,
            nearest=nearest.ref if nearest else None, nearest_similarity=nearest.score if nearest else None,
            category_from_row=category.from_row, suggested_category_id=None if category.from_row else category.label,
            category_confidence=category.confidence, level_from_row=level.from_row,
            suggested_level_id=None if level.from_row else level.label, level_confidence=level.confidence,
            **context,
        )

    def _resolve(self, given: str, vocabulary: dict[str, int], classifier: CentroidClassifier, text: str,
                 name: str) -> Resolved:
        if given and given.lower() in vocabulary:
            return Resolved(vocabulary[given.lower()], from_row=True, confidence=None)
        suggestion = classifier.suggest(text)
        label = suggestion.label or next(iter(vocabulary.values()))
        warning = f"{name} {given!r} is unknown, so one was suggested" if given else ""
        return Resolved(label, from_row=False, confidence=suggestion.confidence, warning=warning)

    def _save(self) -> None:
        ImportPost.objects.bulk_create(self.posts, ignore_conflicts=True)  # a resumed batch keeps what it saved
        Question.objects.bulk_create(self.new_questions)
        Question.levels.through.objects.bulk_create(
            Question.levels.through(question_id=question.pk, level_id=level_id)
            for question, level_id in self.new_levels
        )
        if self.new_tags:
            tag_ids = {tag.name: tag.pk for tag in tags_for([n for _, names in self.new_tags for n in names])}
            pairs = {(question.pk, tag_ids[slug]) for question, names in self.new_tags
                     for slug in (slugify(name)[:60] for name in names) if slug in tag_ids}
            Question.tags.through.objects.bulk_create(
                [Question.tags.through(question_id=question_id, tag_id=tag_id) for question_id, tag_id in pairs],
                ignore_conflicts=True,
            )
        self._save_sightings()
        for row in self.rows:
            row.question_id = row.question.pk if row.question else None
            row.nearest_id = row.nearest.pk if row.nearest else None
        ImportRow.objects.bulk_create(self.rows, ignore_conflicts=True)

    def _save_sightings(self) -> None:
        """Every sighting not recorded before (the same post imported again is not), then the questions' counts."""
        for sighting in self.sightings:
            sighting.question_id = sighting.question.pk
        new = []
        for sighting in self.sightings:
            key = (sighting.question_id, sighting.fingerprint)
            if key not in self.recorded:
                self.recorded.add(key)
                new.append(sighting)
        # A report another import recorded meanwhile is left out by the unique constraint.
        Sighting.objects.bulk_create(new, ignore_conflicts=True)
        recorded = {id(sighting) for sighting in new}
        for row, sighting in self.duplicate_sightings:
            row.message += ("; counted as one more sighting of it" if id(sighting) in recorded
                            else "; this report was counted before")
        counts = (Sighting.objects.filter(question=OuterRef("pk")).order_by().values("question")
                  .annotate(n=Count("pk")).values("n"))
        Question.objects.filter(pk__in={s.question_id for s in new}).update(
            sighting_count=Coalesce(Subquery(counts), 0))


def import_post_add_question(*, post: ImportPost, text: str, evidence: str, editor, at: int | None = None) -> ImportRow:
    """A question the reader missed, added by a moderator from its post: imported as the reader's questions are (the
    same duplicate check, suggested category and level, and review), with the words of the post it came from.
    `evidence` may differ from the post in spacing and line breaks (it is copied from a page); it must otherwise be the
    post's own words, whole words; `at` (a suggestion's offset) picks which of several occurrences it is."""
    text = text.strip()
    if not normalise(text):
        raise ValidationError("Write the question as the interviewer asked it.")
    if not post.job.is_finished:
        raise ValidationError("This import is still running: add questions to its posts once it has finished.")
    spans = {}
    if words := evidence.split():
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)")
        found = (at is not None and pattern.match(post.text, at)) or pattern.search(post.text)
        if not found:
            raise ValidationError("Those words are not in the post: copy them from the post as they are, or leave the "
                                  "evidence empty.")
        spans = {"evidence": found.group(), "evidence_start": found.start(), "evidence_end": found.end()}
    record = Record(row=post.row_number, text=post.text, platform=post.platform, url=post.url,
                    posted_at=post.posted_at, company=post.company, role=post.role, level=post.level, is_post=True,
                    notes=[*filter(None, [post.notes])])  # who added it is its author (created_by), not in the note
    for attempt in range(2):
        try:
            with transaction.atomic():
                ImportPost.objects.select_for_update().only("pk").get(pk=post.pk)  # one addition to a post at a time
                part = (ImportRow.objects.filter(job_id=post.job_id, row_number=post.row_number)
                        .aggregate(last=Max("part"))["last"] or 0) + 1
                return Importer(post.job, author=editor).add_question(record, part, text, reader="moderator",
                                                                      **spans)
        except ImportFileError as error:
            raise ValidationError(str(error)) from None
        except IntegrityError:
            # Another moderator or an import created the same question meanwhile: once more, it is now a duplicate.
            if attempt:
                raise ValidationError("The bank changed while this question was being added: try again.") from None


def _vocabulary(model) -> dict[str, int]:
    """Keys and names, case-insensitive, to ids."""
    vocabulary = {}
    for pk, key, name in model.objects.values_list("pk", "key", "name"):
        vocabulary[key.lower()] = vocabulary[name.lower()] = pk
    return vocabulary


def _title(text: str) -> str:
    plain = " ".join(html.unescape(nh3.clean(text, tags=set())).replace("*", "").replace("`", "").split())
    if len(plain) <= TITLE_CHARS:
        return plain or "Untitled question"
    return plain[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"


# --- moderation ---------------------------------------------------------------------------------------------

REVIEW_ACTIONS = {"approve", "reject"}


def _close_reviews(*, row_ids: list[int], status: str, reviewer, **fields) -> list[int]:
    """Mark pending rows reviewed; returns the ids of their questions. Rows already reviewed (by another admin,
    or a resent form) are left alone."""
    rows = ImportRow.objects.pending_review().filter(pk__in=row_ids)
    question_ids = list(rows.select_for_update().values_list("question_id", flat=True))
    rows.update(review_status=status, reviewed_by=reviewer, reviewed_at=timezone.now(), **fields)
    return [pk for pk in question_ids if pk]


@dataclass
class ReviewResult:
    done: int
    not_practisable: list[str]  # "“title”: what it lacks", for questions left waiting

    def message(self, action: str) -> str:
        verb = "approved and published" if action == "approve" else "rejected"
        text = f"{self.done} question{'s' if self.done != 1 else ''} {verb}."
        if self.not_practisable:
            text += (f" {len(self.not_practisable)} left waiting, because a candidate could not practise them yet: "
                     + "; ".join(self.not_practisable) + ". Open each one and add its rubric.")
        return text


@transaction.atomic
def import_rows_review(*, row_ids: list[int], action: str, reviewer) -> ReviewResult:
    """Approve (publish) or reject (archive) pending imported questions, one or many at once. A question without a
    key point to grade against (or without a level) is not approved: it stays pending, and the result says why."""
    if action not in REVIEW_ACTIONS:
        raise ValidationError("Choose approve or reject.")
    blocked: list[str] = []
    if action == "approve":
        pending = dict(ImportRow.objects.pending_review().filter(pk__in=row_ids)
                       .values_list("question_id", "question__title"))
        missing = questions_not_practisable(question_ids=[pk for pk in pending if pk])
        blocked = [f"“{pending[pk]}”: {problem}" for pk, problem in missing.items()]
        row_ids = list(ImportRow.objects.filter(pk__in=row_ids).exclude(question_id__in=missing)
                       .values_list("pk", flat=True))
    status, question_status = {
        "approve": (ImportRow.Review.APPROVED, Question.Status.PUBLISHED),
        "reject": (ImportRow.Review.REJECTED, Question.Status.ARCHIVED),
    }[action]
    question_ids = _close_reviews(row_ids=row_ids, status=status, reviewer=reviewer)
    Question.objects.filter(pk__in=question_ids, status=Question.Status.PENDING_REVIEW).update(status=question_status)
    return ReviewResult(done=len(question_ids), not_practisable=blocked)


@transaction.atomic
def import_row_merge(*, row: ImportRow, target: Question, reviewer) -> None:
    """The imported question was already in the bank: its sightings move to `target`, and it is deleted."""
    imported = row.question
    if imported is None or target.pk == imported.pk:
        raise ValidationError("Choose another question to merge this one into.")
    if not _close_reviews(row_ids=[row.pk], status=ImportRow.Review.MERGED, reviewer=reviewer, merged_into=target):
        raise ValidationError("This question has been reviewed already.")
    known = set(Sighting.objects.filter(question=target).values_list("fingerprint", flat=True))
    Sighting.objects.filter(question=imported).exclude(fingerprint__in=known).update(question=target)
    ImportRow.objects.filter(question=imported).update(question=target)
    imported.delete()
    Question.objects.filter(pk=target.pk).update(sighting_count=Sighting.objects.filter(question=target).count())


@transaction.atomic
def import_row_edit(*, row: ImportRow, editor, title: str, prompt: str, category: Category, levels: list[Level],
                    tags: list[str], key_points: list[str], trade_offs: list[str], failure_modes: list[str],
                    model_answer: str) -> Question:
    """Correct an imported question and write its rubric and model answer before approving it. A moderator's
    save is a review of any drafted rubric, so the "drafted" mark goes."""
    question = Question.objects.select_for_update().get(pk=row.question_id)
    if row.review_status != ImportRow.Review.PENDING:
        raise ValidationError("This question has been reviewed already; edit it in the question editor.")
    question_update(question=question, editor=editor, draft=QuestionDraft(
        title=title, prompt=prompt, category=category, levels=list(levels),
        role_tracks=list(question.role_tracks.all()), tags=tags, model_answer=model_answer,
        grader_guidance=question.grader_guidance,
        rubric={"key_points": key_points, "trade_offs": trade_offs, "failure_modes": failure_modes},
    ))
    ImportRow.objects.filter(pk=row.pk).update(rubric_drafted=False)
    row.rubric_drafted = False
    question.refresh_from_db()
    return question


@transaction.atomic
def import_row_draft_rubric(*, row: ImportRow, editor) -> Question:
    """Ask the LLM for a draft rubric and model answer, saved on the pending question and marked as drafted until a
    moderator saves the form. The question's own rubric items, if any, are replaced only when the draft has a key
    point."""
    from .drafting import draft_rubric

    if row.review_status != ImportRow.Review.PENDING or row.question_id is None:
        raise ValidationError("This question has been reviewed already.")
    question = Question.objects.select_for_update().get(pk=row.question_id)
    try:
        draft = draft_rubric(question=question.prompt)
    except Exception as error:  # the openai SDK and the network fail in many ways; the moderator can write it
        logger.warning("The LLM could not draft a rubric for import row %s", row.pk, exc_info=True)
        raise ValidationError(f"The LLM could not draft a rubric ({type(error).__name__}); write it by hand.") from None
    if not draft.key_points:
        raise ValidationError("The LLM returned no key point; write the rubric by hand.")
    question_update(question=question, editor=editor, draft=QuestionDraft(
        title=question.title, prompt=question.prompt, category=question.category,
        levels=list(question.levels.all()), role_tracks=list(question.role_tracks.all()),
        tags=[tag.name for tag in question.tags.all()], model_answer=draft.model_answer,
        grader_guidance=question.grader_guidance,
        rubric={"key_points": draft.key_points, "trade_offs": draft.trade_offs, "failure_modes": draft.failure_modes},
    ))
    ImportRow.objects.filter(pk=row.pk).update(rubric_drafted=True)
    row.rubric_drafted = True
    return question
