"""`make bench`: throughput of the question page against a bare Django view (gunicorn on PostgreSQL, wrk as the
client), the time from submit to a visible grade on the embedded default and on Redis, the progress dashboard's
server time at 500 graded answers, the time to import 10,000 and 50,000 questions with duplicate detection, and each
page's server time for a candidate with 1, 1,000 and 10,000 graded answers on a site of 100,000 (scaling), and
coding-exercise runs in the browser (the first run on a warm cache, later runs).
`--only SECTION` runs one section (repeatable). Prints one report; no pass/fail."""

import argparse
import http.client
import json
import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg  # noqa: E402

from accounts.demo import DEMO_PASSWORD, DEMO_USERNAME  # noqa: E402
from tests.support.fake_openai import FakeOpenAI  # noqa: E402
from tests.support.stack import Stack, free_port, port_open, wait_for  # noqa: E402
from tests.support.web import WebClient  # noqa: E402

ANSWER = (
    "Retrieval augmented generation embeds document chunks, stores vectors in an index, retrieves the most similar "
    "chunks for a query and grounds the model's answer in them with citations. The trade-off is latency and cost "
    "against quality, and it fails when retrieval returns irrelevant or stale chunks."
)
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
# Redis databases the stacks below use; BENCH_REDIS_URL points both at another one (machines shared with other runs).
LLM_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
THROUGHPUT_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
# The stacks below submit faster than any person: lift the per-user limits so they measure the app, not the limits.
NO_LIMITS = {"ANSWERS_PER_MINUTE": "1000000", "ANSWERS_PER_DAY": "1000000", "SESSIONS_PER_MINUTE": "1000000",
             "SESSIONS_PER_DAY": "1000000", "LLM_BUDGET_PER_USER_DAILY_USD": "1000000",
             "LLM_BUDGET_SITE_DAILY_USD": "1000000"}


def hammer(base_url: str, path: str, cookie: str, *, seconds: float, threads: int) -> float:
    """Requests per second from `threads` clients over `seconds`, each a fresh request (gunicorn sync workers)."""
    parsed = urlparse(base_url)
    counts = [0] * threads
    errors = [0] * threads
    deadline = time.monotonic() + seconds

    def run(index: int) -> None:
        while time.monotonic() < deadline:
            conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
            conn.request("GET", path, headers={"Cookie": cookie})
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status == 200:
                counts[index] += 1
            else:
                errors[index] += 1

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    started = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if sum(errors):
        raise RuntimeError(f"{sum(errors)} requests to {path} failed")
    return sum(counts) / (time.monotonic() - started)


def wrk_rps(base_url: str, path: str, cookie: str, *, seconds: int, connections: int) -> float:
    """Requests per second from wrk (a C load generator, so the client never caps a fast bare view)."""
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-H", f"Cookie: {cookie}", f"{base_url}{path}"],
        capture_output=True, text=True, timeout=seconds + 30, check=True)
    if "Non-2xx" in result.stdout:
        raise RuntimeError(f"wrk got errors from {path}:\n{result.stdout}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))


def cookie_header(client: WebClient) -> str:
    return "; ".join(f"{c.name}={c.value}" for c in client.jar)


def submit_to_grade_seconds(client: WebClient, *, runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        page = client.post("/practice/", {"category": "llm-rag", "level": "mid", "question_count": "1"})
        path = client.path_of(page)
        started = time.monotonic()
        client.post(path, {"text": ANSWER})
        wait_for(
            lambda path=path: 'data-testid="overall-score"' in client.get(
                path, headers={"HX-Request": "true", "HX-Target": "grade"}).text,
            timeout=60, interval=0.02, what="grade",
        )
        timings.append(time.monotonic() - started)
    return timings


def in_child_on_fresh_database(label: str, function, *args):
    """`function(database_url, *args)` in a freshly spawned process (Django set up there, not here) on a PostgreSQL
    database of its own, dropped afterwards."""
    name = f"playbook_bench_{label}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            return pool.apply(function, (f"postgresql://postgres@127.0.0.1:5432/{name}", *args))
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def summarise(timings: list[float]) -> dict:
    ordered = sorted(timings)
    return {"runs": len(ordered), "median_ms": round(statistics.median(ordered) * 1000),
            "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000)}


def llm_throughput(root: Path, *, concurrency: int, latency: float, answers: int) -> dict:
    """Grading throughput of one threads-pool worker through a fake OpenAI server that takes `latency` per call."""
    name = f"playbook_bench_llm_{uuid.uuid4().hex[:8]}"
    database_url = f"postgresql://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    with FakeOpenAI(latency=latency) as fake:
        stack = Stack(root / "llm", database_url=database_url, redis_url=LLM_REDIS_URL,
                      OPENAI_API_KEY="bench", OPENAI_BASE_URL=fake.base_url, **NO_LIMITS)
        try:
            stack.prepare()
            client = WebClient(stack.start_web(port=free_port(), server="gunicorn", workers=2))
            client.login(DEMO_USERNAME, DEMO_PASSWORD)
            paths = []
            while len(paths) < answers:
                page = client.post("/practice/", {"category": "llm-rag", "level": "mid", "question_count": "10"})
                first = client.path_of(page)
                paths += [first.replace("/questions/1/", f"/questions/{n}/") for n in range(1, 11)]
            for number, path in enumerate(paths[:answers]):  # distinct texts: identical ones would reuse a grade
                client.post(path, {"text": f"{ANSWER} (answer {number})"})
            stack.start_worker(concurrency=concurrency)
            started = time.monotonic()
            with psycopg.connect(database_url, autocommit=True) as conn:
                wait_for(lambda: conn.execute("SELECT count(*) FROM practice_grade").fetchone()[0] >= answers,
                         timeout=answers * latency + 60, interval=0.05, what="all grades")
            elapsed = time.monotonic() - started
        finally:
            stack.stop()
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return {"answers": answers, "model_latency_s": latency, "worker": f"threads pool, concurrency {concurrency}",
            "grades_per_s": round(answers / elapsed, 2), "ideal_grades_per_s": round(concurrency / latency, 2),
            "efficiency": round(answers / elapsed / (concurrency / latency), 2)}


def dashboard_timing(*, answers: int, runs: int) -> dict:
    """Server time of the progress dashboard for a candidate with `answers` graded answers, each scheduled for
    review, spread over every category x level cell: Django's test client in this process on a fresh PostgreSQL
    database, so the figure is the view's own (middleware, queries, template), without HTTP. Sets Django up, so it
    runs last."""
    name = f"playbook_bench_progress_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:5432/{name}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from decimal import Decimal
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, connections, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from playbook.models import Category, Level, RoleTrack
    from progress.services import profile_set_target_track, review_schedule_from_grade
    from questions.models import Question
    from tests.progress.factories import graded_history

    try:
        call_command("migrate", verbosity=0)
        call_command("load_content", stdout=StringIO())
        user = get_user_model().objects.create_user("bench-candidate")
        cells = [(category, level, questions) for category in Category.objects.all() for level in Level.objects.all()
                 if len(questions := list(Question.objects.for_cell(category=category, level=level)[:5])) >= 3]
        scores = [Decimal(s) for s in ("1.0", "2.5", "3.0", "3.5", "4.5", "2.0", "4.0")]
        for index, (category, level, questions) in enumerate(cells):
            count = answers // len(cells) + (index < answers % len(cells))
            for grade in graded_history(user=user, questions=questions, category=category, level=level,
                                        count=count, scores=scores):
                review_schedule_from_grade(grade_id=grade.pk)
        profile_set_target_track(user=user, role_track=RoleTrack.objects.first())
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        for _ in range(3):  # warm-up: connection, template loading
            assert client.get("/progress/").status_code == 200
        reset_queries()  # the log keeps the last 9000 queries; seeding filled it
        with CaptureQueriesContext(connection) as queries:
            client.get("/progress/")
        query_count = len(queries)  # now: the next request empties the log this reads from
        timings = []
        for _ in range(runs):
            started = time.monotonic()
            response = client.get("/progress/")
            timings.append(time.monotonic() - started)
            assert response.status_code == 200
    finally:
        connections.close_all()
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return {"graded_answers": answers, "cells": len(cells), "queries": query_count, **summarise(timings),
            "target_ms": 100}


def import_dedupe_timing(*, rows: int, bank_size: int, near_share: float, shape: str = "own") -> dict:
    """Time to import `rows` generated rows, `near_share` of them near-duplicates (of the bank, or of earlier rows),
    with duplicate detection against a bank of `bank_size` questions: the import service as the Celery task runs
    it, in a fresh process (Django set up there) on a fresh PostgreSQL database. With shape "reddit" each row is a
    Reddit submission whose question is told in a post, so the post reader runs on every row too."""
    return in_child_on_fresh_database("import", _import_dedupe_in_child, rows, bank_size, near_share, shape)


SYLLABLES = ["ka", "lo", "mi", "ner", "tas", "vo", "rin", "dex", "sul", "pra", "gon", "the", "bri", "zal", "quo", "fen"]
LEADS = ["How would you", "Explain how you would", "What is the best way to", "Describe how you would",
         "Why would a team", "When should you", "Walk me through how you would", "What goes wrong when you"]
ACTIONS = ["evaluate", "deploy", "monitor", "scale", "debug", "design", "secure", "cache", "shard", "fine-tune",
           "compress", "benchmark", "version", "test", "migrate", "document"]
OBJECTS = ["a retrieval pipeline", "an embedding index", "a feature store", "a ranking model", "an LLM gateway",
           "a vector database", "a batch scoring job", "an agent with tools", "a chat assistant", "a fraud model",
           "a recommendation service", "a labelling workflow", "an evaluation harness", "a prompt library",
           "a streaming feature job", "a model registry"]
CONTEXTS = ["under a 100 ms latency budget", "when labels are noisy", "for a regulated bank", "with a tiny GPU budget",
            "across three regions", "for millions of daily users", "after a schema change upstream",
            "when the data drifts weekly", "with strict privacy rules", "for a two-person team"]
FILLERS = ["exactly", "in practice", "in production", "today", "really"]


def _pseudo_words(count: int, rng) -> list[str]:
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(3)))
    return sorted(words)


def _question(rng, terms: list[str]) -> str:
    """A question made distinct by four made-up service names, as real questions differ by their subject."""
    first, second, third, fourth = rng.sample(terms, 4)
    return (f"{rng.choice(LEADS)} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)} that joins {first} {second} "
            f"with {third} {fourth} {rng.choice(CONTEXTS)}?")


def _near(text: str, rng) -> str:
    """A re-worded copy: one filler word added, or two neighbouring words swapped, or a letter mistyped."""
    words = text.rstrip("?").split()
    change = rng.randrange(3)
    position = rng.randrange(1, len(words) - 1)
    if change == 0:
        words.insert(position, rng.choice(FILLERS))
    elif change == 1:
        words[position], words[position + 1] = words[position + 1], words[position]
    else:
        word = words[position]
        words[position] = word[:-1] + ("x" if word[-1] != "x" else "y") if len(word) > 3 else word + "s"
    return " ".join(words) + "?"


def _import_dedupe_in_child(database_url: str, rows: int, bank_size: int, near_share: float, shape: str) -> dict:
    import random

    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["IMPORT_MAX_UPLOAD_BYTES"] = str(50_000_000)  # 50,000 rows are over the 10 MB upload limit
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command
    from django.db import connections

    from moderation import services
    from moderation.models import ImportRow
    from playbook.models import Category, Level
    from questions.models import Question

    rng = random.Random(2026)
    call_command("migrate", verbosity=0)
    call_command("load_content", stdout=StringIO())
    terms = _pseudo_words(3000, rng)
    categories, levels = list(Category.objects.all()), list(Level.objects.all())
    bank_texts = sorted({_question(rng, terms) for _ in range(bank_size * 2)})[:bank_size - Question.objects.count()]
    bank = Question.objects.bulk_create(
        Question(key=f"bench-{n}", title=text[:120], prompt=text, category=rng.choice(categories),
                 status=Question.Status.PUBLISHED) for n, text in enumerate(bank_texts))
    Question.levels.through.objects.bulk_create(
        Question.levels.through(question_id=q.pk, level_id=rng.choice(levels).pk) for q in bank)
    lines, planted, written = [], {}, []
    for number in range(1, rows + 1):
        if rng.random() < near_share and written:
            source = rng.choice(bank_texts) if rng.random() < 0.75 else rng.choice(written)
            text = _near(source, rng)
            planted[number] = source
        else:
            text = _question(rng, terms)
            written.append(text)
        if shape == "reddit":
            lines.append(json.dumps({
                "id": f"b{number}", "title": f"Bench onsite, round {number % 5 + 1}", "subreddit": "bench",
                "selftext": f"Had my onsite last week. The interviewer asked me: {text} I froze. Any advice?",
                "permalink": f"/r/bench/comments/b{number}/", "created_utc": 1714560000 + number}))
        else:
            lines.append(json.dumps({"text": text, "source_platform": "reddit", "company": "Bench",
                                     "source_url": f"https://www.reddit.com/r/bench/comments/{number}/"}))
    data = "\n".join(lines).encode()
    started = time.monotonic()
    job = services.import_job_create(filename="bench.jsonl", data=data)
    services.import_job_run(job_id=job.pk)
    elapsed = time.monotonic() - started
    outcomes = dict(job.rows.values_list("outcome").annotate(n=django.db.models.Count("pk")).order_by())
    caught = job.rows.filter(row_number__in=planted, outcome__in=[ImportRow.Outcome.DUPLICATE,
                                                                  ImportRow.Outcome.NEAR_DUPLICATE]).count()
    connections.close_all()
    return {"shape": shape, "rows": rows, "bank_questions": Question.objects.count() - outcomes.get("imported", 0),
            "planted_near_duplicates": len(planted), "caught": caught, "seconds": round(elapsed, 1),
            "rows_per_s": round(rows / elapsed), "outcomes": outcomes, "target_s": 20}


def throughput_and_submit(root: Path) -> dict:
    """The question page against a bare Django view, and submit-to-grade on Redis (first submits included): gunicorn
    on PostgreSQL with a Celery worker."""
    report = {}
    name = f"playbook_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    stack = Stack(root / "pg", database_url=f"postgresql://postgres@127.0.0.1:5432/{name}",
                  redis_url=THROUGHPUT_REDIS_URL, DJANGO_SETTINGS_MODULE="scripts.bench_settings", **NO_LIMITS)
    try:
        stack.prepare()
        base = stack.start_web(port=free_port(), server="gunicorn", workers=2)
        stack.start_worker(concurrency=4)
        client = WebClient(base)
        client.login(DEMO_USERNAME, DEMO_PASSWORD)
        # Submits first, while each web worker is fresh: its first submit is in the figures.
        report["submit_to_grade_redis"] = summarise(submit_to_grade_seconds(client, runs=20))
        page = client.post("/practice/", {"category": "system-design", "level": "senior", "question_count": "1"})
        question_path = client.path_of(page)
        cookie = cookie_header(client)
        if shutil.which("wrk"):
            wrk_rps(base, question_path, cookie, seconds=3, connections=4)  # warm-up: prepares the statements
            runs = [(wrk_rps(base, question_path, cookie, seconds=10, connections=4),
                     wrk_rps(base, "/bench/bare", cookie, seconds=10, connections=4)) for _ in range(3)]
            question_rps = statistics.median(question for question, _ in runs)
            bare_rps = statistics.median(bare for _, bare in runs)
            client_name = "wrk -t2 -c4, 10 s each, median of 3 runs"
        else:  # `make bench` installs wrk; a Python client caps the bare view, so the ratio reads high
            hammer(base, question_path, cookie, seconds=2, threads=4)  # warm-up
            question_rps = hammer(base, question_path, cookie, seconds=10, threads=4)
            bare_rps = hammer(base, "/bench/bare", cookie, seconds=10, threads=4)
            client_name = "Python threads (wrk not installed), 4 clients, 10 s each"
        report["page_throughput"] = {
            "stack": f"gunicorn (2 sync workers) on PostgreSQL; {client_name}",
            "question_page_rps": round(question_rps, 1),
            "bare_django_view_rps": round(bare_rps, 1),
            "ratio": round(question_rps / bare_rps, 2),
        }
    finally:
        stack.stop()
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return report


def embedded_submit(root: Path) -> dict:
    """Submit-to-grade on the embedded default: SQLite, filesystem broker, `manage.py serve`."""
    embedded = Stack(root / "embedded", database_url=f"sqlite:///{root / 'embedded.sqlite3'}", **NO_LIMITS)
    try:
        embedded.prepare()
        client = WebClient(embedded.start_web(port=free_port(), server="serve"))
        wait_for(lambda: "ready." in embedded.log("serve"), timeout=60, what="worker")
        client.login(DEMO_USERNAME, DEMO_PASSWORD)
        return summarise(submit_to_grade_seconds(client, runs=20))
    finally:
        embedded.stop()


SECTIONS = ("throughput", "embedded", "llm", "import", "limits", "import-scaling", "scaling", "exercises", "grader",
            "dashboard")


def scaling_timing() -> dict:
    """The scaling section (scripts/bench_scaling.py) in a fresh process on a dedicated database."""
    from scripts import bench_scaling

    return in_child_on_fresh_database("scaling", bench_scaling.run)


def submit_limits_timing(*, submits: int, recent: int, older: int) -> dict:
    """Submits per second through `answer_submit` with the per-user limits (the user's row locked, the last minute
    and day counted) and with those two steps replaced by no-ops, for a candidate with `recent` answers in the
    last 24 hours and `older` before: in a fresh process on a fresh PostgreSQL database, the broker left out."""
    return in_child_on_fresh_database("limits", _submit_limits_in_child, submits, recent, older)


def _submit_limits_in_child(database_url: str, submits: int, recent: int, older: int) -> dict:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.update(NO_LIMITS)  # high enough never to refuse, so both runs store every answer
    import django

    django.setup()
    from datetime import timedelta
    from unittest import mock

    from django.core.management import call_command
    from django.db import connection, connections
    from django.utils import timezone

    from practice import services
    from practice.models import Answer, PracticeSession, SessionQuestion
    from tests.factories import PracticeSessionFactory, QuestionFactory, UserFactory

    call_command("migrate", verbosity=0)
    user = UserFactory()
    questions = QuestionFactory.create_batch(20)
    total = recent + older + 2 * submits + 20
    first = PracticeSessionFactory(user=user, category=questions[0].category)
    sessions = PracticeSession.objects.bulk_create(
        PracticeSession(user=user, category_id=first.category_id, level_id=first.level_id) for _ in range(total))
    items = SessionQuestion.objects.bulk_create(
        SessionQuestion(session=session, question=questions[n % 20], position=1) for n, session in enumerate(sessions))
    now = timezone.now()
    history = Answer.objects.bulk_create(
        Answer(session_question=item, user=user, question_id=item.question_id, text=ANSWER, status="graded")
        for item in items[:recent + older])
    Answer.objects.filter(pk__in=[a.pk for a in history[recent:]]).update(submitted_at=now - timedelta(days=3))
    Answer.objects.filter(pk__in=[a.pk for a in history[:recent]]).update(submitted_at=now - timedelta(hours=2))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them on a live database
    fresh = iter(items[recent + older:])

    def run(count: int) -> float:
        started = time.monotonic()
        for _ in range(count):
            services.answer_submit(user=user, session_question=next(fresh), text=ANSWER)
        return time.monotonic() - started

    figures = {"with_limits": 0.0, "without_limits": 0.0}
    with mock.patch("practice.services.answer_enqueue_grading", return_value=True):
        run(20)  # warm-up
        for _ in range(2):  # alternate, so neither run gets the warmer cache
            figures["with_limits"] += run(submits // 2)
            with mock.patch("practice.services.user_lock"), mock.patch("practice.services.recent_rows_check"):
                figures["without_limits"] += run(submits // 2)
    connections.close_all()
    with_rate, without_rate = submits / figures["with_limits"], submits / figures["without_limits"]
    return {"submits_each": submits, "answers_in_last_24h": recent, "older_answers": older,
            "submits_per_s_with_limits": round(with_rate), "submits_per_s_without_limits": round(without_rate),
            "cost_per_submit_ms": round(1000 / with_rate - 1000 / without_rate, 2)}


def exercise_run_timing() -> dict:
    """The browser test that runs an exercise from a warm cache (Pyodide in a Web Worker, Debian's Chromium, no
    network) writes its measurements; this reports them against the targets."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "timings.json"
        env = {**os.environ, "EXERCISE_TIMINGS_FILE": str(out),
               "DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/bench_exercises"}
        subprocess.run(
            [sys.executable, "-m", "pytest", "tests/browser/test_exercise.py", "-k", "cached_files", "-q",
             "-p", "no:cacheprovider", "--create-db"],
            env=env, check=True, timeout=300, cwd=Path(__file__).resolve().parent.parent,
        )
        timings = json.loads(out.read_text())
    later = timings["later_runs_ms"]
    return {
        "first_run_on_warm_cache_ms": round(timings["first_run_warm_ms"]),
        "of_which_python_start_ms": round(timings["python_start_warm_ms"]),
        "later_runs_ms": summarise([value / 1000 for value in later]) | {"max_ms": round(max(later), 1)},
        "target_first_run_ms": 3000,
        "target_later_runs_ms": 300,
        "files_from_browser_cache": timings["files_from_cache"],
    }


def grader_timing(*, runs: int = 200) -> dict:
    """The offline grader on 300-word answers against a 9-item rubric, in a fresh process: the model load once,
    then each answer (a different answer each time, so nothing is served from a cache but the rubric's vectors)."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(_grader_timing_in_child, (runs,))


def _grader_timing_in_child(runs: int) -> dict:
    import random
    import re

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()

    from practice.evaluation import load_dataset
    from practice.grading import language, semantic
    from practice.grading.offline import OfflineGrader
    from practice.grading.types import GradingRequest

    started = time.monotonic()
    semantic.warm_up()
    language.warm_up()
    load_ms = (time.monotonic() - started) * 1000
    golden = load_dataset(Path(__file__).resolve().parent.parent / "tests" / "data" / "golden.jsonl")
    request = next(item.request for item in golden if len(item.request.rubric) >= 9)
    rubric = request.rubric[:9]
    vocabulary = sorted({w for item in golden for w in re.findall(r"[a-z]+", item.request.answer.lower())})
    rng = random.Random(7)
    grader, timings = OfflineGrader(), []
    for _ in range(runs):
        answer = " ".join(" ".join(rng.choice(vocabulary) for _ in range(15)).capitalize() + "." for _ in range(20))
        began = time.perf_counter()
        grader.grade(GradingRequest(question=request.question, rubric=rubric, answer=answer))
        timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    return {"model_load_ms": round(load_ms), "answer_words": 300, "rubric_items": len(rubric), "runs": runs,
            "median_ms": round(statistics.median(timings), 1), "p95_ms": round(timings[int(runs * 0.95) - 1], 1),
            "target_p95_ms": 50}


def import_scaling() -> dict:
    """Importing 50,000 rows against 10,000, same generator and bank: the ratio should stay near 5."""
    small = import_dedupe_timing(rows=10_000, bank_size=2_000, near_share=0.2)
    large = import_dedupe_timing(rows=50_000, bank_size=2_000, near_share=0.2)
    return {"seconds_10000": small["seconds"], "seconds_50000": large["seconds"],
            "ratio": round(large["seconds"] / small["seconds"], 2), "target_ratio": 5.5}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", action="append", choices=SECTIONS,
                        help="run only this section (repeatable); default: every section")
    only = set(parser.parse_args().only or SECTIONS)
    report: dict = {}
    if not port_open("127.0.0.1", 5432) or not port_open("127.0.0.1", 6379):
        sys.exit("make bench needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if "throughput" in only:
            report.update(throughput_and_submit(root))
        if "embedded" in only:
            report["submit_to_grade_embedded"] = embedded_submit(root)
        if "llm" in only:
            report["llm_grading_throughput"] = llm_throughput(root, concurrency=8, latency=1.0, answers=40)
    if "import" in only:
        report["import_10000_rows_against_2000_questions"] = import_dedupe_timing(rows=10_000, bank_size=2_000,
                                                                                  near_share=0.2)
        report["import_10000_reddit_posts_against_2000_questions"] = import_dedupe_timing(
            rows=10_000, bank_size=2_000, near_share=0.2, shape="reddit")
    if "limits" in only:
        report["submit_path_limits"] = submit_limits_timing(submits=400, recent=290, older=5000)
    if "import-scaling" in only:
        report["import_scaling"] = import_scaling()
    if "scaling" in only:
        report["scaling"] = scaling_timing()
    if "exercises" in only:
        report["exercise_runs_in_the_browser"] = exercise_run_timing()
    if "grader" in only:
        report["offline_grader_300_words_9_items"] = grader_timing()
    if "dashboard" in only:  # sets Django up in this process: last
        report["progress_dashboard_500_answers"] = dashboard_timing(answers=500, runs=50)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
