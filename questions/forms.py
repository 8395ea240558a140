"""Form pieces shared by every form that edits a question's rubric (the bank editor, the moderation form)."""

from django import forms

RUBRIC_ITEM_MAX_CHARS = 500
RUBRIC_ITEMS_MAX = 20


def rubric_field(label: str, help_text: str) -> forms.CharField:
    """One textarea per rubric kind, one item per line."""
    return forms.CharField(label=label, required=False, help_text=help_text, widget=forms.Textarea(attrs={"rows": 4}))


class UnixNewlinesMixin:
    """Browsers send a textarea's line breaks as CRLF. Text is stored with LF, so a bank file exported from it reads
    as plain multi-line YAML instead of quoted strings full of `\r\n`."""

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = value.replace("\r\n", "\n").replace("\r", "\n")
        return cleaned


class RubricCleaningMixin:
    """Turns the key_points, trade_offs and failure_modes textareas into lists of items, bullets stripped, with a
    message naming the item that is too long or the count that is too high."""

    def _clean_rubric(self, name: str) -> list[str]:
        items = [line.strip().lstrip("-*• ").strip() for line in self.cleaned_data[name].splitlines()]
        items = [item for item in items if item]
        if len(items) > RUBRIC_ITEMS_MAX:
            raise forms.ValidationError(f"At most {RUBRIC_ITEMS_MAX} items; this has {len(items)}.")
        for number, item in enumerate(items, start=1):
            if len(item) > RUBRIC_ITEM_MAX_CHARS:
                raise forms.ValidationError(
                    f"Item {number} is {len(item)} characters; keep each item under {RUBRIC_ITEM_MAX_CHARS}."
                )
        return items

    def clean_key_points(self) -> list[str]:
        return self._clean_rubric("key_points")

    def clean_trade_offs(self) -> list[str]:
        return self._clean_rubric("trade_offs")

    def clean_failure_modes(self) -> list[str]:
        return self._clean_rubric("failure_modes")
