import pytest
from django.core.management import CommandError, call_command

from questions.models import Question
from tests.moderation import samples


def test_it_imports_a_file_and_prints_the_summary_with_every_error(bank, tmp_path, capsys):
    path = tmp_path / "posts.jsonl"
    path.write_bytes(b'{"text": "What does a reranker add to retrieval?"}\n{"text": \n'
                     b'{"text": "How would you design a feed ranking system for a billion users?"}\n')

    call_command("import_questions", str(path))

    out = capsys.readouterr().out
    assert "[########################################] 3/3 rows" in out
    assert "imported for review: 1" in out and "duplicates: 1 exact, 0 near" in out and "errors: 1" in out
    assert "Row 2: this line is not valid JSON" in out
    assert Question.objects.filter(status="pending_review").count() == 1


def test_a_50_mb_file_is_refused_before_it_is_read(bank, tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # a sparse file: 50 MB on paper, nothing to read
    with pytest.raises(CommandError, match="The file is 50.0 MB; the import limit is 10 MB"):
        call_command("import_questions", str(path))


def test_a_file_that_cannot_be_read_fails_with_its_message(bank, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="The file is empty"):
        call_command("import_questions", str(path))


def test_a_missing_path_or_user_is_refused(bank, tmp_path):
    with pytest.raises(CommandError, match="is not a file"):
        call_command("import_questions", str(tmp_path / "nope.json"))
    path = tmp_path / "ok.json"
    path.write_bytes(samples.own_json({"text": "Why?"}))
    with pytest.raises(CommandError, match="There is no user called 'ghost'"):
        call_command("import_questions", str(path), user="ghost")


def test_it_can_write_the_report_of_every_row(bank, tmp_path):
    path, report = tmp_path / "q.json", tmp_path / "report.csv"
    path.write_bytes(samples.own_json({"text": "What does a reranker add?"}, {"nope": 1}))
    call_command("import_questions", str(path), report=str(report))
    lines = report.read_text().splitlines()
    assert lines[0].startswith("row,part,outcome,message") and len(lines) == 3
