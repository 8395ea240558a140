from django import forms

from practice.forms import DraftBoxesForm
from practice.services import validate_answer_text

from .services import validate_code


class ExerciseAnswerForm(DraftBoxesForm):
    code = forms.CharField(
        label="Your code", strip=False, required=False,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false", "class": "code-input", "data-draft": ""}),
    )
    text = forms.CharField(
        label="Explain your solution as you would out loud",
        help_text="Approach, complexity, edge cases, what would fail in production. Graded against the rubric.",
        strip=False, required=False,
        widget=forms.Textarea(attrs={"rows": 6, "data-draft": ""}),
    )
    results = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_code(self) -> str:
        return validate_code(self.cleaned_data["code"])

    def clean_text(self) -> str:
        return validate_answer_text(self.cleaned_data["text"])
