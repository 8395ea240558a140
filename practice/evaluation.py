"""Measuring a grader against human reference scores (`manage.py eval_grader`). Touches no candidate data."""

import json
import math
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from .grading.errors import UngradableAnswerError
from .grading.scoring import score_output
from .grading.types import GradingRequest, Kind, RubricPoint

RUBRIC_KEYS = {"key_points": Kind.KEY_POINT, "trade_offs": Kind.TRADE_OFF, "failure_modes": Kind.FAILURE_MODE}


@dataclass(frozen=True)
class EvalItem:
    id: str
    request: GradingRequest
    reference: float
    category: str
    adversarial: bool


class DatasetError(ValueError):
    pass


def load_dataset(path: Path) -> list[EvalItem]:
    """Read the JSONL dataset; every bad line is reported with its number, and any bad line stops the run."""
    items, errors = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rubric = row.get("rubric") or {}
            points = [RubricPoint(kind, text) for key, kind in RUBRIC_KEYS.items() for text in rubric.get(key) or []]
            if not points and not (row.get("model_answer") or "").strip():
                raise DatasetError("needs a rubric or a model_answer")
            reference = float(row["reference_score"])
            if not 0 <= reference <= 5:
                raise DatasetError(f"reference_score {reference} is outside 0-5")
            items.append(EvalItem(
                id=str(row["id"]),
                request=GradingRequest(question=row["question"], rubric=points, answer=row.get("answer") or "",
                                       model_answer=row.get("model_answer") or ""),
                reference=reference,
                category=row.get("category") or "uncategorised",
                adversarial=row.get("kind") == "adversarial",
            ))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            detail = f"missing field {error}" if isinstance(error, KeyError) else str(error)
            errors.append(f"line {number}: {detail}")
    if errors:
        raise DatasetError("; ".join(errors))
    if not items:
        raise DatasetError(f"{path} holds no items")
    return items


def whole_point(value: float) -> int:
    return int(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def quadratic_weighted_kappa(a: list[int], b: list[int], low: int = 0, high: int = 5) -> float | None:
    """None when undefined: fewer than 2 pairs, or one side gives every answer the same score (kappa is then 0 or
    0/0 whatever the other side says, which would read as measured disagreement or agreement)."""
    if len(a) < 2 or len(set(a)) < 2 or len(set(b)) < 2:
        return None
    n = high - low + 1
    observed = [[0.0] * n for _ in range(n)]
    for x, y in zip(a, b):
        observed[x - low][y - low] += 1
    hist_a = [sum(row) for row in observed]
    hist_b = [sum(observed[i][j] for i in range(n)) for j in range(n)]
    total = len(a)
    numerator = denominator = 0.0
    for i in range(n):
        for j in range(n):
            weight = (i - j) ** 2 / (n - 1) ** 2
            numerator += weight * observed[i][j]
            denominator += weight * hist_a[i] * hist_b[j] / total
    return 1.0 - numerator / denominator if denominator else None


def pearson(a: list[float], b: list[float]) -> float | None:
    """None when undefined: fewer than 2 pairs, or one side's scores are all the same (no variance)."""
    if len(a) < 2:
        return None
    mean_a, mean_b = sum(a) / len(a), sum(b) / len(b)
    cov = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b))
    var_a = sum((x - mean_a) ** 2 for x in a)
    var_b = sum((y - mean_b) ** 2 for y in b)
    return cov / math.sqrt(var_a * var_b) if var_a and var_b else None


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def agreement(predicted: list[float], reference: list[float]) -> dict:
    """QWK and Pearson r are None where they cannot be computed (see those functions); pages show "n/a"."""
    p_whole, r_whole = [whole_point(x) for x in predicted], [whole_point(x) for x in reference]
    n = len(predicted)
    return {
        "n": n,
        "qwk": _rounded(quadratic_weighted_kappa(p_whole, r_whole)),
        "pearson": _rounded(pearson(predicted, reference)),
        "mae": round(sum(abs(p - r) for p, r in zip(predicted, reference)) / n, 3),
        "exact": round(sum(p == r for p, r in zip(p_whole, r_whole)) / n, 3),
        "within_one": round(sum(abs(p - r) <= 1 for p, r in zip(p_whole, r_whole)) / n, 3),
    }


def grade_all(items: list[EvalItem], grader, *, workers: int = 1) -> list[float]:
    """An answer the grader cannot judge (the offline grader and an answer in another language) counts as 0: the
    candidate gets no grade, and no credit."""
    def overall(item: EvalItem) -> float:
        try:
            output = grader.grade(item.request)
        except UngradableAnswerError:
            return 0.0
        return float(score_output(output).overall)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(overall, items))


def evaluate(items: list[EvalItem], predicted: list[float]) -> dict:
    reference = [item.reference for item in items]
    report = agreement(predicted, reference)
    by_category = defaultdict(list)
    for item, p in zip(items, predicted):
        by_category[item.category].append((p, item.reference))
    report["per_category"] = {
        category: agreement([p for p, _ in pairs], [r for _, r in pairs])
        for category, pairs in sorted(by_category.items())
    }
    inflation = [p - item.reference for item, p in zip(items, predicted) if item.adversarial]
    report["adversarial"] = {
        "n": len(inflation),
        "mean_inflation": round(sum(inflation) / len(inflation), 3) if inflation else 0.0,
        "max_inflation": round(max(inflation), 3) if inflation else 0.0,
    }
    return report
