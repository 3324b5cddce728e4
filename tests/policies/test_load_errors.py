"""A wrong policy is an error at its file, line and column (exit status 2), never a rule that matches nothing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from ropa_check.cli import main
from ropa_check.policies.pack import PolicyError, load_files
from tests.policies.helpers import valid_policy, write_policies

BAD = yaml.safe_load((Path(__file__).parent / "data" / "bad-policies.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", BAD, ids=[c["name"] for c in BAD])
def test_a_wrong_policy_is_a_located_error(tmp_path: Path, case: dict[str, Any]) -> None:
    path = write_policies(tmp_path, valid_policy(**case["policy"]))
    with pytest.raises(PolicyError) as raised:
        load_files([str(path)])
    message = str(raised.value)
    assert case["error"] in message
    match = re.match(r"^(.+):(\d+):(\d+): ", message)
    assert match is not None, message
    assert match.group(1) == str(path)
    # Every error points into the policy (which starts on line 2), never at the top of the file.
    assert int(match.group(2)) >= 2


def test_the_error_points_at_the_wrong_value(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "policies:\n"
        "  - code: ORG001\n"
        "    name: short-retention\n"
        "    severity: warning\n"
        "    scope: category\n"
        "    message: too long\n"
        "    references: [House rule 3]\n"
        "    fix: Shorten it.\n"
        "    when:\n"
        "      all:\n"
        "        - {field: tags, has: national_id}\n"
        "        - {field: retention.duraton, above: P2Y}\n",
        encoding="utf-8",
    )
    with pytest.raises(PolicyError) as raised:
        load_files([str(path)])
    assert str(raised.value).startswith(f"{path}:12:12: 'retention' has no field 'duraton'")


@pytest.mark.parametrize(
    ("case", "message"),
    [
        (
            {"record": {}, "record_file": "records"},
            "write one of `record` or `record_file`, not `record` and `record_file`",
        ),
        ({}, "write one of `record` or `record_file`"),
    ],
)
def test_a_case_with_both_records_or_none_says_so(tmp_path: Path, case: dict[str, Any], message: str) -> None:
    path = write_policies(tmp_path, valid_policy(), tests=[{"name": "c", "policy": "ORG100", "expect": "fire", **case}])
    with pytest.raises(PolicyError) as raised:
        load_files([str(path)], with_tests=True)
    assert re.fullmatch(
        rf"{re.escape(str(path))}:\d+:\d+: {re.escape(message)} \(at \$\.tests\[0\]\)", str(raised.value)
    )


def test_two_policies_with_one_code(tmp_path: Path) -> None:
    path = write_policies(tmp_path, valid_policy(), valid_policy(name="other"))
    with pytest.raises(PolicyError, match=r"policy code ORG100 is already used in .*policy.yaml, line 2"):
        load_files([str(path)])


def test_the_same_code_in_two_files(tmp_path: Path) -> None:
    write_policies(tmp_path, valid_policy(), name="a.yaml")
    write_policies(tmp_path, valid_policy(), name="b.yaml")
    with pytest.raises(PolicyError, match=r"b.yaml:2:3: policy code ORG100 is already used in .*a.yaml"):
        load_files([str(tmp_path)])


def test_a_code_of_another_pack_stops_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import types

    from ropa_check import hookimpl, plugins, rule
    from ropa_check.options import Options
    from ropa_check.policies import load_pack

    @rule(code="ORG100", name="x", severity="info", summary="x", references=["x"], fix="x", scope="activity")
    def other(_: object) -> list[str]:
        return []

    pack = types.SimpleNamespace(ropa_check_rules=hookimpl(lambda: [other]), __name__="acme")
    path = write_policies(tmp_path, valid_policy())
    with pytest.raises(plugins.PluginError, match=r"rule code ORG100 is registered twice: by plugin '(acme|policies)'"):
        plugins.load(Options(policies=(str(path),)), extra=[pack])
    assert load_pack([str(path)]) is not None


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("policies: [", "invalid YAML"),
        ("policies:\n  - code: A001\n    code: B001\n", "duplicate key"),
        ("tests: []\npolicies: {}\n", "is not of type 'array'"),
        ("- just a list\n", "is not of type 'object'"),
    ],
)
def test_unreadable_policy_files(tmp_path: Path, text: str, error: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError, match=re.escape(error)):
        load_files([str(path)])


def test_a_missing_policy_path(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="policy file or folder does not exist"):
        load_files([str(tmp_path / "nope")])


def test_the_check_exits_2_naming_the_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_policies(tmp_path, valid_policy(when={"field": "ownr", "exists": False}))
    (tmp_path / "ropa-check.toml").write_text('policies = ["policy.yaml"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status = main(["check", str(Path(__file__).parents[2] / "docs" / "examples" / "compliant.yaml")])
    _, err = capsys.readouterr()
    assert status == 2
    assert "policy.yaml:12:5: an activity has no field 'ownr'" in err
    assert "did you mean 'owner'?" in err
    assert "Traceback" not in err
