import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(fast_password_hashing):
    """No test here checks a password."""
