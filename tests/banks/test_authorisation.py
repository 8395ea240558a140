"""Who may open or change what, for every bank and moderation view: anonymous visitors, candidates, the owning
instructor, another instructor and an admin (staff)."""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from banks.models import Bank
from moderation import services
from moderation.models import ImportJob, ImportRow
from questions.models import Question
from tests.banks.conftest import make_instructor
from tests.banks.factories import BankFactory, BankQuestionFactory
from tests.factories import QuestionFactory, UserFactory

ROLES = ["anonymous", "candidate", "instructor", "other_instructor", "admin"]
LOGIN = "login"  # redirected to the login page
# The bank holds a question, so a file without questions must say it means to empty the bank.
EMPTYING_BANK_FILE = b"format: ai-interview-playbook/bank-v1\nremove_all_questions: true\nquestions: []\n"


@dataclass
class World:
    bank: Bank
    private_bank: Bank
    question: Question
    job: ImportJob
    row: ImportRow


@pytest.fixture
def world(db, fast_password_hashing):
    owner = make_instructor(username="owner")
    bank = BankFactory(owner=owner, visibility=Bank.Visibility.LINK)
    BankQuestionFactory(bank=bank)
    private_bank = BankFactory(owner=owner, visibility=Bank.Visibility.PRIVATE)
    BankQuestionFactory(bank=private_bank)
    question = QuestionFactory(created_by=owner, status=Question.Status.DRAFT)  # also creates llm-rag and senior
    job = services.import_job_create(filename="q.json", data=b'[{"text": "What does a reranker add?"}]')
    services.import_job_run(job_id=job.pk)
    return World(bank=bank, private_bank=private_bank, question=question, job=job, row=job.rows.get())


def user_for(role: str):
    match role:
        case "anonymous":
            return None
        case "candidate":
            return UserFactory()
        case "instructor":
            return get_user_model().objects.get(username="owner")
        case "other_instructor":
            return make_instructor()
        case "admin":
            return UserFactory(is_staff=True)


EDITOR_POST = {"title": "Edited", "prompt": "Why?", "category": "llm-rag", "levels": ["senior"],
               "key_points": "A point", "intent": "save"}

# view, method, url(world), data, expected status per role (anonymous, candidate, instructor, other, admin)
MATRIX = [
    ("bank list", "get", lambda w: reverse("banks:list"), None, [LOGIN, 403, 200, 200, 200]),
    ("create bank", "post", lambda w: reverse("banks:list"), {"title": "New", "visibility": "private"},
     [LOGIN, 403, 302, 302, 302]),
    ("bank page", "get", lambda w: reverse("banks:detail", args=[w.bank.pk]), None, [LOGIN, 403, 200, 404, 200]),
    ("edit bank", "post", lambda w: reverse("banks:detail", args=[w.bank.pk]),
     {"title": "Renamed", "visibility": "link"}, [LOGIN, 403, 302, 404, 302]),
    ("archive bank", "post", lambda w: reverse("banks:action", args=[w.bank.pk]), {"action": "archive"},
     [LOGIN, 403, 302, 404, 302]),
    ("order bank", "post", lambda w: reverse("banks:action", args=[w.bank.pk]), {"action": "down"},
     [LOGIN, 403, 302, 404, 302]),
    ("add question", "post", lambda w: reverse("banks:questions", args=[w.bank.pk]),
     lambda w: {"action": "add", "question": w.question.pk}, [LOGIN, 403, 302, 404, 302]),
    ("remove question", "post", lambda w: reverse("banks:questions", args=[w.bank.pk]),
     lambda w: {"action": "remove", "question": w.bank.entries.first().question_id}, [LOGIN, 403, 302, 404, 302]),
    ("new question page", "get", lambda w: reverse("banks:question_new"), None, [LOGIN, 403, 200, 200, 200]),
    ("write question", "post", lambda w: reverse("banks:question_new"), EDITOR_POST, [LOGIN, 403, 302, 302, 302]),
    ("question editor", "get", lambda w: reverse("banks:question", args=[w.question.pk]), None,
     [LOGIN, 403, 200, 404, 200]),
    ("edit question", "post", lambda w: reverse("banks:question", args=[w.question.pk]), EDITOR_POST,
     [LOGIN, 403, 302, 404, 302]),
    ("shared bank", "get", lambda w: reverse("banks:shared", args=[w.bank.share_token]), None,
     [LOGIN, 200, 200, 200, 200]),
    ("private bank by link", "get", lambda w: reverse("banks:shared", args=[w.private_bank.share_token]), None,
     [LOGIN, 404, 200, 404, 200]),
    ("practise shared bank", "post", lambda w: reverse("banks:practise", args=[w.bank.share_token]),
     {"question_count": "1"}, [LOGIN, 302, 302, 302, 302]),
    ("practise private bank", "post", lambda w: reverse("banks:practise", args=[w.private_bank.share_token]),
     {"question_count": "1"}, [LOGIN, 404, 302, 404, 302]),
    ("public banks", "get", lambda w: reverse("banks:public"), None, [LOGIN, 200, 200, 200, 200]),
    ("bank statistics", "get", lambda w: reverse("banks:stats", args=[w.bank.pk]), None,
     [LOGIN, 403, 200, 404, 200]),
    ("export bank", "get", lambda w: reverse("banks:export", args=[w.bank.pk]), None, [LOGIN, 403, 200, 404, 200]),
    ("bank file page", "get", lambda w: reverse("banks:import", args=[w.bank.pk]), None,
     [LOGIN, 403, 200, 404, 200]),
    ("import bank file", "post", lambda w: reverse("banks:import", args=[w.bank.pk]),
     lambda w: {"file": SimpleUploadedFile("bank.yaml", EMPTYING_BANK_FILE)}, [LOGIN, 403, 302, 404, 302]),
    ("moderation queue", "get", lambda w: reverse("moderation:queue"), None, [LOGIN, 403, 403, 403, 200]),
    ("bulk approve", "post", lambda w: reverse("moderation:queue"), lambda w: {"rows": [w.row.pk],
                                                                                "action": "approve"},
     [LOGIN, 403, 403, 403, 302]),
    ("review item", "get", lambda w: reverse("moderation:item", args=[w.row.pk]), None, [LOGIN, 403, 403, 403, 200]),
    ("reject item", "post", lambda w: reverse("moderation:item", args=[w.row.pk]), {"intent": "reject"},
     [LOGIN, 403, 403, 403, 302]),
    ("import page", "get", lambda w: reverse("moderation:upload"), None, [LOGIN, 403, 403, 403, 200]),
    ("upload", "post", lambda w: reverse("moderation:upload"),
     lambda w: {"file": SimpleUploadedFile("q.json", b'[{"text": "Why rerank?"}]')}, [LOGIN, 403, 403, 403, 302]),
    ("import job", "get", lambda w: reverse("moderation:job", args=[w.job.pk]), None, [LOGIN, 403, 403, 403, 200]),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view,method,url,data,expected", MATRIX, ids=[row[0] for row in MATRIX])
def test_each_role_gets_exactly_the_access_it_should(client, world, role, view, method, url, data, expected):
    user = user_for(role)
    if user is not None:
        client.force_login(user)
    payload = data(world) if callable(data) else data
    response = getattr(client, method)(url(world), payload or {})

    want = expected[ROLES.index(role)]
    if want == LOGIN:
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    else:
        assert response.status_code == want, f"{view} as {role}"
        if want == 302:
            assert not response.url.startswith(reverse("accounts:login"))
