"""Roles from the command line: `manage.py grant_role` and `make admin`."""

import os
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from banks.roles import is_instructor
from tests.support.stack import REPO, database_url_of


def run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("grant_role", *args, stdout=out)
    return out.getvalue()


def reloaded(user):
    return get_user_model().objects.get(pk=user.pk)


def test_it_makes_a_candidate_an_instructor_who_may_use_banks_and_takes_it_back(candidate):
    assert "is now an instructor" in run(candidate.username, "--instructor")
    assert is_instructor(reloaded(candidate)) and not reloaded(candidate).is_staff

    assert "is no longer an instructor" in run(candidate.username, "--instructor", "--revoke")
    assert not is_instructor(reloaded(candidate))


def test_staff_is_staff_without_superuser_powers(candidate):
    run(candidate.username, "--staff")

    user = reloaded(candidate)
    assert user.is_staff and not user.is_superuser


def test_admin_is_a_superuser_and_staff_and_revoking_keeps_staff(candidate):
    run(candidate.username, "--admin")
    user = reloaded(candidate)
    assert user.is_superuser and user.is_staff

    run(candidate.username, "--admin", "--revoke")
    user = reloaded(candidate)
    assert not user.is_superuser and user.is_staff


def test_revoking_staff_from_an_admin_revokes_admin_too(candidate):
    run(candidate.username, "--admin")
    run(candidate.username, "--staff", "--revoke")

    user = reloaded(candidate)
    assert not user.is_superuser and not user.is_staff


def test_an_unknown_user_gets_a_clear_error(db):
    with pytest.raises(CommandError, match="There is no user 'nobody'"):
        run("nobody", "--staff")


def test_exactly_one_role_is_required(candidate):
    with pytest.raises(CommandError):
        run(candidate.username)
    with pytest.raises(CommandError):
        run(candidate.username, "--staff", "--admin")


@pytest.mark.services
def test_make_admin_creates_a_superuser_from_the_environment(transactional_db):
    env = {**os.environ, "DATABASE_URL": database_url_of(connection.settings_dict),
           "DJANGO_SUPERUSER_USERNAME": "root-admin", "DJANGO_SUPERUSER_PASSWORD": "a-long-admin-passphrase"}
    env.pop("DJANGO_SUPERUSER_EMAIL", None)

    result = subprocess.run(["make", "admin"], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)

    assert result.returncode == 0, result.stderr
    admin = get_user_model().objects.get(username="root-admin")
    assert admin.is_superuser and admin.is_staff and admin.email == "root-admin@localhost"
    assert admin.check_password("a-long-admin-passphrase")
