"""A Celery worker loads the offline grader's embedding model when it starts, not on the first answer it grades."""

import sys
import types
from unittest import mock

from celery.signals import worker_process_init

from config.celery import warm_up_grader

SEMANTIC = "practice.grading.semantic"


def test_a_starting_worker_process_warms_the_semantic_grader_up():
    semantic = types.ModuleType(SEMANTIC)
    semantic.warm_up = mock.Mock()
    with mock.patch.dict(sys.modules, {SEMANTIC: semantic}):
        worker_process_init.send(sender=None)

    semantic.warm_up.assert_called_once_with()


def test_a_grader_without_a_warm_up_lets_the_worker_start():
    with mock.patch.dict(sys.modules, {SEMANTIC: types.ModuleType(SEMANTIC)}):
        assert warm_up_grader() is None
