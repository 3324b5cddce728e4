"""The ``ropa_check_run`` fixture for rule authors: records as a dict, YAML text or a path; extra plugins."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ropa_check import Problem, hookimpl, rule
from ropa_check.plugins import PluginError
from ropa_check.record import ActivityView
from ropa_check.testing import RopaCheckRun
from tests.helpers import COMPLIANT, RECORDS, apply_patch, check, compliant

NO_RETENTION = [{"op": "remove", "path": "/activities/1/retention"}]


@rule(
    code="TST001",
    name="activity-name-missing",
    severity="warning",
    scope="activity",
    summary="An activity has no name.",
    references=("GDPR Art. 30(1)(b)",),
    fix="Give the activity a `name`.",
)
def activity_name_missing(activity: ActivityView) -> Iterator[Problem]:
    """A pack under test, not installed: it exists only in this module."""
    if not activity.model.name:
        yield Problem(f"activity '{activity.id}' has no name")


class UninstalledPack:
    """A pack as a class, the way a pack author might write one before packaging it."""

    @hookimpl
    def ropa_check_rules(self) -> list[Any]:
        return [activity_name_missing]


def codes(result: Any) -> list[str]:
    return [f.code for f in result.findings]


def test_a_dict_is_written_and_checked(ropa_check_run: RopaCheckRun) -> None:
    assert codes(ropa_check_run(compliant(), select=["RPA4"])) == []
    result = ropa_check_run(apply_patch(compliant(), NO_RETENTION), select=["RPA4"])
    assert codes(result) == ["RPA401"]
    (finding,) = result.findings
    assert finding.json_path == "$.activities[1].data_categories[0]"
    assert finding.activity == compliant()["activities"][1]["id"]
    assert Path(finding.file).read_text(encoding="utf-8").startswith("ropa_format: 1")


def test_yaml_text_is_checked_with_positions(ropa_check_run: RopaCheckRun) -> None:
    text = COMPLIANT.read_text(encoding="utf-8")
    assert codes(ropa_check_run(text, select=["RPA4"])) == []
    result = ropa_check_run("organisation:\n  controller: {name: [\n", select=["RPA4"])
    assert result.input_failed
    (finding,) = result.findings
    assert (finding.code, finding.line) == ("RPA001", 3)


def test_a_path_is_checked_like_the_cli_does(ropa_check_run: RopaCheckRun, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    shutil.copytree(RECORDS, folder)
    result = ropa_check_run(folder, select=["RPA4"])
    expected = check(folder, rules=None)
    assert codes(result) == [f.code for f in expected.findings if f.code.startswith("RPA4")]
    assert codes(result)  # the real record has retention gaps


def test_an_uninstalled_pack_runs_as_an_extra_plugin(ropa_check_run: RopaCheckRun) -> None:
    nameless = apply_patch(compliant(), [{"op": "remove", "path": "/activities/2/name"}])
    assert "TST001" not in codes(ropa_check_run(nameless))
    result = ropa_check_run(nameless, plugins=[UninstalledPack()], select=["TST"])
    (finding,) = result.findings
    assert (finding.code, finding.activity) == ("TST001", compliant()["activities"][2]["id"])
    assert finding.message == f"activity '{finding.activity}' has no name"


def test_rules_can_be_run_alone(ropa_check_run: RopaCheckRun) -> None:
    nameless = apply_patch(compliant(), [{"op": "remove", "path": "/activities/0/name"}, *NO_RETENTION])
    assert codes(ropa_check_run(nameless, rules=[activity_name_missing])) == ["TST001"]


def test_a_misspelt_hook_fails_the_test_loudly(ropa_check_run: RopaCheckRun) -> None:
    class Misspelt:
        @hookimpl
        def ropa_check_rule(self) -> list[Any]:
            return [activity_name_missing]

    with pytest.raises(PluginError, match="ropa_check_rule"):
        ropa_check_run(compliant(), plugins=[Misspelt()])


def test_a_record_of_another_type_is_refused(ropa_check_run: RopaCheckRun) -> None:
    with pytest.raises(TypeError, match="dict, YAML text or a Path"):
        ropa_check_run(["not", "a", "record"])  # type: ignore[arg-type]


class TestOverridingThePluginsFixture:
    @pytest.fixture
    def ropa_check_plugins(self) -> list[object]:
        return [UninstalledPack()]

    def test_every_run_in_scope_gets_the_pack(self, ropa_check_run: RopaCheckRun) -> None:
        nameless = apply_patch(compliant(), [{"op": "remove", "path": "/activities/0/name"}])
        assert codes(ropa_check_run(nameless, select=["TST"])) == ["TST001"]


def test_the_fixture_comes_with_the_installed_plugin(pytester: pytest.Pytester) -> None:
    # A project that only has ropa-check installed: no conftest, no pytest_plugins line.
    pytester.makepyfile(
        test_pack="""
        def test_run(ropa_check_run):
            result = ropa_check_run("organisation: {controller: {email: dpo@example.se}}\\n", select=["RPA101"])
            assert [f.code for f in result.findings] == ["RPA101"]
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)
