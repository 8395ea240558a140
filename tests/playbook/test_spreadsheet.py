"""The one function every CSV export writes its cells through."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from playbook.spreadsheet import csv_cell


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+A1", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_text_a_spreadsheet_would_read_as_a_formula_gets_a_leading_quote(text):
    assert csv_cell(text) == "'" + text


def test_a_formula_inside_a_list_is_quoted_too():
    assert csv_cell(["=1+1"]) == '["=1+1"]' and csv_cell([]) == "[]"


@pytest.mark.parametrize(("value", "cell"), [
    (-2, "-2"), (Decimal("-1.5"), "-1.5"), (2.5, "2.5"), (None, ""), ("a = b", "a = b"), ("", ""),
    (datetime(2026, 1, 2, 3, 4, tzinfo=UTC), "2026-01-02T03:04:00.000000+00:00"), ({"a": 1}, '{"a": 1}'),
])
def test_numbers_dates_and_plain_text_are_written_as_they_are(value, cell):
    assert csv_cell(value) == cell
