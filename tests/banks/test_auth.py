"""The authentication backend finds a username in any case, as sign-up compares them, and refuses like
ModelBackend."""

from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from banks.auth import RoleAwareBackend, login_attempt_username
from tests.conftest import PASSWORD
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(fast_password_hashing):
    """Passwords are checked here, but their strength is not what is tested."""


def authenticate(username, password=PASSWORD):
    return RoleAwareBackend().authenticate(RequestFactory().post("/"), username=username, password=password)


def test_it_finds_the_username_in_any_case(db):
    alice = UserFactory(username="Alice")
    assert authenticate("ALICE") == alice
    assert authenticate("alice") == alice


def test_a_wrong_password_is_refused_whatever_the_case(db):
    UserFactory(username="Alice")
    with pytest.raises(PermissionDenied):
        authenticate("alice", "not-the-password")


def test_an_unknown_username_still_runs_the_password_hasher(db):
    with mock.patch.object(get_user_model(), "set_password") as set_password, pytest.raises(PermissionDenied):
        authenticate("nobody")
    set_password.assert_called_once_with(PASSWORD)


def test_an_inactive_account_is_refused(db):
    UserFactory(username="Alice", is_active=False)
    with pytest.raises(PermissionDenied):
        authenticate("alice")


def test_of_two_accounts_differing_only_in_case_the_exact_spelling_wins_and_another_fits_neither(db):
    """Possible only for accounts made before sign-up compared usernames without case (or by an admin)."""
    lower, upper = UserFactory(username="alice"), UserFactory(username="Alice")
    assert authenticate("alice") == lower
    assert authenticate("Alice") == upper
    with pytest.raises(PermissionDenied):
        authenticate("ALICE")


def test_axes_counts_failures_against_the_case_folded_username():
    request = RequestFactory().post("/", {"username": "Alice"})
    assert login_attempt_username(request) == "alice"
    assert login_attempt_username(request, {"username": "ALICE", "password": "x"}) == "alice"
    assert login_attempt_username(RequestFactory().post("/")) is None


def test_a_spelling_that_folds_to_another_name_is_not_that_user(db):
    """PostgreSQL's UPPER() takes the dotless "ı" for "I", so "alıce" matched "alice" in the database; axes counts
    "alıce" apart from "alice" (case folding keeps the "ı"), which gave each such spelling five more tries."""
    UserFactory(username="alice")
    with pytest.raises(PermissionDenied):
        authenticate("al\u0131ce")
    dotless, capitals = ({"username": name} for name in ("al\u0131ce", "ALICE"))
    assert login_attempt_username(None, dotless) != login_attempt_username(None, capitals)
