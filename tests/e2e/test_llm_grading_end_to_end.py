"""The LLM grader through real processes: a Celery worker on Redis calls a fake OpenAI server over HTTP."""

import os
import signal

import psycopg
import pytest

from accounts.services import DEMO_PASSWORD, DEMO_USERNAME
from tests.e2e.conftest import ANSWER, start_session, wait_for_grade
from tests.support.fake_openai import FakeOpenAI
from tests.support.stack import Stack, free_port, wait_for
from tests.support.web import WebClient

pytestmark = pytest.mark.services


@pytest.fixture
def fake_openai():
    with FakeOpenAI(slow_seconds=2) as server:
        yield server


def llm_stack(tmp_path, database_url, redis_url, fake) -> Stack:
    return Stack(tmp_path, database_url=database_url, redis_url=redis_url, OPENAI_API_KEY="test-key",
                 OPENAI_BASE_URL=fake.base_url, OPENAI_MODEL="gpt-4o-mini", GRADING_RETRY_BASE_SECONDS="0.5",
                 BROKER_VISIBILITY_TIMEOUT="5", BROKER_RESTORE_INTERVAL_SECONDS="1",
                 GRADING_CLAIM_TIMEOUT_SECONDS="3")


def requests_for(fake: FakeOpenAI, marker: str) -> int:
    return sum(marker in request["messages"][-1]["content"] for request in fake.requests)


def grade_rows(database_url: str) -> list[tuple]:
    with psycopg.connect(database_url) as conn:
        return conn.execute("SELECT answer_id, grader FROM practice_grade").fetchall()


def test_worker_on_redis_grades_through_the_llm_after_a_429(tmp_path, stacks, postgres_database, redis_url,
                                                           fake_openai):
    stack = llm_stack(tmp_path, postgres_database, redis_url, fake_openai)
    stacks.append(stack)
    stack.prepare()
    client = WebClient(stack.start_web(port=free_port(), server="gunicorn"))
    stack.start_worker(concurrency=4)
    client.login(DEMO_USERNAME, DEMO_PASSWORD)
    path = start_session(client)

    client.post(path, {"text": ANSWER + " RATE-LIMIT-ONCE"})

    wait_for_grade(client, path)
    assert requests_for(fake_openai, "RATE-LIMIT-ONCE") == 2  # the 429, then the retry that succeeded
    assert "graded by the openai grader (gpt-4o-mini)" in client.get(path).text
    assert grade_rows(postgres_database)[0][1] == "openai"


def test_a_worker_killed_mid_grade_leaves_the_answer_graded_exactly_once(tmp_path, stacks, postgres_database,
                                                                        redis_url, fake_openai):
    stack = llm_stack(tmp_path, postgres_database, redis_url, fake_openai)
    stacks.append(stack)
    stack.prepare()
    client = WebClient(stack.start_web(port=free_port(), server="gunicorn"))
    doomed = stack.start_worker(name="doomed")
    client.login(DEMO_USERNAME, DEMO_PASSWORD)
    path = start_session(client)

    client.post(path, {"text": ANSWER + " SLOW-GRADE"})
    wait_for(lambda: requests_for(fake_openai, "SLOW-GRADE") == 1, timeout=30, what="the worker to call the model")
    os.killpg(doomed.pid, signal.SIGKILL)
    doomed.wait(timeout=10)
    assert grade_rows(postgres_database) == []

    stack.start_worker(name="survivor")

    wait_for_grade(client, path, timeout=90)
    assert len(grade_rows(postgres_database)) == 1
    assert requests_for(fake_openai, "SLOW-GRADE") == 2
