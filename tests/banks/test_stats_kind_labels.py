"""The bank statistics page names rubric items by their human labels: "Key point", "Trade-off", "Failure mode"."""

from django.urls import reverse

from tests.factories import GradeFactory

# session, user, user and group permissions, the bank, its questions, answers per question, grade items,
# the instructor's human grades
PAGE_QUERIES = 9


def test_most_missed_items_are_labelled_with_spaces_and_hyphens(client, instructor, bank, django_assert_num_queries):
    question = bank.entries.order_by("position").first().question
    GradeFactory(answer__session_question__question=question, items=[
        {"kind": "key_point", "text": "Stores keys and values", "verdict": "missed", "evidence": "", "note": ""},
        {"kind": "trade_off", "text": "Memory against throughput", "verdict": "missed", "evidence": "", "note": ""},
        {"kind": "failure_mode", "text": "Warns about evictions", "verdict": "missed", "evidence": "", "note": ""},
    ])
    client.force_login(instructor)

    with django_assert_num_queries(PAGE_QUERIES):
        body = client.get(reverse("banks:stats", args=[bank.pk])).content.decode()

    row = body.split('data-testid="stats-row"')[1]
    for label in ("Key point", "Trade-off", "Failure mode"):
        assert f'<span class="muted small">{label}</span>' in row
    assert "Keypoint" not in row and "Failuremode" not in row and "Tradeoff" not in row
