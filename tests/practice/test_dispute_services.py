from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from practice.models import GradeDispute, HumanGrade
from practice.services import grade_dispute_file
from practice.staff.services import grade_dispute_resolve, human_grade_set
from tests.factories import GradeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_owner_files_a_dispute_with_the_reason_tidied():
    grade = GradeFactory()
    dispute = grade_dispute_file(grade=grade, user=grade.answer.user, reason="  I named both   operations.\n")
    assert (dispute.grade, dispute.reason, dispute.is_open) == (grade, "I named both operations.", True)


def test_it_refuses_someone_elses_grade():
    grade = GradeFactory()
    with pytest.raises(ValidationError, match="Only the person who wrote the answer"):
        grade_dispute_file(grade=grade, user=UserFactory(), reason="Mine is better.")
    assert not GradeDispute.objects.exists()


@pytest.mark.parametrize("reason,message", [
    ("   ", "Say in one sentence why"),
    ("x" * (GradeDispute.REASON_MAX_LENGTH + 1), "at most 300 characters"),
])
def test_it_refuses_an_empty_or_overlong_reason(reason, message):
    grade = GradeFactory()
    with pytest.raises(ValidationError, match=message):
        grade_dispute_file(grade=grade, user=grade.answer.user, reason=reason)
    assert not GradeDispute.objects.exists()


def test_a_grade_has_one_open_dispute_at_a_time():
    grade = GradeFactory()
    grade_dispute_file(grade=grade, user=grade.answer.user, reason="First.")
    with pytest.raises(ValidationError, match="already disputed"):
        grade_dispute_file(grade=grade, user=grade.answer.user, reason="Second.")
    assert GradeDispute.objects.count() == 1


def test_the_database_also_refuses_a_second_open_dispute():
    from django.db import IntegrityError, transaction

    grade = GradeFactory()
    GradeDispute.objects.create(grade=grade, reason="First.")
    with pytest.raises(IntegrityError), transaction.atomic():
        GradeDispute.objects.create(grade=grade, reason="Raced in.")


def test_resolving_records_the_decision_and_a_human_grade():
    grade = GradeFactory(overall="1.0")
    staff = UserFactory(is_staff=True)
    dispute = grade_dispute_file(grade=grade, user=grade.answer.user, reason="push and pop is the whole answer.")

    resolved = grade_dispute_resolve(dispute=dispute, staff_user=staff, score=Decimal("4.5"), note=" Correct. ")

    assert (resolved.resolved_by, resolved.staff_score, resolved.staff_note) == (staff, Decimal("4.5"), "Correct.")
    assert resolved.score_changed and not resolved.is_open
    human = HumanGrade.objects.get(answer=grade.answer)
    assert (human.score, human.note, human.graded_by) == (Decimal("4.5"), "Correct.", staff)
    grade.refresh_from_db()
    assert grade.overall == Decimal("1.0")  # the grade keeps the grader's score


def test_a_staff_score_equal_to_the_grade_is_no_change():
    grade = GradeFactory(overall="3.5")
    dispute = grade_dispute_file(grade=grade, user=grade.answer.user, reason="Too low.")
    resolved = grade_dispute_resolve(dispute=dispute, staff_user=UserFactory(is_staff=True), score=Decimal("3.5"))
    assert not resolved.score_changed


def test_a_dispute_is_resolved_once():
    grade = GradeFactory()
    dispute = grade_dispute_file(grade=grade, user=grade.answer.user, reason="Too low.")
    grade_dispute_resolve(dispute=dispute, staff_user=UserFactory(is_staff=True), score=Decimal("4"))
    with pytest.raises(ValidationError, match="already resolved"):
        grade_dispute_resolve(dispute=dispute, staff_user=UserFactory(is_staff=True), score=Decimal("1"))
    assert HumanGrade.objects.get().score == Decimal("4")


def test_staff_cannot_decide_a_dispute_on_their_own_answer():
    staff = UserFactory(is_staff=True)
    grade = GradeFactory(answer__user=staff)
    dispute = grade_dispute_file(grade=grade, user=staff, reason="Too low.")
    with pytest.raises(ValidationError, match="another staff member"):
        grade_dispute_resolve(dispute=dispute, staff_user=staff, score=Decimal("5"))
    dispute.refresh_from_db()
    assert dispute.is_open and not HumanGrade.objects.exists()


@pytest.mark.parametrize("score", ["5.5", "-0.5", "2.3"])
def test_a_score_off_the_half_point_scale_resolves_nothing(score):
    grade = GradeFactory()
    dispute = grade_dispute_file(grade=grade, user=grade.answer.user, reason="Too low.")
    with pytest.raises(ValidationError, match="from 0 to 5 in half points"):
        grade_dispute_resolve(dispute=dispute, staff_user=UserFactory(is_staff=True), score=Decimal(score))
    dispute.refresh_from_db()
    assert dispute.is_open and not HumanGrade.objects.exists()


def test_human_grade_set_corrects_an_earlier_human_grade():
    grade = GradeFactory()
    staff = UserFactory(is_staff=True)
    human_grade_set(answer=grade.answer, staff_user=staff, score=Decimal("2"))
    human_grade_set(answer=grade.answer, staff_user=staff, score=Decimal("2.5"))
    assert HumanGrade.objects.get().score == Decimal("2.5")
