"""The pytest plugin, run for real with ``pytester`` in throwaway projects holding a two-file record.

The plugin is the installed ``pytest11`` entry point, exactly as another project would get it. The rules are
narrowed with ``ropa_check_select`` so these tests say what the plugin does, not what today's rule set finds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import apply_patch, compliant

# Processor activities (Art. 30(2)) are processing activities too, and items like the controller's.
ACTIVITY_KEYS = ("activities", "processor_activities")
ACTIVITIES = [a["id"] for key in ACTIVITY_KEYS for a in compliant().get(key) or ()]
# Removing an activity's retention makes RPA401 fire on its first data category (tests/rules/cases/RPA401.yaml).
NO_RETENTION = [{"op": "remove", "path": "/activities/1/retention"}]
FAILING = ACTIVITIES[1]
SELECT = "ropa_check_select = RPA4\n"


def make_record(root: Path, patch: Sequence[dict[str, Any]] = (), folder: str = "records") -> Path:
    """The compliant example, edited, split into an organisation file and an activities file."""
    data = apply_patch(compliant(), list(patch))
    record = root / folder
    record.mkdir(parents=True)
    rest = {k: v for k, v in data.items() if k not in ACTIVITY_KEYS}
    activities = {k: v for k, v in data.items() if k in ACTIVITY_KEYS}
    for name, part in (("organisation.yaml", rest), ("activities.yaml", activities)):
        (record / name).write_text(yaml.safe_dump(part, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return record


def line_of(path: Path, pattern: str) -> int:
    """1-based number of the first line matching ``pattern``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.search(pattern, line):
            return number
    raise AssertionError(f"{pattern!r} not in {path}")


def ropa_nodeids(result: pytest.RunResult) -> list[str]:
    return sorted(line for line in result.outlines if re.match(r"^\S+\.(yaml|yml|json)::", line))


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project with a record whose second activity has no retention, one ordinary test and the rules narrowed."""
    make_record(pytester.path, NO_RETENTION)
    pytester.makepyfile(test_ordinary="def test_ordinary():\n    assert True\n")
    pytester.makeini(f"[pytest]\n{SELECT}")
    return pytester


def test_installing_changes_nothing_without_opting_in(project: pytest.Pytester) -> None:
    collected = project.runpytest("--collect-only", "-q")
    assert ropa_nodeids(collected) == []
    assert "test_ordinary.py::test_ordinary" in collected.stdout.str()
    result = project.runpytest()
    result.assert_outcomes(passed=1)


def test_the_flag_makes_each_activity_an_item_and_fails_the_one_with_findings(project: pytest.Pytester) -> None:
    collected = project.runpytest("--ropa-check", "--collect-only", "-q")
    expected = sorted(
        [f"records/activities.yaml::{a}" for a in ACTIVITIES] + ["records/organisation.yaml::organisation"]
    )
    assert ropa_nodeids(collected) == expected

    result = project.runpytest("--ropa-check", "-rf")
    result.assert_outcomes(passed=len(ACTIVITIES) + 1, failed=1)  # the ordinary test, the clean activities, the org
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([f"FAILED records/activities.yaml::{FAILING} - *"])
    activities = project.path / "records" / "activities.yaml"
    category = compliant()["activities"][1]["data_categories"][0]["id"]
    line = line_of(activities, rf"- id: {re.escape(category)}$")
    result.stdout.fnmatch_lines(
        [
            f"*ropa-check: {FAILING}*",
            f"records/activities.yaml:{line}:*: RPA401 *",
            "    reference: *GDPR Art. 5(1)(e)*",
            "    fix: *",
        ]
    )
    assert "INTERNALERROR" not in result.stdout.str()


def test_items_report_where_the_activity_starts(project: pytest.Pytester) -> None:
    items, _ = project.inline_genitems("--ropa-check")
    activities = project.path / "records" / "activities.yaml"
    by_name = {item.name: item for item in items if item.get_closest_marker("ropa_check")}
    assert set(by_name) == {*ACTIVITIES, "organisation"}
    for activity in ACTIVITIES:
        assert by_name[activity].location == (
            "records/activities.yaml",
            line_of(activities, rf"- id: {re.escape(activity)}$") - 1,
            f"ropa-check: {activity}",
        )
    organisation = project.path / "records" / "organisation.yaml"
    assert by_name["organisation"].location == (
        "records/organisation.yaml",
        line_of(organisation, r"^organisation:") - 1,
        "ropa-check: organisation",
    )


def test_the_ini_option_turns_it_on_with_its_paths_and_threshold(pytester: pytest.Pytester) -> None:
    # A warning-level gap in the organisation block: passes at the default threshold, fails at "warning".
    make_record(pytester.path, [{"op": "remove", "path": "/organisation/supervisory_authority"}], folder="gdpr/ropa")
    pytester.makeini("[pytest]\nropa_check = true\nropa_check_paths = gdpr/ropa\nropa_check_select = RPA121\n")
    passing = pytester.runpytest("-rA")
    passing.assert_outcomes(passed=len(ACTIVITIES) + 1)
    passing.stdout.fnmatch_lines(["*ropa-check*", "gdpr/ropa/organisation.yaml:*: RPA121 *"])

    pytester.makeini(
        "[pytest]\nropa_check = true\nropa_check_paths = gdpr/ropa\nropa_check_select = RPA121\n"
        "ropa_check_fail_on = warning\n"
    )
    failing = pytester.runpytest()
    failing.assert_outcomes(passed=len(ACTIVITIES), failed=1)
    failing.stdout.fnmatch_lines(["*ropa-check: organisation*", "gdpr/ropa/organisation.yaml:*: RPA121 *"])


def test_testpaths_do_not_hide_the_record(project: pytest.Pytester) -> None:
    (project.path / "tests").mkdir()
    (project.path / "test_ordinary.py").rename(project.path / "tests" / "test_ordinary.py")
    project.makeini(f"[pytest]\ntestpaths = tests\n{SELECT}")
    result = project.runpytest("--ropa-check")
    result.assert_outcomes(passed=len(ACTIVITIES) + 1, failed=1)
    # Paths named on the command line are taken as given.
    only_tests = project.runpytest("--ropa-check", "tests")
    only_tests.assert_outcomes(passed=1)


def test_a_broken_record_fails_a_load_item_not_pytest(pytester: pytest.Pytester) -> None:
    record = make_record(pytester.path)
    text = (record / "activities.yaml").read_text(encoding="utf-8")
    (record / "activities.yaml").write_text(text.replace("purposes:", "purposes: [unclosed", 1), encoding="utf-8")
    result = pytester.runpytest("--ropa-check", "-rf")
    # Nothing else passes: activities of a record that did not load were not checked.
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*ropa-check: load*", "records/activities.yaml:*:*: RPA001 invalid YAML*"])
    result.stdout.fnmatch_lines(["FAILED records/activities.yaml::load - *"])
    out = result.stdout.str()
    assert "INTERNALERROR" not in out
    assert "Traceback" not in out


def test_a_missing_record_path_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nropa_check_paths = nowhere\n")
    result = pytester.runpytest("--ropa-check")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*ropa_check_paths: *nowhere does not exist*"])


def test_a_bad_threshold_is_a_usage_error(project: pytest.Pytester) -> None:
    project.makeini(f"[pytest]\n{SELECT}ropa_check_fail_on = fatal\n")
    result = project.runpytest("--ropa-check")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*ropa_check_fail_on = 'fatal'*"])


def test_it_can_be_blocked(project: pytest.Pytester) -> None:
    result = project.runpytest("-p", "no:ropa_check", "--ropa-check")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*unrecognized arguments: --ropa-check*"])


def test_a_broken_pack_fails_the_load_items_with_its_name(pytester: pytest.Pytester) -> None:
    # An installed pack (a real dist-info on sys.path) whose hook name is misspelt: pluggy refuses it.
    make_record(pytester.path)
    pytester.makepyfile(
        badpack="""
        from ropa_check import hookimpl

        @hookimpl
        def ropa_check_rule():
            return []
        """
    )
    dist = pytester.mkdir("badpack-0.1.dist-info")
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: badpack\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[ropa_check]\nbad = badpack\n", encoding="utf-8")
    pytester.syspathinsert()
    result = pytester.runpytest("--ropa-check", "records")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*ropa-check: load*", "records/*.yaml:1:1: RPA011 *ropa_check_rule*"])
    assert "INTERNALERROR" not in result.stdout.str()


@pytest.mark.parametrize(
    ("config", "failed"),
    [
        ("", 1),
        ('[tool.ropa-check.severity]\nRPA401 = "warning"\n', 0),  # below the error threshold
        ('[tool.ropa-check.per-file-ignores]\n"records/activities.yaml" = ["RPA401"]\n', 0),
    ],
)
def test_the_projects_ropa_check_configuration_applies(project: pytest.Pytester, config: str, failed: int) -> None:
    """Severities and per-file ignores from [tool.ropa-check] count in pytest as on the command line."""
    project.makepyprojecttoml(config or '[project]\nname = "x"\n')
    result = project.runpytest("--ropa-check")
    result.assert_outcomes(passed=len(ACTIVITIES) + 2 - failed, failed=failed)


def test_a_bad_ropa_check_configuration_is_a_usage_error(project: pytest.Pytester) -> None:
    project.makepyprojecttoml("[tool.ropa-check]\nselcet = ['RPA4']\n")
    result = project.runpytest("--ropa-check")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*did you mean 'select'*"])


@pytest.mark.parametrize(
    ("ini", "expected"),
    [
        ("ropa_check_select = RPA4O1\n", "*'RPA4O1' matches no installed rule; did you mean 'RPA401'?*"),
        ("ropa_check_ignore = XYZ\n", "*ignore (pytest ini option): 'XYZ' matches no installed rule*"),
        ("ropa_check_select = RPA4\nropa_check_ignore = RPA4\n", "*leaves no rule to run*"),
    ],
)
def test_a_selector_in_the_ini_options_that_names_no_rule_is_a_usage_error(
    pytester: pytest.Pytester, ini: str, expected: str
) -> None:
    """A typo in the ini options must not turn every activity item green (issue 9): one parser checks them all."""
    pytester.makeini(f"[pytest]\n{ini}")
    (pytester.path / "records").mkdir()
    result = pytester.runpytest("--ropa-check")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([expected])


def _flooding_pack(pytester: pytest.Pytester, body: Sequence[str]) -> None:
    """An installed pack (a real dist-info on sys.path) with one activity rule, FLD001, whose body is ``body``."""
    source = [
        "import time",
        "from ropa_check import Problem, hookimpl, rule",
        "",
        '@rule(code="FLD001", name="flood", severity="info", scope="activity", summary="Floods.",',
        '      references=["GDPR Art. 5(2)"], fix="None.")',
        "def flood(activity):",
        '    """A rule that misbehaves on purpose."""',
        *(f"    {line}" for line in body),
        "",
        "@hookimpl",
        "def ropa_check_rules():",
        "    return [flood]",
    ]
    (pytester.path / "floodpack.py").write_text("\n".join(source) + "\n", encoding="utf-8")
    dist = pytester.mkdir("floodpack-0.1.dist-info")
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: floodpack\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[ropa_check]\nflood = floodpack\n", encoding="utf-8")


#: The controller's activities: an ``activity`` rule does not run on processor activities.
CONTROLLER_ACTIVITIES = len(compliant()["activities"])
TEN_FINDINGS = ("for i in range(10):", "    yield Problem(f'finding {i}', activity.ref)")


@pytest.mark.parametrize(
    ("ini", "config", "failed"),
    [
        ("ropa_check_max_findings_per_rule = 5\n", "", CONTROLLER_ACTIVITIES),
        ("ropa_check_max_findings_per_rule = 10\n", "", 0),
        ("", "max-findings-per-rule = 5\n", CONTROLLER_ACTIVITIES),  # the configuration applies when the ini is silent
        ("ropa_check_max_findings_per_rule = 10\n", "max-findings-per-rule = 5\n", 0),  # and the ini replaces it
    ],
)
def test_the_ini_option_sets_the_findings_cap(pytester: pytest.Pytester, ini: str, config: str, failed: int) -> None:
    make_record(pytester.path)
    _flooding_pack(pytester, TEN_FINDINGS)
    pytester.syspathinsert()
    pytester.makeini(f"[pytest]\nropa_check_select = FLD\n{ini}")
    pytester.makepyprojecttoml(f"[tool.ropa-check]\n{config}" if config else '[project]\nname = "x"\n')
    result = pytester.runpytest("--ropa-check", "records")
    result.assert_outcomes(passed=len(ACTIVITIES) + 1 - failed, failed=failed)
    if failed:
        result.stdout.fnmatch_lines(["*RPA011 *FLD001*yielded more than 5 findings for one item*"])


@pytest.mark.parametrize(("ini", "failed"), [("ropa_check_plugin_timeout = 0.4\n", 1), ("", 0)])
def test_the_ini_option_sets_the_plugin_timeout(pytester: pytest.Pytester, ini: str, failed: int) -> None:
    """A rule that sleeps past the ini's budget is a named plugin failure; under the default 10 s it passes."""
    make_record(pytester.path)
    sleepy = (f"if activity.id == {ACTIVITIES[0]!r}:", "    time.sleep(2)", "return ()")
    _flooding_pack(pytester, sleepy)
    pytester.makeini(f"[pytest]\nropa_check_select = FLD\n{ini}")
    # A child process: the budget is SIGALRM's, which belongs to the whole process.
    result = pytester.runpytest_subprocess("--ropa-check", "records", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=len(ACTIVITIES) + 1 - failed, failed=failed)
    if failed:
        result.stdout.fnmatch_lines(["*RPA011 *FLD001*ran longer than 0.4 s (the plugin-timeout setting)*"])


@pytest.mark.parametrize(
    ("ini", "expected"),
    [
        ("ropa_check_plugin_timeout = soon", "*ropa_check_plugin_timeout = 'soon': use a number of seconds*"),
        ("ropa_check_plugin_timeout = -1", "*ropa_check_plugin_timeout = '-1': use a number of seconds*"),
        ("ropa_check_plugin_timeout = inf", "*ropa_check_plugin_timeout = 'inf': use a number of seconds*"),
        ("ropa_check_plugin_timeout = nan", "*ropa_check_plugin_timeout = 'nan': use a number of seconds*"),
        ("ropa_check_max_findings_per_rule = 0", "*ropa_check_max_findings_per_rule = '0': use a whole number*"),
        ("ropa_check_max_findings_per_rule = 2.5", "*ropa_check_max_findings_per_rule = '2.5': use a whole number*"),
        ("ropa_check_max_findings_per_rule = many", "*ropa_check_max_findings_per_rule = 'many': use a whole*"),
    ],
)
def test_a_bad_plugin_limit_is_a_usage_error(project: pytest.Pytester, ini: str, expected: str) -> None:
    project.makeini(f"[pytest]\n{SELECT}{ini}\n")
    result = project.runpytest("--ropa-check")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([expected])


def test_the_documented_ini_block_works_as_written(pytester: pytest.Pytester) -> None:
    """docs/pytest-plugin.md's example as written: pytest keeps a '#' after a value, so inline comments broke it."""
    doc = (Path(__file__).parent.parent / "docs" / "pytest-plugin.md").read_text(encoding="utf-8")
    block = re.search(r"```ini\n(\[pytest\]\n.*?)```", doc, re.S)
    assert block is not None
    make_record(pytester.path)
    pytester.makeini(block.group(1))
    result = pytester.runpytest()
    assert result.ret in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED), result.stderr.str()
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed", 0) + outcomes.get("failed", 0) == len(ACTIVITIES) + 1, result.stdout.str()
