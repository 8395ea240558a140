import pytest

from playbook.wording import clock, level_phrase, with_article


@pytest.mark.parametrize(("phrase", "expected"), [
    ("Agentic systems", "an Agentic systems"),
    ("RAG assistant", "a RAG assistant"),
    ("LLM gateway", "an LLM gateway"),
    ("X API v2 response", "an X API v2 response"),
    ("Reddit listing", "a Reddit listing"),
    ("JSONL", "a JSONL"),
    ("user-facing chatbot", "a user-facing chatbot"),
    ("hour", "an hour"),
    ("key point", "a key point"),
    ("evaluation harness", "an evaluation harness"),
])
def test_generated_phrases_get_the_article_that_matches_their_sound(phrase, expected):
    assert with_article(phrase) == expected


@pytest.mark.parametrize(("seconds", "expected"), [(0, "0:00"), (7, "0:07"), (350, "5:50"), (3600, "60:00"),
                                                   (None, "")])
def test_times_read_as_minutes_and_seconds(seconds, expected):
    assert clock(seconds) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Senior", "Senior level"),
    ("Junior / intern", "Junior / intern level"),
    ("Staff+", "Staff+ level"),
    ("Mid-level", "Mid-level"),
    ("Entry Level", "Entry Level"),
])
def test_a_level_name_is_followed_by_level_only_once(name, expected):
    assert level_phrase(name) == expected
