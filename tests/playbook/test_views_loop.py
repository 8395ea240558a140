import pytest
from django.urls import reverse

from tests.factories import CategoryFactory, LevelFactory
from tests.playbook.factories import InterviewLoopFactory, LoopRoundFactory, RoundTypeFactory

HTMX_ROUNDS = {"HX-Request": "true", "HX-Target": "rounds"}
# The loop (with its level), its rounds (with round type), the rounds' categories, the levels for the picker.
PAGE_QUERIES = 4
START = reverse("practice:start")


def url_of(loop, **query) -> str:
    url = reverse("playbook:loop", args=[loop.key])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def loop(db):
    """A senior-level loop: coding, a take-home that cannot be practised in writing, then a design round."""
    senior, _ = LevelFactory(key="senior", name="Senior"), LevelFactory(key="mid", name="Mid-level")
    coding = CategoryFactory(key="coding", name="Coding")
    design = CategoryFactory(key="system-design", name="AI system design")
    rag = CategoryFactory(key="llm-rag", name="LLM engineering & RAG")
    loop = InterviewLoopFactory(key="acme-ai", company="Acme AI", role="AI engineer", level=senior,
                                summary="Coding, a take-home, then design.")
    LoopRoundFactory(loop=loop, position=1, title="Coding", categories=[coding],
                     round_type=RoundTypeFactory(name="Technical / coding"))
    LoopRoundFactory(loop=loop, position=2, title="Build an agent", categories=[], length_min=3, length_max=3,
                     length_unit="days", advice="Get a small tool-calling loop working first.",
                     round_type=RoundTypeFactory(name="Take-home / project"))
    LoopRoundFactory(loop=loop, position=3, title="Applied system design", categories=[design, rag],
                     round_type=RoundTypeFactory(name="AI system design"))
    return loop


def test_it_rejects_post_put_and_delete(client, loop, django_assert_num_queries):
    for method in (client.post, client.put, client.delete):
        with django_assert_num_queries(0):
            response = method(url_of(loop))
        assert response.status_code == 405


def test_an_unknown_loop_is_not_found(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("playbook:loop", args=["no-such-loop"]))

    assert response.status_code == 404


def test_it_shows_the_rounds_in_order_with_practice_links_at_the_loops_level(client, loop, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(url_of(loop))

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert "Acme AI: AI engineer" in html and "Coding, a take-home, then design." in html
    assert html.index("<h3>Coding</h3>") < html.index("<h3>Build an agent</h3>") < html.index(
        "<h3>Applied system design</h3>")
    assert 'data-step="1"' in html and 'data-step="3"' in html
    assert "Technical / coding · 45–60 min" in html and "Take-home / project · 3 days" in html
    assert f'href="{START}?category=coding&amp;level=senior"' in html
    assert f'href="{START}?category=system-design&amp;level=senior"' in html
    assert f'href="{START}?category=llm-rag&amp;level=senior"' in html
    assert html.count(f'href="{START}?category=') == 3  # the take-home has advice, not a practice link
    assert "Get a small tool-calling loop working first." in html
    assert '<option value="senior" selected>' in html


def test_choosing_a_level_changes_the_practice_links(client, loop, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        html = client.get(url_of(loop, level="mid")).content.decode()

    assert f'href="{START}?category=coding&amp;level=mid"' in html and "level=senior" not in html
    assert '<option value="mid" selected>' in html
    if "Rehearse this loop" in html:
        assert "at Mid-level." in html and "level level" not in html


def test_any_level_leaves_the_level_out_of_the_links(client, loop, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        html = client.get(url_of(loop, level="")).content.decode()

    assert f'href="{START}?category=coding"' in html and "level=" not in html.split('id="rounds"')[1].split("</ol>")[0]


def test_an_unknown_level_is_explained_and_the_loops_level_kept(client, loop, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(url_of(loop, level="principal"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose a level from the list." in html
    assert f'href="{START}?category=coding&amp;level=senior"' in html


def test_an_htmx_level_change_gets_only_the_rounds(client, loop, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(url_of(loop, level="mid"), headers=HTMX_ROUNDS)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="rounds">') and "<html" not in html
    assert f'href="{START}?category=coding&amp;level=mid"' in html
    assert 'hx-get="' in html and 'hx-target="#rounds"' in html and 'hx-push-url="true"' in html


def test_a_logged_in_candidate_sees_the_same_rounds(candidate_client, loop, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES + 2):  # + django_session and auth_user
        response = candidate_client.get(url_of(loop))

    assert response.status_code == 200 and "Applied system design" in response.content.decode()


def test_its_query_count_does_not_grow_with_rounds_or_categories(client, loop, django_assert_num_queries):
    for position in range(4, 20):
        categories = [CategoryFactory(key=f"category-{position}-{i}", name=f"Category {position}.{i}")
                      for i in range(3)]
        LoopRoundFactory(loop=loop, position=position, title=f"Round {position}", categories=categories)
        LevelFactory(key=f"level-{position}", name=f"Level {position}")

    with django_assert_num_queries(PAGE_QUERIES):
        html = client.get(url_of(loop)).content.decode()

    assert html.count("<li data-step=") == 19 and "Category 19.2" in html


def test_it_links_to_rehearse_the_loop_as_a_mock_at_the_chosen_level(client, loop, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        html = client.get(url_of(loop)).content.decode()
    link = html.split('data-testid="rehearse"')[1].split(">")[0]
    assert f'href="{reverse("practice:mock_start")}?loop=acme-ai&amp;level=senior"' in link

    with django_assert_num_queries(PAGE_QUERIES):
        partial = client.get(url_of(loop, level="mid"), headers=HTMX_ROUNDS).content.decode()
    assert "<html" not in partial
    assert f'href="{reverse("practice:mock_start")}?loop=acme-ai&amp;level=mid"' in partial


def test_the_rehearse_link_opens_the_mock_form_with_the_loop_chosen(client, candidate, loop):
    from tests.factories import QuestionFactory

    QuestionFactory(category=loop.rounds.get(position=1).categories.get(), levels=[loop.level])
    client.force_login(candidate)
    html = client.get(url_of(loop)).content.decode()
    href = html.split('data-testid="rehearse" href="')[1].split('"')[0].replace("&amp;", "&")

    form = client.get(href).content.decode()

    assert '<option value="acme-ai" selected>' in form and '<option value="senior" selected>' in form


def test_a_loop_with_no_written_rounds_offers_no_rehearsal(client, db):
    advice_only = InterviewLoopFactory(key="advice-only")
    LoopRoundFactory(loop=advice_only, position=1, title="Chat", categories=[])

    assert 'data-testid="rehearse"' not in client.get(url_of(advice_only)).content.decode()
