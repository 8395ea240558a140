"""Issue 10: short correct answers get credit, and points drawn from a model answer are calibrated to human graders."""

import pytest

from practice.grading.offline import OfflineGrader, points_from_model_answer
from practice.grading.scoring import (
    MODEL_ANSWER_FULL_CREDIT_SHARE,
    REFERENCE_MATCH_FULL_CREDIT,
    asked_count,
    model_answer_full_credit_share,
    score,
    score_output,
)
from practice.grading.text import stem
from practice.grading.types import Clarity, GradingRequest, ItemVerdict, Kind, RubricPoint, Verdict


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


def test_without_a_rubric_stating_most_of_the_model_answer_in_prose_earns_full_content():
    question = "Why does a decoder cache keys and values during generation?"
    model_answer = ("Each new token attends to all earlier tokens, and caching their keys and values avoids "
                    "recomputing them at every step, which makes generation linear instead of quadratic in work.")
    paraphrase = ("Every new token has to attend over the earlier tokens. Caching their keys and values means we avoid "
                  "recomputing them at each step, so generation does linear work rather than quadratic.")
    output = OfflineGrader().grade(GradingRequest(question=question, rubric=[], answer=paraphrase,
                                                  model_answer=model_answer))

    assert output.reference_match >= REFERENCE_MATCH_FULL_CREDIT
    assert float(score_output(output).overall) >= 4.0


def test_the_word_share_alone_grades_between_the_coarse_verdicts():
    assert float(score([], Clarity.CLEAR, reference_match=REFERENCE_MATCH_FULL_CREDIT / 2).overall) == 2.5


@pytest.mark.parametrize(("question", "model_answer", "answer"), [
    # Real answers from the public Mohler set, each given 5 by both human graders, which a copy rule scored 0.
    ("What does a function signature include?", "The name of the function and the types of the parameters.",
     "The function signature includes the name of the function and the types of its arguments."),
    ("How would you keep an LLM feature's cost under control?",
     "Cache responses to repeated prompts so identical requests are answered without a model call. Route easy "
     "requests to a smaller, cheaper model and keep the large model for hard ones.",
     "Cache responses to repeated prompts so identical requests are answered without a model call. Route easy "
     "requests to a smaller, cheaper model and keep the large model for hard ones."),
])
def test_an_answer_in_the_model_answers_own_words_earns_what_it_says(question, model_answer, answer):
    """Without a written rubric the points come from the model answer, which is an answer, not grading criteria:
    people give full marks to an answer that states it in its words (offline-5)."""
    output = OfflineGrader().grade(GradingRequest(question=question, rubric=[], answer=answer,
                                                  model_answer=model_answer))

    assert "rubric_copy" not in output.flags
    assert float(score_output(output).overall) >= 4.5


def test_copying_a_written_rubrics_criteria_still_earns_nothing():
    rubric = [RubricPoint(Kind.KEY_POINT, "Explains that caching keys and values avoids recomputing attention "
                                          "over earlier tokens at every step"),
              RubricPoint(Kind.KEY_POINT, "States that generation becomes linear instead of quadratic in work")]
    output = OfflineGrader().grade(GradingRequest(
        question="Why does a decoder cache keys and values during generation?", rubric=rubric,
        answer="\n".join(point.text for point in rubric), model_answer=""))

    assert "rubric_copy" in output.flags
    assert float(score_output(output).overall) == 0


@pytest.mark.parametrize(("question", "model_answer", "answer", "wrong"), [
    ("What is a pointer?", "The address of a location in memory.",
     "A pointer is a variable that stores the address of another variable.",
     "A pointer is a variable that stores a number."),
    ("What does a DNS resolver return?", "The IP address for the name asked about.",
     "It looks the hostname up and gives back its IP address.",
     "It looks the hostname up and gives back its owner."),
])
def test_a_word_rubric_criteria_use_to_describe_answers_is_content_in_a_model_answer(
        question, model_answer, answer, wrong):
    """"Addresses", "names" or "lists" describe an answer in a written criterion ("Addresses the failure mode");
    in a model answer they are what the answer says: "the address of a location in memory" (offline-6)."""
    def graded(text):
        return float(score_output(OfflineGrader().grade(GradingRequest(
            question=question, rubric=[], answer=text, model_answer=model_answer))).overall)

    assert graded(answer) >= 3.5
    assert graded(wrong) <= 1.0


def test_a_model_answers_describing_verbs_and_adverbs_do_not_lift_a_wrong_answer():
    """Found by a review of offline-6: "important", "specific" and "use" in a model answer are no content; an answer
    that repeats them while choosing the wrong technique must not climb (it scored 3.5 when they counted)."""
    output = OfflineGrader().grade(GradingRequest(
        question="How should you design an API for pagination?", rubric=[],
        model_answer="Use cursor-based pagination for large or changing data sets. It is important to return a "
                     "specific next cursor with each page, and to keep the ordering stable by a unique key.",
        answer="Use offset and limit; it is important to use specific page sizes and use the key of each page."))

    assert float(score_output(output).overall) <= 2.0


def test_a_written_criterions_describing_words_still_earn_nothing():
    rubric = [RubricPoint(Kind.KEY_POINT, "Addresses how retries can duplicate a payment, and names idempotency keys")]
    output = OfflineGrader().grade(GradingRequest(
        question="How would you make a payment API safe to retry?", rubric=rubric, model_answer="",
        answer="This answer addresses the question and names what it addresses."))

    assert output.items[0].verdict == Verdict.MISSED


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


@pytest.mark.parametrize(("question", "count"), [
    ("Name two challenges of serving an LLM.", 2),
    ("Describe two benefits and two drawbacks of RAG in 1-2 sentences each.", 4),
    ("Which decoder would you pick? Give 2 reasons for your choice and 1 risk of it in 2-6 sentences.", 3),
    ("State at least 4 of the differences between LoRA and full fine-tuning.", 4),
    ("Explain how beam search works in 3 sentences.", 0),  # a length, not a number of things
    ("Assume 3 replicas share one GPU. Why does latency rise?", 0),  # the scenario's number, no request
    ("Name the phases of training where cwnd = 1 and the threshold is large.", 0),  # a value
    ("Explain how you would serve 1 million requests per second.", 0),  # an amount
    ("Explain how a process with two threads shares memory.", 0),  # the scenario's things, not the answer's
    ("Describe how TCP handles 3 duplicate ACKs.", 0),
    ("Name the two modes of replication and name one downside for each of them.", 3),
])
def test_the_number_of_things_a_question_asks_for(question, count):
    assert asked_count(question) == count


SERVING = ("Latency grows with the output length, because every generated token needs its own forward pass. "
           "The KV cache grows with context length and batch size and can exhaust GPU memory. "
           "GPUs are expensive and sit idle when traffic is bursty. "
           "Requests of very different lengths are hard to batch efficiently. "
           "A model can return malformed output that the caller must validate. "
           "Changing the model changes its behaviour, so every release needs an evaluation run. "
           "Prompts and answers may hold personal data that must not be logged. "
           "Rate limits of an upstream provider cap the throughput you can promise.")


def test_an_answer_with_as_many_points_as_the_question_asks_for_earns_full_marks():
    asks_for_two = "Name two challenges of serving a large language model in production, with why each matters."
    two = ("The KV cache grows with the context length and the batch size, so GPU memory runs out. And GPUs are "
           "expensive: when traffic is bursty they sit idle and you still pay for them.")
    assert overall(asks_for_two, SERVING, two) >= 4.0
    assert overall(asks_for_two, SERVING, "Transformers use attention over tokens, a big step for NLP.") <= 1.0


def test_two_points_of_eight_earn_full_verdict_credit_only_when_the_question_asks_for_two():
    items = [ItemVerdict(Kind.KEY_POINT, f"challenge {n}", Verdict.COVERED if n < 2 else Verdict.MISSED)
             for n in range(8)]
    asked_two = model_answer_full_credit_share("Name two challenges of serving an LLM.", len(items))
    unsaid = model_answer_full_credit_share("What makes serving an LLM hard?", len(items))
    assert float(score(items, Clarity.CLEAR, full_credit_share=asked_two).overall) == 5.0
    assert float(score(items, Clarity.CLEAR, full_credit_share=unsaid).overall) == 2.5
    # the word share is full from a quarter as much of the model answer's words
    assert float(score([], Clarity.CLEAR, full_credit_share=asked_two,
                       reference_match=REFERENCE_MATCH_FULL_CREDIT / 2).overall) == 5.0
    assert float(score([], Clarity.CLEAR, full_credit_share=unsaid,
                       reference_match=REFERENCE_MATCH_FULL_CREDIT / 2).overall) == 2.5


def test_the_full_credit_share_follows_the_count_but_never_rises_above_half_or_falls_below_a_tenth():
    assert model_answer_full_credit_share("Name two challenges.", 8) == pytest.approx(0.25)
    assert model_answer_full_credit_share("Name two challenges.", 2) == MODEL_ANSWER_FULL_CREDIT_SHARE
    assert model_answer_full_credit_share("Name one challenge.", 30) == pytest.approx(0.1)
    assert model_answer_full_credit_share("What is a KV cache?", 8) == MODEL_ANSWER_FULL_CREDIT_SHARE


JOIN_QUESTION = "This report uses a LEFT JOIN but loses the rows with no match. Why, and how do you fix it?"
JOIN_RUBRIC = [
    RubricPoint(Kind.KEY_POINT, "Explains that a LEFT JOIN keeps every left row, with NULLs in the right-hand columns"),
    RubricPoint(Kind.KEY_POINT, "Explains that a WHERE filter on a right-hand column drops the NULL rows"),
    RubricPoint(Kind.KEY_POINT, "Moves the filter on the right-hand table into the ON clause"),
    RubricPoint(Kind.KEY_POINT, "Counts a right-hand column, not every row, so unmatched rows count zero"),
    RubricPoint(Kind.TRADE_OFF, "Filtering in ON keeps every left row; filtering in WHERE is right when you want "
                                "matches only"),
]


def test_a_sentence_in_the_topics_words_does_not_state_every_point_it_shares_words_with():
    """`offline-9`: a sentence found to state more than three items keeps the three it states best; the others drop
    a step. The wrong answer's first sentence shares words with every item of the join rubric."""
    wrong = GradingRequest(question=JOIN_QUESTION, rubric=JOIN_RUBRIC, answer=(
        "A LEFT JOIN only returns rows that match in both tables, that's why the rows with no match are missing: "
        "switch it to a RIGHT JOIN, or add OR passed IS NULL to the WHERE, and keep COUNT(*) since it counts the "
        "rows."))
    output = OfflineGrader().grade(wrong)
    stated = [item for item in output.items if item.verdict == Verdict.COVERED]
    assert len(stated) <= 3
    assert any(item.note == "its sentence states other points better" for item in output.items)
    assert "outright, in a sentence of its own:" in output.feedback


def test_one_dense_sentence_that_states_four_points_outright_keeps_them_all():
    """A review's case: one sentence making all four points of an index question scored 4 under the first offline-9,
    and two sentences of two points each did too (a passage of both sentences was counted against each)."""
    rubric = [RubricPoint(Kind.KEY_POINT, "An index lets the database find rows by key in logarithmic time instead of "
                                          "scanning the whole table."),
              RubricPoint(Kind.TRADE_OFF, "Every insert, update and delete must also update the index, which slows "
                                          "writes."),
              RubricPoint(Kind.TRADE_OFF, "The index takes extra disk space and memory."),
              RubricPoint(Kind.FAILURE_MODE, "A query that wraps the column in a function cannot use the index.")]
    question = "How does a B-tree index speed up queries, and what does it cost?"
    for answer in (
        "An index finds a row by its key in log time instead of a full scan of the table, but writes such as inserts, "
        "updates and deletes must maintain the index too and get slower, it needs extra disk space and memory, and "
        "wrapping the column in a function in the query stops the index being used.",
        "An index finds a row by its key in log time instead of a full scan of the table, and the index needs extra "
        "disk space and memory. Inserts, updates and deletes must maintain it too, so writes get slower, and wrapping "
        "the column in a function in the query stops it being used.",
    ):
        output = OfflineGrader().grade(GradingRequest(question=question, rubric=rubric, answer=answer))
        assert score_output(output).overall == 5, output.items


def test_points_made_in_sentences_of_their_own_all_count():
    right = GradingRequest(question=JOIN_QUESTION, rubric=JOIN_RUBRIC, answer=(
        "A LEFT JOIN returns all rows of the left table and pads the missing right side with NULLs. The WHERE "
        "condition on a right-hand column then throws those padded rows away, since NULL never compares true. Put "
        "that condition in the ON clause instead. And count a right-hand column, COUNT(r.id) rather than COUNT(*), "
        "so a question with no match shows zero. Keep the condition in WHERE only if you really want matched rows "
        "alone."))
    output = OfflineGrader().grade(right)
    assert all(item.verdict == Verdict.COVERED for item in output.items)
    assert score_output(output).overall == 5
