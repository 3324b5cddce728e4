"""A gate that cannot be fooled: the reproductions of issue 9, each through the command line.

Each test here failed on the main of 2026-11-30 and passes now: a typo in a
selector, a reordered or replaced list, an internal error, a subfolder of a
record and a mistyped command each made the gate say something untrue.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ropa_check.cli import main
from tests.helpers import RECORDS, ROOT, compliant, write_record

VAGUE = {"description": "så länge det är nödvändigt"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def findings(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, Any]]]:
    status, out, err = run(capsys, *args, "--output-format", "json")
    assert out, err
    return status, json.loads(out)["findings"]


# ------------------------------------------------------------ 1. selectors


@pytest.mark.parametrize(
    ("selector", "hint"),
    [
        ("RPA4O1", "; did you mean 'RPA401'?"),  # a letter O for a zero
        ("XYZ", " (installed rule families: RPA, RSE;"),
        ("RPA999", "? (`ropa-check rules --select RPA9` lists those under RPA9)"),  # the nearest code, and where
        ("RPA99", "; did you mean 'RPA92'? (`ropa-check rules --select RPA9` lists those under RPA9)"),
    ],
)
@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_a_selector_that_names_no_rule_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, option: str, selector: str, hint: str
) -> None:
    monkeypatch.chdir(ROOT)
    status, out, err = run(capsys, "records", option, selector)
    assert (status, out) == (2, "")
    assert f"'{selector}' matches no installed rule" in err
    assert hint in err
    assert "command line" in err


@pytest.mark.parametrize(
    ("toml", "where"),
    [
        ('select = ["RPA99"]\n', "select (ropa-check.toml:1)"),
        ('ignore = ["RPA4O1"]\n', "ignore (ropa-check.toml:1)"),
        ('[per-file-ignores]\n"*.yaml" = ["RPA4O1"]\n', "per-file-ignores '*.yaml' (ropa-check.toml:1)"),
        ('[severity]\nRPA4O1 = "info"\n', "severity (ropa-check.toml:1)"),
    ],
)
def test_a_configured_selector_that_names_no_rule_is_a_usage_error_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, toml: str, where: str
) -> None:
    write_record(tmp_path, {**compliant(), "activities": [{**compliant()["activities"][0], "retention": VAGUE}]})
    (tmp_path / "ropa-check.toml").write_text(toml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "record.yaml")
    assert (status, out) == (2, "")
    assert f"{tmp_path / where.split(' (')[1].split(':')[0]}" in err
    assert where.replace("ropa-check.toml", str(tmp_path / "ropa-check.toml")) in err
    assert "matches no installed rule" in err


def test_a_selection_that_leaves_no_rule_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    status, out, err = run(capsys, "records", "--select", "RPA4", "--ignore", "RPA4")
    assert (status, out) == (2, "")
    assert "leaves no rule to run" in err
    # Input codes alone check nothing either: they are reported whatever is selected.
    assert run(capsys, "records", "--select", "RPA0")[0] == 2


def test_a_waiver_naming_no_rule_is_malformed_and_says_which_was_meant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = compliant()
    data["activities"][0]["retention"] = {**VAGUE, "x-ropa-check": {"ignore": [{"codes": ["RPA4O2"], "reason": "r"}]}}
    status, found = findings(capsys, str(write_record(tmp_path, data)), "--select", "RPA4,RPA09")
    codes = {f["code"]: f for f in found if f["suppression"] is None}
    assert "RPA402" in codes  # not waived
    assert "did you mean 'RPA402'?" in codes["RPA092"]["message"]
    assert status == 1


# --------------------------------------------- 2. identity by id, not position


def _record_with_vague_categories(*ids: str) -> dict[str, Any]:
    """The compliant record whose first activity's data categories are ``ids``, each with a vague retention."""
    data = compliant()
    activity = data["activities"][0]
    template = activity["data_categories"][0]
    activity["data_categories"] = [{**copy.deepcopy(template), "id": i, "retention": VAGUE} for i in ids]
    return data


def _active_ids(found: list[dict[str, Any]], code: str = "RPA402") -> list[str]:
    return sorted(
        re.search(r"data_categories\[id=([^\]]+)\]", f["entry_path"]).group(1)  # type: ignore[union-attr]
        for f in found
        if f["code"] == code and f["suppression"] is None
    )


def test_a_replaced_entry_with_the_same_gap_is_a_new_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    record = write_record(tmp_path, _record_with_vague_categories("gammal", "kvar"))
    run(capsys, str(record), "--select", "RPA402", "--create-baseline", "baseline.json")
    # The first category is replaced by another (new id) with the same gap: that gap is new.
    write_record(tmp_path, _record_with_vague_categories("ny", "kvar"))
    status, found = findings(capsys, str(record), "--select", "RPA402,RPA094", "--baseline", "baseline.json")
    assert status == 1
    assert _active_ids(found) == ["ny"]
    assert [f["code"] for f in found if f["suppression"] is None] == ["RPA094", "RPA402"]  # 'gammal' is stale


def test_an_entry_inserted_at_the_top_is_new_and_the_accepted_ones_stay_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    record = write_record(tmp_path, _record_with_vague_categories("a", "b"))
    run(capsys, str(record), "--select", "RPA402", "--create-baseline", "baseline.json")
    write_record(tmp_path, _record_with_vague_categories("ny", "b", "a"))  # inserted and reordered
    status, found = findings(capsys, str(record), "--select", "RPA402,RPA094", "--baseline", "baseline.json")
    assert status == 1
    assert _active_ids(found) == ["ny"]
    assert len([f for f in found if f["suppression"] is not None]) == 2


def test_an_old_positional_baseline_is_refused_with_how_to_recreate_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = write_record(tmp_path, _record_with_vague_categories("a"))
    old = {"ropa-check-baseline": 1, "findings": [{"file": "record.yaml", "json_path": "$", "code": "RPA402"}]}
    (tmp_path / "old.json").write_text(json.dumps(old), encoding="utf-8")
    status, out, err = run(capsys, str(record), "--baseline", str(tmp_path / "old.json"))
    assert (status, out) == (2, "")
    assert "baseline format 1" in err
    assert "--create-baseline" in err


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_base_reports_a_replaced_entry_as_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_diff_base import git

    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    record = write_record(tmp_path, _record_with_vague_categories("gammal", "kvar"))
    git(tmp_path, "add", "record.yaml")
    git(tmp_path, "commit", "-q", "-m", "base")
    write_record(tmp_path, _record_with_vague_categories("ny", "kvar"))
    status, found = findings(capsys, str(record), "--select", "RPA402", "--diff-base", "HEAD")
    assert status == 1
    assert _active_ids(found) == ["ny"]
    write_record(tmp_path, _record_with_vague_categories("ny", "kvar", "gammal"))
    assert _active_ids(findings(capsys, str(record), "--select", "RPA402", "--diff-base", "HEAD")[1]) == ["ny"]


def _fingerprints(capsys: pytest.CaptureFixture[str], record: Path) -> dict[str, str]:
    """SARIF fingerprint -> the category id it is about."""
    _, out, _ = run(capsys, str(record), "--select", "RPA402", "--output-format", "sarif")
    return {
        r["partialFingerprints"]["ropaCheck/v2"]: r["properties"]["entryPath"]
        for r in json.loads(out)["runs"][0]["results"]
    }


def test_sarif_fingerprints_follow_the_entry_not_its_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = write_record(tmp_path, _record_with_vague_categories("a", "b"))
    before = _fingerprints(capsys, record)
    write_record(tmp_path, _record_with_vague_categories("ny", "b", "a"))
    after = _fingerprints(capsys, record)
    assert len(after) == 3
    assert {k: v for k, v in after.items() if k in before} == before  # a and b keep their alerts
    assert [v for k, v in after.items() if k not in before] == [
        "$.activities[id=medlemsregister].data_categories[id=ny].retention"
    ]


# ------------------------------------------------------ 3. internal errors


def _run_with_a_bug(tmp_path: Path, where: str, *args: str) -> subprocess.CompletedProcess[str]:
    """ropa-check as a process, with ``where`` (module:function) replaced by a function that raises."""
    module, function = where.split(":")
    code = (
        f"import {module} as m\n"
        "def broken(*a, **k):\n"
        "    raise RuntimeError('something unforeseen')\n"
        f"m.{function} = broken\n"
        "from ropa_check.cli import main\n"
        "raise SystemExit(main())\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )


def test_an_internal_error_is_exit_3_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    done = _run_with_a_bug(tmp_path, "ropa_check.reporters.text:full", str(RECORDS))
    assert done.returncode == 3
    (line,) = done.stderr.splitlines()
    assert line.startswith("ropa-check: internal error: RuntimeError: something unforeseen.")
    assert "This is a bug in ropa-check" in line
    assert "--debug" in line
    assert "Traceback" not in done.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    done = _run_with_a_bug(tmp_path, "ropa_check.reporters.text:full", str(RECORDS), "--debug")
    assert done.returncode == 3
    assert "Traceback (most recent call last)" in done.stderr
    assert "RuntimeError: something unforeseen" in done.stderr


def test_an_internal_error_in_a_plugin_module_names_it(tmp_path: Path) -> None:
    (tmp_path / "acme_pack.py").write_text("def helper(*a, **k):\n    raise KeyError('oops')\n", encoding="utf-8")
    # A plugin's helper that ropa-check calls outside a rule (here, as the text reporter): the plugin's bug.
    code = (
        "import sys; sys.path.insert(0, '.')\n"
        "import acme_pack, ropa_check.reporters.text as t\n"
        "t.full = acme_pack.helper\n"
        "from ropa_check.cli import main\n"
        f"raise SystemExit(main([{str(RECORDS)!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 3
    assert "This is a bug in the plugin module 'acme_pack'" in done.stderr


# ------------------------------------------- 5. a folder inside a record


def test_a_folder_inside_a_record_is_checked_within_its_whole_record(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    status, found = findings(capsys, "records/activities")
    assert status == 1
    codes = {f["code"] for f in found}
    assert not codes & {"RPA005", "RPA010"}  # references resolve in the whole record
    assert found
    assert all(f["file"].startswith("records/activities/") for f in found)
    _, whole = findings(capsys, "records")
    assert [f for f in whole if f["file"].startswith("records/activities/")] == found


# ------------------------------------------------- 6. the command line


def test_an_unknown_command_is_a_usage_error_not_a_missing_record(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "lnit")
    assert (status, out) == (2, "")
    commands = "check, rules, rule, schema, vocabularies, render, export, import, diff, test-policies, init"
    assert f"'lnit' is neither a command ({commands}) nor an existing path; did you mean 'init'?" in err
    assert "RPA009" not in err
    assert "did you mean 'vocabularies'?" in run(capsys, "vocabulary")[2]


def test_an_unknown_flag_shows_the_commands_usage_and_the_nearest_flag(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    status, _, err = run(capsys, "records", "--quite")
    assert status == 2
    assert err.startswith("usage: ropa-check check ")
    assert "did you mean '--quiet'?" in err


def test_quiet_prints_only_the_summary(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    status, out, _ = run(capsys, "records", "--quiet")
    assert status == 1
    full = run(capsys, "records")[1]
    assert out == full.splitlines()[-1] + "\n"
    assert out.startswith("Found: ")


@pytest.mark.parametrize("command", ["check", "rules", "rule", "schema", "vocabularies"])
def test_each_command_has_its_own_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    status, out, _ = run(capsys, command, "--help")
    assert status == 0
    assert out.startswith(f"usage: ropa-check {command} ")
    assert "3  an internal error" in out


def test_help_lists_the_exit_statuses(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0
    for line in ("0  no finding", "1  findings at or above", "2  the input could not", "3  an internal error"):
        assert line in out


def test_colour_on_a_terminal_honours_no_color_and_force_color(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "ROPA_CHECK_TODAY": "2026-11-25"}
    command = [sys.executable, "-m", "ropa_check", str(RECORDS), "--select", "RPA402"]

    def output(extra: dict[str, str]) -> str:
        return subprocess.run(command, env={**env, **extra}, capture_output=True, text=True, check=False).stdout

    assert "\x1b[" not in output({})  # not a terminal
    assert "\x1b[1;31mRPA402\x1b[0m" in output({"FORCE_COLOR": "1"})
    assert "\x1b[" not in output({"FORCE_COLOR": "1", "NO_COLOR": "1"})


def test_rules_can_be_selected(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "rules", "--select", "RPA4", "--ignore", "RPA406")
    assert status == 0
    assert [line.split()[0] for line in out.splitlines()] == ["RPA401", "RPA402", "RPA403", "RPA404", "RPA405"]
    assert run(capsys, "rules", "--select", "RPA4O")[0] == 2


def test_every_rule_links_to_its_anchor_in_the_rules_doc(capsys: pytest.CaptureFixture[str]) -> None:
    rules = json.loads(run(capsys, "rules", "--output-format", "json")[1])
    anchors = set(re.findall(r"^## (\S+)$", (ROOT / "docs" / "rules.md").read_text(encoding="utf-8"), re.M))
    for r in rules:
        url = r["url"]
        assert url.endswith(f"docs/rules.md#{r['code'].lower()}"), url
        assert r["code"] in anchors
    _, out, _ = run(capsys, "rule", "RPA401")
    assert "Documentation: https://" in out
    assert out.rstrip().endswith("docs/rules.md#rpa401")


def test_a_link_out_of_a_folder_inside_a_record_is_refused_not_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_record_roots import split_record

    split_record(tmp_path / "records", compliant())
    outside = tmp_path / "outside.yaml"
    outside.write_text("activities: []\n", encoding="utf-8")
    (tmp_path / "records" / "activities" / "extra.yaml").symlink_to(outside)
    monkeypatch.chdir(tmp_path)
    status, found = findings(capsys, "records/activities")
    assert status == 2
    assert [(f["code"], f["file"]) for f in found] == [("RPA009", "records/activities/extra.yaml")]


def test_a_waiver_covers_its_own_entry_not_a_sibling_of_the_same_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two transfers named alike (no id, same country): a waiver on one must not waive the other."""
    data = compliant()
    transfer = {"country": "US", "organisation": "Moln"}
    waived = {**transfer, "x-ropa-check": {"ignore": [{"codes": ["RPA6"], "reason": "approved by the DPO"}]}}
    data["activities"][3]["transfers"] = [waived, dict(transfer)]
    status, found = findings(capsys, str(write_record(tmp_path, data)), "--select", "RPA6")
    transfers = [f for f in found if ".transfers[" in f["json_path"]]
    assert {f["json_path"].split(".transfers")[1][:3] for f in transfers if f["suppression"]} == {"[0]"}
    assert {f["json_path"].split(".transfers")[1][:3] for f in transfers if not f["suppression"]} == {"[1]"}
    assert status == 1
    # The two are one identity across runs, counted: SARIF gives each its own fingerprint all the same.
    _, out, _ = run(capsys, str(tmp_path / "record.yaml"), "--select", "RPA6", "--output-format", "sarif")
    prints = [r["partialFingerprints"]["ropaCheck/v2"] for r in json.loads(out)["runs"][0]["results"]]
    assert len(prints) == len(set(prints))


# ------------------------------------------------ review of the change


def test_only_record_files_keeps_record_files_outside_the_configured_paths_and_skips_dot_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project that narrowed the hook with files: ^privacy/records/ and set no paths keeps its gate."""
    from tests.test_record_roots import split_record

    data = compliant()
    data["activities"][2].pop("retention")
    split_record(tmp_path / "privacy" / "records", data)
    (tmp_path / "privacy" / "records" / ".ropa-check").mkdir()
    (tmp_path / "privacy" / "records" / ".ropa-check" / "baseline.json").write_text("{}", encoding="utf-8")
    (tmp_path / "deploy.yaml").write_text("replicas: 2\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    files = [
        "privacy/records/activities/nyhetsbrev.yaml",
        "privacy/records/.ropa-check/baseline.json",
        "deploy.yaml",
    ]
    status, found = findings(capsys, "--only-record-files", *files)
    assert status == 1
    assert {f["file"] for f in found} == {"privacy/records/activities/nyhetsbrev.yaml"}
    assert run(capsys, "--only-record-files", "deploy.yaml")[:2] == (
        0,
        "No record files among the 1 files given (paths: records).\n",
    )


def test_a_path_given_with_its_whole_record_is_reported_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    _, whole = findings(capsys, "records")
    for extra in ("records/activities", "records/activities/kundservice.yaml"):
        assert findings(capsys, "records", extra)[1] == whole


def test_debug_may_come_before_the_command(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert run(capsys, "--debug", "check", "records", "--quiet")[0] == 1
    assert run(capsys, "--debug", "rules")[0] == 0
    assert run(capsys, "--debug", "--quiet")[0] == 1


def test_a_baseline_that_cannot_be_written_is_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    status, _, err = run(capsys, "records", "--create-baseline", "/nonexistent/folder/b.json")
    assert status == 2
    assert "cannot write the baseline" in err


def test_per_file_ignores_take_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_record(tmp_path, _record_with_vague_categories("a"))
    (tmp_path / "ropa-check.toml").write_text('[per-file-ignores]\n"record.yaml" = ["ALL"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "record.yaml")[0] == 0


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("given", ["records/activities", "records/activities/kundservice.yaml"])
def test_diff_base_checks_a_part_of_a_record_within_its_record_at_the_ref(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    from tests.test_diff_base import git

    shutil.copytree(RECORDS, tmp_path / "records")
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "records")
    git(tmp_path, "commit", "-q", "-m", "base")
    status, found = findings(capsys, given, "--diff-base", "HEAD")
    assert found
    assert all(f["suppression"] is not None for f in found)
    assert status == 0


@pytest.mark.parametrize(
    "args",
    [
        ["lint\x1b[31m\n::add-mask::secret"],
        ["records", "--select", "RPA4\x07\n::set-output name=x::1"],
        ["records", "--config", "nope\n::add-mask::y.toml"],
    ],
)
def test_usage_errors_echo_no_control_characters_or_workflow_commands(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(ROOT)
    status, out, err = run(capsys, *args)
    assert status == 2
    text = out + err
    assert not any(ch in text for ch in "\x1b\x07")
    assert not any(line.startswith("::") for line in text.splitlines())


def test_a_refused_link_never_shows_a_line_of_its_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_record_roots import split_record

    split_record(tmp_path / "records", compliant())
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the secret first line\n", encoding="utf-8")
    (tmp_path / "records" / "activities" / "x.yaml").symlink_to(secret)
    monkeypatch.chdir(tmp_path)
    for args in (["records"], ["records/activities/x.yaml"]):
        status, out, err = run(capsys, *args)
        assert status == 2
        assert "RPA009" in out
        assert "the secret first line" not in out + err


def test_a_refused_output_leaves_no_baseline_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_record_roots import split_record

    split_record(tmp_path / "records", compliant())
    monkeypatch.chdir(tmp_path)
    status, _, err = run(
        capsys,
        "records/activities/nyhetsbrev.yaml",
        "-o",
        "sarif=records/organisation.yaml",
        "--create-baseline",
        "b.json",
    )
    assert status == 2
    assert not (tmp_path / "b.json").exists()
    assert "organisation.yaml" in err
