"""The README review's problem item is judged on where a README states its problem: a new user's README that opened
"Support agents answer the same questions daily; ..." was told it never explained the problem."""

import pytest

from practice.grading.offline import OfflineGrader
from practice.grading.types import GradingRequest, Kind, RubricPoint, Verdict

PROBLEM = "Explains the problem the project solves, who it helps, and what it does about it"
RUBRIC = [RubricPoint(Kind.KEY_POINT, PROBLEM),
          RubricPoint(Kind.KEY_POINT, "Describes the automated unit, integration and end-to-end tests")]


def problem_verdict(readme: str):
    output = OfflineGrader().grade(GradingRequest(question="Paste the README of your take-home.", rubric=RUBRIC,
                                                  answer=readme))
    return next(item for item in output.items if item.text == PROBLEM)


@pytest.mark.parametrize("readme,evidence", [
    ("# DocAnswer\n\nSupport agents answer the same refund questions every day. This service answers from the "
     "docs and cites the pages.\n\n## Run\n\n`docker compose up`", "Support agents answer the same refund questions "
                                                                   "every day."),
    ("# Ledger tool\n\n## Why\n\nAnalysts lose an hour a day copying figures from PDF reports into sheets, and "
     "typos slip in.\n\n## Run\n\n`make run`", "Analysts lose an hour a day copying figures from PDF reports into "
                                               "sheets, and typos slip in."),
])
def test_a_readme_that_states_its_problem_in_its_opening_or_its_own_section_covers_the_item(readme, evidence):
    verdict = problem_verdict(readme)
    assert (verdict.verdict, verdict.evidence) == (Verdict.COVERED, evidence)


@pytest.mark.parametrize("readme", [
    "# My take-home\n\nThis repository contains my solution to the Acme take-home assignment.\n\n## Run\n\n`make run`",
    "# Tool\n\n## Run\n\n`make run` starts it on port 8000 with the sample data loaded.",
    "",
])
def test_a_readme_that_only_says_what_the_repository_is_or_how_to_run_it_misses_the_item(readme):
    assert problem_verdict(readme).verdict == Verdict.MISSED


def test_a_one_line_opening_names_the_problem_in_part():
    verdict = problem_verdict("# Tool\n\nCited answers over our product docs.\n\n## Tests\n\n`pytest`")
    assert verdict.verdict == Verdict.PARTLY
