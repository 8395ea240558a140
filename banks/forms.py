from django import forms

from playbook.models import Category, Level, RoleTrack
from playbook.uploads import text_file_check
from questions.forms import RubricCleaningMixin, UnixNewlinesMixin, rubric_field
from questions.models import Question
from questions.services import RUBRIC_KINDS, QuestionDraft

from .models import Bank

PRACTICE_COUNTS = [(1, "1"), (3, "3"), (5, "5"), (10, "10")]


class BankForm(UnixNewlinesMixin, forms.ModelForm):
    description = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="Markdown, shown to candidates.")

    class Meta:
        model = Bank
        fields = ["title", "description", "visibility"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class QuestionEditorForm(UnixNewlinesMixin, RubricCleaningMixin, forms.Form):
    title = forms.CharField(max_length=200)
    prompt = forms.CharField(label="Question (Markdown)", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    category = forms.ModelChoiceField(Category.objects.ordered(), to_field_name="key",
                                      error_messages={"required": "Choose a category."})
    levels = forms.ModelMultipleChoiceField(Level.objects.ordered(), to_field_name="key",
                                            widget=forms.CheckboxSelectMultiple,
                                            error_messages={"required": "Choose at least one level."})
    role_tracks = forms.ModelMultipleChoiceField(RoleTrack.objects.ordered(), to_field_name="key", required=False,
                                                 widget=forms.CheckboxSelectMultiple)
    tags = forms.CharField(required=False, max_length=500, help_text="Comma-separated, for example: rag, evaluation")
    key_points = rubric_field("Key points", "One per line: what a strong answer must say.")
    trade_offs = rubric_field("Trade-offs", "One per line: the tensions a strong answer weighs.")
    failure_modes = rubric_field("Failure modes", "One per line: how it breaks, what to warn about.")
    grader_guidance = forms.CharField(
        label="Guidance to the grader", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional: what to be strict or lenient about, for example “accept any vector store by name”.",
    )
    model_answer = forms.CharField(label="Model answer (Markdown)", required=False, max_length=10000,
                                   widget=forms.Textarea(attrs={"rows": 6}))

    def clean_tags(self) -> list[str]:
        return [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]

    def draft(self) -> QuestionDraft:
        data = self.cleaned_data
        return QuestionDraft(
            title=data["title"], prompt=data["prompt"], category=data["category"], levels=list(data["levels"]),
            role_tracks=list(data["role_tracks"]), tags=data["tags"], model_answer=data["model_answer"],
            grader_guidance=data["grader_guidance"], rubric={name: data[name] for name in RUBRIC_KINDS},
        )

    @staticmethod
    def initial_for(question: Question) -> dict:
        items = list(question.rubric_items.all())
        return {
            "title": question.title, "prompt": question.prompt, "category": question.category.key,
            "levels": [level.key for level in question.levels.all()],
            "role_tracks": [track.key for track in question.role_tracks.all()],
            "tags": ", ".join(tag.name for tag in question.tags.all()),
            "model_answer": question.model_answer, "grader_guidance": question.grader_guidance,
            **{name: "\n".join(i.text for i in items if i.kind == kind) for name, kind in RUBRIC_KINDS.items()},
        }


class PractiseForm(forms.Form):
    """How many of the bank's published questions to practise: never more than it has (a two-question bank offers
    1 or 2, "all" being the largest), 5 by default or all of them if fewer."""

    question_count = forms.TypedChoiceField(choices=PRACTICE_COUNTS, coerce=int, label="Questions")

    def __init__(self, *args, available: int, **kwargs):
        super().__init__(*args, **kwargs)
        if 0 < available <= PRACTICE_COUNTS[-1][0]:
            choices = [(count, label) for count, label in PRACTICE_COUNTS if count < available]
            choices.append((available, f"{available} (all)" if available > 1 else "1"))
        else:  # more than the largest count; or none, which the service refuses with its own message
            choices = PRACTICE_COUNTS
        field = self.fields["question_count"]
        field.choices = choices
        field.initial = min(5, available) or None
        names = [str(count) for count, _ in choices]
        listed = f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]
        field.error_messages["invalid_choice"] = f"Choose {listed} question{'s' if names != ['1'] else ''}."


BANK_FILE_MAX_BYTES = 2_000_000
BANK_FILE_FORMATS = "A bank file is YAML or JSON text, as a bank's “Export as a YAML file” makes it."


class BankFileForm(forms.Form):
    file = forms.FileField(label="Bank file (YAML or JSON, as exported)",
                           error_messages={"required": "Choose a bank file.", "empty": "The file is empty."})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > BANK_FILE_MAX_BYTES:
            raise forms.ValidationError(f"The file is {upload.size / 1_000_000:.1f} MB; a bank file may be up to "
                                        f"{BANK_FILE_MAX_BYTES / 1_000_000:g} MB.")
        # Checked here as well as when the file is read, so a large file that is not text is never queued.
        text_file_check(upload.read(), formats=BANK_FILE_FORMATS)
        upload.seek(0)
        return upload
