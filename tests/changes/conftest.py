"""Kollektivkraft's record in a temporary git repository, for `ropa-check diff` to compare versions of."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ropa_check.cli import main
from tests.helpers import RECORDS, git

if shutil.which("git") is None:  # pragma: no cover - CI has git
    pytest.skip("git is not installed", allow_module_level=True)


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there once) by ``new`` in ``path``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {path} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


VAGUE = """    retention:
      description: >-
        Vi sparar personuppgifter så länge det är nödvändigt för de ändamål som
        beskrivs i integritetspolicyn och för att uppfylla lagliga krav.
"""
DPIA = "    dpia:\n      status: done\n      ref: DPIA-2025-03\n"
US_RECIPIENT = "  - id: us-analys\n    name: US Analytics Inc.\n    kind: processor\n    country: US\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """main: Kollektivkraft's record, with a 2-year retention for the newsletter and a finished DPIA for
    personalisation (the real record has neither, so that a branch can lengthen one and drop the other);
    checked out on branch 'feature'."""
    for name in ("GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "ROPA_CHECK_TODAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("ROPA_CHECK_OUTPUT_FORMAT", raising=False)
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(RECORDS, repo / "records")
    activities = repo / "records" / "activities"
    edit(
        activities / "nyhetsbrev.yaml",
        VAGUE,
        "    retention:\n      duration: P2Y\n      start_event: avregistrering\n",
    )
    with (activities / "anpassad-upplevelse.yaml").open("a", encoding="utf-8") as fh:
        fh.write(DPIA)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "records")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "feature")
    monkeypatch.chdir(repo)
    return repo


def change_the_processing(repo: Path) -> None:
    """The Done-means branch: a US recipient, a longer retention, a DPIA reference removed."""
    activities = repo / "records" / "activities"
    with (repo / "records" / "recipients.yaml").open("a", encoding="utf-8") as fh:
        fh.write(US_RECIPIENT)
    edit(activities / "nyhetsbrev.yaml", "recipients: [leverantorer]", "recipients: [leverantorer, us-analys]")
    edit(activities / "nyhetsbrev.yaml", "duration: P2Y", "duration: P5Y")
    edit(activities / "anpassad-upplevelse.yaml", "      ref: DPIA-2025-03\n", "")


Run = Callable[..., tuple[int, Any, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """``ropa-check diff ARGS``: (exit status, the report (parsed when JSON), stderr)."""

    def go(*args: str) -> tuple[int, Any, str]:
        status = main(["diff", *args])
        out, err = capsys.readouterr()
        if "--output-format" in args and args[args.index("--output-format") + 1] == "json" and out:
            return status, json.loads(out), err
        return status, out, err

    return go
