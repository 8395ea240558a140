from django import forms

from playbook.models import Level

from .models import AssignmentPattern, SelfReviewItem


class AttemptStartForm(forms.Form):
    pattern = forms.ModelChoiceField(
        queryset=AssignmentPattern.objects.filter(briefs__isnull=False).distinct(),
        to_field_name="key",
        label="Pattern",
        empty_label=None,
        error_messages={"required": "Choose a pattern.", "invalid_choice": "Choose a pattern from the list."},
    )
    level = forms.ModelChoiceField(
        queryset=Level.objects.ordered(),
        to_field_name="key",
        label="Level",
        empty_label=None,
        error_messages={"required": "Choose a level.", "invalid_choice": "Choose a level from the list."},
    )


class SelfReviewForm(forms.Form):
    """The self-review ticks; the template draws each checkbox itself, beside the item's explanation."""

    ticks = forms.MultipleChoiceField(
        required=False,
        error_messages={"invalid_choice": "The checklist has changed since this page was loaded: reload the page and "
                                          "tick again (your saved ticks are kept)."},
    )

    def __init__(self, *args, items: list[SelfReviewItem], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ticks"].choices = [(item.key, item.title) for item in items]
