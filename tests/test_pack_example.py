"""The third-party rule pack shown in the README, installed with pip and run for real."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, apply_patch, compliant, write_record


def readme_blocks() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return dict(re.findall(r"<!-- pack-example:(\S+) -->\n```\w+\n(.*?)```", text, flags=re.S))


@pytest.fixture(scope="module")
def installed_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    blocks = readme_blocks()
    assert set(blocks) == {"acme_ropa_rules.py", "pyproject.toml"}
    src = tmp_path_factory.mktemp("acme-ropa-rules")
    for name, body in blocks.items():
        (src / name).write_text(body, encoding="utf-8")
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--target", str(target), str(src)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return target


def run(target: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(target)}
    return subprocess.run(
        [sys.executable, "-m", "ropa_check", *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_the_readme_pack_is_discovered_and_explained(installed_pack: Path) -> None:
    listing = run(installed_pack, "rules")
    assert listing.returncode == 0, listing.stderr
    assert re.search(r"^ACME001\s+warning\s+activity-owner-missing", listing.stdout, flags=re.M)
    version = run(installed_pack, "--version")
    assert "acme: acme-ropa-rules 0.1.0" in version.stdout
    assert "se: ropa-check" in version.stdout
    explained = run(installed_pack, "rule", "ACME001")
    assert "Accountability" in explained.stdout
    assert "GDPR Art. 24(1)" in explained.stdout


def test_the_readme_pack_finds_its_gap(installed_pack: Path, tmp_path: Path) -> None:
    record = write_record(tmp_path, apply_patch(compliant(), [{"op": "remove", "path": "/activities/1/owner"}]))
    result = run(installed_pack, "check", str(record), "--select", "ACME", "--output-format", "concise")
    assert result.returncode == 0, result.stdout + result.stderr  # a warning does not fail by default
    (line,) = [ln for ln in result.stdout.splitlines() if "ACME001" in ln]
    assert re.match(r".*record\.yaml:\d+:\d+: ACME001 activity 'bokforing' names no owner$", line)
    failing = run(installed_pack, "check", str(record), "--select", "ACME", "--fail-on", "warning")
    assert failing.returncode == 1


def test_without_the_pack_the_code_is_unknown(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ropa_check", "rule", "ACME001"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "no rule 'ACME001'" in result.stderr
