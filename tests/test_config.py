"""Configuration files, their precedence, the command line over them, errors, and --show-settings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ropa_check.cli import main
from tests.helpers import apply_patch, compliant, write_record


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def settings(capsys: pytest.CaptureFixture[str], *args: str, lines: bool = False) -> dict[str, tuple[object, str]]:
    """--show-settings parsed: name -> (value, source); a file source is ``file:line``, shown with ``lines``."""
    status, out, err = run(capsys, *args, "--show-settings")
    assert status == 0, err
    parsed = {}
    for line in out.splitlines():
        m = re.match(r"^(?P<key>[a-z-]+)\s*= (?P<value>.+?)  # (?P<source>.+)$", line)
        assert m, line
        source = m["source"] if lines else re.sub(r":\d+$", "", m["source"])
        parsed[m["key"]] = (json.loads(m["value"]), source)
    return parsed


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with the compliant record in records/ (minus one retention: RPA401 fires)."""
    (tmp_path / "records").mkdir()
    write_record(tmp_path / "records", apply_patch(compliant(), [{"op": "remove", "path": "/activities/1/retention"}]))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_defaults_without_a_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    got = settings(capsys)
    assert got["config-file"] == (None, "none found")
    assert got["select"] == (["ALL"], "default")
    assert got["fail-on"] == ("error", "default")
    assert got["packs"] == (None, "default")


def test_ropa_check_toml_values_and_sources(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "ropa-check.toml").write_text(
        'select = ["RPA4"]\nfail-on = "warning"\nexit-zero = true\n[severity]\nRPA401 = "info"\n', "utf-8"
    )
    got = settings(capsys)
    source = str(project / "ropa-check.toml")
    assert got["config-file"][0] == source
    assert got["select"] == (["RPA4"], source)
    assert got["fail-on"] == ("warning", source)
    assert got["severity"] == ({"RPA401": "info"}, source)
    assert got["ignore"] == ([], "default")
    # Each value names the line it is written on, so a bad one is easy to find.
    with_lines = settings(capsys, lines=True)
    assert with_lines["fail-on"][1] == f"{source}:2"
    assert with_lines["severity"][1] == f"{source}:4"


def test_pyproject_table(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.ropa-check]\nignore = ["RSE"]\n', "utf-8")
    assert settings(capsys)["ignore"] == (["RSE"], str(project / "pyproject.toml"))


def test_pyproject_without_the_table_is_skipped(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    assert settings(capsys)["config-file"] == (None, "none found")


def test_ropa_check_toml_beats_pyproject(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text('[tool.ropa-check]\nignore = ["RSE"]\n', "utf-8")
    (project / ".ropa-check.toml").write_text('ignore = ["RPA5"]\n', "utf-8")
    assert settings(capsys)["ignore"] == (["RPA5"], str(project / ".ropa-check.toml"))
    (project / "ropa-check.toml").write_text('ignore = ["RPA1"]\n', "utf-8")
    assert settings(capsys)["ignore"] == (["RPA1"], str(project / "ropa-check.toml"))


def test_closest_file_wins(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "ropa-check.toml").write_text('ignore = ["RPA1"]\n', "utf-8")
    sub = project / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[tool.ropa-check]\nignore = ["RPA2"]\n', "utf-8")
    monkeypatch.chdir(sub)
    assert settings(capsys)["ignore"] == (["RPA2"], str(sub / "pyproject.toml"))
    (sub / "pyproject.toml").unlink()
    assert settings(capsys)["ignore"] == (["RPA1"], str(project / "ropa-check.toml"))


def test_command_line_overrides_the_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "ropa-check.toml").write_text('select = ["RPA4"]\nfail-on = "info"\n', "utf-8")
    got = settings(capsys, "--select", "RPA5", "--fail-on", "error", "--extend-select", "RSE")
    assert got["select"] == (["RPA5"], "command line")
    assert got["fail-on"] == ("error", "command line")
    assert got["extend-select"] == (["RSE"], "command line")


def test_isolated_and_explicit_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "ropa-check.toml").write_text('ignore = ["RPA1"]\n', "utf-8")
    other = project / "ci.toml"
    other.write_text('ignore = ["RPA9"]\n', "utf-8")
    assert settings(capsys, "--isolated")["ignore"] == ([], "default")
    assert settings(capsys, "--config", str(other))["ignore"] == (["RPA9"], str(other))


def test_paths_in_the_file_are_relative_to_it(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "ropa-check.toml").write_text('paths = ["records"]\nselect = ["RPA401"]\n', "utf-8")
    (project / "sub").mkdir()
    monkeypatch.chdir(project / "sub")
    status, out, _ = run(capsys, "--output-format", "concise")
    assert status == 1
    assert out.startswith("../records/record.yaml:")


def test_select_and_severity_change_the_outcome(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--select", "RPA401")[0] == 1
    (project / "ropa-check.toml").write_text('select = ["RPA401"]\n[severity]\nRPA401 = "warning"\n', "utf-8")
    status, out, _ = run(capsys, "--output-format", "json")
    assert status == 0
    (finding,) = json.loads(out)["findings"]
    assert finding["severity"] == "warning"  # the finding carries the overridden severity
    assert run(capsys, "--fail-on", "warning")[0] == 1


def test_exit_zero_from_the_file_never_hides_bad_input(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "ropa-check.toml").write_text("exit-zero = true\n", "utf-8")
    assert run(capsys)[0] == 0
    (project / "records" / "broken.yaml").write_text("a: [\n", "utf-8")
    assert run(capsys)[0] == 2


def test_per_file_ignores(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "ropa-check.toml").write_text(
        'select = ["RPA401", "RPA09"]\n[per-file-ignores]\n"records/*.yaml" = ["RPA4"]\n', "utf-8"
    )
    status, out, _ = run(capsys, "--output-format", "json")
    assert status == 0
    assert json.loads(out)["findings"] == []
    (project / "ropa-check.toml").write_text(
        'select = ["RPA401"]\n[per-file-ignores]\n"elsewhere/*.yaml" = ["RPA4"]\n', "utf-8"
    )
    assert run(capsys)[0] == 1


def test_packs_and_disabled_plugins(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "rules", "--output-format", "json")
    assert "RSE101" in {r["code"] for r in json.loads(out)}
    (project / "ropa-check.toml").write_text("packs = []\n", "utf-8")
    # Without the pack its codes name no installed rule: a usage error, never "All checks passed".
    status, out, err = run(capsys, "--select", "RSE", "--output-format", "json")
    assert (status, out) == (2, "")
    assert "'RSE' matches no installed rule" in err
    assert settings(capsys, "--packs", "se")["packs"] == (["se"], "command line")
    status, out, _ = run(capsys, "--packs", "se", "--select", "RSE", "--output-format", "json")
    assert json.loads(out)["summary"]["rules"] > 0
    (project / "ropa-check.toml").write_text('plugins = ["se"]\n', "utf-8")
    status, out, err = run(capsys, "--select", "RSE", "--output-format", "json")
    assert status == 2
    assert "matches no installed rule" in err


def test_show_settings_lists_loaded_plugins(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    loaded, source = settings(capsys)["loaded-plugins"]
    assert source == "plugin manager"
    assert {"ropa_check.rules.core", "se"} <= set(loaded)  # type: ignore[arg-type]
    assert "se" not in settings(capsys, "--disable-plugin", "se")["loaded-plugins"][0]  # type: ignore[operator]


def test_unknown_pack_is_an_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "--packs", "sx")
    assert status == 2
    assert "pack 'sx' is not installed; installed packs: se" in err


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "ropa-check.toml",
            'fail-on = "error"\nselcet = ["RPA4"]\n',
            r"ropa-check.toml:2: unknown key 'selcet'; did you mean 'select'\?",
        ),
        (
            "pyproject.toml",
            '[project]\nname = "x"\n\n[tool.ropa-check]\nexit-zero = false\nignroe = []\n',
            r"pyproject.toml:6: unknown key 'ignroe'; did you mean 'ignore'\?",
        ),
        (
            "ropa-check.toml",
            'select = ["RPA4"]\n[severty]\nRPA401 = "info"\n',
            r"ropa-check.toml:2: unknown key 'severty'; did you mean 'severity'\?",
        ),
        ("ropa-check.toml", 'fail-on = "fatal"\n', r"ropa-check.toml:1: 'fail-on' must be one of error, warning, info"),
        ("ropa-check.toml", 'select = "RPA4"\n', r"ropa-check.toml:1: 'select' must be a list of strings"),
        ("ropa-check.toml", 'ignore = ["rpa 4"]\n', r"ropa-check.toml:1: 'ignore' holds 'RPA 4'"),
        ("ropa-check.toml", '\n[severity]\nRPA001 = "info"\n', r"ropa-check.toml:2: 'severity' cannot change RPA001"),
        ("ropa-check.toml", '[severity]\nRPA401 = "low"\n', r"'severity' of RPA401 must be one of"),
        ("ropa-check.toml", "select = [\n", r"ropa-check.toml: invalid TOML"),
    ],
)
def test_bad_configuration_is_exit_2_naming_file_and_line(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, expected: str
) -> None:
    (project / name).write_text(text, "utf-8")
    status, out, err = run(capsys)
    assert status == 2
    assert out == ""
    assert re.search(expected, err), err
    assert "Traceback" not in err


def test_bad_today_is_a_usage_error(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    assert run(capsys, "--today", "2027-02-30")[0] == 2
    monkeypatch.setenv("ROPA_CHECK_TODAY", "tomorrow")
    status, _, err = run(capsys)
    assert status == 2
    assert "ROPA_CHECK_TODAY" in err
    monkeypatch.setenv("ROPA_CHECK_TODAY", "2027-02-28")
    assert settings(capsys)["today"] == ("2027-02-28", "environment (ROPA_CHECK_TODAY)")


def test_missing_explicit_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "--config", "nope.toml")
    assert status == 2
    assert "nope.toml: configuration file does not exist" in err
