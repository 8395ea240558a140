"""A bank as one YAML file (JSON is read too: YAML is a superset of it), so a course can keep its bank under
version control: export it, edit it in review, import it back into the same or another bank.

Questions are matched by `key`. Reading the file checks every entry first and reports every problem with the
question's number and key; a file with any problem changes nothing. An entry that holds only a `key` names an
existing question to use as it is (another author's published question, or one of the user's own, unchanged).
"""

from dataclasses import dataclass, field

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug

from playbook.models import Category, Level, RoleTrack
from playbook.uploads import text_file_check
from questions.forms import RUBRIC_ITEM_MAX_CHARS, RUBRIC_ITEMS_MAX
from questions.models import Question
from questions.services import RUBRIC_KINDS, QuestionDraft

from .forms import BANK_FILE_FORMATS, BANK_FILE_MAX_BYTES, QuestionEditorForm

FORMAT = "ai-interview-playbook/bank-v1"
STATUSES = {Question.Status.DRAFT, Question.Status.PUBLISHED}
# An exported bank nests 4 levels (document, questions, a question, its rubric lists); the limit leaves room.
EXPORT_NESTING = 4
MAX_NESTING = 20
# The question editor's limits hold for bank files too, so no file can hold a question the editor would refuse.
LIMITS = {name: QuestionEditorForm.base_fields[name].max_length
          for name in ("title", "prompt", "grader_guidance", "model_answer")}


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


class _Loader(yaml.SafeLoader):
    """safe_load without anchors and aliases: a few kilobytes of nested aliases expand to gigabytes once a value
    is turned into text (a "billion laughs" file), and an exported bank never uses them. Nesting is limited too:
    PyYAML composes nested values recursively, so `[[[[…` a few thousand deep would exhaust Python's stack."""

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(problem="aliases (*name) are not allowed in a bank file",
                                       problem_mark=event.start_mark)
        if self.depth >= MAX_NESTING:
            raise yaml.MarkedYAMLError(problem=f"values are nested more than {MAX_NESTING} levels deep, and a bank "
                                       f"file needs {EXPORT_NESTING}", problem_mark=self.peek_event().start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def bank_to_yaml(*, bank, entries) -> str:
    questions = []
    for entry in entries:
        question = entry.question
        items = list(question.rubric_items.all())
        questions.append({
            "key": question.key,
            "title": question.title,
            "status": question.status if question.status in STATUSES else Question.Status.DRAFT,
            "category": question.category.key,
            "levels": [level.key for level in question.levels.all()],
            "role_tracks": [track.key for track in question.role_tracks.all()],
            "tags": [tag.name for tag in question.tags.all()],
            "prompt": question.prompt,
            "rubric": {name: [i.text for i in items if i.kind == kind] for name, kind in RUBRIC_KINDS.items()},
            "grader_guidance": question.grader_guidance,
            "model_answer": question.model_answer,
        })
    document = {"format": FORMAT, "bank": {"title": bank.title, "description": bank.description},
                "questions": questions}
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)


@dataclass
class BankFileEntry:
    key: str
    status: str
    draft: QuestionDraft | None  # None for a key-only entry: the question is used as it is
    number: int = 0  # its place among the file's questions, from 1, for messages


@dataclass
class BankFile:
    title: str
    description: str
    entries: list[BankFileEntry] = field(default_factory=list)
    # A file with no questions empties the bank only when it says so: a wrong or truncated file must not.
    remove_all_questions: bool = False
    # What is wrong with single questions, as (question number, message): the import adds what only the database
    # can tell (an unknown key) and lists every problem at once.
    problems: list[tuple[int, str]] = field(default_factory=list)


def _strings(value, what: str, problems: list[str]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item for item in value if item.strip()]
    problems.append(f"{what} must be a list of texts")
    return []


def _too_long(item: dict, rubric: dict) -> list[str]:
    found = []
    for name, limit in LIMITS.items():
        value = item.get(name)
        if isinstance(value, str) and len(value) > limit:
            found.append(f"`{name}` is {len(value):,} characters long; the limit is {limit:,}")
    for name in RUBRIC_KINDS:
        items = rubric.get(name)
        if isinstance(items, list) and len(items) > RUBRIC_ITEMS_MAX:
            found.append(f"`rubric.{name}` has {len(items)} items; the limit is {RUBRIC_ITEMS_MAX}")
        elif isinstance(items, list) and any(isinstance(i, str) and len(i) > RUBRIC_ITEM_MAX_CHARS for i in items):
            found.append(f"an item of `rubric.{name}` is over {RUBRIC_ITEM_MAX_CHARS} characters")
    return found


def parse_bank_file(data: bytes) -> BankFile:
    if len(data) > BANK_FILE_MAX_BYTES:
        raise ValidationError([f"The file is {len(data) / 1_000_000:.1f} MB; a bank file may be up to "
                               f"{BANK_FILE_MAX_BYTES / 1_000_000:g} MB."])
    text_file_check(data, formats=BANK_FILE_FORMATS)
    try:
        document = yaml.load(data.decode("utf-8-sig"), Loader=_Loader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" at line {where.line + 1}" if where else ""
        raise ValidationError([f"The file is not valid YAML or JSON{line}: {getattr(error, 'problem', error)}."])
    if not isinstance(document, dict) or "format" not in document:
        raise ValidationError([f"This is not a bank file: expected a mapping with `format: {FORMAT}`, `bank` and "
                               "a `questions` list (export a bank to see the format)."])
    if document["format"] != FORMAT:
        raise ValidationError([f"The file's format is “{str(document['format'])[:100]}”; only `format: {FORMAT}` "
                               "can be imported (export a bank to see the format)."])
    if not isinstance(document.get("questions"), list):
        raise ValidationError(["The file has no `questions` list (write `questions: []` for a bank with none)."])
    remove_all = document.get("remove_all_questions", False)
    if not isinstance(remove_all, bool):
        raise ValidationError(["`remove_all_questions` must be true or false."])
    if remove_all and document["questions"]:
        raise ValidationError(["`remove_all_questions: true` is for a file with no questions; this one has "
                               f"{len(document['questions'])}."])
    categories = {c.key: c for c in Category.objects.all()}
    levels = {lv.key: lv for lv in Level.objects.all()}
    tracks = {t.key: t for t in RoleTrack.objects.all()}
    bank = document.get("bank") or {}
    if not isinstance(bank, dict):
        raise ValidationError(["`bank` must be a mapping with a `title` and a `description`."])
    result = BankFile(title=str(bank.get("title") or "").strip(), description=str(bank.get("description") or ""),
                      remove_all_questions=remove_all)
    problems = result.problems
    seen: set[str] = set()
    for number, item in enumerate(document["questions"], start=1):
        if not isinstance(item, dict):
            problems.append((number, f"Question {number}: expected a mapping of fields."))
            continue
        key = str(item.get("key") or "")
        found: list[str] = []
        try:
            validate_slug(key)
        except ValidationError:
            found.append("`key` must be lowercase letters, digits and dashes")
        if key in seen:
            found.append("the key is used twice in this file")
        seen.add(key)
        if set(item) == {"key"}:
            if found:
                problems.append((number, f"Question {number} ({key or 'no key'}): {'; '.join(found)}."))
            else:
                result.entries.append(BankFileEntry(key=key, status="", draft=None, number=number))
            continue
        for name in ("title", "prompt"):
            if not isinstance(item.get(name), str) or not item[name].strip():
                found.append(f"`{name}` is required")
        category = categories.get(str(item.get("category")))
        if item.get("category") in (None, ""):
            found.append("`category` is required")
        elif category is None:
            found.append(f"category {item.get('category')!r} is not one of {', '.join(sorted(categories))}")
        level_keys = _strings(item.get("levels"), "`levels`", found)
        unknown = [k for k in level_keys if k not in levels] + [
            k for k in _strings(item.get("role_tracks"), "`role_tracks`", found) if k not in tracks]
        if unknown:
            found.append(f"unknown level or role track: {', '.join(unknown)}")
        status = str(item.get("status") or Question.Status.DRAFT)
        if status not in STATUSES:
            found.append("`status` must be draft or published")
        rubric = item.get("rubric") or {}
        if not isinstance(rubric, dict):
            found.append("`rubric` must be a mapping of key_points, trade_offs and failure_modes")
            rubric = {}
        for name in RUBRIC_KINDS:
            _strings(rubric.get(name), f"`rubric.{name}`", found)
        _strings(item.get("tags"), "`tags`", found)
        found += _too_long(item, rubric)
        if found:
            problems.append((number, f"Question {number} ({key or 'no key'}): {'; '.join(found)}."))
            continue
        result.entries.append(BankFileEntry(key=key, status=status, number=number, draft=QuestionDraft(
            title=item["title"], prompt=item["prompt"], category=category,
            levels=[levels[k] for k in level_keys],
            role_tracks=[tracks[k] for k in _strings(item.get("role_tracks"), "", [])],
            tags=_strings(item.get("tags"), "", []),
            model_answer=str(item.get("model_answer") or ""), grader_guidance=str(item.get("grader_guidance") or ""),
            rubric={name: _strings(rubric.get(name), "", []) for name in RUBRIC_KINDS},
        )))
    return result
