"""The practice loop through real processes: web server, Celery worker, broker and database."""

import os
import signal
import subprocess

import pytest

from accounts.services import DEMO_PASSWORD, DEMO_USERNAME
from tests.e2e.conftest import ANSWER, start_session, wait_for_grade
from tests.support.stack import Stack, free_port, port_open, require, wait_for
from tests.support.web import WebClient

pytestmark = pytest.mark.services


def test_embedded_default_grades_through_a_filesystem_broker_worker(tmp_path, stacks):
    """`make run`'s stack: SQLite, the filesystem broker, and `manage.py serve` starting web and worker."""
    stack = Stack(tmp_path, database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    stacks.append(stack)
    stack.prepare()
    base = stack.start_web(port=free_port(), server="serve")
    client = WebClient(base)
    client.login(DEMO_USERNAME, DEMO_PASSWORD)
    path = start_session(client)

    submitted = client.post(path, {"text": ANSWER})

    assert "Grading your answer" in submitted.text  # the submit returned before the grade existed
    assert 0 <= float(wait_for_grade(client, path)) <= 5
    health = client.get("/healthz")
    assert health.status == 200 and '"broker": "ok"' in health.text


@pytest.mark.parametrize("stop", ["ctrl-c", "sigterm"])
def test_ctrl_c_or_sigterm_stops_web_server_and_worker_together(tmp_path, stacks, stop):
    """Ctrl-C signals the terminal's whole process group; docker stop, systemd and kill send SIGTERM to serve
    alone, which must stop its worker too."""
    stack = Stack(tmp_path, database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    stacks.append(stack)
    stack.prepare()
    port = free_port()
    stack.start_web(port=port, server="serve")
    serve = stack.processes[-1][0]
    wait_for(lambda: "ready." in stack.log("serve"), timeout=60, what="the worker beside the web server")
    worker_pids = subprocess.run(["pgrep", "-s", str(serve.pid), "-f", "celery"], capture_output=True, text=True)
    assert worker_pids.stdout.split(), "serve should start a worker process"

    if stop == "ctrl-c":
        os.killpg(serve.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends to the foreground process group
    else:
        os.kill(serve.pid, signal.SIGTERM)

    serve.wait(timeout=30)
    wait_for(lambda: not port_open("127.0.0.1", port), timeout=10, what="the web server to stop")
    for pid in worker_pids.stdout.split():
        wait_for(lambda pid=pid: not os.path.exists(f"/proc/{pid}"), timeout=30, what=f"worker {pid} to stop")


def test_serve_starts_the_worker_again_when_it_dies_and_grading_goes_on(tmp_path, stacks):
    """A worker that crashed (kombu's filesystem race once killed it) must not leave every answer waiting."""
    stack = Stack(tmp_path, database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    stacks.append(stack)
    stack.prepare()
    base = stack.start_web(port=free_port(), server="serve")
    serve = stack.processes[-1][0]
    wait_for(lambda: "ready." in stack.log("serve"), timeout=60, what="the worker beside the web server")
    first = subprocess.run(["pgrep", "-s", str(serve.pid), "-f", "celery"], capture_output=True, text=True)
    for pid in first.stdout.split():
        os.kill(int(pid), signal.SIGKILL)

    wait_for(lambda: "starting it again" in stack.log("serve"), timeout=30, what="serve to notice the dead worker")
    wait_for(lambda: stack.log("serve").count("ready.") >= 2, timeout=60, what="a new worker")
    client = WebClient(base)
    client.login(DEMO_USERNAME, DEMO_PASSWORD)
    path = start_session(client)
    client.post(path, {"text": ANSWER})

    assert 0 <= float(wait_for_grade(client, path)) <= 5


def test_redis_worker_grades_an_answer_on_postgresql(tmp_path, stacks, postgres_database, redis_url):
    """Production's shape: gunicorn and a Celery worker on Redis, both on PostgreSQL."""
    stack = Stack(tmp_path, database_url=postgres_database, redis_url=redis_url)
    stacks.append(stack)
    stack.prepare()
    base = stack.start_web(port=free_port(), server="gunicorn")
    stack.start_worker()
    client = WebClient(base)
    client.login(DEMO_USERNAME, DEMO_PASSWORD)
    path = start_session(client, category="ml-fundamentals", level="junior")

    client.post(path, {"text": ANSWER})

    wait_for_grade(client, path)
    assert "Rubric, point by point" in client.get(path).text


def test_answers_submitted_while_the_broker_is_down_are_graded_once_it_is_back(tmp_path, stacks):
    require(subprocess.run(["which", "redis-server"], capture_output=True).returncode == 0,
            "redis-server is not installed, so the test cannot start and stop a Redis of its own")
    redis_port = free_port()  # nothing listens here yet: Redis is really unreachable
    stack = Stack(tmp_path, database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}",
                  redis_url=f"redis://127.0.0.1:{redis_port}/0")
    stacks.append(stack)
    stack.prepare()
    client = WebClient(stack.start_web(port=free_port()))
    client.login(DEMO_USERNAME, DEMO_PASSWORD)
    path = start_session(client)

    submitted = client.post(path, {"text": ANSWER})

    assert submitted.status == 200
    assert "Grading is delayed" in submitted.text
    assert client.get("/healthz").status == 503

    stack.start_redis(port=redis_port)
    stack.start_worker(beat=True)  # its sweep re-enqueues what was left queued; the candidate does nothing

    wait_for_grade(client, path)
    assert client.get("/healthz").status == 200
