import json
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from practice.evaluation import agreement, quadratic_weighted_kappa, whole_point

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden.jsonl"


def run_eval(*args) -> dict:
    from io import StringIO

    out = StringIO()
    call_command("eval_grader", *args, stdout=out)
    return json.loads(out.getvalue())


def test_qwk_is_one_for_perfect_agreement_and_negative_for_reversed_scores():
    assert quadratic_weighted_kappa([0, 1, 2, 3, 4, 5], [0, 1, 2, 3, 4, 5]) == 1.0
    assert quadratic_weighted_kappa([0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0]) < 0


def test_qwk_by_hand_on_a_small_table():
    # a=[0,0,1,1], b=[0,1,1,1] on the scale 0..1: observed off-diagonal weight 1 (one item), expected
    # 2*2*... -> numerator 1, denominator (hist_a=[2,2], hist_b=[1,3]): w01*2*3/4 + w10*2*1/4 = 1.5 + 0.5 = 2
    assert quadratic_weighted_kappa([0, 0, 1, 1], [0, 1, 1, 1], low=0, high=1) == pytest.approx(0.5)


@pytest.mark.parametrize("predicted, reference", [
    ([3.0], [4.0]),  # one pair
    ([0.0, 0.0], [1.0, 3.0]),  # the grader gave every answer the same score
    ([1.0, 4.0], [2.0, 2.0]),  # so did the humans
])
def test_qwk_and_pearson_are_none_when_they_cannot_be_computed(predicted, reference):
    figures = agreement(predicted, reference)
    assert figures["qwk"] is None and figures["pearson"] is None
    assert figures["n"] == len(predicted) and figures["mae"] is not None


def test_agreement_rounds_to_whole_points_half_up():
    assert whole_point(2.5) == 3 and whole_point(2.4) == 2
    figures = agreement([2.5, 4.0, 0.0], [3.0, 2.0, 0.5])
    # whole points: predicted [3, 4, 0] against reference [3, 2, 1] (0.5 rounds up to 1)
    assert figures["exact"] == round(1 / 3, 3)
    assert figures["within_one"] == round(2 / 3, 3)
    assert figures["mae"] == round((0.5 + 2.0 + 0.5) / 3, 3)


def test_golden_set_covers_every_category_the_full_range_and_attacks():
    rows = [json.loads(line) for line in GOLDEN.read_text().splitlines() if line.strip()]
    normal = [r for r in rows if r["kind"] == "normal"]
    adversarial = [r for r in rows if r["kind"] == "adversarial"]
    assert len(normal) >= 150 and len(adversarial) >= 30
    per_category = Counter(r["category"] for r in normal)
    assert set(per_category) == {"ml-fundamentals", "applied-ml", "llm-rag", "coding", "system-design", "behavioral"}
    assert {whole_point(r["reference_score"]) for r in normal} == {0, 1, 2, 3, 4, 5}
    assert all(r.get("why") for r in rows)


def test_offline_grader_figures_on_the_golden_set_stay_above_their_floors():
    """Regression floors, set a little below what the offline grader reaches (see README)."""
    report = run_eval("--dataset", str(GOLDEN), "--json")
    assert report["n"] >= 180
    assert report["qwk"] >= 0.75
    assert report["pearson"] >= 0.80
    assert report["mae"] <= 0.80
    assert report["within_one"] >= 0.85
    assert report["adversarial"]["n"] >= 30
    assert report["adversarial"]["mean_inflation"] <= 0
    assert report["adversarial"]["max_inflation"] <= 0.5
    assert set(report["per_category"]) >= {"ml-fundamentals", "applied-ml", "llm-rag", "coding", "system-design",
                                            "behavioral"}


# Blind held-out golden sets (tests/data/golden_heldout*.md): 120 answers each, written and graded by helpers who never
# saw the grader. Figures with offline-9 (docs/grading.md; the first set was read for offline-9's rule, the second
# only after it was chosen, the third was built after it): 0.717 / 0.701 / 0.988, 0.635 / 0.602 / 1.054, 0.687 /
# 0.676 / 1.012 (measured unseen with offline-8: 0.678 / 0.633 / 0.975 and 0.567 / 0.554 / 1.117). The fourth, built
# in a tenth session and measured once with offline-10: 0.668 / 0.628 / 1.10 (its reference scores use half points).
HELD_OUT_FLOORS = {
    "golden_heldout": {"pearson": 0.69, "qwk": 0.67, "mae": 1.02},
    "golden_heldout2": {"pearson": 0.61, "qwk": 0.57, "mae": 1.09},
    "golden_heldout3": {"pearson": 0.66, "qwk": 0.65, "mae": 1.05},
    "golden_heldout4": {"pearson": 0.64, "qwk": 0.6, "mae": 1.13},
}


@pytest.mark.xdist_group("offline_grader_measurement")
@pytest.mark.parametrize("key", list(HELD_OUT_FLOORS))
def test_offline_grader_figures_on_the_held_out_golden_sets_stay_above_their_floors(offline_grader_measurement, key):
    report = next(dataset for dataset in offline_grader_measurement["datasets"] if dataset["key"] == key)
    floors = HELD_OUT_FLOORS[key]
    assert report["n"] == 120
    assert report["pearson"] >= floors["pearson"] and report["qwk"] >= floors["qwk"]
    assert report["mae"] <= floors["mae"]


@pytest.mark.xdist_group("offline_grader_measurement")
def test_offline_grader_figures_on_the_public_human_graded_dev_set_stay_above_their_floors(
    offline_grader_measurement,
):
    """The SAF communication-networks set (tests/data/saf/README.md): answers and scores nobody here wrote. Floors a
    little below what the offline grader reaches (docs/grading.md: Pearson 0.427, QWK 0.428, MAE 0.991); the
    issue's aim for MAE (1.0) is just met, its aim for Pearson (0.5) is not."""
    report = next(dataset for dataset in offline_grader_measurement["datasets"]
                  if dataset["path"] == "tests/data/saf/saf_communication_networks_en.jsonl")
    assert report["n"] == 2858
    assert report["mae"] <= 1.02
    assert report["pearson"] >= 0.415
    assert report["qwk"] >= 0.415


def test_eval_grader_reports_each_bad_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "question": "q", "answer": "x", "reference_score": 3}\nnot json\n'
                   '{"id": "b", "question": "q", "model_answer": "m", "answer": "x", "reference_score": 9}\n')
    with pytest.raises(CommandError) as caught:
        call_command("eval_grader", "--dataset", str(bad))
    message = str(caught.value)
    assert "line 1: needs a rubric or a model_answer" in message
    assert "line 2:" in message and "line 3: reference_score 9.0 is outside 0-5" in message


def test_eval_grader_works_from_a_model_answer_alone(tmp_path):
    data = tmp_path / "model-only.jsonl"
    rows = [
        {"id": "1", "question": "Why normalise embeddings before cosine similarity?",
         "model_answer": "Normalising vectors to unit length makes the dot product equal cosine similarity. "
                         "It removes the effect of vector magnitude, so ranking depends on direction only.",
         "answer": "After scaling vectors to unit length the dot product equals cosine similarity, and the "
                   "magnitude of a vector no longer affects ranking, only its direction.",
         "reference_score": 5, "kind": "normal"},
        {"id": "2", "question": "Why normalise embeddings before cosine similarity?",
         "model_answer": "Normalising vectors to unit length makes the dot product equal cosine similarity.",
         "answer": "", "reference_score": 0, "kind": "adversarial"},
    ]
    data.write_text("\n".join(json.dumps(r) for r in rows))
    report = run_eval("--dataset", str(data), "--json")
    assert report["n"] == 2 and report["mae"] <= 1.5
    assert report["adversarial"] == {"n": 1, "mean_inflation": 0.0, "max_inflation": 0.0}
