"""Cells of the CSV files the app produces, which people open in a spreadsheet.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel, LibreOffice and
Google Sheets as a formula, which can fetch URLs or leak other cells (`=HYPERLINK("https://…"&A2)`). Every text
cell of every export goes through `csv_cell`, which prefixes such a cell with a single quote (OWASP's advice), so
the spreadsheet shows the text as written. Numbers are never formulas and are written as they are.
"""

import json
from datetime import date, datetime
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = json.dumps(value, cls=DjangoJSONEncoder) if isinstance(value, list | dict) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
