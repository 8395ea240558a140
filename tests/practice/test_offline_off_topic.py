"""Issue 10: an answer that does not address the question is named; one that does, in words of its own, is not.

`tests/data/offtopic_answers.jsonl` was written by a helper who never saw the grader: 120 answers to 30 questions,
40 to another question (a neighbouring one, a homonym, spam, a rant, the question's words sprinkled into unrelated
text) and 80 on topic (wrong, partial, right in other words, acronyms for the question's names, long everyday
examples). Measured once before any change: precision 0.80, recall 0.50; the floors sit just below.
"""

import json
from pathlib import Path

import pytest

from practice.grading.offline import OfflineGrader
from practice.grading.types import GradingRequest

DATA = Path(__file__).resolve().parents[1] / "data" / "offtopic_answers.jsonl"
DQDB_QUESTION = 'Please explain the problem with "Distributed Queue Dual Buses" that was discussed in the lecture.'
DQDB_REFERENCE = "Depending on your position in the bus, a station has a disadvantage or advantage when reserving."


def flagged(question: str, model_answer: str, answer: str) -> bool:
    request = GradingRequest(question=question, rubric=[], answer=answer, model_answer=model_answer)
    return "off_topic" in OfflineGrader().grade(request).flags


@pytest.fixture(scope="module")
def labelled():
    rows = [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]
    return [(row["label"] == "off_topic", flagged(row["question"], row["model_answer"], row["answer"]))
            for row in rows]


def test_the_labelled_set_holds_both_kinds(labelled):
    assert sum(off for off, _ in labelled) == 40 and sum(not off for off, _ in labelled) == 80


def test_off_topic_answers_are_named_and_on_topic_ones_mostly_are_not(labelled):
    true_positive = sum(off and flag for off, flag in labelled)
    called = sum(flag for _, flag in labelled)
    assert true_positive / called >= 0.75  # precision
    assert true_positive / sum(off for off, _ in labelled) >= 0.45  # recall


def test_an_answer_that_names_the_subject_by_its_acronym_is_on_topic():
    answer = ("There is a fairness problem with DQDBs, where all nodes may transmit at a set rate, but a node offered "
              "less than the allowed limit transmits at the lower rate while the others keep the maximum rate. This is "
              "called rate controlled fairness.")
    assert not flagged(DQDB_QUESTION, DQDB_REFERENCE, answer)
    assert flagged(DQDB_QUESTION, DQDB_REFERENCE, answer.replace("DQDBs", "our county's agencies")
                   .replace("nodes", "agencies").replace("node", "agency").replace("transmit", "sign contracts"))
