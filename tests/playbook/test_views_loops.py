from django.urls import reverse
from django.utils.html import escape

from tests.factories import CategoryFactory, LevelFactory
from tests.playbook.factories import InterviewLoopFactory, LoopRoundFactory, ProcessFactFactory, RoundTypeFactory

URL = reverse("playbook:loops")
# Process facts; round types and their categories; loops (with level) and their rounds.
PAGE_QUERIES = 5


def make_loop(n: int, rounds: int = 3):
    loop = InterviewLoopFactory(key=f"loop-{n}", company=f"Company {n}", position=n)
    for position in range(1, rounds + 1):
        LoopRoundFactory(loop=loop, position=position, title=f"Round {n}.{position}")
    return loop


def test_it_rejects_post_put_and_delete(client, db, django_assert_num_queries):
    for method in (client.post, client.put, client.delete):
        with django_assert_num_queries(0):
            response = method(URL)
        assert response.status_code == 405


def test_it_shows_figures_round_types_and_loops_to_an_anonymous_visitor(client, db, django_assert_num_queries):
    ProcessFactFactory(label="Median number of steps", value="4", detail="Half have four or fewer.")
    coding = CategoryFactory(key="coding", name="Coding / Python fundamentals")
    RoundTypeFactory(name="Technical / coding", length_min=45, length_max=60, tests="LeetCode-style problems.",
                     categories=[coding])
    RoundTypeFactory(name="Take-home / project", length_min=1, length_max=7, length_unit="days", tests="Build it.")
    loop = InterviewLoopFactory(key="amazon-genai-l6", company="Amazon", role="GenAI role, L6",
                                level=LevelFactory(key="senior", name="Senior"))
    LoopRoundFactory(loop=loop, position=2, title="SDE bar round")
    LoopRoundFactory(loop=loop, position=1, title="LeetCode and practical ML coding")

    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert '<span class="value">4</span>' in html and "Median number of steps" in html
    assert "<td>45–60 min</td>" in html and "<td>1–7 days</td>" in html and "LeetCode-style problems." in html
    assert f'href="{reverse("practice:start")}?category=coding"' in html
    assert f'href="{reverse("playbook:loop", args=["amazon-genai-l6"])}"' in html
    assert "GenAI role, L6" in html and "Senior" in html
    assert escape("LeetCode and practical ML coding → SDE bar round") in html
    assert f'href="{reverse("playbook:loops")}"' in html  # the nav links to the page


def test_a_logged_in_candidate_sees_the_same_page(candidate_client, db, django_assert_num_queries):
    make_loop(1)
    ProcessFactFactory()

    with django_assert_num_queries(PAGE_QUERIES + 2):  # + django_session and auth_user
        response = candidate_client.get(URL)

    assert response.status_code == 200 and "Company 1" in response.content.decode()


def test_its_query_count_does_not_grow_with_the_content(client, db, django_assert_num_queries):
    ProcessFactFactory()
    make_loop(0, rounds=1)
    with django_assert_num_queries(PAGE_QUERIES):
        client.get(URL)

    for n in range(1, 15):
        ProcessFactFactory()
        RoundTypeFactory(categories=[CategoryFactory(key=f"category-{n}", name=f"Category {n}")])
        make_loop(n, rounds=5)
    with django_assert_num_queries(PAGE_QUERIES):
        html = client.get(URL).content.decode()

    assert html.count('class="card"') == 15 and "Round 14.5" in html


def test_an_empty_catalogue_says_how_to_load_it(client, db):
    html = client.get(URL).content.decode()

    assert "No loops are loaded yet" in html
