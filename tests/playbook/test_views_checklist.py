import pytest
from django.urls import reverse

from questions.models import Question, Tag
from tests.factories import CategoryFactory, QuestionFactory
from tests.playbook.factories import ChecklistAreaFactory, ChecklistItemFactory, ChecklistTickFactory

URL = reverse("playbook:checklist")
# Areas (with their practice category), their items, published questions (with category), the questions' tags.
ANONYMOUS_QUERIES = 4
# + django_session, auth_user and the candidate's own ticks.
CANDIDATE_QUERIES = ANONYMOUS_QUERIES + 3


def question(title: str, *, tags: list[str], areas: list[str], status=Question.Status.PUBLISHED, category=None):
    made = QuestionFactory(title=title, checklist_areas=areas, status=status,
                           **({"category": category} if category else {}))
    made.tags.set([Tag.objects.get_or_create(name=name)[0] for name in tags])
    return made


@pytest.fixture
def checklist(db):
    """Two areas: RAG with chunking and citations, agents with the agent loop."""
    category = CategoryFactory(key="llm-rag", name="LLM & RAG")
    rag = ChecklistAreaFactory(key="rag", name="RAG", position=1, category=category)
    agents = ChecklistAreaFactory(key="agents", name="Agents", position=2, category=rag.category)
    return {
        "chunking": ChecklistItemFactory(area=rag, key="chunking", title="Chunking strategies",
                                          tags=["chunking", "ingestion"]),
        "citations": ChecklistItemFactory(area=rag, key="citations", title="Citations", tags=["citations"]),
        "agent-loop": ChecklistItemFactory(area=agents, key="agent-loop", title="The agent loop", tags=[]),
    }


def item_html(html: str, key: str) -> str:
    return html.split(f'<li id="item-{key}">')[1].split("</li>")[0]


def test_it_rejects_post_put_and_delete(client, db, django_assert_num_queries):
    for method in (client.post, client.put, client.delete):
        with django_assert_num_queries(0):
            response = method(URL)
        assert response.status_code == 405


def test_an_anonymous_visitor_sees_it_read_only_with_a_prompt_to_log_in(client, checklist, django_assert_num_queries):
    question("Chunking strategies and chunk size", tags=["chunking"], areas=["rag"])

    with django_assert_num_queries(ANONYMOUS_QUERIES):
        response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert "RAG" in html and "Chunking strategies" in html and "The agent loop" in html
    assert html.index('id="area-rag"') < html.index('id="area-agents"')
    assert f'href="{reverse("accounts:login")}?next={URL}"' in html and "read-only" in html
    assert "<form method=\"post\" action=\"/checklist/" not in html and "hx-post" not in html
    assert '0 of 2 ticked' in html and '0 of 1 ticked' in html


def test_a_candidate_sees_their_own_ticks_and_progress_never_another_users(candidate_client, candidate, other_candidate,
                                                                          checklist, django_assert_num_queries):
    ChecklistTickFactory(user=candidate, item=checklist["chunking"])
    ChecklistTickFactory(user=other_candidate, item=checklist["citations"])
    ChecklistTickFactory(user=other_candidate, item=checklist["agent-loop"])

    with django_assert_num_queries(CANDIDATE_QUERIES):
        html = candidate_client.get(URL).content.decode()

    assert "1 of 2 ticked" in html and "0 of 1 ticked" in html
    assert 'aria-valuenow="1"' in html and 'style="width: 50%"' in html
    chunking, citations = item_html(html, "chunking"), item_html(html, "citations")
    assert 'aria-pressed="true"' in chunking and 'name="ticked" value="0"' in chunking
    assert 'aria-pressed="false"' in citations and 'name="ticked" value="1"' in citations
    tick_url = reverse("playbook:checklist_tick", args=["citations"])
    assert f'action="{tick_url}"' in citations and f'hx-post="{tick_url}"' in citations
    assert 'hx-target="#area-rag"' in citations
    assert "read-only" not in html


def test_each_item_lists_published_questions_sharing_its_tags_best_matches_first(client, checklist,
                                                                                 django_assert_num_queries):
    design = CategoryFactory(key="system-design", name="AI system design")
    question("Review this chunking function", tags=["chunking"], areas=[])
    rag_chat = question("Design a RAG chat with your docs", tags=["ingestion", "chunking"], areas=["rag"],
                        category=design)
    question("Chunking strategies and chunk size", tags=["chunking"], areas=["rag"])
    question("A draft about chunking", tags=["chunking"], areas=["rag"], status=Question.Status.DRAFT)
    question("Unrelated", tags=["sql"], areas=["rag"])
    question("Memory for agents", tags=["memory"], areas=["agents"])

    with django_assert_num_queries(ANONYMOUS_QUERIES):
        html = client.get(URL).content.decode()

    chunking = item_html(html, "chunking")
    assert "Practice questions on this (3)" in chunking
    titles = ["Design a RAG chat with your docs", "Chunking strategies and chunk size", "Review this chunking function"]
    assert [chunking.index(title) for title in titles] == sorted(chunking.index(title) for title in titles)
    # Each link opens that one question, not the generic practice form.
    assert f'href="{reverse("practice:question_start", args=[rag_chat.key])}">Design a RAG chat' in chunking
    assert "A draft about chunking" not in html and "Unrelated" not in chunking
    # An item without tags takes the questions filed under its area.
    assert "Memory for agents" in item_html(html, "agent-loop")


def test_an_item_shows_three_questions_and_folds_the_rest_under_how_many_more(client, checklist):
    for n in range(5):
        question(f"Citations question {n}", tags=["citations"], areas=["rag"])

    citations = item_html(client.get(URL).content.decode(), "citations")

    assert "Practice questions on this (5)" in citations and citations.count("Citations question") == 5
    shown, _, folded = citations.partition("<summary>2 more</summary>")
    assert shown.count("Citations question") == 3 and folded.count("Citations question") == 2


def test_an_item_without_questions_says_so(client, checklist):
    assert "No practice questions on this yet." in item_html(client.get(URL).content.decode(), "citations")


def test_its_query_count_does_not_grow_with_items_questions_or_ticks(candidate_client, candidate, checklist,
                                                                     django_assert_num_queries):
    ChecklistTickFactory(user=candidate, item=checklist["chunking"])
    question("Chunking strategies and chunk size", tags=["chunking"], areas=["rag"])
    with django_assert_num_queries(CANDIDATE_QUERIES):
        candidate_client.get(URL)

    for n in range(10):
        area = ChecklistAreaFactory(key=f"area-{n}", name=f"Area {n}", position=10 + n)
        for i in range(4):
            item = ChecklistItemFactory(area=area, key=f"item-{n}-{i}", tags=[f"tag-{n}"])
            ChecklistTickFactory(user=candidate, item=item)
        question(f"Question {n}", tags=[f"tag-{n}", "chunking"], areas=[f"area-{n}"])
    with django_assert_num_queries(CANDIDATE_QUERIES):
        html = candidate_client.get(URL).content.decode()

    assert html.count('class="checklist-area"') == 12 and html.count("4 of 4 ticked") == 10


def test_an_empty_checklist_says_how_to_load_it(client, db):
    assert "The checklist is not loaded yet" in client.get(URL).content.decode()
