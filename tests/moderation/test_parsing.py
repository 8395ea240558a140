from datetime import UTC, datetime

import pytest

from moderation.parsing import ImportFileError, decode, parse
from tests.moderation import samples


def test_a_reddit_listing_gives_one_post_per_child_with_its_link_date_and_subreddit():
    parsed = parse(samples.reddit_listing())
    assert parsed.format == "Reddit listing"
    [record] = parsed.records
    assert record.is_post and record.platform == "reddit"
    assert record.text.startswith("Meta MLE onsite questions\n\nJust did my onsite")
    assert record.url == "https://www.reddit.com/r/MachineLearning/comments/abc123/meta_mle_onsite/"
    assert record.posted_at == datetime(2024, 5, 1, 10, 40, tzinfo=UTC)
    assert record.notes == ["r/MachineLearning"]


def test_a_reddit_comments_page_reads_the_post_and_only_the_posters_own_comments():
    post = {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {**samples.REDDIT_POST,
                                                                          "author": "op_name", "name": "t3_abc"}}]}}
    reply_by_poster = {"kind": "t1", "data": {"body": "Edit: they also asked how I'd shard a vector index.",
                                              "author": "op_name", "link_id": "t3_abc", "replies": ""}}
    comments = {"kind": "Listing", "data": {"children": [
        {"kind": "t1", "data": {"body": "What would you do? Any advice?", "author": "someone", "link_id": "t3_abc",
                                "replies": {"kind": "Listing", "data": {"children": [reply_by_poster]}}}},
        {"kind": "t1", "data": {"body": "How would you detect data drift?", "author": "another", "link_id": "t3_abc",
                                "replies": ""}},
    ]}}
    parsed = parse(samples.json.dumps([post, comments]).encode())
    [record] = parsed.records
    assert record.text.startswith("Meta MLE onsite questions")
    assert record.text.endswith("Edit: they also asked how I'd shard a vector index.")
    assert "data drift" not in record.text and "Any advice" not in record.text
    assert parsed.warnings == ["2 comments by people other than the poster were left out: only posts and the "
                               "poster's own comments are read"]


def test_a_dump_of_comments_alone_reads_each_comment_as_a_post():
    comments = {"kind": "Listing", "data": {"children": [
        {"kind": "t1", "data": {"body": "They also asked: how would you detect data drift?", "created_utc": 1,
                                "permalink": "/r/x/comments/abc/c1/"}}]}}
    [record] = parse(samples.json.dumps(comments).encode()).records
    assert record.text == "They also asked: how would you detect data drift?"


def test_a_reddit_submissions_dump_is_read_line_by_line():
    removed = {**samples.REDDIT_POST, "title": "What is a vector database for?", "selftext": "[removed]"}
    parsed = parse(samples.reddit_jsonl(samples.REDDIT_POST, removed))
    assert parsed.format == "Reddit submissions JSONL"
    assert [r.row for r in parsed.records] == [1, 2]
    assert parsed.records[1].text == "What is a vector database for?"


def test_an_x_api_v2_response_links_each_tweet_by_its_authors_name():
    parsed = parse(samples.x_api_v2(("1790000000000000001", "Asked at Stripe: how would you detect fraud?")))
    assert parsed.format == "X API v2 response"
    [record] = parsed.records
    assert (record.platform, record.url) == ("x", "https://x.com/mlhiring/status/1790000000000000001")
    assert record.posted_at == datetime(2024, 5, 2, 9, 30, tzinfo=UTC)


def test_an_x_archive_tweets_js_is_read_after_its_assignment():
    parsed = parse(samples.x_archive(("17", "Interview question: explain the KV cache in two minutes.")))
    assert parsed.format == "X archive"
    [record] = parsed.records
    assert record.text == "Interview question: explain the KV cache in two minutes."
    assert record.url == "https://x.com/i/web/status/17"
    assert record.posted_at == datetime(2024, 5, 2, 9, 30, tzinfo=UTC)


def test_our_json_format_reads_every_field_and_keeps_unknown_ones_as_notes():
    parsed = parse(samples.own_json({
        "text": "What is speculative decoding?", "source_platform": "Twitter", "source_url": "https://x.com/a/1",
        "posted_at": "2024-04-30", "company": "Google", "role": "ML engineer", "category": "llm-rag",
        "level": "senior", "tags": ["inference", "latency"], "upvotes": 17,
    }))
    [record] = parsed.records
    assert (record.platform, record.company, record.category, record.tags) == (
        "x", "Google", "llm-rag", ["inference", "latency"])
    assert record.notes == ["upvotes: 17"]
    assert "unknown field upvotes kept as a source note" in record.warnings


def test_csv_reads_comma_separated_tags_and_numbers_rows_like_a_spreadsheet():
    data = b"text,tags,company\nWhat is RAG?,\"rag, retrieval\",Meta\n\nWhy use a reranker?,,\n"
    parsed = parse(data)
    assert parsed.format == "CSV"
    assert [(r.row, r.text, r.tags) for r in parsed.records] == [
        (2, "What is RAG?", ["rag", "retrieval"]), (4, "Why use a reranker?", [])]


def test_bad_rows_become_row_errors_and_the_good_rows_stay():
    data = b'{"text": "What is RAG?"}\n{"text": \n{"question": "no text"}\n{"text": 42}\n["a list"]\n'
    records = parse(data).records
    assert [(r.row, bool(r.error)) for r in records] == [(1, False), (2, True), (3, True), (4, True), (5, True)]
    assert "not valid JSON" in records[1].error
    assert "`text` is missing or empty" in records[2].error
    assert "`text` must be a string, not int" in records[3].error


def test_a_javascript_link_is_never_kept_as_the_source_url():
    [record] = parse(samples.own_json({"text": "Why?", "source_url": "javascript:alert(1)"})).records
    assert record.url == ""
    assert "not an http(s) link" in record.warnings[0]


@pytest.mark.parametrize("data,message", [
    (b"", "The file is empty"),
    (b"   \n\n  ", "The file is empty"),
    (b"[]", "no rows in it"),
    (b"text\n", "no rows in it"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"Dear admin here are some questions", "not a CSV header"),
    (b"Dear admin, here are some questions", "has no `text` column (it has: dear admin, here are some questions)"),
    (b"question,answer\nWhat?,That\n", "has no `text` column (it has: question, answer)"),
    (b'[{"text": "What is RAG?"},', "not valid JSON: Expecting value at line 1"),
    (b'{"kind": "Listing", "data": {"children": 3}}', "no data.children list"),
    (b"window.YTD.tweets.part0 = [{", "tweets.js is not valid JSON"),
    (b'"just a string"', "not a CSV header"),
    (b'{"hello": "world"}', "neither a Reddit listing"),
])
def test_a_file_that_cannot_be_read_gets_a_clear_message(data, message):
    with pytest.raises(ImportFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(data)


def test_utf8_with_a_bom_and_utf16_are_read_without_a_warning():
    assert decode("text\nCafé?".encode("utf-8-sig")) == ("text\nCafé?", [])
    assert decode("text\nCafé?".encode("utf-16")) == ("text\nCafé?", [])


def test_a_file_that_is_not_utf8_is_read_as_windows_1252_with_a_warning():
    text, warnings = decode("text\nWhat is a café's cold-start problem?\n".encode("cp1252"))
    assert "café" in text
    assert "not valid UTF-8 (the first bad byte is at position 18)" in warnings[0]


def test_a_reddit_post_whose_selftext_is_not_text_still_imports_its_title():
    import json

    listing = {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {
        "title": "What is a KV cache?", "selftext": {"unexpected": True}, "permalink": "/r/x/1/", "created_utc": 1}}]}}
    [record] = parse(json.dumps(listing).encode()).records
    assert not record.error and record.text == "What is a KV cache?"


def test_an_x_response_with_malformed_includes_and_note_tweet_still_reads_each_tweet():
    import json

    response = {"data": [{"id": "1", "text": "Asked: how does RAG fail?", "created_at": "2024-05-01T10:00:00Z",
                          "note_tweet": "not an object"}], "includes": ["not", "an", "object"]}
    [record] = parse(json.dumps(response).encode()).records
    assert not record.error and record.text == "Asked: how does RAG fail?"


def test_a_csv_cell_past_the_csv_modules_limit_is_a_clear_file_error():
    data = ("text,company\n" + "Q?," + "x" * 200_000 + "\n").encode()
    with pytest.raises(ImportFileError, match="Line .* of the CSV cannot be read"):
        parse(data)
