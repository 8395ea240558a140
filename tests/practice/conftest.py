import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(fast_password_hashing):
    """No test here checks a password."""


@pytest.fixture(scope="session")
def offline_grader_measurement():
    """The offline grader graded on the public dev set and the golden set, once per run (about ten seconds)."""
    from practice.accuracy import measure_offline_grader

    return measure_offline_grader()
