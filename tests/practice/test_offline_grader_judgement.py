"""Issue 10: stories judged as stories, off-topic answers named, feedback in readable words, unsure verdicts marked."""

import re

from practice.grading.offline import OfflineGrader
from practice.grading.scoring import score, score_output
from practice.grading.types import GradingRequest, Kind, RubricPoint, Verdict

BIAS_QUESTION = "Tell me about a time you found bias or a privacy risk in an AI system you worked on. What did you do?"
BIAS_RUBRIC = [
    RubricPoint(Kind.KEY_POINT, "Gives a concrete situation rather than only stating principles"),
    RubricPoint(Kind.KEY_POINT, "Measures results separately for each group, slicing the eval set to detect bias"),
    RubricPoint(Kind.KEY_POINT, "States what changed as a result, such as a mitigation, a delayed launch or a new "
                                "check in the pipeline"),
    RubricPoint(Kind.TRADE_OFF, "Delaying the launch to close a fairness gap against pressure to ship"),
]
STORY = (
    "At my last company I built a CV screening assistant for a recruiting team of 12 people. In the second month I "
    "noticed that candidates from two universities were ranked 30% lower on average, because our training labels "
    "came from past hiring decisions. I stopped the rollout, wrote up the finding for the head of talent, and we "
    "re-labelled 2,000 CVs with a rubric that ignored school names. After the fix the ranking gap fell from 30% to "
    "4%, and the launch slipped by three weeks. I learned to audit labels before training."
)
PRINCIPLES = (
    "Bias matters a great deal in AI systems and teams should always take it seriously. Fairness should be a "
    "principle from the start, and privacy is a right that every product must respect. Good teams care about ethics "
    "and communicate openly about risks with everyone involved."
)
OFF_TOPIC = (
    "Kubernetes schedules containers onto nodes according to resource requests and limits, and a deployment keeps "
    "the desired number of replicas running. Rolling updates replace pods gradually so that the service stays "
    "available, and readiness probes stop traffic from reaching pods that are still starting up. Horizontal pod "
    "autoscaling adds replicas when CPU usage stays above a target."
)


def grade(answer, *, question=BIAS_QUESTION, rubric=BIAS_RUBRIC, model_answer=""):
    return OfflineGrader().grade(GradingRequest(question=question, rubric=rubric, answer=answer,
                                                model_answer=model_answer))


def verdict_of(output, text_start):
    return next(item for item in output.items if item.text.startswith(text_start))


def test_a_concrete_story_with_numbers_is_judged_on_its_structure_not_on_the_rubric_words():
    story, principles = grade(STORY), grade(PRINCIPLES)

    assert verdict_of(story, "Gives a concrete situation").verdict == Verdict.COVERED
    assert verdict_of(story, "States what changed").verdict == Verdict.COVERED
    assert verdict_of(principles, "Gives a concrete situation").verdict == Verdict.MISSED
    assert score(story.items, story.clarity).overall > score(principles.items, principles.clarity).overall


def test_a_fluent_answer_to_another_question_is_called_off_topic_and_not_rated_clear():
    output = grade(OFF_TOPIC)

    assert "off_topic" in output.flags
    assert output.clarity != "clear"
    assert output.feedback.startswith("This answer does not seem to address the question asked")
    assert "off_topic" not in grade(STORY).flags and "off_topic" not in grade(PRINCIPLES).flags


def test_feedback_names_missing_ideas_in_the_rubric_words_and_never_in_stems():
    output = grade("I would monitor things and fix problems when they turn up in the apps over time, plus more.")
    rubric_words = {w.lower() for point in BIAS_RUBRIC for w in re.findall(r"[A-Za-z]+", point.text)}
    feedback_words = {w.lower() for w in re.findall(r"[A-Za-z]+", output.feedback)}
    stems_only = {"measur", "situat", "mitig", "pipelin", "delai"}

    assert not feedback_words & stems_only
    assert any(point.text in output.feedback for point in BIAS_RUBRIC)
    assert "still missing:" not in output.feedback
    assert all(item.note == "" or " " in item.note for item in output.items)
    assert feedback_words & rubric_words


def test_a_zero_score_names_the_main_idea_once_instead_of_listing_the_rubric_twice():
    output = grade("Honestly I have not been in that position yet, but I would ask my manager what to do about it.",
                   rubric=BIAS_RUBRIC[1:])

    assert all(item.verdict == Verdict.MISSED for item in output.items)
    assert sum(output.feedback.count(point.text) for point in BIAS_RUBRIC[1:]) == 1


def test_verdicts_where_words_and_meaning_disagree_are_marked_unsure():
    question = "What does the KV cache store during generation?"
    model_answer = ("The keys and values of the attention layers for tokens already processed, so they are not "
                    "recomputed at every step.")
    agreed = grade("push and pop", question="Which two operations define a stack?", rubric=[],
                   model_answer="push and pop")
    paraphrased = grade("It keeps the attention K and V tensors of earlier tokens so each new token only computes "
                        "its own.", question=question, rubric=[], model_answer=model_answer)

    assert not agreed.items[0].unsure
    assert any(item.unsure for item in paraphrased.items)
    assert all(0 <= item.confidence <= 1 for item in paraphrased.items)


def test_a_section_heading_counts_with_the_paragraph_under_it():
    rubric = [RubricPoint(Kind.FAILURE_MODE, "Lists known failures or limitations honestly")]
    readme = ("# Invoice extractor\n\n## Known failures\n\nIt fails on scanned PDFs without a text layer, and "
              "totals in foreign currencies are sometimes read as the net amount.\n")

    output = grade(readme, question="Write the README for your take-home.", rubric=rubric)

    assert output.items[0].verdict == Verdict.COVERED
    assert "Known failures" in output.items[0].evidence


RETRIEVAL_RUBRIC = [
    RubricPoint(Kind.KEY_POINT, "Keeps the document embeddings in memory so repeated queries stay fast"),
]


def test_a_point_made_in_near_synonyms_earns_part_of_its_credit_and_a_wrong_point_in_the_same_words_none():
    question = "How would you speed up retrieval?"
    synonyms = grade("We hold the vectors in RAM, so a repeated lookup is quick and never waits on the disk.",
                     question=question, rubric=RETRIEVAL_RUBRIC)
    wrong = grade("We store the vectors on disk and read them again for every lookup, which is slow.",
                  question=question, rubric=RETRIEVAL_RUBRIC)

    assert synonyms.items[0].verdict == Verdict.PARTLY
    assert "RAM" in synonyms.items[0].evidence
    assert wrong.items[0].verdict == Verdict.MISSED


LATENCY_REFERENCE = (
    "Stream tokens to the client as they are generated so the first words arrive early. Cache the responses or "
    "prompt prefixes that repeat. Route easy requests to a smaller, faster model and keep the large one for hard cases."
)
TERMS = "- streaming tokens\n- prefix caching\n- smaller model routing"


def test_terms_answer_a_question_that_asks_for_a_list_but_not_one_that_asks_why():
    listed = grade(TERMS, question="Name three ways to cut the latency of an LLM endpoint that serves chat traffic.",
                   rubric=[], model_answer=LATENCY_REFERENCE)
    why = grade(TERMS, question="Why does an LLM endpoint that serves chat traffic feel slow to users?", rubric=[],
                model_answer=LATENCY_REFERENCE)
    unrelated = grade("- GPUs\n- Kubernetes\n- monitoring", rubric=[], model_answer=LATENCY_REFERENCE,
                      question="Name three ways to cut the latency of an LLM endpoint that serves chat traffic.")

    assert float(score_output(listed).overall) >= 4.0
    assert listed.clarity.value == "adequate" and "no_prose" not in listed.flags
    assert "no_prose" in why.flags and all(item.verdict == Verdict.MISSED for item in why.items)
    assert all(item.verdict == Verdict.MISSED for item in unrelated.items)


def test_feedback_points_to_the_verdicts_for_the_missing_ideas_it_does_not_name():
    rubric = [RubricPoint(Kind.KEY_POINT, f"Names the {word} stage of the pipeline") for word in
              ("ingestion", "chunking", "embedding", "retrieval", "reranking")]
    output = grade("I would first do ingestion of the documents, which is simple.", question="Walk through a RAG "
                   "pipeline.", rubric=rubric)

    assert output.feedback.count("Missing key point") == 3
    assert "…and 1 more, in the verdicts on this page." in output.feedback  # the verdicts sit above the feedback


def test_a_paragraph_pasted_over_and_over_is_read_once_and_called_unclear():
    once = grade(STORY)
    padded = grade("\n\n".join([STORY] * 20))

    assert "repetition" in padded.flags and "repetition" not in once.flags
    assert padded.clarity == "unclear" and once.clarity != "unclear"
    assert "repeats itself" in padded.feedback
    assert score_output(padded).overall < score_output(once).overall
