"""Markdown from any source (content files, instructors, imports, bank files) is rendered, then sanitised with nh3.

The parser is cmark-gfm (GitHub's C implementation of CommonMark with tables, strikethrough and autolinks, through
`cmarkgfm`): it runs in linear time, so no input can make a render slow. python-markdown took 3.5 s on 5,000 `[`
and markdown-it-py, linear but pure Python, 0.2 s on 20,000; cmark-gfm renders either in under 10 ms (figures
in docs/security-and-operations.md). Raw HTML goes through to nh3, which keeps the harmless tags and drops the
rest, as before.

Pages never render Markdown on a view: the HTML is rendered once when the text is saved and stored beside it in a
`RenderedMarkdownField`.
"""

import re

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from django.db import models
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "code": {"class"}, "td": {"align"}, "th": {"align"}}
# Raw HTML is passed to nh3 rather than dropped by cmark, so an imported post's harmless tags still show.
CMARK_OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_VALIDATE_UTF8


# nh3's HTML parser slows down with the square of the nesting depth (20,000 `>` nest 20,000 blockquotes: 1 s), so
# a text nested deeper than any real one is shown as plain paragraphs instead.
MAX_NESTING = 48
# Only the tag name is read: cmark escapes every `<` of text, and an HTML parser ignores `/>` on a non-void tag.
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
# In the sanitised HTML (tags written plainly by nh3, every `<` of text escaped), a heading tag, and a link with its
# attributes (values quoted, their quotes escaped).
HEADING_TAG = re.compile(r"<(/?)h([1-6])>")
LINK = re.compile(r'<a((?:\s+[a-z-]+="[^"]*")*)>(.*?)</a>', re.DOTALL)
# Users' headings sit under a page's h1 and its h2 sections: their highest level is h3.
HEADING_SHIFT = 2
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _nests_too_deep(html: str) -> bool:
    """An upper bound on how deep the elements nest: raw HTML left open counts as open."""
    depth = 0
    for closing, name in TAG.findall(html):
        if closing:
            depth = max(depth - 1, 0)
        elif name.lower() not in VOID_TAGS:
            depth += 1
            if depth > MAX_NESTING:
                return True
    return False


def render_markdown(text: str, *, heading_shift: int = HEADING_SHIFT) -> SafeString:
    html = cmarkgfm.github_flavored_markdown_to_html(text or "", options=CMARK_OPTIONS)
    if _nests_too_deep(html):
        return linebreaks(text, autoescape=True)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
    # `heading_shift`: 0 for our own documents shown as a page of their own (docs/grading.md), whose h1 is the title
    clean = HEADING_TAG.sub(lambda tag: f"<{tag[1]}h{min(int(tag[2]) + heading_shift, 6)}>", clean)
    # A link whose address nh3 removed (javascript:, data:) would still look like a link that does nothing: its text.
    clean = LINK.sub(lambda link: link[0] if " href=" in link[1] else link[2], clean)
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


class RenderedMarkdownField(models.TextField):
    """HTML rendered by `render_markdown` when its source text was saved; read back as safe to show."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return mark_safe(value) if value is not None else value  # noqa: S308 - stored only by render_markdown
