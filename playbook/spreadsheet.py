"""Cells of the CSV files the app produces, which people open in a spreadsheet.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel, LibreOffice and
Google Sheets as a formula, which can fetch URLs or leak other cells (`=HYPERLINK("https://…"&A2)`). Every text
cell of every export goes through `csv_cell`, which prefixes such a cell with a single quote (OWASP's advice), so
the spreadsheet shows the text as written. Numbers are never formulas and are written as they are.

Times in every export, CSV and JSON alike, are written in one ISO 8601 form, `export_time`: UTC, to the
microsecond, with the offset spelled `+00:00` (`2026-12-08T02:46:00.000000+00:00`), what Python's
`datetime.fromisoformat` and PostgreSQL read back as they are. Dates are `YYYY-MM-DD`.
"""

import json
from datetime import UTC, date, datetime
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_time(moment: datetime) -> str:
    """A stored time as every export writes it (see the module's docstring)."""
    if timezone.is_naive(moment):  # no stored time is naive with USE_TZ; never guess a zone for one that is
        return moment.isoformat(timespec="microseconds")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class ExportJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder (decimals, dates, UUIDs...) with times written by `export_time`, not as milliseconds and
    `Z`, so a JSON export and a CSV export of the same rows agree."""

    def default(self, o):
        if isinstance(o, datetime):
            return export_time(o)
        return super().default(o)


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime):
        return export_time(value)
    if isinstance(value, date):
        return value.isoformat()
    text = json.dumps(value, cls=ExportJSONEncoder) if isinstance(value, list | dict) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
