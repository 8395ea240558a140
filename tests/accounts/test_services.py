from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from accounts.services import answer_texts_purge, user_email_set
from config.celery import app as celery_app
from practice.models import Answer, Grade
from tests.factories import AnswerFactory, GradeFactory, UserFactory

pytestmark = pytest.mark.usefixtures("fast_password_hashing")


def graded(days_ago: int) -> Grade:
    grade = GradeFactory(items=[{"kind": "key_point", "text": "Stores keys and values", "verdict": "covered",
                                 "evidence": "keeps keys and values", "note": "Good."}])
    Answer.objects.filter(pk=grade.answer_id).update(submitted_at=timezone.now() - timedelta(days=days_ago))
    return grade


def test_purging_blanks_old_graded_texts_and_their_quotes_but_keeps_scores(db):
    old, recent = graded(days_ago=31), graded(days_ago=29)
    waiting = AnswerFactory(status=Answer.Status.QUEUED)
    Answer.objects.filter(pk=waiting.pk).update(submitted_at=timezone.now() - timedelta(days=90))

    assert answer_texts_purge(older_than_days=30) == 1

    old.refresh_from_db()
    old.answer.refresh_from_db()
    assert old.answer.text == "" and str(old.overall) == "3.5" and old.items[0]["verdict"] == "covered"
    assert old.items == [{"kind": "key_point", "text": "Stores keys and values", "verdict": "covered",
                          "evidence": "", "note": "Good."}]
    assert Answer.objects.get(pk=recent.answer_id).text == recent.answer.text
    assert Grade.objects.get(pk=recent.pk).items[0]["evidence"] == "keeps keys and values"
    assert Answer.objects.get(pk=waiting.pk).text == waiting.text  # it may still be graded


def test_purging_again_touches_nothing_new(db):
    graded(days_ago=40)
    assert answer_texts_purge(older_than_days=30) == 1
    assert answer_texts_purge(older_than_days=30) == 0


def test_zero_days_keeps_every_text(db):
    grade = graded(days_ago=4000)
    assert answer_texts_purge(older_than_days=0) == 0
    assert Answer.objects.get(pk=grade.answer_id).text == grade.answer.text


def test_the_command_uses_the_setting_and_says_what_it_did(db, settings, capsys):
    graded(days_ago=10)
    graded(days_ago=12)
    settings.ANSWER_RETENTION_DAYS = 0
    call_command("purge_old_answer_texts")
    assert "answer texts are kept forever" in capsys.readouterr().out

    settings.ANSWER_RETENTION_DAYS = 7
    call_command("purge_old_answer_texts")
    assert "Blanked 2 answer texts older than 7 days; their scores are kept." in capsys.readouterr().out
    assert not Answer.objects.exclude(text="").exists()


def test_the_command_takes_a_days_override(db, settings, capsys):
    settings.ANSWER_RETENTION_DAYS = 0
    graded(days_ago=10)
    call_command("purge_old_answer_texts", "--days", "30")
    assert "Blanked 0 answer texts older than 30 days" in capsys.readouterr().out


def test_beat_runs_the_purge_daily_beside_the_sweep():
    schedule = {entry["task"]: entry["schedule"] for entry in celery_app.conf.beat_schedule.values()}
    assert "practice.tasks.sweep_stale_answers" in schedule
    assert schedule["accounts.tasks.purge_old_answer_texts"] == 24 * 60 * 60


def test_setting_the_email_saves_only_the_address_normalised_as_at_sign_up(db):
    user = UserFactory(first_name="Ada", email="ada@exmaple.com")
    get_user_model().objects.filter(pk=user.pk).update(first_name="Changed elsewhere")

    user_email_set(user=user, email="Ada@EXAMPLE.com")

    user.refresh_from_db()
    assert (user.email, user.first_name) == ("Ada@example.com", "Changed elsewhere")


def test_setting_an_invalid_email_saves_nothing(db):
    user = UserFactory(email="ada@example.com")

    with pytest.raises(ValidationError):
        user_email_set(user=user, email="not-an-address")

    user.refresh_from_db()
    assert user.email == "ada@example.com"


def test_a_reset_link_sent_to_the_old_address_stops_working(db):
    user = UserFactory(email="ada@exmaple.com")
    token = default_token_generator.make_token(user)

    user_email_set(user=user, email="ada@example.com")

    assert not default_token_generator.check_token(get_user_model().objects.get(pk=user.pk), token)
