"""Every output stays valid for any input, and a huge value is a bounded line (issue 11).

Hypothesis puts arbitrary strings (control characters, line separators, bidi
controls, GitHub command markers, the bytes of a file name that are not UTF-8)
in every field of a finding, and in the fields, keys, waivers and file names of
a record that is then checked. Each machine-readable format must still parse,
and keep the exact text: json, json-lines (one physical line per finding),
sarif (valid against the SARIF 2.1.0 schema), junit (parses with
xml.etree) and gitlab (JSON). The text formats (full, concise, github,
statistics, the summary line) must hold no raw control character but the
newline between lines, no line that begins with a command ropa-check did not
write, and only ropa-check's own colour codes when colour is on.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ropa_check.cli import main
from ropa_check.finding import Finding, Severity, Suppression
from ropa_check.reporters import COLOURED, escape, get
from ropa_check.result import Result
from tests.helpers import ALL_RULES, VOCABULARIES, compliant
from tests.test_properties import _get, _text_fields

from ropa_check.pipeline import check_paths  # isort: skip

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
SARIF = jsonschema.Draft4Validator(SCHEMA)

_FINDINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_RECORDS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Pieces that a report must not let through raw, mixed into ordinary text.
_HOSTILE = st.sampled_from(
    [
        "\n",
        "\r\n",
        "\x00",
        "\x07",
        "\x1b[2J",
        "\x1b]0;t\x07",
        "\x7f",
        "\x85",
        "\x9b",
        "\u2028",
        "\u2029",
        "\u202e",
        "\ufeff",
        "\ufffe",
        "\uffff",
        "\ud800",
        "\udc80",
        "\udcff",
        "::",
        "::add-mask::",
        "##[error]",
        "%0A",
        "<",
        "&",
        "]]>",
        '"',
        "'",
        "\\",
        "\t",
        " ",
        "\u3000",
        "é",
        "日本",
    ]
)
#: Any code point (surrogates included), with the hostile pieces more often than chance would give them.
TEXT = st.lists(
    st.one_of(_HOSTILE, st.text(st.characters(codec=None, exclude_categories=()), max_size=5)), max_size=12
).map("".join)
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
OURS = re.compile(r"::(group|endgroup|error|warning|notice)[ :]")
SGR = re.compile(r"\x1b\[[0-9;]*m")
MACHINE = ("json", "json-lines", "sarif", "junit", "gitlab")
TEXT_FORMATS = ("full", "concise", "github", "statistics", "summary")


def render(fmt: str, result: Result, *, colour: bool = False) -> str:
    out = io.StringIO()
    if colour:
        get(fmt)(result, out, color=True)  # type: ignore[call-arg]
    else:
        get(fmt)(result, out)
    text = out.getvalue()
    text.encode("utf-8")  # strictly: no lone surrogate reaches a file or a terminal
    return text


def as_json_reads(text: str) -> str:
    """``text`` as a JSON reader gets it back: a high and a low surrogate written one after the other (which
    no real input holds: file names carry only low ones, from surrogateescape) read back as one character."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")


def assert_valid(fmt: str, text: str, result: Result) -> None:
    """``text`` is a valid ``fmt`` document that keeps the findings' exact messages (JSON formats)."""
    if fmt == "json":
        doc = json.loads(text)
        assert [f["message"] for f in doc["findings"]] == [as_json_reads(f.message) for f in result.findings]
        assert [f["file"] for f in doc["findings"]] == [as_json_reads(f.file) for f in result.findings]
    elif fmt == "json-lines":
        lines = text.splitlines()  # a splitlines reader sees one line per finding: no raw U+2028 or U+0085
        assert len(lines) == len(result.findings)
        messages = [json.loads(line)["message"] for line in lines]
        assert messages == [as_json_reads(f.message) for f in result.findings]
    elif fmt == "sarif":
        SARIF.validate(json.loads(text))
    elif fmt == "junit":
        ET.fromstring(text.encode("utf-8"))
    elif fmt == "gitlab":
        issues = json.loads(text)
        assert len(issues) == len(result.active)
        for issue, f in zip(issues, result.active, strict=True):
            assert issue["description"].startswith(f"{f.code} {as_json_reads(f.message)}")


def assert_text_safe(text: str, *, colour: bool = False) -> None:
    if colour:
        text = SGR.sub("", text)
        assert "\x1b" not in text, repr(text)
    assert text.endswith("\n")
    for line in text[:-1].split("\n"):
        assert not CONTROL.search(line), repr(line)
        assert not line.lstrip().startswith("::") or OURS.match(line.lstrip()), repr(line)
        assert "##[" not in line, repr(line)


# ------------------------------------------------------------------ any text in any field of a finding


@st.composite
def findings(draw: st.DrawFn) -> Finding:
    suppression = draw(
        st.none() | st.builds(Suppression, st.sampled_from(["waiver", "baseline"]), TEXT, TEXT | st.none(), TEXT)
    )
    return Finding(
        code=draw(st.sampled_from(["RPA003", "RPA103", "RPA094", "RPA401", "RPA001", "XYZ999"])),
        severity=draw(st.sampled_from(list(Severity))),
        message=draw(TEXT),
        file=draw(TEXT),
        line=draw(st.integers(0, 5)),
        column=draw(st.integers(0, 5)),
        json_path=draw(TEXT),
        activity=draw(TEXT | st.none()),
        reference=draw(TEXT),
        fix=draw(TEXT | st.none()),
        name=draw(TEXT),
        suppression=suppression,
        origin=draw(TEXT | st.none()),
        entry_path=draw(TEXT),
        covers=tuple(draw(st.lists(TEXT, max_size=2))),
    )


@_FINDINGS
@given(st.lists(findings(), max_size=3), st.lists(TEXT, max_size=2))
def test_any_text_in_a_finding_keeps_every_format_valid(found: list[Finding], files: list[str]) -> None:
    result = Result(
        findings=found,
        files=[*files, *(f.file for f in found)],
        activities=1,
        rules=1,
        file_activities={f.file: [f.activity] for f in found if f.activity},
    )
    with tempfile.TemporaryDirectory() as tmp:
        cwd = os.getcwd()
        os.chdir(tmp)  # where `full` looks for the files named, and finds none
        try:
            for fmt in MACHINE:
                assert_valid(fmt, render(fmt, result), result)
            for fmt in TEXT_FORMATS:
                assert_text_safe(render(fmt, result))
            for fmt in COLOURED:
                assert_text_safe(render(fmt, result, colour=True), colour=True)
        finally:
            os.chdir(cwd)


# ------------------------------------------------------------------ any text in a record and its file name


@st.composite
def hostile_records(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """The compliant example with arbitrary text in its text fields, a key, a joint controller, a waiver, and a name."""
    data = compliant()
    for path in draw(st.lists(st.sampled_from(_text_fields(data)), max_size=6, unique=True)):
        _get(data, path[:-1])[path[-1]] = draw(TEXT)
    if draw(st.booleans()):
        data[draw(TEXT)] = draw(TEXT)
    if draw(st.booleans()):
        data["organisation"]["joint_controllers"] = [{"name": draw(TEXT)}]
    if draw(st.booleans()):
        del data["activities"][0]["retention"]
        data["activities"][0]["x-ropa-check"] = {
            "ignore": [{"codes": ["RPA401"], "reason": draw(TEXT), "approver": draw(TEXT), "expires": "2099-12-31"}]
        }
    # A file name is bytes without '/' or NUL (at most 255 of them); those that are not UTF-8 arrive as surrogates.
    raw = draw(st.binary(max_size=60).map(lambda b: b.replace(b"/", b"_").replace(b"\x00", b"_")))
    return data, os.fsdecode(raw) + ".json"


@_RECORDS
@given(hostile_records())
def test_any_text_in_a_record_keeps_every_format_valid(record: tuple[dict[str, Any], str]) -> None:
    data, name = record
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "rec"
        folder.mkdir()
        # Written as JSON with every non-ASCII character escaped: any string, surrogates included, survives.
        (folder / name).write_text(json.dumps(data, default=str), encoding="utf-8")
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            result = check_paths(["rec"], ALL_RULES, VOCABULARIES)
            assert result.findings or result.files
            for fmt in MACHINE:
                assert_valid(fmt, render(fmt, result), result)
            for fmt in TEXT_FORMATS:
                assert_text_safe(render(fmt, result))
        finally:
            os.chdir(cwd)


# ------------------------------------------------------------------ a huge value is a bounded line


@pytest.fixture(scope="module")
def huge_record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1 MB unknown key (RPA003) and a 1 MB text where a number belongs (RPA002, which quotes it)."""
    import yaml

    tmp_path = tmp_path_factory.mktemp("huge")
    data = compliant()
    data["organisation"]["headcount"] = "y" * 1_000_000
    data["k" * 1_000_000] = 1
    folder = tmp_path / "rec"
    folder.mkdir()
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9)
    (folder / "r.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["full", "concise", "github"])
def test_a_huge_value_is_cut_in_text_output(
    huge_record: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    monkeypatch.chdir(huge_record)
    assert main(["check", "rec", "--output-format", fmt]) == 2
    out = capsys.readouterr().out
    assert "RPA002" in out
    assert "RPA003" in out
    longest = max(len(line) for line in out.splitlines())
    # One value is at most escape.LIMIT characters; an annotation carries two (the message and the JSON path).
    assert longest <= 2 * escape.LIMIT + 200, longest
    left_out = [int(n) for n in re.findall(r"…\((\d+) characters left out\)…", out)]
    assert left_out
    assert all(n > 990_000 for n in left_out), left_out
    assert "yyyy'" in out  # the end of the value is kept: the quote that closes it, and what follows


@pytest.mark.parametrize("fmt", MACHINE)
def test_a_huge_value_is_valid_in_machine_output(
    huge_record: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    monkeypatch.chdir(huge_record)
    assert main(["check", "rec", "--output-format", fmt]) == 2
    out = capsys.readouterr().out
    if fmt == "junit":
        ET.fromstring(out)
    elif fmt == "json-lines":
        [json.loads(line) for line in out.splitlines()]
    else:
        json.loads(out)
    # The record's own paths are identity and stay whole; a value a message quotes is cut where it is quoted.
    assert "k" * 1_000_000 in out
    assert "y" * 1_000_000 not in out
    assert "(and 999,940 more characters)" in out


def test_cut_keeps_the_head_and_the_tail() -> None:
    text = "a" * 5000 + "END"
    shown = escape.shown(text, limit=100)
    assert shown.startswith("a" * 66 + "…(4903 characters left out)…")
    assert shown.endswith("END")
    assert escape.shown("short", limit=100) == "short"
