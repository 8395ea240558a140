"""Reading an import file: bytes to text, the file's shape, and one Record per input row.

Shapes: our own format (a JSON list, JSONL or CSV of rows with a `text` field), a Reddit listing
(`data.children[].data`), Reddit submissions JSONL (pushshift-style dumps), an X API v2 response (`data[]`) and an
X archive `tweets.js` (`window.YTD.tweets.part0 = [...]`). A problem with the whole file raises ImportFileError
with a message for the admin; a problem with one row becomes that Record's `error`, and the other rows go on.
"""

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlparse

from django.core.exceptions import ValidationError

from playbook.uploads import UTF16_BOMS, text_file_check
from playbook.wording import with_article

OWN_FIELDS = {"text", "source_platform", "source_url", "posted_at", "company", "role", "category", "level", "tags"}
PLATFORMS = {"reddit": "reddit", "twitter": "x", "x": "x", "blog": "blog", "other": "other"}
FORMAT_HELP = ("Use our format (a JSON list, JSONL or CSV with a `text` column), a Reddit listing or submissions "
               "JSONL dump, an X API v2 response, or an X archive tweets.js.")


# The formats whose input rows are posts, read for the questions they report; a row of our own format is a question
# (or a list of them).
POST_FORMATS = frozenset({"Reddit listing", "Reddit submissions", "Reddit submissions JSONL", "X API v2 response",
                          "X archive"})


class ImportFileError(Exception):
    """The file as a whole cannot be read; nothing from it is imported."""


@dataclass
class Record:
    """One input row, in our own terms. `is_post` rows (Reddit, X) are split into questions; own-format rows are
    one question unless their text is a list of questions."""

    row: int
    text: str = ""
    platform: str = "other"
    url: str = ""
    posted_at: datetime | None = None
    company: str = ""
    role: str = ""
    category: str = ""
    level: str = ""
    tags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    is_post: bool = False
    post_id: str = ""


@dataclass
class ParsedFile:
    format: str
    records: list[Record]
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is read as Windows-1252 with a warning,
    because that is what spreadsheet programs usually mean by "CSV". The upload form refuses what this refuses
    (an empty or binary file) before the file is queued."""
    if not data.strip():
        raise ImportFileError("The file is empty: there is nothing to import.")
    try:
        text_file_check(data, formats=FORMAT_HELP, utf8_only=False)
    except ValidationError as error:
        raise ImportFileError(error.messages[0]) from None
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16"), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        text = data.decode("cp1252", errors="replace")
        return text, [
            f"The file is not valid UTF-8 (the first bad byte is at position {error.start:,}); it was read as "
            "Windows-1252, so check accented characters in the imported questions. Save the file as UTF-8 to "
            "avoid this."
        ]


def parse(data: bytes) -> ParsedFile:
    text, warnings = decode(data)
    stripped = text.strip()
    if stripped.startswith("window.YTD."):
        parsed = _x_archive(stripped)
    elif stripped[:1] in "[{":
        parsed = _json_or_jsonl(stripped)
    else:
        parsed = _csv(stripped)
    if not parsed.records:
        raise ImportFileError(
            f"The file is {with_article(parsed.format)} file with no rows in it: there is nothing to import."
        )
    parsed.warnings = warnings + parsed.warnings
    return parsed


# --- shapes -----------------------------------------------------------------------------------------------------

def _json_or_jsonl(text: str) -> ParsedFile:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        first_line = text.split("\n", 1)[0]
        if "\n" in text and _is_json_object(first_line):
            return _jsonl(text)
        raise ImportFileError(
            f"The file starts like JSON but is not valid JSON: {error.msg} at line {error.lineno}, column "
            f"{error.colno}. " + FORMAT_HELP
        )
    if isinstance(value, dict):
        if isinstance(value.get("data"), list):
            return ParsedFile("X API v2 response", _x_api(value))
        if value.get("kind") == "Listing" or isinstance(value.get("data"), dict):
            return ParsedFile("Reddit listing", *_reddit_listing([value]))
        if _is_reddit_submission(value):  # a one-line submissions dump
            return ParsedFile("Reddit submissions JSONL", [_reddit_post(1, value)])
        if "text" in value:  # a one-line JSONL file
            return ParsedFile("JSONL", [_own(1, value)])
        raise ImportFileError("The JSON object is neither a Reddit listing, an X API response nor a row with a "
                              "`text` field. " + FORMAT_HELP)
    if isinstance(value, list):
        if value and all(isinstance(item, dict) and item.get("kind") == "Listing" for item in value):
            return ParsedFile("Reddit listing", *_reddit_listing(value))
        if value and isinstance(value[0], dict) and "tweet" in value[0]:
            return ParsedFile("X archive", _x_archive_items(value))
        if value and isinstance(value[0], dict) and _is_reddit_submission(value[0]):
            return ParsedFile("Reddit submissions", [_reddit_post(n, item) for n, item in enumerate(value, 1)])
        return ParsedFile("JSON", [_own(n, item) for n, item in enumerate(value, 1)])
    raise ImportFileError("The JSON holds a single value, not a list of rows. " + FORMAT_HELP)


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def _is_reddit_submission(item: dict) -> bool:
    return "title" in item and ("selftext" in item or "subreddit" in item or "permalink" in item)


def _jsonl(text: str) -> ParsedFile:
    records, shapes = [], set()
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            records.append(Record(row=number, error=f"this line is not valid JSON ({error.msg}, column {error.colno})"))
            continue
        if isinstance(item, dict) and _is_reddit_submission(item):
            shapes.add("Reddit submissions JSONL")
            records.append(_reddit_post(number, item))
        else:
            shapes.add("JSONL")
            records.append(_own(number, item))
    return ParsedFile(" + ".join(sorted(shapes)) or "JSONL", records)


def _csv(text: str) -> ParsedFile:
    first_line = text.split("\n", 1)[0]
    if first_line.strip().lower() == "text":
        dialect = csv.excel  # a single-column file
    else:
        try:
            dialect = csv.Sniffer().sniff(first_line, delimiters=",;\t")
        except csv.Error:
            raise ImportFileError("The file is not JSON and its first line is not a CSV header. " + FORMAT_HELP)
    reader = csv.reader(io.StringIO(text), dialect)
    header = [name.strip().lower() for name in next(reader)]
    if "text" not in header:
        raise ImportFileError(
            f"The CSV header has no `text` column (it has: {', '.join(header[:12]) or 'nothing'}). " + FORMAT_HELP
        )
    records = []
    rows = enumerate(reader, start=2)  # spreadsheet rows: the header is row 1
    while True:
        try:
            number, values = next(rows)
        except StopIteration:
            break
        except csv.Error as error:  # e.g. a cell past the csv module's size limit: no later row can be trusted
            raise ImportFileError(f"Line {reader.line_num} of the CSV cannot be read ({error}). " + FORMAT_HELP)
        if not any(value.strip() for value in values):
            continue
        if len(values) > len(header):
            records.append(Record(row=number, error=f"it has {len(values)} cells but the header has {len(header)}"))
            continue
        records.append(_own(number, dict(zip(header, values, strict=False)), tags_as_text=True))
    return ParsedFile("CSV", records)


def _reddit_listing(listings: list[dict]) -> tuple[list[Record], list[str]]:
    """Posts (t3) become records. Comments (t1, at any depth of a thread's reply tree) are read only when the
    poster wrote them ("they also asked ..."), appended to their post; other people's comments are left out."""
    records, posts, number, ignored = [], {}, 0, 0
    comments: list[dict] = []
    for listing in listings:
        children = (listing.get("data") or {}).get("children")
        if not isinstance(children, list):
            raise ImportFileError("The Reddit listing has no data.children list. " + FORMAT_HELP)
        for child in children:
            data = child.get("data") if isinstance(child, dict) else None
            if isinstance(child, dict) and child.get("kind") == "t1" and isinstance(data, dict):
                comments.extend(_comment_tree(data))
                continue
            if isinstance(child, dict) and child.get("kind") == "more":
                continue
            number += 1
            if not isinstance(data, dict):
                records.append(Record(row=number, error="this child has no data object"))
                continue
            record = _reddit_post(number, data)
            records.append(record)
            posts[str(data.get("name") or f"t3_{data.get('id')}")] = (record, data.get("author"))
    if not posts:  # a dump of comments alone (a search or a user's history): each comment is a post of its own
        return [_reddit_post(n, {**c, "title": "", "selftext": c.get("body", "")}) for n, c in enumerate(comments, 1)
                ], []
    lone_post = next(iter(posts.values())) if len(posts) == 1 else None
    for comment in comments:
        post, author = posts.get(str(comment.get("link_id"))) or lone_post or (None, None)
        body = comment.get("body") if isinstance(comment.get("body"), str) else ""
        if post is not None and _by_poster(comment, author) and body.strip() and not post.error:
            post.text += "\n\n" + body.strip()
        else:
            ignored += 1
    warnings = [f"{ignored} comment{'s' if ignored != 1 else ''} by people other than the poster "
                f"{'were' if ignored != 1 else 'was'} left out: only posts and the poster's own comments are read"
                ] if ignored else []
    return records, warnings


def _comment_tree(data: dict) -> list[dict]:
    """A comment and all its replies, in reading order. Replies come as a Reddit listing (`{"data": {"children":
    [{"kind": "t1", "data": ...}]}}`) in API dumps, or as a plain list of comments in some archives."""
    found, stack = [], [data]
    while stack:
        comment = stack.pop()
        found.append(comment)
        replies = comment.get("replies")
        if isinstance(replies, dict):
            children = (replies.get("data") or {}).get("children")
            replies = [child.get("data") for child in children if isinstance(child, dict) and child.get("kind") == "t1"
                       ] if isinstance(children, list) else []
        stack.extend(reversed([reply for reply in replies if isinstance(reply, dict)]
                              if isinstance(replies, list) else []))
    return found


def _by_poster(comment: dict, author) -> bool:
    return comment.get("is_submitter") is True or bool(author and author != "[deleted]"
                                                      and comment.get("author") == author)


def _reddit_post(number: int, data) -> Record:
    if not isinstance(data, dict):
        return Record(row=number, error="this row is not a JSON object")
    selftext = data.get("selftext") if isinstance(data.get("selftext"), str) else ""
    if selftext.strip() in {"[removed]", "[deleted]"}:
        selftext = ""
    text = "\n\n".join(part for part in (str(data.get("title") or "").strip(), str(selftext).strip()) if part)
    permalink = str(data.get("permalink") or "")
    url = f"https://www.reddit.com{permalink}" if permalink.startswith("/") else permalink or str(data.get("url") or "")
    record = Record(row=number, text=text, platform="reddit", is_post=True, post_id=str(data.get("id") or ""))
    record.url = _url(url, record)
    record.posted_at = _date(data.get("created_utc"), record)
    if data.get("subreddit"):
        record.notes.append(f"r/{data['subreddit']}")
    comments = [c for top in data.get("comments") if isinstance(top, dict) for c in _comment_tree(top)
                ] if isinstance(data.get("comments"), list) else []
    for comment in comments:
        body = comment.get("body") if isinstance(comment.get("body"), str) else ""
        if _by_poster(comment, data.get("author")) and body.strip() and body.strip() not in text:
            text = "\n\n".join(part for part in (text, body.strip()) if part)
    record.text = text
    if not text:
        record.error = "the post has neither a title nor any text"
    return record


def _x_api(value: dict) -> list[Record]:
    includes = value.get("includes") if isinstance(value.get("includes"), dict) else {}
    users = {user.get("id"): user.get("username") for user in includes.get("users") or [] if isinstance(user, dict)}
    records = []
    for number, tweet in enumerate(value["data"], start=1):
        if not isinstance(tweet, dict):
            records.append(Record(row=number, error="this tweet is not a JSON object"))
            continue
        note = tweet.get("note_tweet") if isinstance(tweet.get("note_tweet"), dict) else {}
        text = str(note.get("text") or tweet.get("text") or "")
        username = users.get(tweet.get("author_id"))
        records.append(_tweet(number, text, tweet.get("id"), tweet.get("created_at"), username))
    return records


def _x_archive(text: str) -> ParsedFile:
    _, _, payload = text.partition("=")
    try:
        items = json.loads(payload.strip().rstrip(";"))
    except json.JSONDecodeError as error:
        raise ImportFileError(f"The X archive's tweets.js is not valid JSON after `window.YTD...=`: {error.msg} at "
                              f"line {error.lineno}, column {error.colno}.")
    if not isinstance(items, list):
        raise ImportFileError("The X archive's tweets.js should hold a list of tweets.")
    return ParsedFile("X archive", _x_archive_items(items))


def _x_archive_items(items: list) -> list[Record]:
    records = []
    for number, item in enumerate(items, start=1):
        tweet = item.get("tweet", item) if isinstance(item, dict) else None
        if not isinstance(tweet, dict):
            records.append(Record(row=number, error="this item has no tweet object"))
            continue
        records.append(_tweet(number, tweet.get("full_text") or tweet.get("text") or "",
                              tweet.get("id_str") or tweet.get("id"), tweet.get("created_at"), None))
    return records


def _tweet(number: int, text: str, tweet_id, created_at, username: str | None) -> Record:
    record = Record(row=number, text=str(text).strip(), platform="x", is_post=True, post_id=str(tweet_id or ""))
    if tweet_id:
        record.url = f"https://x.com/{username or 'i/web'}/status/{tweet_id}"
    record.posted_at = _date(created_at, record)
    if not record.text:
        record.error = "the tweet has no text"
    return record


def _own(number: int, item, *, tags_as_text: bool = False) -> Record:
    if not isinstance(item, dict):
        return Record(row=number, error="this row is not an object with a `text` field")
    record = Record(row=number)
    text = item.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        record.error = "`text` is missing or empty; it is the one required field"
        return record
    if not isinstance(text, str):
        record.error = f"`text` must be a string, not {type(text).__name__}"
        return record
    record.text = text.strip()
    platform = str(item.get("source_platform") or "other").strip().lower()
    if platform not in PLATFORMS:
        record.warnings.append(f"source_platform {platform!r} is not one of reddit, twitter, x, blog, other; "
                               "recorded as other")
        record.notes.append(f"source_platform: {platform}")
    record.platform = PLATFORMS.get(platform, "other")
    record.url = _url(str(item.get("source_url") or ""), record)
    record.posted_at = _date(item.get("posted_at"), record)
    for name in ("company", "role", "category", "level"):
        setattr(record, name, str(item.get(name) or "").strip()[:100])
    record.tags = _tags(item.get("tags"), record)
    unknown = sorted(set(item) - OWN_FIELDS)
    if unknown:
        record.notes.extend(f"{name}: {str(item[name])[:100]}" for name in unknown)
        record.warnings.append(f"unknown field{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} kept as a "
                               "source note")
    return record


def _tags(value, record: Record) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [tag.strip() for tag in value.split(",") if tag.strip()]
    if isinstance(value, list) and all(isinstance(tag, str) for tag in value):
        return [tag.strip() for tag in value if tag.strip()]
    record.warnings.append("tags should be a list of words or a comma-separated string; ignored")
    return []


def _url(value: str, record: Record) -> str:
    value = value.strip()
    if not value:
        return ""
    parsed = urlparse(value)
    if parsed.scheme in {"http", "https"} and parsed.netloc and len(value) <= 500:
        return value
    record.warnings.append("the source URL is not an http(s) link of up to 500 characters; it was dropped")
    record.notes.append(f"source_url: {value[:200]}")
    return ""


def _date(value, record: Record) -> datetime | None:
    """ISO 8601 dates and times, Unix timestamps (Reddit's created_utc) and X archive dates; else a warning."""
    if value in (None, ""):
        return None
    try:
        if isinstance(value, int | float) or (isinstance(value, str) and re.fullmatch(r"\d{9,11}(\.\d+)?", value)):
            return datetime.fromtimestamp(float(value), tz=UTC)
        text = str(value).strip()
        if re.match(r"\d{4}-\d{2}-\d{2}", text):
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        else:
            moment = parsedate_to_datetime(text) if "," in text else datetime.strptime(text, "%a %b %d %H:%M:%S %z %Y")
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    except (ValueError, TypeError, OverflowError, OSError):
        record.warnings.append(f"the date {str(value)[:40]!r} is not a date this importer reads; it was dropped")
        return None
