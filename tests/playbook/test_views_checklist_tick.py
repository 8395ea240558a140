import pytest
from django.urls import reverse

from playbook.models import ChecklistTick
from tests.playbook.factories import ChecklistAreaFactory, ChecklistItemFactory, ChecklistTickFactory

HTMX = {"HX-Request": "true", "HX-Target": "area-rag"}
CHECKLIST = reverse("playbook:checklist")
# django_session, auth_user and the item (with its area).
BEFORE_WRITE = 3
# Ticking inside the test's transaction: the service's savepoint, looking for the tick, get_or_create's savepoint,
# the insert and two releases.
TICK_WRITES = 6
# Reading the area back for htmx: the area, its items, the candidate's ticks in it, question tags, questions.
AREA_QUERIES = 5


@pytest.fixture
def items(db):
    rag = ChecklistAreaFactory(key="rag", name="RAG")
    return [ChecklistItemFactory(area=rag, key="chunking", title="Chunking strategies"),
            ChecklistItemFactory(area=rag, key="citations", title="Citations")]


def url_of(item) -> str:
    return reverse("playbook:checklist_tick", args=[item.key])


def test_it_rejects_get_put_and_delete(client, candidate_client, items, django_assert_num_queries):
    for method in (candidate_client.get, candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(0):
            response = method(url_of(items[0]))
        assert response.status_code == 405
    with django_assert_num_queries(0):
        assert client.get(url_of(items[0])).status_code == 405


def test_an_anonymous_visitor_is_sent_to_log_in_and_back_to_the_checklist(client, items, django_assert_num_queries):
    for headers in ({}, HTMX):
        with django_assert_num_queries(0):
            response = client.post(url_of(items[0]), {"ticked": "1"}, headers=headers)

        assert response.status_code == 302
        assert response.url == f"{reverse('accounts:login')}?next={CHECKLIST}"
    assert not ChecklistTick.objects.exists()


def test_an_unknown_item_is_not_found(candidate_client, items, django_assert_num_queries):
    with django_assert_num_queries(BEFORE_WRITE):
        response = candidate_client.post(reverse("playbook:checklist_tick", args=["no-such-item"]), {"ticked": "1"})

    assert response.status_code == 404
    assert not ChecklistTick.objects.exists()


def test_without_javascript_a_tick_is_stored_and_the_page_reloads_at_the_item(candidate_client, candidate, items,
                                                                            django_assert_num_queries):
    with django_assert_num_queries(BEFORE_WRITE + TICK_WRITES):
        response = candidate_client.post(url_of(items[0]), {"ticked": "1"})

    assert response.status_code == 302 and response.url == f"{CHECKLIST}#item-chunking"
    assert list(ChecklistTick.objects.values_list("user", "item")) == [(candidate.pk, items[0].pk)]
    page = candidate_client.get(response.url).content.decode()
    assert "1 of 2 ticked" in page


def test_ticking_an_item_twice_keeps_one_tick(candidate_client, candidate, items):
    candidate_client.post(url_of(items[0]), {"ticked": "1"})
    candidate_client.post(url_of(items[0]), {"ticked": "1"})

    assert ChecklistTick.objects.filter(user=candidate).count() == 1


def test_unticking_removes_only_the_candidates_own_tick(candidate_client, candidate, other_candidate, items,
                                                        django_assert_num_queries):
    ChecklistTickFactory(user=candidate, item=items[0])
    theirs = ChecklistTickFactory(user=other_candidate, item=items[0])

    with django_assert_num_queries(BEFORE_WRITE + 3):  # savepoint, delete, release
        response = candidate_client.post(url_of(items[0]), {"ticked": "0"})

    assert response.status_code == 302
    assert list(ChecklistTick.objects.all()) == [theirs]


def test_a_candidate_cannot_tick_for_another_user(candidate_client, candidate, other_candidate, items):
    candidate_client.post(url_of(items[0]), {"ticked": "1", "user": other_candidate.pk, "user_id": other_candidate.pk})
    candidate_client.post(url_of(items[1]), {"ticked": "0", "user": other_candidate.pk})

    assert list(ChecklistTick.objects.values_list("user", flat=True)) == [candidate.pk]


@pytest.mark.parametrize("data", [{}, {"ticked": "yes"}])
def test_a_bad_tick_value_is_explained_and_changes_nothing(candidate_client, candidate, items, data):
    ChecklistTickFactory(user=candidate, item=items[0])

    response = candidate_client.post(url_of(items[0]), data, follow=True)

    assert "Say whether to tick or untick the item." in response.content.decode()
    assert ChecklistTick.objects.filter(user=candidate, item=items[0]).exists()


def test_with_htmx_it_returns_the_items_area_with_its_new_progress(candidate_client, candidate, other_candidate, items,
                                                                   django_assert_num_queries):
    ChecklistTickFactory(user=other_candidate, item=items[1])

    with django_assert_num_queries(BEFORE_WRITE + TICK_WRITES + AREA_QUERIES):
        response = candidate_client.post(url_of(items[0]), {"ticked": "1"}, headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="checklist-area" id="area-rag">') and "<html" not in html
    assert "1 of 2 ticked" in html and 'aria-valuenow="1"' in html  # the other user's tick is not counted
    chunking = html.split('<li id="item-chunking">')[1].split("</li>")[0]
    assert 'aria-pressed="true"' in chunking and 'name="ticked" value="0"' in chunking


def test_with_htmx_a_bad_value_shows_the_error_inside_the_area(candidate_client, items, django_assert_num_queries):
    with django_assert_num_queries(BEFORE_WRITE + AREA_QUERIES):
        response = candidate_client.post(url_of(items[0]), {"ticked": "maybe"}, headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200 and 'id="area-rag"' in html
    assert '<p class="error">Say whether to tick or untick the item.</p>' in html
    assert "0 of 2 ticked" in html and not ChecklistTick.objects.exists()


def test_the_htmx_query_count_does_not_grow_with_the_area(candidate_client, candidate, items,
                                                          django_assert_num_queries):
    for n in range(20):
        ChecklistTickFactory(user=candidate, item=ChecklistItemFactory(area=items[0].area, key=f"more-{n}"))

    with django_assert_num_queries(BEFORE_WRITE + TICK_WRITES + AREA_QUERIES):
        html = candidate_client.post(url_of(items[0]), {"ticked": "1"}, headers=HTMX).content.decode()

    assert "21 of 22 ticked" in html
