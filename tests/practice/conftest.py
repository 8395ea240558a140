import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(fast_password_hashing):
    """No test here checks a password."""


@pytest.fixture(scope="session")
def offline_grader_measurement():
    """The offline grader graded on every measured dataset, once per run (about a minute; its tests share a worker)."""
    from practice.accuracy import measure_offline_grader

    return measure_offline_grader()
