"""A session begun at sign-up loads the user through the project's backend, so a role given later shows at once."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.services import user_role_set

SIGN_UP = {"username": "new-instructor", "email": "new-instructor@example.com",
           "password1": "Interview-ready-2026", "password2": "Interview-ready-2026"}


def test_an_instructor_role_given_after_sign_up_shows_banks_in_the_nav_without_logging_in_again(
        client, db, django_assert_num_queries):
    client.post(reverse("accounts:signup"), SIGN_UP)
    user_role_set(user=get_user_model().objects.get(username="new-instructor"), role="instructor", granted=True)

    with django_assert_num_queries(3):  # the session, the user with their role, the shared banks
        response = client.get(reverse("banks:public"))

    html = response.content.decode()
    assert response.status_code == 200
    # their own banks, and the shared ones every candidate sees, marked as the page they are on
    assert f'<a href="{reverse("banks:list")}">Banks</a>' in html
    assert f'<a href="{reverse("banks:public")}" aria-current="page">Shared banks</a>' in html

    with django_assert_num_queries(5):  # the session, the user with their role, their permissions, their banks
        html = client.get(reverse("banks:list")).content.decode()

    assert f'<a href="{reverse("banks:list")}" aria-current="page">Banks</a>' in html
    assert f'<a href="{reverse("banks:public")}">Shared banks</a>' in html


def test_a_new_candidate_sees_shared_banks_in_the_nav(client, db, django_assert_num_queries):
    client.post(reverse("accounts:signup"), SIGN_UP)

    with django_assert_num_queries(3):
        response = client.get(reverse("banks:public"))

    html = response.content.decode()
    assert f'<a href="{reverse("banks:public")}" aria-current="page">Shared banks</a>' in html
    assert f'href="{reverse("banks:list")}"' not in html
