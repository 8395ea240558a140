"""The research behind the content, by the names readers know it by.

Content files cite the research by its file name in `../shared/seeds/` ("002_479405e563a4d40b.txt: real loops
(original: 20260204_135510_AlexeyDTC_msg914.md)"), which is what a maintainer needs to check a fact. Readers see
the research's title instead, linked where the original is public; the raw messages the research itself cites are
private and never shown. This module is the one place that maps the two.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Research:
    title: str
    url: str = ""


RESEARCH = {
    "000_edffeecf78117121.txt": Research("AI Engineer Role Research"),
    "001_48a25f4a0423d8ac.txt": Research("Defining the AI Engineer Role (webinar)",
                                         "https://www.youtube.com/watch?v=7NijlAdqk9U"),
    "002_479405e563a4d40b.txt": Research("AI Engineer Interview Playbook"),
    "003_7cb4292c408f89c5.txt": Research("AI Engineer Job Description and Hiring Guide (2026)"),
    "004_6ee1dc3e1f7eade5.txt": Research("AI engineer is no longer one interview shape"),
}

SEED_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
# The raw notes and transcripts the research cites (20260204_135510_AlexeyDTC_msg914.md).
RAW_FILE = re.compile(r"\b\d{8}_\d{6}_\w+?\.(?:md|txt)\b")
ANY_FILE_NAME = re.compile(rf"{SEED_FILE.pattern}|{RAW_FILE.pattern}")
URL = re.compile(r"https?://[^\s,;()]+")
# Asides for maintainers: "(original: 2026…msg914.md)", "(originals: …)", "(no original source named)". A public
# original named in one is kept, as a link after the text.
MAINTAINER_ASIDE = re.compile(r"\s*\((?:originals?:|see:|no original source named)[^()]*\)")


def _link_label(url: str) -> str:
    host = urlsplit(url).hostname
    return f"original on {host.removeprefix('www.')}" if host else "original"


def _readable(note: str) -> str:
    text = MAINTAINER_ASIDE.sub("", note)
    text = re.sub(r"\bthe seed's\b", "the research's", URL.sub("", text))
    text = RAW_FILE.sub("", text)
    text = re.sub(r"\(\s*[,;]?\s*\)", "", text)
    text = re.sub(r"\s+([,;:)])", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip(" ,;")


def source_html(note: str, url: str = "") -> SafeString:
    """The note as HTML: each research by its title (a link when the original is public), then links to any other
    public originals the note or the item names."""
    text = _readable(note)
    parts, linked, position = [], set(), 0
    for match in SEED_FILE.finditer(text):
        parts.append(format_html("{}", text[position:match.start()]))
        research = RESEARCH.get(match.group(0), Research("our research notes"))
        if research.url:
            parts.append(format_html('<a href="{}" rel="noopener">{}</a>', research.url, research.title))
            linked.add(research.url)
        else:
            parts.append(format_html("{}", research.title))
        position = match.end()
    parts.append(format_html("{}", text[position:]))
    body = format_html_join("", "{}", ((part,) for part in parts))
    originals = [found for found in dict.fromkeys([*URL.findall(note), url]) if found and found not in linked]
    links = format_html_join(" · ", '<a href="{}" rel="nofollow noopener">{}</a>',
                             ((original, _link_label(original)) for original in originals))
    if body and links:
        return format_html("{} · {}", body, links)
    return body or links
