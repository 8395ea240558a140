from django import forms

from playbook.models import Category, Level, RoleTrack

from .models import GradeDispute
from .services import validate_answer_text

QUESTION_COUNTS = [(1, "1"), (3, "3"), (5, "5"), (10, "10")]


def _choice_field(queryset, label: str, *, required: bool = True, empty_label: str | None = None):
    return forms.ModelChoiceField(
        queryset=queryset,
        to_field_name="key",
        label=label,
        required=required,
        empty_label=empty_label,
        error_messages={
            "invalid_choice": f"Choose a {label.lower()} from the list.",
            "required": f"Choose a {label.lower()}.",
        },
    )


class StartSessionForm(forms.Form):
    category = _choice_field(Category.objects.ordered(), "Category")
    level = _choice_field(Level.objects.ordered(), "Level")
    role_track = _choice_field(RoleTrack.objects.ordered(), "Role track", required=False, empty_label="Any track")
    question_count = forms.TypedChoiceField(
        choices=QUESTION_COUNTS,
        coerce=int,
        initial=3,
        label="Questions",
        error_messages={"invalid_choice": "Choose 1, 3, 5 or 10 questions."},
    )


class DraftBoxesForm(forms.Form):
    """A form whose answer boxes (`data-draft`) the browser keeps until sent (app.js). Shown again bound, the form
    was refused: its boxes hold text the server did not keep, so they are marked for the browser to keep too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            for field in self.fields.values():
                if "data-draft" in field.widget.attrs:
                    field.widget.attrs["data-draft-unsent"] = ""


class AnswerForm(DraftBoxesForm):
    text = forms.CharField(
        label="Your answer",
        strip=False,
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "placeholder": "Answer as you would out loud in the interview.",
                                     "data-draft": ""}),  # kept in the browser until sent (app.js)
    )

    def clean_text(self) -> str:
        return validate_answer_text(self.cleaned_data["text"])


class QuestionLevelForm(forms.Form):
    """The level to practise one question at: one of the levels it is asked at (read once, as a list)."""

    level = forms.ChoiceField(label="Level", error_messages={"invalid_choice": "Choose a level from the list.",
                                                             "required": "Choose a level."})

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.levels = {level.key: level for level in question.levels.order_by("position")}
        self.fields["level"].choices = [(key, level.name) for key, level in self.levels.items()]

    def clean_level(self) -> Level:
        return self.levels[self.cleaned_data["level"]]


class GradeDisputeForm(forms.Form):
    reason = forms.CharField(
        label="Why you disagree, in one sentence",
        max_length=GradeDispute.REASON_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": GradeDispute.REASON_MAX_LENGTH}),
        error_messages={
            "required": "Say in one sentence why you disagree with this grade.",
            "max_length": f"Keep it to one sentence: at most {GradeDispute.REASON_MAX_LENGTH} characters.",
        },
    )
