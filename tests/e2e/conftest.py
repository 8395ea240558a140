import os
import uuid

import psycopg
import pytest

from tests.support.stack import POSTGRES_HOST, POSTGRES_PORT, REDIS_HOST, REDIS_PORT, Stack, port_open, require
from tests.support.web import WebClient

ANSWER = (
    "The KV cache stores the keys and values computed for earlier tokens, so each decode step only computes "
    "attention for the newest token instead of recomputing the whole prefix. Its memory grows with sequence "
    "length and batch size. The trade-off is GPU memory against throughput, and running out of memory causes "
    "out-of-memory errors or evictions under load."
)


@pytest.fixture
def postgres_database():
    """A database of its own on the real PostgreSQL server, dropped afterwards."""
    require(port_open(POSTGRES_HOST, POSTGRES_PORT), f"PostgreSQL is not reachable on {POSTGRES_HOST}:{POSTGRES_PORT}")
    name = f"playbook_e2e_{uuid.uuid4().hex[:8]}"
    admin_url = f"postgresql://postgres@{POSTGRES_HOST}:{POSTGRES_PORT}/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgresql://postgres@{POSTGRES_HOST}:{POSTGRES_PORT}/{name}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def redis_url():
    """A Redis database number of this test process's own (one per parallel worker), flushed before and after."""
    require(port_open(REDIS_HOST, REDIS_PORT), f"Redis is not reachable on {REDIS_HOST}:{REDIS_PORT}")
    import redis

    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    url = f"redis://{REDIS_HOST}:{REDIS_PORT}/{8 + int(worker) % 8}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()


@pytest.fixture
def stacks():
    started: list[Stack] = []
    yield started
    for stack in started:
        stack.stop()


def start_session(client: WebClient, *, category: str = "llm-rag", level: str = "mid", count: int = 3) -> str:
    page = client.post("/practice/", {"category": category, "level": level, "question_count": str(count)})
    assert page.status == 200 and "/questions/1/" in page.url, page.text[:500]
    return client.path_of(page)


def wait_for_grade(client: WebClient, path: str, timeout: float = 60) -> str:
    from tests.support.stack import wait_for

    def graded():
        page = client.get(path)
        scores = page.find(r'data-testid="overall-score">([^<]*)<')
        return scores[0] if scores else None

    return wait_for(graded, timeout=timeout, interval=0.25, what="the grade to appear")
