from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from config.celery import app as celery_app
from tests.support.stack import free_port

URL = reverse("playbook:healthz")


@pytest.fixture
def unreachable_broker(monkeypatch):
    """Point the Celery app at a Redis port nothing listens on."""
    monkeypatch.setitem(celery_app.conf, "broker_url", f"redis://127.0.0.1:{free_port()}/0")
    monkeypatch.setitem(celery_app.conf, "broker_transport", None)  # the URL's own transport, not the test broker's
    monkeypatch.delenv("CELERY_BROKER_WRITE_URL", raising=False)


def test_it_rejects_post_put_and_delete(client, db, django_assert_num_queries):
    for method in (client.post, client.put, client.delete):
        with django_assert_num_queries(0):
            response = method(URL)
        assert response.status_code == 405


def test_it_reports_ok_when_database_and_broker_are_up(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):  # SELECT 1
        response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}


def test_it_needs_no_login_and_is_never_cached(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(URL)

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]


def test_it_reports_503_when_the_broker_is_unreachable(client, db, unreachable_broker, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(URL)

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "ok", "broker": "down"}}


def test_it_reports_503_when_the_filesystem_broker_folder_is_missing(client, db, tmp_path, monkeypatch,
                                                                     django_assert_num_queries):
    missing = str(tmp_path / "no-such-folder")
    options = {"data_folder_in": missing, "data_folder_out": missing, "processed_folder": missing}
    monkeypatch.setitem(celery_app.conf, "broker_transport_options", options)

    with django_assert_num_queries(1):
        response = client.get(URL)

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "broker": "down"}


def test_it_reports_503_when_the_database_check_fails(client, db, django_assert_num_queries):
    broken = mock.MagicMock()
    broken.cursor.side_effect = OperationalError("connection to server at 127.0.0.1, port 5432 failed")

    with mock.patch("playbook.views.connection", broken), django_assert_num_queries(0):
        response = client.get(URL)

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "down", "broker": "ok"}}


def test_it_reports_both_down_at_once(client, db, unreachable_broker, django_assert_num_queries):
    broken = mock.MagicMock()
    broken.cursor.side_effect = OperationalError("the database is gone")

    with mock.patch("playbook.views.connection", broken), django_assert_num_queries(0):
        response = client.get(URL)

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "down", "broker": "down"}
