from django.urls import reverse

from tests.assignments.factories import AssignmentPatternFactory, TechStackEntryFactory

URL = reverse("assignments:list")
# Assignment patterns, tech-stack entries.
PAGE_QUERIES = 2


def test_it_rejects_post_put_and_delete(client, db, django_assert_num_queries):
    for method in (client.post, client.put, client.delete):
        with django_assert_num_queries(0):
            response = method(URL)
        assert response.status_code == 405


def test_it_shows_task_types_with_shares_and_what_they_ask_for(client, db, django_assert_num_queries):
    AssignmentPatternFactory(key="rag-systems", name="RAG systems", share_percent=40, share_at_least=True,
                             typically_asks_for=["Uploading PDF and DOCX documents", "Answers with citations"],
                             position=0)
    AssignmentPatternFactory(key="document-processing", name="Document processing", share_percent=15,
                             share_at_least=False, position=1)

    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert html.index("RAG systems") < html.index("Document processing")
    assert '<p class="share big">40%+</p>' in html and '<p class="share big">15%</p>' in html
    assert "<li>Uploading PDF and DOCX documents</li>" in html and "<li>Answers with citations</li>" in html
    assert "Source: AI Engineer Role Research: common assignment patterns" in html
    assert f'href="{URL}"' in html  # the nav links to the page


def test_it_draws_the_tech_stack_as_bars_as_long_as_their_share(client, db, django_assert_num_queries):
    TechStackEntryFactory(name="LangChain / LangGraph", share_percent=60, position=0)
    TechStackEntryFactory(name="FAISS", share_percent=15, position=1)

    with django_assert_num_queries(PAGE_QUERIES):
        html = client.get(URL).content.decode()

    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert '<th scope="row">LangChain / LangGraph</th>' in rows[0] and '<td class="share">60%+</td>' in rows[0]
    assert '<span style="width: 60%"></span>' in rows[0]
    assert '<th scope="row">FAISS</th>' in rows[1] and '<span style="width: 15%"></span>' in rows[1]
    assert "Source: AI Engineer Role Research: tech stack frequency" in html


def test_a_logged_in_candidate_sees_the_same_page(candidate_client, db, django_assert_num_queries):
    AssignmentPatternFactory(name="Agentic systems")
    TechStackEntryFactory()

    with django_assert_num_queries(PAGE_QUERIES + 2):  # + django_session and auth_user
        response = candidate_client.get(URL)

    assert response.status_code == 200 and "Agentic systems" in response.content.decode()


def test_its_query_count_does_not_grow_with_the_tables(client, db, django_assert_num_queries):
    AssignmentPatternFactory()
    TechStackEntryFactory()
    with django_assert_num_queries(PAGE_QUERIES):
        client.get(URL)

    AssignmentPatternFactory.create_batch(10)
    TechStackEntryFactory.create_batch(20)
    with django_assert_num_queries(PAGE_QUERIES):
        html = client.get(URL).content.decode()

    assert html.count('class="card"') == 11 and html.count('<th scope="row">') == 21


def test_an_empty_page_says_how_to_load_the_content(client, db):
    assert "No assignment patterns are loaded yet" in client.get(URL).content.decode()
