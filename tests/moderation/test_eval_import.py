"""`manage.py eval_import`: the matching rule, the figures on a small dataset built here, and the floors the
reader holds on the real posts in tests/data: import_dev, import_extra and the held-out sets 1-7 and 9-11 (all tuned
on by now, import_heldout11's tuning half last, in round 11, after the set was measured unseen), and how few questions
it reads from the look-alikes of import_heldout8 (no report in it; never tuned on)."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from moderation.evaluation import MATCH_THRESHOLD, load, match, similarity
from moderation.extraction.rules import read
from tests.moderation import samples

DATA = Path(__file__).resolve().parents[1] / "data"
DEV_SET = DATA / "import_dev"
EXTRA_SET = DATA / "import_extra"
HELDOUT_SET = DATA / "import_heldout"
HELDOUT2_SET = DATA / "import_heldout2"
HELDOUT3_SET = DATA / "import_heldout3"
HELDOUT4_SET = DATA / "import_heldout4"
HELDOUT5_SET = DATA / "import_heldout5"
HELDOUT6_SET = DATA / "import_heldout6"
HELDOUT7_SET = DATA / "import_heldout7"
HELDOUT8_SET = DATA / "import_heldout8"
HELDOUT9_SET = DATA / "import_heldout9"
HELDOUT10_SET = DATA / "import_heldout10"
HELDOUT11_SET = DATA / "import_heldout11"
HELDOUT12_SET = DATA / "import_heldout12"  # 7 X posts, 4 questions: too few for a floor (its README)
HELDOUT13_SET = DATA / "import_heldout13"
HELDOUT14_SET = DATA / "import_heldout14"
HELDOUT15_SET = DATA / "import_heldout15"
HELDOUT16_SET = DATA / "import_heldout16"
HELDOUT17_SET = DATA / "import_heldout17"
HELDOUT18_SET = DATA / "import_heldout18"  # 4 real tweets, all look-alikes (its README: no report could be found)
HELDOUT19_SET = DATA / "import_heldout19"  # 29 Reddit posts, 1 report (6 questions) and 28 look-alikes
# Set a little below what the offline rules reach (docs/importing-questions.md has the figures); a change that makes
# the reader worse on real posts fails here. The dev and extra sets are tuning data, and so, since the third round,
# is import_heldout, and since the fourth round import_heldout2 (its misses were read to group them by kind; it had
# no floor before, at 0.18 / 0.11), since the fifth round import_heldout3 (0.50 / 0.54 before) and since the sixth
# import_heldout4 (0.41 / 0.22 before, measured unseen), since the seventh import_heldout5 (0.38 / 0.32 unseen) and
# import_heldout6 (1.00 / 0.17 unseen, 6 questions), since the eighth import_heldout7 (0.56 / 0.33 unseen), since the
# ninth the tuning half of import_heldout9 (Glassdoor and blog pages; 0.65 / 0.43 unseen, the whole set), since the
# tenth the tuning half of import_heldout10 (0.30 / 0.27 unseen), since the eleventh the tuning half of import_heldout11
# (Reddit posts from two dumps no earlier set used; 0.46 / 0.43 unseen, 30 questions), and since the fifteenth
# import_heldout13 (0.22 / 0.05 unseen) and import_heldout14 (0.44 / 0.39 unseen). import_heldout15 (0.42 / 0.17) was
# measured unseen, and read for round 14 (a listed question followed by the poster's answer). import_heldout16
# (r/cscareerquestions 2025-2026, 12 questions) was measured unseen at 0.57 / 0.33, then read for round 16, and
# import_heldout17 (7 questions in 32 posts, mostly look-alikes) unseen at 0.00 / 0.00, then read for round 14.
# import_heldout19 (one report in 29 posts; the rest are look-alikes) was measured unseen at 0.25 / 0.17, with one
# look-alike read as a report, then read for round 15 (0.71 / 0.83).
# Dropping wrong extractions in round 7 left some heldout4 reports with none, so its classification recall fell to
# 0.60. The small sets move by about 0.03-0.17 per question, hence the margins.
FLOORS = {
    "all": {"questions": {"precision": 0.87, "recall": 0.76}, "classification": {"precision": 0.97, "recall": 0.95}},
    "check": {"questions": {"precision": 0.86, "recall": 0.75}, "classification": {"precision": 0.97, "recall": 0.95}},
}
EXTRA_FLOORS = {"questions": {"precision": 0.8, "recall": 0.58}, "classification": {"precision": 0.9, "recall": 0.9}}
HELDOUT_FLOORS = {"questions": {"precision": 0.88, "recall": 0.8}, "classification": {"precision": 0.95, "recall": 0.9}}
HELDOUT2_FLOORS = {"questions": {"precision": 0.74, "recall": 0.77},
                   "classification": {"precision": 0.85, "recall": 0.75}}
HELDOUT3_FLOORS = {"questions": {"precision": 0.6, "recall": 0.55},
                   "classification": {"precision": 0.75, "recall": 0.65}}
HELDOUT4_FLOORS = {"questions": {"precision": 0.55, "recall": 0.35},
                   "classification": {"precision": 0.6, "recall": 0.55}}
HELDOUT5_FLOORS = {"questions": {"precision": 0.72, "recall": 0.6},
                   "classification": {"precision": 0.6, "recall": 0.6}}
HELDOUT6_FLOORS = {"questions": {"precision": 0.75, "recall": 0.5},
                   "classification": {"precision": 0.9, "recall": 0.55}}
HELDOUT7_FLOORS = {"questions": {"precision": 0.6, "recall": 0.41},
                   "classification": {"precision": 0.85, "recall": 0.78}}
HELDOUT9_FLOORS = {"questions": {"precision": 0.68, "recall": 0.51},
                   "classification": {"precision": 0.8, "recall": 0.84}}
HELDOUT10_FLOORS = {"questions": {"precision": 0.36, "recall": 0.36},
                    "classification": {"precision": 0.7, "recall": 0.65}}
HELDOUT11_FLOORS = {"questions": {"precision": 0.5, "recall": 0.4},
                    "classification": {"precision": 0.6, "recall": 0.5}}
HELDOUT13_FLOORS = {"questions": {"precision": 0.32, "recall": 0.1},
                    "classification": {"precision": 0.65, "recall": 0.5}}
HELDOUT14_FLOORS = {"questions": {"precision": 0.48, "recall": 0.46},
                    "classification": {"precision": 0.8, "recall": 0.6}}
HELDOUT15_FLOORS = {"questions": {"precision": 0.52, "recall": 0.3},
                    "classification": {"precision": 0.65, "recall": 0.5}}
HELDOUT16_FLOORS = {"questions": {"precision": 0.65, "recall": 0.65},
                    "classification": {"precision": 0.75, "recall": 0.75}}
HELDOUT17_FLOORS = {"questions": {"precision": 0.3, "recall": 0.55},  # 7 questions: one moves recall by 0.14
                    "classification": {"precision": 0.3, "recall": 0.5}}
HELDOUT19_FLOORS = {"questions": {"precision": 0.6, "recall": 0.65},  # 6 questions, all in one post
                    "classification": {"precision": 0.95, "recall": 1.0}}


def test_the_same_question_in_another_form_matches_and_a_different_one_does_not():
    assert similarity("How would you evaluate a RAG pipeline?", "Explain how you would evaluate a RAG pipeline.") \
        >= MATCH_THRESHOLD
    assert similarity("Do you have experience with agentic AI?", "Have you got experience with agentic AI?") \
        >= MATCH_THRESHOLD
    assert similarity("Explain attention.", "How does attention differ from convolution in vision transformers?") \
        < MATCH_THRESHOLD
    assert similarity("Design a URL shortener.", "Design a rate limiter.") < MATCH_THRESHOLD


def test_plurals_match_their_singular_but_words_that_end_in_s_keep_it():
    assert similarity("Explain SQL queries.", "Explain an SQL query.") == 100
    assert similarity("Design the classes of a parking lot.", "Design a class of a parking lot.") == 100
    assert similarity("What is the status of a task?", "What is the statu of a task?") < 100


def test_matching_is_one_to_one_best_first():
    extracted = ["Explain KV caching.", "Explain KV caching in vLLM.", "Design a rate limiter."]
    expected = ["Explain KV caching.", "How would you design a rate limiter?"]
    assert [(i, j) for i, j, _ in match(extracted, expected)] == [(0, 0), (2, 1)]


def write_dataset(folder: Path) -> None:
    report = {**samples.REDDIT_POST, "id": "a1", "title": "Cohere onsite",
              "selftext": "They asked if I had shipped a reranker. Then the second round was about KV caching."}
    help_request = {**samples.REDDIT_POST, "id": "a2", "title": "Cohere interview next week",
                    "selftext": "I have an interview at Cohere next week. What should I expect?"}
    (folder / "reddit.json").write_bytes(samples.reddit_listing(report, help_request))
    key = [{"file": "reddit.json", "post_id": "a1", "reports_interview": True,
            "questions": ["Have you shipped a reranker?", "Explain KV caching.", "How does LoRA work?"]},
           {"file": "reddit.json", "post_id": "a2", "reports_interview": False, "questions": []}]
    (folder / "answer_key.jsonl").write_text("\n".join(json.dumps(line) for line in key))


def test_it_prints_precision_and_recall_of_questions_and_classification(tmp_path):
    write_dataset(tmp_path)
    out = StringIO()
    call_command("eval_import", dataset=tmp_path, stdout=out)
    assert ("All posts (2 posts): questions precision 1.00 recall 0.67 (2 matched of 2 extracted, 3 expected); "
            "classification precision 1.00 recall 1.00") in out.getvalue()


def test_json_output_has_every_half(tmp_path):
    write_dataset(tmp_path)
    out = StringIO()
    call_command("eval_import", dataset=tmp_path, json=True, stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["all"]["questions"] == {"precision": 1.0, "recall": 0.667, "matched": 2, "extracted": 2,
                                           "expected": 3}
    assert figures["tune"]["posts"] + figures["check"]["posts"] == 2


def test_a_folder_without_an_answer_key_is_refused(tmp_path):
    with pytest.raises(CommandError, match="has no answer_key.jsonl"):
        call_command("eval_import", dataset=tmp_path)


def test_an_answer_key_naming_a_missing_post_is_refused(tmp_path):
    write_dataset(tmp_path)
    with (tmp_path / "answer_key.jsonl").open("a") as key:
        key.write("\n" + json.dumps({"file": "reddit.json", "post_id": "nope", "reports_interview": False,
                                     "questions": []}))
    with pytest.raises(CommandError, match="reddit.json#nope"):
        call_command("eval_import", dataset=tmp_path)


def figures_of(dataset: Path) -> dict:
    out = StringIO()
    call_command("eval_import", dataset=dataset, json=True, stdout=out)
    return json.loads(out.getvalue())


def test_the_offline_reader_holds_its_floors_on_the_dev_set(settings):
    settings.OPENAI_API_KEY = ""
    figures = figures_of(DEV_SET)
    assert figures["all"]["posts"] >= 80
    for half, kinds in FLOORS.items():
        for kind, floors in kinds.items():
            for measure, floor in floors.items():
                assert figures[half][kind][measure] >= floor, (half, kind, measure, figures[half][kind])


@pytest.mark.parametrize("dataset,floors,posts", [(EXTRA_SET, EXTRA_FLOORS, 20), (HELDOUT_SET, HELDOUT_FLOORS, 30),
                                                  (HELDOUT2_SET, HELDOUT2_FLOORS, 30),
                                                  (HELDOUT3_SET, HELDOUT3_FLOORS, 40),
                                                  (HELDOUT4_SET, HELDOUT4_FLOORS, 40),
                                                  (HELDOUT5_SET, HELDOUT5_FLOORS, 40),
                                                  (HELDOUT6_SET, HELDOUT6_FLOORS, 35),
                                                  (HELDOUT7_SET, HELDOUT7_FLOORS, 31),
                                                  (HELDOUT9_SET, HELDOUT9_FLOORS, 34),
                                                  (HELDOUT10_SET, HELDOUT10_FLOORS, 36),
                                                  (HELDOUT11_SET, HELDOUT11_FLOORS, 32),
                                                  (HELDOUT13_SET, HELDOUT13_FLOORS, 40),
                                                  (HELDOUT14_SET, HELDOUT14_FLOORS, 40),
                                                  (HELDOUT15_SET, HELDOUT15_FLOORS, 39),
                                                  (HELDOUT16_SET, HELDOUT16_FLOORS, 29),
                                                  (HELDOUT17_SET, HELDOUT17_FLOORS, 32),
                                                  (HELDOUT19_SET, HELDOUT19_FLOORS, 29)],
                         ids=["extra", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6",
                              "heldout7", "heldout9", "heldout10", "heldout11", "heldout13", "heldout14", "heldout15",
                              "heldout16", "heldout17", "heldout19"])
def test_the_offline_reader_holds_its_floors_on_the_smaller_sets(settings, dataset, floors, posts):
    settings.OPENAI_API_KEY = ""
    figures = figures_of(dataset)
    assert figures["all"]["posts"] >= posts
    for kind, kind_floors in floors.items():
        for measure, floor in kind_floors.items():
            assert figures["all"][kind][measure] >= floor, (kind, measure, figures["all"][kind])


def test_the_offline_reader_reads_few_questions_from_posts_that_report_none(settings):
    """import_heldout8 holds 12 real look-alikes (requests for help, waiting posts, reports that withhold their
    questions): each question read from them would be a false one in the moderation queue. Rounds 6-8 read 2."""
    settings.OPENAI_API_KEY = ""
    figures = figures_of(HELDOUT8_SET)["all"]
    assert figures["posts"] >= 12 and figures["questions"]["expected"] == 0
    assert figures["questions"]["extracted"] <= 2
    assert figures["classification"]["extracted"] <= 2


def test_the_offline_reader_reads_no_question_from_tweets_that_only_look_like_reports(settings):
    """import_heldout18, built blind: a joke "Interviewer: ... Me: ..." dialogue, a pun, a hiring complaint and "I was
    asked today by a lead developer at IBM how ..." (a question to a tool's author). Measured unseen: none read."""
    settings.OPENAI_API_KEY = ""
    figures = figures_of(HELDOUT18_SET)["all"]
    assert figures["posts"] == 4 and figures["questions"]["expected"] == 0
    assert figures["questions"]["extracted"] == 0 and figures["classification"]["extracted"] == 0


def test_every_question_the_rules_read_from_a_real_post_keeps_its_span_of_that_post():
    spans = 0
    for dataset in (DEV_SET, EXTRA_SET, HELDOUT_SET, HELDOUT2_SET, HELDOUT3_SET, HELDOUT4_SET, HELDOUT5_SET,
                    HELDOUT6_SET, HELDOUT7_SET, HELDOUT8_SET, HELDOUT9_SET, HELDOUT10_SET, HELDOUT11_SET,
                    HELDOUT12_SET, HELDOUT13_SET, HELDOUT14_SET, HELDOUT15_SET, HELDOUT16_SET, HELDOUT17_SET,
                    HELDOUT19_SET):
        for _, post in load(dataset):
            for question in read(post).questions:
                assert question.evidence and post[question.start:question.end] == question.evidence, question
                spans += 1
    assert spans > 50
