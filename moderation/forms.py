from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from playbook.models import Category, Level
from questions.forms import RubricCleaningMixin, UnixNewlinesMixin, rubric_field
from questions.models import Question
from questions.services import RUBRIC_KINDS

from . import selectors
from .parsing import ImportFileError, decode
from .services import import_file_check_size

# What the file picker offers; the content decides how a file is read, so this only spares choosing an image.
# CSV may be separated by tabs; a .txt file is read as CSV.
IMPORT_EXTENSIONS = ".json,.jsonl,.ndjson,.js,.csv,.tsv,.txt"


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="File to import",
        help_text="JSON, JSONL or CSV in our format, a Reddit listing or submissions JSONL, an X API v2 response or "
                  "an X archive tweets.js.",
        widget=forms.ClearableFileInput(attrs={"accept": IMPORT_EXTENSIONS}),
        error_messages={"required": "Choose a file to import.", "empty": "The file is empty: there is nothing to "
                                                                         "import."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            import_file_check_size(size=upload.size)
            # The worker's own first check, made before the file is queued: an image or a spreadsheet is refused
            # here, not reported later as a failed import.
            decode(upload.read())
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        upload.seek(0)
        return upload


class ImportedQuestionForm(UnixNewlinesMixin, RubricCleaningMixin, forms.Form):
    """The imported question and what makes it practisable: its rubric, one item per line for each kind, and its
    model answer. Approving needs at least one key point; saving does not, so work in progress is never lost."""

    title = forms.CharField(max_length=200)
    prompt = forms.CharField(label="Question (Markdown)", widget=forms.Textarea(attrs={"rows": 5}))
    category = forms.ModelChoiceField(Category.objects.ordered(), to_field_name="key")
    levels = forms.ModelMultipleChoiceField(Level.objects.ordered(), to_field_name="key",
                                            widget=forms.CheckboxSelectMultiple,
                                            error_messages={"required": "Choose at least one level."})
    tags = forms.CharField(required=False, max_length=500, help_text="Comma-separated.")
    key_points = rubric_field("Key points", "One per line: what a strong answer must say. At least one is needed "
                                             "to approve the question.")
    trade_offs = rubric_field("Trade-offs", "One per line: the tensions a strong answer weighs.")
    failure_modes = rubric_field("Failure modes", "One per line: how it breaks, what to warn about.")
    model_answer = forms.CharField(label="Model answer (Markdown)", required=False, max_length=10000,
                                   widget=forms.Textarea(attrs={"rows": 6}),
                                   help_text="Shown to candidates after they answer.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The same limit as an imported row's text, read when the form is made so a changed setting applies.
        self.fields["prompt"].max_length = settings.IMPORT_MAX_ROW_CHARS
        self.fields["prompt"].validators.append(MaxLengthValidator(settings.IMPORT_MAX_ROW_CHARS))

    def clean_tags(self) -> list[str]:
        return [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]

    @staticmethod
    def initial_for(question) -> dict:
        items = list(question.rubric_items.all())
        return {
            "title": question.title, "prompt": question.prompt, "category": question.category.key,
            "levels": [level.key for level in question.levels.all()],
            "tags": ", ".join(tag.name for tag in question.tags.all()), "model_answer": question.model_answer,
            **{name: "\n".join(item.text for item in items if item.kind == kind)
               for name, kind in RUBRIC_KINDS.items()},
        }


class MergeForm(forms.Form):
    """Step one of a merge: the number of the existing question the imported item duplicates. A question number,
    as the bank numbers its questions, not the imported item's number in the page's address."""

    target = forms.IntegerField(
        label="Number of the existing question to merge into", min_value=1,
        help_text="A question number, as in “question #219”; not the imported item's number. You compare the two "
                  "texts before anything is merged.",
        error_messages={"required": "Give the number of the existing question to merge into.",
                        "invalid": "Give a question number, such as 219.",
                        "min_value": "Give a question number, such as 219."},
    )

    def __init__(self, *args, imported: Question | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.imported = imported

    def clean_target(self) -> Question:
        number = self.cleaned_data["target"]
        target = selectors.question_by_number(number=number)
        if target is None:
            raise ValidationError(f"There is no question #{number}.")
        if self.imported is not None and target.pk == self.imported.pk:
            raise ValidationError(f"Question #{number} is this imported item's own question: give the number of "
                                  "the existing question it duplicates.")
        return target


class MergeConfirmForm(MergeForm):
    """Step two: the moderator has seen both texts side by side, and says so."""

    compared = forms.BooleanField(
        label="I have compared the two questions",
        error_messages={"required": "Tick “I have compared the two questions” to merge: the merge cannot be "
                                    "undone."},
    )


class PostQuestionForm(forms.Form):
    """A question the reader missed, written as the interviewer asked it, and the words of the post it comes from."""

    text = forms.CharField(label="Question", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="As the interviewer asked it, in direct form: “How would you evaluate a RAG "
                                     "pipeline?”",
                           error_messages={"required": "Write the question as the interviewer asked it."})
    evidence = forms.CharField(label="Words of the post it comes from (optional)", required=False, max_length=2000,
                               widget=forms.Textarea(attrs={"rows": 2}),
                               help_text="Copied from the post above; shown to reviewers as the evidence.")
    at = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)  # a suggestion's place in the post
