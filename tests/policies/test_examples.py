"""The house-rule examples in docs/policies/ pass their own cases, and a case that fails is reported (exit 1)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ropa_check.cli import main
from ropa_check.policies.cases import cases, run_case
from ropa_check.policies.pack import load_files
from tests.helpers import VOCABULARIES
from tests.policies.helpers import EXAMPLES

FILES = load_files([str(EXAMPLES)], with_tests=True)
POLICIES = {p.rule.code: p for f in FILES for p in f.policies}
CASES = cases(FILES)


def test_the_three_house_rules_are_there_each_with_cases_that_fire_and_pass() -> None:
    assert sorted(POLICIES) == ["ORG001", "ORG002", "ORG003", "ORG004"]
    for code in POLICIES:
        expected = {c.data["expect"] for c in CASES if c.policy == code}
        assert expected == {"fire", "pass"}, code


@pytest.mark.parametrize("case", CASES, ids=[f"{c.policy}: {c.name}" for c in CASES])
def test_example_case(case) -> None:
    outcome = run_case(case, POLICIES, VOCABULARIES)
    assert outcome.passed, outcome.message


def test_test_policies_command(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["test-policies", str(EXAMPLES)])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert out.splitlines()[-1] == f"{len(CASES)} cases: {len(CASES)} passed, 0 failed (4 policies in 3 files)"


@pytest.mark.parametrize(
    ("change", "failure"),
    [
        # The policy is weakened: its firing cases catch it.
        (
            ("health-data-needs-dpia.yaml", "has: special_category:health", "has: special_category:genetic"),
            "ORG002 must fire, and did not",
        ),
        # The policy is widened: its passing cases catch it.
        (
            ("marketing-stays-in-eea.yaml", "- {field: country, not_in: [EEA]}", "- {field: country, exists: true}"),
            "ORG001 must not fire, and fired 1x",
        ),
        (("processor-contracts.yaml", "'DPA-\\d{4}-\\d{2,3}'", "'DPA-.*|signed.*'"), "ORG003 must fire, and did not"),
    ],
)
def test_a_broken_policy_fails_its_cases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str, str], failure: str
) -> None:
    folder = tmp_path / "policies"
    shutil.copytree(EXAMPLES, folder)
    name, old, new = change
    text = (folder / name).read_text(encoding="utf-8")
    assert old in text
    (folder / name).write_text(text.replace(old, new), encoding="utf-8")
    status = main(["test-policies", str(folder)])
    out, _ = capsys.readouterr()
    assert status == 1
    assert "FAILED" in out
    assert failure in out


def test_a_case_whose_record_is_wrong_is_exit_2_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "policies"
    shutil.copytree(EXAMPLES, folder)
    path = folder / "processor-contracts.tests.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: authority", "knd: authority"), encoding="utf-8")
    status = main(["test-policies", str(folder)])
    _, err = capsys.readouterr()
    assert status == 2
    assert "processor-contracts.tests.yaml:24:" in err
    assert "RPA003" in err
    assert "Traceback" not in err


def test_a_case_naming_an_unknown_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "policies"
    shutil.copytree(EXAMPLES, folder)
    path = folder / "processor-contracts.tests.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("policy: ORG003", "policy: ORG033", 1), encoding="utf-8")
    assert main(["test-policies", str(folder)]) == 2
    assert "no policy ORG033; did you mean 'ORG003'?" in capsys.readouterr().err


def test_no_policies_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["test-policies"]) == 2
    assert "no policy files" in capsys.readouterr().err


def test_the_policies_of_the_configuration_are_tested(tmp_path: Path, capsys, monkeypatch) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "policies")
    (tmp_path / "ropa-check.toml").write_text('policies = ["policies"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["test-policies"]) == 0
    assert "0 failed (4 policies in 3 files)" in capsys.readouterr().out


def test_a_case_from_a_record_file(tmp_path: Path, capsys) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "policies")
    tests_file = tmp_path / "policies" / "processor-contracts.tests.yaml"
    tests_file.write_text(
        tests_file.read_text(encoding="utf-8")
        + "  - name: Kollektivkraft's supplier category has no registered contract\n"
        "    policy: ORG003\n"
        "    expect: fire\n"
        "    at: ['$.recipients[id=leverantorer]']\n"
        f"    record_file: {Path(__file__).parents[2] / 'records'}\n",
        encoding="utf-8",
    )
    status = main(["test-policies", str(tmp_path / "policies")])
    out, err = capsys.readouterr()
    assert status == 0, out + err
    assert "ORG003 fire: Kollektivkraft's supplier category has no registered contract ... ok" in out


def test_a_policy_without_a_case_on_each_side_fails_the_run(tmp_path: Path, capsys) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "policies")
    tests_file = tmp_path / "policies" / "processor-contracts.tests.yaml"
    # Only the cases that must fire: a policy that fired on every record would pass them.
    kept = tests_file.read_text(encoding="utf-8").split("\n  - name: ")
    fire_only = [kept[0], *(case for case in kept[1:] if "expect: fire" in case)]
    tests_file.write_text("\n  - name: ".join(fire_only), encoding="utf-8")
    status = main(["test-policies", str(tmp_path / "policies")])
    out = capsys.readouterr().out
    assert status == 1, out
    assert "Policies without a case that must not fire: ORG003" in out


def test_a_tests_file_named_alone_runs_with_its_policy_file(capsys) -> None:
    assert main(["test-policies", str(EXAMPLES / "processor-contracts.tests.yaml")]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "4 cases: 4 passed, 0 failed (1 policy in 1 file)"
