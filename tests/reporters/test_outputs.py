"""Choosing outputs on the command line: -o FORMAT[=FILE], --output-format, the environment, --statistics."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from ropa_check.cli import main
from ropa_check.reporters import NAMES
from ropa_check.reporters.outputs import Output, OutputError, choose
from tests.helpers import ROOT


@pytest.fixture(autouse=True)
def _repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("ROPA_CHECK_OUTPUT_FORMAT", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def test_several_outputs_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sarif, junit, gitlab = tmp_path / "ropa.sarif", tmp_path / "ropa.xml", tmp_path / "cq.json"
    outputs = ["-o", f"sarif={sarif}", "-o", f"junit={junit}", "-o", f"gitlab={gitlab}", "-o", "concise"]
    status = main(["records", *outputs])
    out = capsys.readouterr().out
    assert status in (1, 2)
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert ET.parse(junit).getroot().tag == "testsuites"
    assert isinstance(json.loads(gitlab.read_text(encoding="utf-8")), list)
    assert re.search(r"^records/\S+:\d+:\d+: [A-Z]+\d{3} ", out, re.M)
    assert "::error" not in out
    assert '"version"' not in out


def test_only_files_means_a_quiet_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["records", "-o", f"json={tmp_path / 'r.json'}"])
    assert capsys.readouterr().out == ""
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["findings"]


@pytest.mark.parametrize(
    ("specs", "output_format", "environ", "expected"),
    [
        ([], None, {}, [Output("full")]),
        ([], None, {"GITHUB_ACTIONS": "true"}, [Output("github")]),
        ([], None, {"GITHUB_ACTIONS": "true", "ROPA_CHECK_OUTPUT_FORMAT": "concise"}, [Output("concise")]),
        ([], "json", {"GITHUB_ACTIONS": "true"}, [Output("json")]),
        (["sarif=x.sarif"], None, {"GITHUB_ACTIONS": "true"}, [Output("sarif", "x.sarif")]),
        (["full", "junit=r.xml"], "concise", {}, [Output("concise"), Output("full"), Output("junit", "r.xml")]),
    ],
)
def test_choose(specs: list[str], output_format: str | None, environ: dict[str, str], expected: list[Output]) -> None:
    assert choose(specs, output_format, environ=environ) == expected


def test_statistics_replaces_the_default_report_only() -> None:
    assert choose([], None, statistics=True, environ={}) == [Output("statistics")]
    assert choose(["full"], None, statistics=True, environ={}) == [Output("full"), Output("statistics")]


@pytest.mark.parametrize(
    ("specs", "message"),
    [(["xml"], "unknown output format 'xml'"), (["sarif="], "names no file"), (["json=a", "sarif=a"], "two outputs")],
)
def test_bad_outputs(specs: list[str], message: str) -> None:
    with pytest.raises(OutputError, match=message):
        choose(specs, None, environ={})


def test_every_format_renders_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in NAMES:
        status = main(["records/activities/nyhetsbrev.yaml", "-o", f"{name}={tmp_path / name}"])
        assert status in (1, 2), name
        assert (tmp_path / name).read_text(encoding="utf-8").strip(), name
    assert capsys.readouterr().out == ""


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROPA_CHECK_OUTPUT_FORMAT", "xml")
    assert main(["records"]) == 2
    assert "ROPA_CHECK_OUTPUT_FORMAT: unknown output format 'xml'" in capsys.readouterr().err
    monkeypatch.delenv("ROPA_CHECK_OUTPUT_FORMAT")
    assert main(["records", "-o", "sarif"]) in (1, 2)
    capsys.readouterr()
    assert main(["records", "-o", "sarif=/nonexistent-dir/x.sarif"]) == 2
    assert "cannot write sarif output to '/nonexistent-dir/x.sarif'" in capsys.readouterr().err
    assert main(["records", "--exit-zero", "-o", "bogus"]) == 2


def test_never_writes_over_a_checked_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "record.yaml"
    original = (ROOT / "docs" / "examples" / "compliant.yaml").read_text(encoding="utf-8")
    target.write_text(original, encoding="utf-8")
    assert main([str(target), "-o", f"json={target}"]) == 2
    assert "is one of the files being checked" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == original


def test_statistics_table(capsys: pytest.CaptureFixture[str]) -> None:
    main(["records", "--statistics"])
    out = capsys.readouterr().out
    rows = [re.match(r"^\s*(\d+)  ([A-Z]+\d{3})\s+([a-z0-9-]+)$", line) for line in out.splitlines()]
    assert rows
    assert all(rows), out
    counts = [int(m[1]) for m in rows if m]
    assert counts == sorted(counts, reverse=True)
    main(["records", "-o", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert sum(counts) == sum(1 for f in findings if f["suppression"] is None)
