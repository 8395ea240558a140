"""The scaling section of `make bench`: each page's server time for a candidate with 1, 1,000 and 10,000 graded
answers among 1,000 other candidates holding 100,000, on PostgreSQL. Runs in a child process of its own (it sets
Django up on a dedicated bench database, created and dropped here)."""

import os
import random
import statistics
import time
from datetime import timedelta
from decimal import Decimal

SUBJECTS = (1, 1_000, 10_000)
CROWD_USERS, CROWD_ANSWERS = 1_000, 100_000
QUESTIONS_PER_SESSION = 5
DAYS = 365
RUNS = 25


def run(database_url: str, *, runs: int = RUNS) -> dict:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("load_content", stdout=StringIO())
    started = time.monotonic()
    subjects, staff = _populate()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    seeded_s = round(time.monotonic() - started, 1)
    staff_client = Client(HTTP_HOST="127.0.0.1")
    staff_client.force_login(staff)
    paths_by_answers = {}
    for user in subjects:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        session = user.practice_sessions.order_by("-created_at", "-pk").first()
        paths_by_answers[user.answers.count()] = {
            "question": (client, f"/practice/sessions/{session.pk}/questions/1/"),
            "summary": (client, f"/practice/sessions/{session.pk}/"),
            "start": (client, "/practice/"),
            "progress": (client, "/progress/"),
            "history": (client, "/progress/history/"),
            "staff_grading": (staff_client, "/practice/staff/grading/"),
        }
    pages = {answers: {} for answers in paths_by_answers}
    for name in next(iter(paths_by_answers.values())):
        timed = _interleaved_medians_ms({answers: paths[name] for answers, paths in paths_by_answers.items()}, runs)
        for answers, median in timed.items():
            pages[answers][name] = median
    connections.close_all()
    smallest, middle, largest = (pages[n] for n in sorted(pages))
    return {
        "data": f"{CROWD_USERS} candidates with {CROWD_ANSWERS} graded answers, plus one candidate each with "
                f"{', '.join(map(str, SUBJECTS))}; sessions of {QUESTIONS_PER_SESSION}, over {DAYS} days",
        "seeding_s": seeded_s,
        "method": f"Django test client in process (middleware, queries, templates; no HTTP), median of {runs} "
                  "requests after 3 warm-up requests, the three candidates taking turns, prepared statements on",
        "median_ms_by_graded_answers": pages,
        "ratio_10000_to_1": {name: round(largest[name] / smallest[name], 2) for name in smallest},
        # A one-answer candidate's history and charts show one row or point; from 1,000 answers on, pages are full.
        "ratio_10000_to_1000": {name: round(largest[name] / middle[name], 2) for name in smallest},
        "targets": "each ratio <= 1.5; progress < 50 ms at 10,000",
    }


def _interleaved_medians_ms(requests: dict, runs: int) -> dict:
    """Median time of each candidate's page, the candidates taking turns request by request: load on a shared
    machine drifts over a run, and timing one candidate after another put that drift into the ratios."""
    for client, path in requests.values():
        for _ in range(3):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
    timings = {key: [] for key in requests}
    for _ in range(runs):
        for key, (client, path) in requests.items():
            started = time.perf_counter()
            client.get(path)
            timings[key].append(time.perf_counter() - started)
    return {key: round(statistics.median(values) * 1000, 1) for key, values in timings.items()}


def _populate():
    """The crowd and the subjects, in bulk: sessions, their questions, answers, grades, a few human grades, review
    cards for the subjects, then the progress rollups rebuilt from the grades."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from playbook.models import Category, Level
    from practice.models import Answer, Grade, HumanGrade, PracticeSession, SessionQuestion
    from progress.models import ReviewCard
    from progress.rollups import progress_rebuild
    from questions.models import Question

    rng = random.Random(14)
    User = get_user_model()
    password = make_password(None)
    crowd = User.objects.bulk_create(User(username=f"crowd-{n}", password=password) for n in range(CROWD_USERS))
    subjects = User.objects.bulk_create(User(username=f"subject-{n}", password=password) for n in SUBJECTS)
    staff = User.objects.create(username="bench-staff", password=password, is_staff=True)
    cells = [(category.pk, level.pk, ids) for category in Category.objects.all() for level in Level.objects.all()
             if len(ids := list(Question.objects.for_cell(category=category, level=level)
                                .values_list("pk", flat=True))) >= QUESTIONS_PER_SESSION]
    plan = [(user, CROWD_ANSWERS // CROWD_USERS) for user in crowd] + list(zip(subjects, SUBJECTS, strict=True))
    now = timezone.now()
    sessions, picks = [], []
    for user, count in plan:
        for start in range(0, count, QUESTIONS_PER_SESSION):
            category_id, level_id, ids = rng.choice(cells)
            sessions.append(PracticeSession(user=user, category_id=category_id, level_id=level_id,
                                            question_count=QUESTIONS_PER_SESSION))
            picks.append(rng.sample(ids, QUESTIONS_PER_SESSION)[:count - start])
    sessions = PracticeSession.objects.bulk_create(sessions, batch_size=5000)
    items = SessionQuestion.objects.bulk_create(
        (SessionQuestion(session=session, question_id=question_id, position=position)
         for session, ids in zip(sessions, picks, strict=True) for position, question_id in enumerate(ids, 1)),
        batch_size=5000)
    answers = Answer.objects.bulk_create(
        (Answer(session_question=item, user_id=item.session.user_id, question_id=item.question_id,
                text="A bench answer about caches, trade-offs and failure modes.", status=Answer.Status.GRADED)
         for item in items), batch_size=5000)
    scores = [Decimal(n) / 2 for n in range(11)]
    Grade.objects.bulk_create(
        (Grade(answer=answer, grader="offline", prompt_version="offline-1", rubric_version=1,
               overall=rng.choice(scores), key_points=rng.choice(scores), trade_offs=rng.choice(scores),
               failure_modes=rng.choice(scores + [None]), clarity=rng.choice(scores), clarity_verdict="clear",
               feedback="Bench feedback.", latency_ms=rng.randrange(5, 400),
               items=[{"kind": "key_point", "text": "A point", "verdict": "covered", "evidence": "", "note": ""}])
         for answer in answers), batch_size=5000)
    with connection.cursor() as cursor:  # spread each candidate's history over the last DAYS days, oldest first
        cursor.execute(
            "UPDATE practice_practicesession SET created_at = %s - make_interval(secs => (random() * %s)::int)",
            [now, DAYS * 86400])
        cursor.execute("""UPDATE practice_answer a SET submitted_at = s.created_at + make_interval(mins => q.position)
                          FROM practice_sessionquestion q JOIN practice_practicesession s ON s.id = q.session_id
                          WHERE q.id = a.session_question_id""")
        cursor.execute("""UPDATE practice_grade g SET created_at = a.submitted_at + interval '2 seconds'
                          FROM practice_answer a WHERE a.id = g.answer_id""")
    HumanGrade.objects.bulk_create(HumanGrade(answer=answer, score=rng.choice(scores), graded_by=staff)
                                   for answer in rng.sample(answers, 5000))
    for subject in subjects:
        question_ids = set(Answer.objects.filter(user=subject).values_list("question_id", flat=True))
        ReviewCard.objects.bulk_create(
            ReviewCard(user=subject, question_id=question_id, level_id=cells[0][1], fsrs_card={},
                       due=now + timedelta(days=rng.randrange(-5, 30)), last_score=Decimal("3.0"), last_rating=3,
                       last_reviewed_at=now - timedelta(days=1), review_count=1)
            for question_id in question_ids)
    progress_rebuild()
    return subjects, staff
