from unittest import mock

import pytest

from tests.factories import CategoryFactory, LevelFactory, QuestionFactory, UserFactory


@pytest.fixture
def admin_user(db, fast_password_hashing):
    return UserFactory(is_staff=True)


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def bank(db):
    """Two categories and two levels, with published questions the classifier and the duplicate check learn from."""
    rag = CategoryFactory(key="llm-rag", name="LLM engineering & RAG", position=0)
    fundamentals = CategoryFactory(key="ml-fundamentals", name="ML fundamentals", position=1)
    junior = LevelFactory(key="junior", name="Junior", position=0)
    senior = LevelFactory(key="senior", name="Senior", position=2)
    questions = {
        "feed": QuestionFactory(title="Feed ranking at scale", category=fundamentals, levels=[senior],
                                prompt="How would you design a feed ranking system for a billion users?"),
        "evaluating": QuestionFactory(title="Evaluating RAG", category=rag, levels=[senior],
                               prompt="How would you evaluate retrieval and generation in a RAG pipeline?"),
        "chunking": QuestionFactory(title="Chunking documents", category=rag, levels=[junior],
                                    prompt="How do you chunk documents for retrieval with embeddings?"),
        "overfitting": QuestionFactory(title="Overfitting", category=fundamentals, levels=[junior],
                                       prompt="What is overfitting and how does regularisation reduce it?"),
    }
    return {"rag": rag, "fundamentals": fundamentals, "junior": junior, "senior": senior, **questions}


@pytest.fixture
def enqueue_import():
    """Stands in for the broker: records each import task sent, and sends nothing."""
    with mock.patch("moderation.tasks.import_questions_job.apply_async") as apply_async:
        yield apply_async
