from decimal import Decimal

from practice.grading.scoring import score
from practice.grading.types import Clarity, ItemVerdict, Kind, Verdict


def verdicts(*pairs):
    return [ItemVerdict(kind, f"item {i}", verdict) for i, (kind, verdict) in enumerate(pairs)]


def test_full_coverage_and_clear_scores_five():
    items = verdicts((Kind.KEY_POINT, Verdict.COVERED), (Kind.TRADE_OFF, Verdict.COVERED),
                     (Kind.FAILURE_MODE, Verdict.COVERED))
    assert score(items, Clarity.CLEAR).overall == Decimal("5.0")


def test_nothing_covered_scores_zero_however_clear():
    items = verdicts((Kind.KEY_POINT, Verdict.MISSED), (Kind.TRADE_OFF, Verdict.MISSED))
    assert score(items, Clarity.CLEAR).overall == Decimal("0.0")


def test_weighted_rule_by_hand():
    # key points: covered + partly = 0.75 -> 3.75; trade-offs: missed -> 0; failure modes: covered -> 5
    # content = 0.5*3.75 + 0.25*0 + 0.25*5 = 3.125; adequate clarity costs nothing -> nearest half point 3.0
    items = verdicts((Kind.KEY_POINT, Verdict.COVERED), (Kind.KEY_POINT, Verdict.PARTLY),
                     (Kind.TRADE_OFF, Verdict.MISSED), (Kind.FAILURE_MODE, Verdict.COVERED))
    scores = score(items, Clarity.ADEQUATE)
    assert (scores.key_points, scores.trade_offs, scores.failure_modes) == (Decimal("3.8"), Decimal("0.0"),
                                                                            Decimal("5.0"))
    assert scores.clarity == Decimal("3.0")
    assert scores.overall == Decimal("3.0")


def test_only_an_unclear_answer_loses_points_for_clarity():
    items = verdicts((Kind.KEY_POINT, Verdict.COVERED), (Kind.TRADE_OFF, Verdict.COVERED))
    assert score(items, Clarity.CLEAR).overall == score(items, Clarity.ADEQUATE).overall == Decimal("5.0")
    assert score(items, Clarity.UNCLEAR).overall == Decimal("4.0")


def test_absent_dimension_shares_out_its_weight():
    items = verdicts((Kind.KEY_POINT, Verdict.COVERED), (Kind.KEY_POINT, Verdict.MISSED))
    scores = score(items, Clarity.CLEAR)
    assert scores.trade_offs is None and scores.failure_modes is None
    assert scores.overall == Decimal("2.5")


def test_the_score_depends_on_the_verdicts_alone_not_on_item_wording_or_evidence():
    items = verdicts((Kind.KEY_POINT, Verdict.PARTLY), (Kind.TRADE_OFF, Verdict.COVERED))
    reworded = [ItemVerdict(i.kind, f"other wording {n}", i.verdict, evidence="quoted words", note="a note")
                for n, i in enumerate(items)]
    assert score(items, Clarity.ADEQUATE) == score(reworded, Clarity.ADEQUATE)
    assert score(items, Clarity.ADEQUATE) != score(verdicts((Kind.KEY_POINT, Verdict.MISSED),
                                                            (Kind.TRADE_OFF, Verdict.COVERED)), Clarity.ADEQUATE)


def test_overall_is_always_a_half_point_in_range():
    for clarity in Clarity:
        for verdict in Verdict:
            overall = score(verdicts((Kind.KEY_POINT, verdict), (Kind.TRADE_OFF, Verdict.PARTLY)), clarity).overall
            assert Decimal("0") <= overall <= Decimal("5") and (overall * 2) % 1 == 0
