"""Sources as readers know them: research titles and public links, never the seed files' names."""

import pytest
from django.urls import reverse

from assignments.models import AssignmentPattern
from assignments.services import attempt_start
from playbook.models import InterviewLoop, Level
from playbook.services import content_load
from playbook.sources import ANY_FILE_NAME, RESEARCH, source_html
from questions.models import Question
from tests.factories import PracticeSessionFactory, SessionQuestionFactory

WEBINAR = "https://www.youtube.com/watch?v=7NijlAdqk9U"


def test_a_seed_file_is_named_by_its_research():
    html = source_html("002_479405e563a4d40b.txt: real loops from candidate reports")
    assert html == "AI Engineer Interview Playbook: real loops from candidate reports"


def test_private_originals_are_dropped_and_public_ones_linked():
    html = source_html("000_edffeecf78117121.txt: common assignment patterns (originals: "
                       "20260204_135510_AlexeyDTC_msg914.md, 20260204_135608_AlexeyDTC_msg915_transcript.txt)")
    assert html == "AI Engineer Role Research: common assignment patterns"
    html = source_html(f"000_edffeecf78117121.txt: webinar Q&A (original: webinar 'Defining the role', {WEBINAR})")
    assert html == ("AI Engineer Role Research: webinar Q&amp;A · "
                    f'<a href="{WEBINAR}" rel="nofollow noopener">original on youtube.com</a>')


def test_a_research_with_a_public_original_links_its_title():
    html = source_html("001_48a25f4a0423d8ac.txt: 'README quality'")
    assert html.startswith(f'<a href="{WEBINAR}" rel="noopener">Defining the AI Engineer Role (webinar)</a>')


def test_an_item_url_becomes_a_link_and_markup_in_a_note_is_escaped():
    html = source_html("Reported on <b>Reddit</b>", "https://www.reddit.com/r/cscareerquestions/comments/1")
    assert html == ('Reported on &lt;b&gt;Reddit&lt;/b&gt; · <a href="https://www.reddit.com/r/cscareerquestions/'
                    'comments/1" rel="nofollow noopener">original on reddit.com</a>')


def test_every_research_the_content_cites_has_a_title():
    from playbook.services import CONTENT_DIR
    from playbook.sources import SEED_FILE
    cited = {name for path in CONTENT_DIR.rglob("*.yaml") for name in SEED_FILE.findall(path.read_text())}
    assert cited and cited <= set(RESEARCH)


@pytest.fixture
def pages_with_sources(db, candidate):
    """Every kind of page that shows a source, over the real content: loops, a loop, the checklist, take-homes, a
    take-home attempt, and a question page for every question."""
    content_load()
    level = Level.objects.first()
    attempt = attempt_start(user=candidate, pattern=AssignmentPattern.objects.filter(briefs__isnull=False).first(),
                            level=level)
    urls = [reverse("playbook:loops"), reverse("playbook:checklist"), reverse("assignments:list"),
            reverse("assignments:attempt", args=[attempt.pk])]
    urls += [reverse("playbook:loop", args=[key]) for key in InterviewLoop.objects.values_list("key", flat=True)]
    for question in Question.objects.filter(category__isnull=False).exclude(source_note=""):
        session = PracticeSessionFactory(user=candidate, category=question.category, level=level)
        urls.append(SessionQuestionFactory(session=session, question=question, position=1).get_absolute_url())
    return urls


def test_no_page_shows_a_seed_file_name(candidate_client, pages_with_sources):
    assert len(pages_with_sources) > 100
    seen_research = set()
    for url in pages_with_sources:
        response = candidate_client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert not ANY_FILE_NAME.search(page), (url, ANY_FILE_NAME.search(page).group(0))
        seen_research |= {research.title for research in RESEARCH.values() if research.title in page}
    assert seen_research == {research.title for research in RESEARCH.values()}
