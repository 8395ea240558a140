from django import forms


class ChecklistTickForm(forms.Form):
    ticked = forms.TypedChoiceField(
        choices=[("1", "Ticked"), ("0", "Not ticked")],
        coerce=lambda value: value == "1",
        error_messages={
            "required": "Say whether to tick or untick the item.",
            "invalid_choice": "Say whether to tick or untick the item.",
        },
    )
