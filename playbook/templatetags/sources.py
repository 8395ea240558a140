from django import template

from playbook.sources import source_html

register = template.Library()


@register.simple_tag
def cite(note: str, url: str = ""):
    """{% cite item.source_note item.source_url %}: the research by name, never by its file name."""
    return source_html(note or "", url or "")
