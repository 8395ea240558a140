"""The offline grader reads English only: an answer in another language gets a clear message, not a grade of noise."""

import json
from pathlib import Path

import pytest

from practice.grading.errors import UngradableAnswerError
from practice.grading.language import other_language
from practice.grading.offline import OfflineGrader
from practice.grading.types import GradingRequest
from practice.models import Answer, Grade
from practice.tasks import grade_answer
from tests.factories import AnswerFactory

DATA = Path(__file__).resolve().parents[1] / "data"
QUESTION = "What does the KV cache store during generation?"
REFERENCE = ("The keys and values of the attention layers for tokens already processed, so they are not recomputed at "
             "every step.")


def grade(answer: str):
    return OfflineGrader().grade(GradingRequest(question=QUESTION, rubric=[], answer=answer, model_answer=REFERENCE))


@pytest.mark.parametrize("answer, language", [
    # before: 2.5, 4.5 (cognates), 0 and 0 with "write it as a few sentences", none of them about the answer
    ("Guarda las claves y los valores de la atención de los tokens ya procesados, para no recalcularlos en cada paso.",
     "Spanish"),
    ("Er speichert die Schlüssel und Werte der Attention-Schichten für bereits verarbeitete Tokens, damit sie nicht "
     "neu berechnet werden.", "German"),
    ("它存储已处理词元在注意力层中的键和值，这样每一步都不必重新计算。", "Chinese"),
    ("Он хранит ключи и значения слоёв внимания для уже обработанных токенов, чтобы не пересчитывать их.", "Russian"),
])
def test_an_answer_in_another_language_is_not_graded_and_the_candidate_is_told_why(answer, language):
    with pytest.raises(UngradableAnswerError) as refused:
        grade(answer)

    assert f"reads English only, and this answer reads as {language}" in str(refused.value)


@pytest.mark.parametrize("answer", [
    "It keeps the attention K and V tensors of earlier tokens so each new token only computes its own.",
    "K/V per layer, per token; prefill fills it, decode appends.",  # terse technical English
    "cache[layer] = (torch.cat([k_prev, k_new]), torch.cat([v_prev, v_new]))",  # code
    "push and pop",
    # English with a foreign phrase in it
    "The keys and values of earlier tokens, the Zwischenspeicher as my German colleagues call it, so nothing is "
    "recomputed at each step.",
    # English about multilingual systems, quoting what they handle (found by a review: both were refused)
    'For a query like "Wie kann ich mein Passwort zurücksetzen, wenn ich keinen Zugriff habe?" we retrieve the '
    "English reset doc.",
    "Thai has no spaces: สวัสดีครับ needs word segmentation before BM25.",
])
def test_english_terse_answers_and_code_are_graded(answer):
    assert grade(answer).items


@pytest.mark.django_db
def test_the_answer_fails_with_the_message_and_keeps_its_text(settings):
    settings.OPENAI_API_KEY = ""
    text = "Guarda las claves y los valores de la atención de los tokens ya procesados, para no recalcularlos."
    answer = AnswerFactory(text=text)

    grade_answer.apply(args=[answer.pk])

    answer.refresh_from_db()
    assert answer.status == Answer.Status.FAILED
    assert answer.failure_message == ("the offline grader reads English only, and this answer reads as Spanish; "
                                      "write it in English to have it graded")
    assert answer.text == text
    assert not Grade.objects.filter(answer=answer).exists()


def answers(name: str) -> list[str]:
    return [json.loads(line)["answer"] for line in (DATA / name).read_text().splitlines() if line.strip()]


def test_no_english_answer_of_a_reviews_corpus_is_refused():
    """530 English answers a review wrote to break the check: terse, jargon, code, formulas, non-native English,
    STAR stories, tables, and answers about multilingual systems that quote text in other languages."""
    assert [answer for answer in answers("language_english_answers.jsonl") if other_language(answer)] == []


def test_most_answers_in_other_languages_are_refused():
    refused = sum(bool(other_language(answer)) for answer in answers("language_other_answers.jsonl"))
    assert refused >= 25  # of 42; Hinglish, short Chinese and mixed answers go through (docs/grading.md)
