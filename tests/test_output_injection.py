"""Record content cannot write lines, CI commands or terminal controls into a text report (issue 11).

Five routes carry text from the input into what ropa-check prints: an unknown
key (RPA003), a string a rule quotes (a joint controller's name, RPA103), a
JSON waiver's reason and approver (shown with the waived finding, even on a
clean run), a baseline entry's message (RPA094), and a file name. Each carries
a payload of line breaks, GitHub workflow commands (``::add-mask::``, the
legacy ``##[error]`` that the runner obeys anywhere in a line), a terminal
title change (OSC), a screen clear and BEL, through every text format. No
line may begin with ``::`` unless ropa-check wrote that command, no raw
control character but the newline between lines may appear, and the payload
must still be visible, escaped.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ropa_check.cli import main
from ropa_check.finding import Finding, Severity, Suppression
from ropa_check.reporters import escape, get
from ropa_check.result import Result
from tests.helpers import apply_patch, compliant
from tests.test_hostile import assert_refused, run_cli

PAYLOAD = "x\n::add-mask::K1\r\n::set-output name=p::1 ##[error]legacy\x1b]0;pwned\x07\x1b[2J\u2028::warning::sep\x85z"
#: The payload as a text report shows it.
SHOWN = (
    "x\\n::add-mask::K1\\r\\n::set-output name=p::1 ##\\[error]legacy\\x1b]0;pwned\\x07\\x1b[2J\\u2028::warning::sep"
    "\\x85z"
)
#: Workflow commands ropa-check itself writes (github format).
OURS = re.compile(r"::(group|endgroup|error|warning|notice)[ :]")
#: The colour codes ropa-check itself writes (SGR), when colour is on.
SGR = re.compile(r"\x1b\[[0-9;]*m")
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def assert_safe(text: str, *, colour: bool = False) -> None:
    """No injected line, command or control character; the colour codes only when ropa-check paints."""
    if colour:
        text = SGR.sub("", text)
    for line in text.split("\n"):
        assert not CONTROL.search(line), repr(line)
        stripped = line.lstrip()
        if stripped.startswith("::"):
            assert OURS.match(stripped), repr(line)
        assert "##[" not in line, repr(line)
    assert "::add-mask::K1\n" not in text
    assert "::set-output" not in "".join(line[:20] for line in text.split("\n"))


# ------------------------------------------------------------------ the five routes


def _record(folder: Path, data: dict[str, Any], name: str = "r.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    return path


def unknown_key(tmp: Path) -> tuple[list[str], int]:
    data = compliant()
    data[PAYLOAD] = 1
    _record(tmp / "rec", data)
    return ["rec"], 2


def quoted_by_a_rule(tmp: Path) -> tuple[list[str], int]:
    data = apply_patch(compliant(), [{"op": "add", "path": "/organisation/joint_controllers", "value": [{}]}])
    data["organisation"]["joint_controllers"][0]["name"] = PAYLOAD
    _record(tmp / "rec", data)
    return ["rec"], 1


def waiver_reason(tmp: Path) -> tuple[list[str], int]:
    data = apply_patch(compliant(), [{"op": "remove", "path": "/activities/0/retention"}])
    data["activities"][0]["x-ropa-check"] = {
        "ignore": [{"codes": ["RPA401"], "reason": PAYLOAD, "approver": PAYLOAD, "expires": "2099-12-31"}]
    }
    _record(tmp / "rec", data)
    return ["rec"], 0  # a clean run, which still shows the waived findings with their reason


def baseline_message(tmp: Path) -> tuple[list[str], int]:
    _record(tmp / "rec", compliant())
    entry = {"file": "rec/r.json", "activity": None, "entry_path": "$.organisation", "code": "RPA103"}
    baseline = {"ropa-check-baseline": 2, "findings": [{**entry, "message": PAYLOAD}]}
    (tmp / "baseline.json").write_text(json.dumps(baseline), encoding="utf-8")
    return ["rec", "--baseline", "baseline.json"], 0  # RPA094 is a warning


def file_name(tmp: Path) -> tuple[list[str], int]:
    data = compliant()
    data["unknown"] = 1
    # A file name holds no '/' and no NUL; everything else in the payload may be in it.
    _record(tmp / "rec", data, name=PAYLOAD + ".json")
    return ["rec"], 2


ROUTES: dict[str, Callable[[Path], tuple[list[str], int]]] = {
    "unknown-key": unknown_key,
    "quoted-by-a-rule": quoted_by_a_rule,
    "waiver-reason": waiver_reason,
    "baseline-message": baseline_message,
    "file-name": file_name,
}
#: Every text format, as the options that ask for it.
TEXT_FORMATS = {
    "full": ["--output-format", "full"],
    "concise": ["--output-format", "concise"],
    "github": ["--output-format", "github"],
    "statistics": ["--statistics"],
    "quiet": ["--quiet"],
}


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("ROPA_CHECK_OUTPUT_FORMAT", raising=False)
    status = main(["check", *args])
    captured = capsys.readouterr()
    return f"{status}\n{captured.out}"


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize("route", ROUTES)
def test_no_route_injects_into_a_text_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], route: str, fmt: str
) -> None:
    args, status = ROUTES[route](tmp_path)
    first, _, out = _run(tmp_path, monkeypatch, capsys, *args, *TEXT_FORMATS[fmt]).partition("\n")
    assert int(first) == status, out
    assert_safe(out)
    if fmt in ("full", "concise", "github"):
        # The payload is still there for a reader to see, escaped, not dropped.
        assert SHOWN in out, out


@pytest.mark.parametrize("route", ROUTES)
def test_every_route_stays_valid_in_the_machine_formats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], route: str
) -> None:
    """The machine formats keep the exact text and stay parseable (JUnit was not, with ESC or BEL)."""
    from xml.etree import ElementTree as ET

    args, status = ROUTES[route](tmp_path)
    for fmt in ("json", "json-lines", "sarif", "gitlab", "junit"):
        first, _, out = _run(tmp_path, monkeypatch, capsys, *args, "--output-format", fmt).partition("\n")
        assert int(first) == status, out
        if fmt == "junit":
            ET.fromstring(out)
        elif fmt == "json-lines":
            for line in out.splitlines():
                json.loads(line)
        else:
            json.loads(out)
        if fmt == "json" and route in ("unknown-key", "quoted-by-a-rule", "baseline-message"):
            messages = [f["message"] for f in json.loads(out)["findings"]]
            assert any(PAYLOAD in m for m in messages), messages


def test_github_actions_run_prints_no_command_from_the_record(tmp_path: Path) -> None:
    """The issue's reproduction, through the real CLI: GITHUB_ACTIONS=true ropa-check r."""
    data = compliant()
    data["x\n::add-mask::K1\n::set-output name=p::1"] = 1
    _record(tmp_path / "r", data)
    run = run_cli("check", "r", cwd=tmp_path, env={"GITHUB_ACTIONS": "true", "ROPA_CHECK_OUTPUT_FORMAT": ""})
    assert_refused(run, 2)
    assert run.stdout.startswith("::group::")
    assert_safe(run.stdout)
    assert "unknown key 'x\\n::add-mask::K1\\n::set-output name=p::1'" in run.stdout


def test_a_file_name_that_begins_with_a_command_is_shown_from_dot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``::add-mask::x.json`` at the start of a line is a command; ``./::add-mask::x.json`` is the same file."""
    data = compliant()
    data["unknown"] = 1
    _record(tmp_path, data, name="::add-mask::x.json")
    for fmt in ("full", "concise", "github"):
        _, _, out = _run(tmp_path, monkeypatch, capsys, "::add-mask::x.json", "--output-format", fmt).partition("\n")
        assert_safe(out)
        assert "./::add-mask::x.json:" in out


# ------------------------------------------------------------------ colour, and the pieces shown


def _finding(**changes: Any) -> Finding:
    base = Finding(
        "RPA003",
        Severity.ERROR,
        f"unknown key '{PAYLOAD}'",
        f"{PAYLOAD}.yaml",
        3,
        5,
        f"$['{PAYLOAD}']",
        activity=PAYLOAD,
        reference=PAYLOAD,
        fix=PAYLOAD,
        name=PAYLOAD,
    )
    return dataclasses.replace(base, **changes)


def test_colour_stays_ours_and_input_inside_it_is_escaped() -> None:
    waived = _finding(suppression=Suppression("waiver", PAYLOAD, PAYLOAD, "2099-12-31"))
    result = Result(findings=[_finding(), waived], files=[f"{PAYLOAD}.yaml"], activities=1, rules=1)
    for fmt in ("full", "concise", "summary"):
        out = io.StringIO()
        get(fmt)(result, out, color=True)  # type: ignore[call-arg]
        text = out.getvalue()
        assert SGR.search(text), "colour was asked for"
        assert_safe(text, colour=True)
        # Every ESC left is one of ropa-check's colour codes: the payload's OSC and clear are escaped.
        assert "\x1b]" not in text
        assert "\x1b[2J" not in text


def test_every_piece_of_full_is_escaped() -> None:
    """Message, file, JSON path, activity, rule name, reference, fix, waiver reason and approver."""
    waived = _finding(suppression=Suppression("waiver", PAYLOAD, PAYLOAD, PAYLOAD))
    result = Result(findings=[waived], files=[f"{PAYLOAD}.yaml"], activities=1, rules=1)
    for fmt in ("full", "concise", "github", "statistics"):
        out = io.StringIO()
        get(fmt)(result, out)
        assert_safe(out.getvalue())
    out = io.StringIO()
    get("full")(Result(findings=[_finding()], files=[f"{PAYLOAD}.yaml"]), out)
    # file, message, activity, JSON path, rule name, reference, fix
    assert out.getvalue().count(SHOWN) == 7, out.getvalue()


def test_the_source_line_in_full_is_escaped_and_the_caret_still_points(tmp_path: Path) -> None:
    """A JSON file may hold a tab or ESC in a line; the excerpt shows them escaped, the caret on its character."""
    path = tmp_path / "r.json"
    path.write_text('{"a":\t"\x1b[2J\x07",\t"b": 1}\n', encoding="utf-8")
    f = _finding(file=str(path), line=1, column=17, message="m", json_path="$.b")  # at the "b"
    out = io.StringIO()
    get("full")(Result(findings=[f], files=[str(path)]), out)
    lines = out.getvalue().split("\n")
    assert_safe(out.getvalue())
    excerpt, caret = lines[1], lines[2]
    assert excerpt.endswith('{"a":\\t"\\x1b[2J\\x07",\\t"b": 1}'), excerpt
    assert excerpt[caret.index("^")] == "b", (excerpt, caret)


# ------------------------------------------------------------------ the escape itself


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text, åäö, 日本", "plain text, åäö, 日本"),
        ("a\nb\rc\td", "a\\nb\\rc\\td"),
        ("\x00\x07\x1b\x7f\x9b", "\\x00\\x07\\x1b\\x7f\\x9b"),
        ("\u2028\u2029\u202e\u2066", "\\u2028\\u2029\\u202e\\u2066"),
        ("name\udcff.yaml", "name\\xff.yaml"),  # a byte that is not UTF-8, as Python keeps it in a file name
        ("##[error]x ###[y", "##\\[error]x ###\\[y"),
        ("C:\\path", "C:\\path"),  # a display escape: backslashes are shown as they are
    ],
)
def test_shown(raw: str, shown: str) -> None:
    assert escape.shown(raw) == shown
    assert escape.is_safe(shown)


def test_line_start() -> None:
    assert escape.line_start("::add-mask::x.yaml") == "./::add-mask::x.yaml"
    assert escape.line_start("\u3000::x") == "./\u3000::x"
    assert escape.line_start("records/a.yaml") == "records/a.yaml"
    assert escape.line_start("/abs/::x") == "/abs/::x"
