"""GitHub Actions annotations: escaping, groups, the full report beside them and the 10-per-kind cap."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pytest

from ropa_check.cli import main
from ropa_check.finding import Severity
from ropa_check.reporters import escape, github
from ropa_check.result import Result
from tests.helpers import apply_patch, check, compliant, write_record

COMMAND = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def unescape(text: str) -> str:
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, raw)
    return text


def parse(line: str) -> tuple[str, dict[str, str], str]:
    m = COMMAND.match(line)
    assert m, line
    props = dict(p.split("=", 1) for p in m["props"].split(","))
    return m[1], {k: unescape(v) for k, v in props.items()}, unescape(m["message"])


def render(result: Result) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    github.render(result, out, err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "message",
    ["100% of members, see: art. 6", "first line\nsecond line", "a\r\nb, c: d %0A literal", "%25 already"],
)
def test_messages_are_escaped(kollektivkraft: Result, message: str) -> None:
    f = dataclasses.replace(kollektivkraft.active[0], message=message)
    line = github.annotation(f)
    assert "\n" not in line
    assert "\r" not in line
    _, props, text = parse(line)
    # A line break from the input is shown as a visible \n, as in the full text beside the annotation.
    assert text.startswith(escape.shown(message) + " [")
    assert props["title"] == f"ropa-check ({f.code})"


def test_file_names_with_commas_colons_and_percent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    data = apply_patch(compliant(), [{"op": "remove", "path": "/activities/0/retention"}])
    write_record(tmp_path, data, name="a,b:c 100%.yaml")
    out, _ = render(check("a,b:c 100%.yaml"))
    lines = [line for line in out.splitlines() if COMMAND.match(line)]
    assert lines
    for line in lines:
        _, props, _ = parse(line)
        assert props["file"] == "a,b:c 100%.yaml"
        assert int(props["line"]) >= 1
        assert int(props["col"]) >= 1
    assert "::group::a,b:c 100%25.yaml" in out


def test_groups_annotations_and_full_text(kollektivkraft: Result) -> None:
    out, _ = render(kollektivkraft)
    lines = out.splitlines()
    assert lines.count("::endgroup::") == len({f.file for f in kollektivkraft.findings})
    annotations = [parse(line) for line in lines if COMMAND.match(line)]
    assert len(annotations) == len(kollektivkraft.active)
    for (kind, props, message), f in zip(annotations, kollektivkraft.active, strict=True):
        assert kind == {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}[f.severity]
        assert (props["file"], int(props["line"]), int(props["col"])) == (f.file, f.line, f.column)
        assert message.startswith(f.message)
    # The full report is there too, suppressed findings included (as text, never as annotations).
    for f in kollektivkraft.findings:
        assert f"{f.file}:{f.line}:{f.column}: {f.code} {f.message}" in out
    assert "(suppressed: Medlemmar informeras muntligt" in out
    assert lines[-1].startswith(("Found", "Could not check"))


def test_warns_past_githubs_cap(kollektivkraft: Result) -> None:
    errors = [f for f in kollektivkraft.active if f.severity is Severity.ERROR]
    assert len(errors) > github.ANNOTATION_CAP
    _, err = render(kollektivkraft)
    assert f"{len(errors)} error annotations" in err
    assert "sarif" in err.lower()
    few = Result(findings=errors[: github.ANNOTATION_CAP])
    assert render(few)[1] == ""


def test_chosen_in_github_actions(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.helpers import ROOT

    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("ROPA_CHECK_OUTPUT_FORMAT", raising=False)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    main(["records/activities/nyhetsbrev.yaml"])
    out = capsys.readouterr().out
    assert out.startswith("::group::records/")
    assert re.search(r"^::error file=records/activities/[a-z-]+\.yaml,line=\d+,col=\d+,title=", out, re.M)
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    main(["records/activities/nyhetsbrev.yaml"])
    assert "::error" not in capsys.readouterr().out
