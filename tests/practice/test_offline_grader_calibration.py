"""Issue 10: short correct answers get credit, and points drawn from a model answer are calibrated to human graders."""

import pytest

from practice.grading.offline import OfflineGrader, points_from_model_answer
from practice.grading.scoring import MODEL_ANSWER_FULL_CREDIT_SHARE, REFERENCE_MATCH_FULL_CREDIT, score, score_output
from practice.grading.text import stem
from practice.grading.types import Clarity, GradingRequest, ItemVerdict, Kind, Verdict


def overall(question: str, model_answer: str, answer: str) -> float:
    output = OfflineGrader().grade(GradingRequest(question=question, rubric=[], answer=answer,
                                                  model_answer=model_answer))
    return float(score_output(output).overall)


TEMPERATURE = ("What does temperature control in sampling?",
               "How random the sampling is: it divides the logits before the softmax, so lower values make the output "
               "more deterministic.")
IDENTITY = ("Is Python's `is` the same as `==`?",
            "No: `is` checks identity (the same object), `==` checks equality of values.")


@pytest.mark.parametrize(("question", "model_answer", "answer"), [
    ("Which two operations define a stack?", "push and pop", "push and pop"),
    (*TEMPERATURE, "Randomness. Low temperature sharpens the distribution toward the most likely token; high "
                   "temperature flattens it."),
    ("What does the KV cache store during generation?",
     "The keys and values of the attention layers for tokens already processed, so they are not recomputed at every "
     "step.", "It keeps the attention K and V tensors of earlier tokens so each new token only computes its own."),
    ("Is Python's `is` the same as `==`?",
     "No: `is` checks identity (the same object), `==` checks equality of values.",
     "No. is compares object identity, == compares values."),
    ("What is the alternative to recursion here?", "Iteration.", "You can do it iteratively with a loop."),
])
def test_a_short_correct_answer_to_a_short_question_scores_at_least_four(question, model_answer, answer):
    assert overall(question, model_answer, answer) >= 4.0


@pytest.mark.parametrize(("question", "model_answer", "wrong"), [
    ("What does the KV cache store during generation?",
     "The keys and values of the attention layers for tokens already processed, so they are not recomputed at every "
     "step.", "It stores the final output text of earlier requests so identical prompts are answered from memory."),
    ("What is the alternative to recursion here?", "Iteration.", "You can memoise the results in a dictionary."),
    ("Which two operations define a stack?", "push and pop", "push and enqueue"),
    (*TEMPERATURE, "It sets the maximum number of tokens the model may generate before it stops."),
    (*IDENTITY, "Yes. is and == both compare values, so either works."),
])
def test_the_same_short_answer_with_the_key_idea_wrong_scores_at_most_one(question, model_answer, wrong):
    assert overall(question, model_answer, wrong) <= 1.0


def test_a_model_answer_of_one_word_still_yields_a_point_to_look_for():
    assert [point.text for point in points_from_model_answer("Iteration.")] == ["Iteration."]
    assert points_from_model_answer("   ") == []


def test_half_the_points_drawn_from_a_model_answer_earn_full_verdict_credit_but_a_written_rubric_needs_them_all():
    items = [ItemVerdict(Kind.KEY_POINT, f"point {n}", Verdict.COVERED if n < 2 else Verdict.MISSED)
             for n in range(4)]
    drawn = score(items, Clarity.CLEAR, full_credit_share=MODEL_ANSWER_FULL_CREDIT_SHARE,
                  reference_match=REFERENCE_MATCH_FULL_CREDIT)
    written = score(items, Clarity.CLEAR)
    assert float(drawn.overall) == 5.0
    assert float(written.overall) == 2.5


def test_without_a_written_rubric_the_word_share_is_half_the_score_and_the_floor_of_it():
    covered = [ItemVerdict(Kind.KEY_POINT, "point", Verdict.COVERED)]
    missed = [ItemVerdict(Kind.KEY_POINT, "point", Verdict.MISSED)]
    share = MODEL_ANSWER_FULL_CREDIT_SHARE
    # verdicts 5, word share 0: the points were found but little of the model answer is said
    assert float(score(covered, Clarity.CLEAR, full_credit_share=share, reference_match=0.0).overall) == 2.5
    # no word share measured (the LLM grader): the verdicts alone
    assert float(score(covered, Clarity.CLEAR, full_credit_share=share).overall) == 5.0
    # verdicts 0, word share 5: the answer says the model answer in words the points were not found in
    assert float(score(missed, Clarity.CLEAR, full_credit_share=share,
                       reference_match=REFERENCE_MATCH_FULL_CREDIT).overall) == 5.0
    # a written rubric: the verdicts alone
    assert float(score(covered, Clarity.CLEAR).overall) == 5.0


def test_british_and_american_spellings_meet_at_one_stem():
    assert stem("normalise") == stem("normalize")
    assert stem("batching") == stem("batched") == stem("batches")


def test_comparatives_meet_their_adjective():
    assert stem("lower") == stem("low") and stem("bigger") == stem("big") and stem("simplest") == stem("simple")
    assert stem("user") != stem("use")


def test_without_a_rubric_stating_most_of_the_model_answer_in_prose_earns_full_content_but_a_copy_does_not():
    question = "Why does a decoder cache keys and values during generation?"
    model_answer = ("Each new token attends to all earlier tokens, and caching their keys and values avoids "
                    "recomputing them at every step, which makes generation linear instead of quadratic in work.")
    paraphrase = ("Every new token has to attend over the earlier tokens. Caching their keys and values means we avoid "
                  "recomputing them at each step, so generation does linear work rather than quadratic.")
    output = OfflineGrader().grade(GradingRequest(question=question, rubric=[], answer=paraphrase,
                                                  model_answer=model_answer))
    copied = OfflineGrader().grade(GradingRequest(question=question, rubric=[], answer=model_answer,
                                                  model_answer=model_answer))

    assert output.reference_match >= REFERENCE_MATCH_FULL_CREDIT
    assert float(score_output(output).overall) >= 4.0
    assert copied.reference_match == 0 and float(score_output(copied).overall) == 0


def test_the_word_share_alone_grades_between_the_coarse_verdicts():
    assert float(score([], Clarity.CLEAR, reference_match=REFERENCE_MATCH_FULL_CREDIT / 2).overall) == 2.5


def test_a_copy_of_a_model_answer_of_several_sentences_earns_nothing():
    question = "How would you keep an LLM feature's cost under control?"
    model_answer = ("Cache responses to repeated prompts so identical requests are answered without a model call. "
                    "Route easy requests to a smaller, cheaper model and keep the large model for hard ones. "
                    "Trim the context to the passages that matter, since input tokens are billed. "
                    "Set a budget per user and alert when daily spend crosses it.")
    copied = OfflineGrader().grade(GradingRequest(question=question, rubric=[], answer=model_answer,
                                                  model_answer=model_answer))

    assert copied.reference_match == 0
    assert float(score_output(copied).overall) == 0


@pytest.mark.parametrize(("question", "model_answer", "restated"), [
    ("What does the sizeof operator return?", "The size in bytes of its operand.",
     "The sizeof operator returns what the sizeof operator returns."),
    ("Why does a decoder cache keys and values during generation?",
     "Each new token attends to all earlier tokens, and caching their keys and values avoids recomputing them at "
     "every step, which makes generation linear instead of quadratic in work.",
     "Decoders cache keys and values during generation. Caching keys and values during generation is why a decoder "
     "caches them, and generation needs the cached keys."),
    ("What is the main advantage of linked lists over arrays?", "The linked lists can be of variable length.",
     "The main advantage of linked lists over arrays is an advantage that linked lists have over arrays."),
])
def test_saying_the_question_back_earns_nothing_however_much_of_the_model_answer_repeats_it(
        question, model_answer, restated):
    assert overall(question, model_answer, restated) == 0


def test_a_terse_answer_that_picks_the_right_option_of_the_question_still_counts():
    question = "Using an index outside the bounds of an array: is this a compilation error or a run-time error?"
    assert overall(question, "Run-time error.", "A run-time error.") >= 4.0
