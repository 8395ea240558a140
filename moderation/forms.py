from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from playbook.models import Category, Level

from .services import import_file_check_size


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="File to import",
        help_text="JSON, JSONL or CSV in our format, a Reddit listing or submissions JSONL, an X API v2 response or "
                  "an X archive tweets.js.",
        error_messages={"required": "Choose a file to import.", "empty": "The file is empty: there is nothing to "
                                                                         "import."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            import_file_check_size(size=upload.size)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return upload


class ImportedQuestionForm(forms.Form):
    title = forms.CharField(max_length=200)
    prompt = forms.CharField(label="Question (Markdown)", widget=forms.Textarea(attrs={"rows": 5}))
    category = forms.ModelChoiceField(Category.objects.ordered(), to_field_name="key")
    levels = forms.ModelMultipleChoiceField(Level.objects.ordered(), to_field_name="key",
                                            widget=forms.CheckboxSelectMultiple,
                                            error_messages={"required": "Choose at least one level."})
    tags = forms.CharField(required=False, max_length=500, help_text="Comma-separated.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The same limit as an imported row's text, read when the form is made so a changed setting applies.
        self.fields["prompt"].max_length = settings.IMPORT_MAX_ROW_CHARS
        self.fields["prompt"].validators.append(MaxLengthValidator(settings.IMPORT_MAX_ROW_CHARS))

    def clean_tags(self) -> list[str]:
        return [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]


class MergeForm(forms.Form):
    target = forms.IntegerField(label="Merge into question number", min_value=1,
                                error_messages={"required": "Give the number of the question to merge into."})
