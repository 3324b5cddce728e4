"""docs/policies.md says what ropa-check does: its policy example loads, its tests example validates, its
console output is the command's."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import yaml

from ropa_check.cli import main
from ropa_check.policies.pack import load_files
from ropa_check.policies.schema import policy_schema
from tests.helpers import ROOT

DOC = (ROOT / "docs" / "policies.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC, flags=re.DOTALL)


def test_the_policy_example_loads(tmp_path: Path) -> None:
    (policy,) = [b for b in BLOCKS if b.lstrip("# \n").find("policies:") >= 0 and "when:" in b]
    path = tmp_path / "p.yaml"
    path.write_text(policy, encoding="utf-8")
    (loaded,) = load_files([str(path)])
    assert [p.rule.code for p in loaded.policies] == ["ORG002"]


def test_the_tests_example_validates() -> None:
    (tests,) = [b for b in BLOCKS if b.startswith("tests:")]
    validator = jsonschema.Draft202012Validator(policy_schema())
    assert list(validator.iter_errors(yaml.safe_load(tests))) == []


def test_the_console_example_is_the_commands_output(capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["test-policies", "docs/policies"]) == 0
    out = capsys.readouterr().out.splitlines()
    shown = re.search(r"```console\n\$ ropa-check test-policies[^\n]*\n(.*?)```", DOC, flags=re.DOTALL)
    assert shown is not None
    lines = [line for line in shown.group(1).splitlines() if line != "..."]
    assert lines[0] == out[0]
    assert lines[-1] == out[-1]


def test_the_documented_operators_are_the_operators() -> None:
    from ropa_check.policies.conditions import OPERATORS

    start = DOC.index("| operator |")
    rows = DOC[start : DOC.index("\n\n", start)].splitlines()[2:]
    names = {name for row in rows for name in re.findall(r"`(\w+)`", row.split("|")[1])}
    assert names == set(OPERATORS)


def test_the_adequate_group_names_every_decision_it_leaves_out() -> None:
    """A DPO reads from the docs which countries `ADEQUATE` leaves out: every partial decision is named."""
    from ropa_check.adequacy import load

    partial = sorted(d.name for d in load().decisions.values() if not d.full)
    assert partial
    row = next(line for line in DOC.splitlines() if "`ADEQUATE`" in line)
    for name in partial:
        assert (name.replace("Republic of ", "").replace("United States", "US")) in row, name
