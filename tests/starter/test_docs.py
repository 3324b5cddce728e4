"""docs/init.md shows what `init` says and counts, as it says and counts it today."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from ropa_check.cli import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "init.md"


def run_init(argv: list[str], folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    monkeypatch.chdir(folder)
    capsys.readouterr()
    assert main(argv) == 0
    return capsys.readouterr().out


def test_the_example_output_is_what_init_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    block = re.search(r"```console\n\$ (ropa-check init [^\n]*)\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert block is not None
    argv = shlex.split(block.group(1))[1:]
    assert run_init(argv, tmp_path, monkeypatch, capsys) == block.group(2), (
        "docs/init.md's example is stale: update it to what `init` prints"
    )


def test_the_counts_in_the_text_are_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    said = re.search(r"for an Irish organisation today (\d+) of them, for a Swedish one (\d+)", DOC.read_text("utf-8"))
    assert said is not None
    counts = []
    for country in ("IE", "SE"):
        (tmp_path / country).mkdir()
        out = run_init(["init", "--org", "X", "--country", country], tmp_path / country, monkeypatch, capsys)
        found = re.search(r"Its (\d+) findings", out)
        assert found is not None
        counts.append(found.group(1))
    assert list(said.groups()) == counts, "update the counts in docs/init.md"
