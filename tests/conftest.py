import os
import sys
from types import SimpleNamespace
from unittest import mock

import pytest
from django.db import connection

from config.celery import app as celery_app
from tests.factories import (
    CategoryFactory,
    LevelFactory,
    QuestionFactory,
    RoleTrackFactory,
    SessionQuestionFactory,
    UserFactory,
)
from tests.support.fake_openai import serving
from tests.support.stack import REPO, Stack, database_url_of

PASSWORD = "a-strong-passphrase"


@pytest.fixture(scope="session", autouse=True)
def isolated_broker(tmp_path_factory):
    """Tasks sent by this test process go to a filesystem broker of its own, never to a developer's var/."""
    folder = tmp_path_factory.mktemp("broker")
    (folder / "queue").mkdir()
    (folder / "processed").mkdir()
    (folder / "control").mkdir()
    celery_app.conf.broker_url = "filesystem://"
    celery_app.conf.broker_transport = "config.broker:Transport"
    celery_app.conf.broker_transport_options = {
        "data_folder_in": str(folder / "queue"),
        "data_folder_out": str(folder / "queue"),
        "processed_folder": str(folder / "processed"),
        "control_folder": str(folder / "control"),
        "store_processed": False,
        "polling_interval": 0.1,
    }
    return folder


@pytest.fixture
def fake_openai_server(settings):
    """A fake OpenAI-compatible server on 127.0.0.1 that the app's LLM clients talk to for this test."""
    with serving(settings) as server:
        yield server


@pytest.fixture
def mid_limit_window(monkeypatch):
    """Per-IP limits count in fixed windows (limits/windows.py) that start afresh on the minute and the hour: pin
    their clock mid-window, so a test's attempts never straddle the turn of one."""
    from limits import windows

    monkeypatch.setattr(windows, "time", SimpleNamespace(time=lambda: 1_800_000_030.0))


@pytest.fixture
def fast_password_hashing(settings):
    """For tests that make users but never test passwords: PBKDF2 is slow on purpose, a third of a second a user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def candidate(db):
    return UserFactory()


@pytest.fixture
def other_candidate(db):
    return UserFactory()


@pytest.fixture
def candidate_client(client, candidate):
    client.force_login(candidate)
    return client


@pytest.fixture
def cell(db):
    """A category x level x role-track cell with three published questions."""
    category, level, track = CategoryFactory(), LevelFactory(), RoleTrackFactory()
    questions = QuestionFactory.create_batch(3, category=category, levels=[level], role_tracks=[track])
    return {"category": category, "level": level, "role_track": track, "questions": questions}


@pytest.fixture
def session_question(candidate, cell):
    return SessionQuestionFactory(session__user=candidate, session__category=cell["category"],
                                  session__level=cell["level"], question=cell["questions"][0], position=1)


@pytest.fixture
def apply_async():
    """Stands in for the broker: records each grading task the code sends, and sends nothing."""
    with mock.patch("practice.tasks.grade_answer.apply_async") as apply_async:
        yield apply_async


@pytest.fixture
def broker_down(apply_async):
    """The broker refuses every task, as kombu does when it cannot connect."""
    from kombu.exceptions import OperationalError

    apply_async.side_effect = OperationalError("[Errno 111] Connection refused")
    return apply_async


@pytest.fixture
def worker_process(transactional_db, isolated_broker, tmp_path):
    """A real Celery worker process consuming this test process's broker and database."""
    stack = Stack(tmp_path / "stack", database_url=database_url_of(connection.settings_dict),
                  BROKER_DIR=str(isolated_broker))
    stack.start_worker()
    yield stack
    stack.stop()


__all__ = ["REPO", "PASSWORD", "os", "sys"]
