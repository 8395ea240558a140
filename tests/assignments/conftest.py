import pytest

from tests.assignments.factories import SelfReviewItemFactory, TakeHomeAttemptFactory, TakeHomeBriefFactory
from tests.factories import LevelFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(fast_password_hashing):
    """No test here checks a password."""


@pytest.fixture
def review_items(db):
    """A small self-review checklist: two checklist items, a trade-off and a failure analysis."""
    return [
        SelfReviewItemFactory(key="explains-the-problem", title="A README that explains the problem",
                              advice="Open with the problem and who has it.",
                              rubric_text="Explains the problem the project solves"),
        SelfReviewItemFactory(key="automated-tests", title="Automated tests", advice="Add unit tests.",
                              rubric_text="Describes the automated tests"),
        SelfReviewItemFactory(key="trade-offs", kind="trade_off", title="The trade-offs you made",
                              advice="Add a trade-offs section.", rubric_text="Explains the trade-offs made"),
        SelfReviewItemFactory(key="failure-analysis", kind="failure_mode", title="An analysis of how it fails",
                              advice="List the failing cases.", rubric_text="Analyses how the system fails"),
    ]


@pytest.fixture
def attempt(candidate, review_items):
    brief = TakeHomeBriefFactory(title="Answer questions over product documentation",
                                 scenario="A support team answers the same customer questions every day.")
    return TakeHomeAttemptFactory(user=candidate, brief=brief, level=LevelFactory(key="mid", name="Mid-level"))
