"""The accuracy page shows stored figures; these tests keep them honest."""

import copy
import json

import pytest
from django.core.management import CommandError, call_command

from practice.accuracy import (
    MEASURED_DATASETS,
    REGENERATE_COMMAND,
    REPORT_PATH,
    report_differences,
)

# The measurement grades every measured set (about a minute on two busy cores): its tests share one xdist worker
pytestmark = pytest.mark.xdist_group("offline_grader_measurement")


@pytest.fixture
def fresh(offline_grader_measurement):
    return copy.deepcopy(offline_grader_measurement)


def test_the_stored_report_matches_a_fresh_run_of_the_current_grader(fresh):
    stored = json.loads(REPORT_PATH.read_text(encoding="utf-8"))
    differences = report_differences(stored, fresh)
    assert not differences, f"Run `{REGENERATE_COMMAND}` and commit {REPORT_PATH}: " + "; ".join(differences)
    assert [dataset["key"] for dataset in stored["datasets"]] == [dataset["key"] for dataset in MEASURED_DATASETS]


def test_a_change_beyond_rounding_is_reported(fresh):
    stale = copy.deepcopy(fresh)
    stale["datasets"][0]["mae"] += 0.01
    stale["datasets"][1].pop("qwk")
    stale["prompt_version"] = "an-older-prompt"
    differences = report_differences(stale, fresh)
    assert len(differences) == 3
    assert any("saf_dev mae" in difference for difference in differences)
    assert report_differences(copy.deepcopy(fresh), fresh) == []


def test_the_command_writes_a_report_and_its_check_refuses_a_stale_one(tmp_path, fresh, monkeypatch):
    # The measuring is the first test's; here the command's writing and checking, without grading the sets again.
    monkeypatch.setattr("practice.management.commands.grader_report.measure_offline_grader",
                        lambda: copy.deepcopy(fresh))
    target = tmp_path / "measured.json"
    call_command("grader_report", output=target)
    assert report_differences(json.loads(target.read_text(encoding="utf-8")), fresh) == []

    stale = json.loads(target.read_text(encoding="utf-8"))
    stale["datasets"][0]["pearson"] += 0.1
    target.write_text(json.dumps(stale), encoding="utf-8")
    with pytest.raises(CommandError, match="out of date"):
        call_command("grader_report", "--check", output=target)
