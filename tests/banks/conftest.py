import pytest
from django.apps import apps

from banks.roles import instructors_group
from tests.banks.factories import BankFactory, BankQuestionFactory
from tests.factories import UserFactory


def make_instructor(**kwargs):
    user = UserFactory(**kwargs)
    # The data migration creates the group; a transactional test may have flushed it, so build it again if needed.
    user.groups.add(instructors_group(apps))
    return user


@pytest.fixture(autouse=True)
def _fast_hashing(fast_password_hashing):
    """Bank tests make many users and never test passwords."""


@pytest.fixture
def instructor(db):
    return make_instructor()


@pytest.fixture
def other_instructor(db):
    return make_instructor()


@pytest.fixture
def admin_user(db):
    return UserFactory(is_staff=True)


@pytest.fixture
def bank(instructor):
    """A bank shared by link, holding two published questions."""
    bank = BankFactory(owner=instructor)
    BankQuestionFactory(bank=bank, question__title="Explain the KV cache", position=0)
    BankQuestionFactory(bank=bank, question__title="Chunking for RAG", position=1)
    return bank
