"""A bad environment for the configuration (issue 11): every case exits 2 with one located line, or is
none of ropa-check's business and passed over; never a traceback.

Cases: a ``pyproject.toml`` that is not UTF-8 (another tool's, or ours), ``tool`` that is not a table, a
``[tool.ropa-check]`` header inside a string, TOML nested thousands of levels deep, and configured paths
no file system can hold (a NUL byte, a name over 255 bytes).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa_check import config
from tests.helpers import COMPLIANT
from tests.test_hostile import Run, assert_refused, run_cli


def project(tmp_path: Path) -> Path:
    """A project folder inside ``tmp_path`` holding ``records/record.yaml``."""
    folder = tmp_path / "project"
    (folder / "records").mkdir(parents=True)
    (folder / "records" / "record.yaml").write_bytes(COMPLIANT.read_bytes())
    return folder


def error_line(run: Run) -> str:
    assert_refused(run)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("ropa-check: error: "), lines[0]
    return lines[0]


def test_another_tools_pyproject_that_is_not_utf8_is_passed_over(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (tmp_path / "pyproject.toml").write_bytes(b'[project]\nname = "caf\xe9"\n')  # Latin-1, a folder up
    (folder / "pyproject.toml").write_bytes(b"[tool.black]\n# r\xe9sum\xe9\n")  # and here
    run = run_cli("records", "--output-format", "json", cwd=folder)
    assert "Traceback" not in run.stderr
    assert run.status in (0, 1), run.stderr
    assert run.stderr == ""


def test_our_pyproject_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / "pyproject.toml").write_bytes(b'[tool.ropa-check]\npaths = ["records"]\n# caf\xe9\n')
    line = error_line(run_cli("records", cwd=folder))
    assert f"{folder / 'pyproject.toml'}:3:6: not UTF-8 (byte 0xe9)" in line


def test_a_configuration_file_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / "ropa-check.toml").write_bytes(b'select = ["ALL"]\nignore = ["RPA\xff"]\n')
    line = error_line(run_cli("records", cwd=folder))
    assert f"{folder / 'ropa-check.toml'}:2:15: not UTF-8 (byte 0xff)" in line


@pytest.mark.parametrize(
    ("text", "kind"),
    [("tool = 5\n", "an integer"), ('name = "x"\ntool = "[tool.ropa-check]"\n', "a string")],
)
def test_tool_that_is_not_a_table(tmp_path: Path, text: str, kind: str) -> None:
    folder = project(tmp_path)
    (folder / "pyproject.toml").write_text(text, encoding="utf-8")
    line = error_line(run_cli("records", "--config", "pyproject.toml", cwd=folder))
    assert f"pyproject.toml:{text.count(chr(10))}: 'tool' is {kind}, not a table" in line


def test_a_header_inside_a_string_is_no_table(tmp_path: Path) -> None:
    """Found while looking upwards, such a file is not ropa-check's configuration: the one above it is."""
    folder = project(tmp_path)
    (folder / "pyproject.toml").write_text('tool = """\n[tool.ropa-check]\nselect = 5\n"""\n', encoding="utf-8")
    (tmp_path / "ropa-check.toml").write_text('select = ["RPA1"]\n', encoding="utf-8")
    run = run_cli("records", "--show-settings", cwd=folder)
    assert run.status == 0, run.stderr
    assert f'config-file = "{tmp_path / "ropa-check.toml"}"' in run.stdout


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("pyproject.toml", '[tool.ropa-check]\npaths = ["records"]\nselect = ' + "[" * 5000 + "]" * 5000, 3),
        ("ropa-check.toml", "ignore = []\n\nseverity = " + "{a = " * 5000 + "1" + "}" * 5000, 3),
        # Brackets inside strings and comments are not nesting: the line is where the nesting is.
        ("ropa-check.toml", 'x = "[[[["\n# [[[[\n\npaths = ' + "[" * 5000 + "]" * 5000, 4),
    ],
)
def test_toml_nested_thousands_deep(tmp_path: Path, name: str, text: str, line: int) -> None:
    folder = project(tmp_path)
    (folder / name).write_text(text + "\n", encoding="utf-8")
    message = error_line(run_cli("records", cwd=folder))
    assert f"{folder / name}:{line}: arrays or tables nested more deeply than ropa-check reads" in message


def test_nul_byte_in_a_configured_path(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / "ropa-check.toml").write_text('fail-on = "error"\npaths = ["records/a\\u0000b"]\n', encoding="utf-8")
    line = error_line(run_cli(cwd=folder))
    assert f"{folder / 'ropa-check.toml'}:2: 'paths' holds" in line
    assert "NUL byte" in line


def test_name_too_long_in_a_configured_path_is_rpa009(tmp_path: Path) -> None:
    folder = project(tmp_path)
    long = "a" * 300
    (folder / "ropa-check.toml").write_text(f'paths = ["records/{long}.yaml", "{long}/x"]\n', encoding="utf-8")
    run = run_cli("--output-format", "json", cwd=folder)
    assert_refused(run)
    refused = {f["file"] for f in run.findings if f["code"] == "RPA009"}
    assert refused == {f"records/{long}.yaml", f"{long}/x"}


def test_name_too_long_on_the_command_line_is_rpa009(tmp_path: Path) -> None:
    folder = project(tmp_path)
    long = "b" * 300
    run = run_cli("check", f"records/{long}.yaml", "records", "--output-format", "json", cwd=folder)
    assert_refused(run)
    assert [f["file"] for f in run.findings if f["code"] == "RPA009"] == [f"records/{long}.yaml"]


def test_deepest_ignores_brackets_in_strings_and_comments() -> None:
    text = 'a = \'[[[[\'\nb = """\n[[[[\n"""\nc = "\\"[[[[" # [[[[\nd = ' + "[" * 200
    assert config._deepest(text) == 6
    assert config._deepest("a = [[1]]\n") == 1
