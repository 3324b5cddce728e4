"""Policy cases as pytest items (ropa_check.policies.pytest_items), run by a real pytest."""

from __future__ import annotations

import shutil

import pytest

from ropa_check.policies.cases import cases
from ropa_check.policies.pack import load_files
from tests.policies.helpers import EXAMPLES

#: How many cases the examples hold: one item each.
CASES = len(cases(load_files([str(EXAMPLES)], with_tests=True)))


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project whose configuration names its policies: ropa-check's own pytest plugin collects their cases."""
    shutil.copytree(EXAMPLES, pytester.path / "policies")
    (pytester.path / "ropa-check.toml").write_text('policies = ["policies"]\n', encoding="utf-8")
    pytester.makeini("[pytest]\nropa_check = true\n")
    (pytester.path / "records").mkdir()  # ropa_check_paths' default; the runs below name `policies` only
    return pytester


def test_each_case_is_an_item_and_passes(project: pytest.Pytester) -> None:
    result = project.runpytest("policies", "-v", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=CASES)
    result.stdout.fnmatch_lines(
        ["*policies/marketing-stays-in-eea.yaml::ORG001 fire: a newsletter sent through a US service PASSED*"]
    )


def test_a_failing_case_fails_its_item_with_the_reason(project: pytest.Pytester) -> None:
    path = project.path / "policies" / "health-data-needs-dpia.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("in: [done, approved]", "in: [in_progress, done]"))
    result = project.runpytest("policies", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=CASES - 2, failed=2)
    result.stdout.fnmatch_lines(["*health-data-needs-dpia.yaml:28: ORG002 must fire, and did not*"])


def test_a_policy_that_does_not_load_is_a_failing_item(project: pytest.Pytester) -> None:
    path = project.path / "policies" / "processor-contracts.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("equals: processor", "equals: procesor"))
    result = project.runpytest("policies", "-p", "no:cacheprovider")
    # Every file reports the one broken file: no case passes while a policy does not load.
    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines(["*processor-contracts.yaml:*: 'procesor' is not a value 'kind' can have*"])
