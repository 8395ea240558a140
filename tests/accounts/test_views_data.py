import pytest
from django.urls import reverse

from accounts.selectors import export_kinds

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

URL = reverse("accounts:data")
# django_session, auth_user, three counts (sessions, answers, review cards), the user's and groups' permissions
# (which kinds of record: an instructor's and an admin's own work are listed too).
PAGE_QUERIES = 7


def test_it_rejects_post_put_and_delete(candidate_client, django_assert_num_queries):
    for method in (candidate_client.post, candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(2):
            response = method(URL)
        assert response.status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(URL)

    assert response.status_code == 302 and response.url == f"{reverse('accounts:login')}?next={URL}"


def test_it_shows_what_is_stored_the_exports_and_the_delete_form(candidate_client, candidate, history,
                                                                 django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(URL)

    html = " ".join(response.content.decode().split())
    assert response.status_code == 200 and "<html" in html
    assert f"Stored for <strong>{candidate.username}</strong>: 2 practice sessions, 2 answers" in html
    assert "and 2 questions scheduled for review" in html
    assert f'href="{reverse("accounts:data_export_json")}"' in html
    for kind in export_kinds(user=candidate):
        assert f'href="{reverse("accounts:data_export_csv", args=[kind])}"' in html
    assert f'action="{reverse("accounts:data_delete")}"' in html and 'type="password"' in html
    assert "Your answer texts are kept until you delete them with your account." in html


def test_it_states_the_retention_period_when_one_is_set(candidate_client, settings, django_assert_num_queries):
    settings.ANSWER_RETENTION_DAYS = 365

    with django_assert_num_queries(PAGE_QUERIES):
        html = " ".join(candidate_client.get(URL).content.decode().split())

    assert "The text of a graded answer is blanked 365 days after you submit it" in html


def test_it_never_counts_another_candidates_data(client, other_candidate, history, django_assert_num_queries):
    client.force_login(other_candidate)

    with django_assert_num_queries(PAGE_QUERIES):
        html = " ".join(client.get(URL).content.decode().split())

    assert f"Stored for <strong>{other_candidate.username}</strong>: 0 practice sessions, 0 answers" in html


def test_a_candidate_sees_their_own_kinds_under_plain_names_and_no_internal_tables(candidate_client, history):
    html = " ".join(candidate_client.get(URL).content.decode().split())

    assert "Checklist ticks: <a" in html and "checklist_ticks.csv" in html and "Mock loops" in html
    for hidden in ("logentry", "Import jobs", "Import rows", "Human grades", "imports.csv", "hand_grades.csv"):
        assert hidden not in html


def test_an_admin_also_sees_their_imports_and_reviews_under_plain_names(client, admin_user,
                                                                      django_assert_num_queries):
    client.force_login(admin_user)

    with django_assert_num_queries(PAGE_QUERIES - 2):  # staff: no permission lookup
        html = " ".join(client.get(URL).content.decode().split())

    assert "Files you imported (name, date, counts): <a" in html and "imports.csv" in html
    assert "Answers you graded by hand" in html and "admin_actions.csv" in html and "logentry" not in html
