"""A Celery worker loads the offline grader's embedding model when it starts, not on the first answer it grades."""

from unittest import mock

from celery.signals import worker_process_init


def test_a_starting_worker_process_warms_the_semantic_grader_up():
    with mock.patch("practice.grading.semantic.warm_up") as warm_up:
        worker_process_init.send(sender=None)

    warm_up.assert_called_once_with()
