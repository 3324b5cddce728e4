"""Records to render: Kollektivkraft's, the compliant example with a waiver, and a hostile one."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from ropa_check.cli import main
from tests.helpers import compliant

#: Text that would be markup, script, a Mermaid statement, a code fence, a mention or a reordering
#: control if a writer let it through as it is.
SCRIPT = "<script>window.__pwned = 1</script>"
IMAGE = '</textarea><img src=x onerror="window.__pwned = 2">'
MERMAID = 'Medlemmar"] --> evil["x"]\nclick evil "javascript:alert(1)"'
FENCE = "```\n%%{init: {}}%%\n@octocat #1 [link](javascript:alert(1)) | cell"
BIDI = "Moln \u202eAB\u202c ]]>"


def hostile() -> dict[str, Any]:
    """The compliant example with hostile text in each kind of place, and a waived finding."""
    data = copy.deepcopy(compliant())
    data["organisation"]["controller"]["name"] = f"Evil & Co {SCRIPT}"
    activity = data["activities"][0]
    activity["name"] = IMAGE
    activity["description"] = FENCE
    activity["data_subjects"][0]["name"] = MERMAID
    data["recipients"][0]["name"] = BIDI
    del activity["purposes"][0]["lawful_basis"]  # two RPA301 findings, waived below
    activity["x-ropa-check"] = {
        "ignore": [
            {"codes": ["RPA301"], "reason": f"accepted {SCRIPT}", "approver": "DPO <dpo@x>", "expires": "2027-01-31"}
        ]
    }
    return data


def write_record(folder: Path, data: dict[str, Any]) -> Path:
    """``data`` as a one-file record in ``folder``; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "record.yaml").open("w", encoding="utf-8") as fh:
        yaml.safe_dump(data, fh, allow_unicode=True, sort_keys=False)
    return folder


@pytest.fixture
def hostile_record(tmp_path: Path) -> Path:
    return write_record(tmp_path / "hostile", hostile())


@pytest.fixture
def compliant_record(tmp_path: Path) -> Path:
    return write_record(tmp_path / "compliant", compliant())


def render(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``ropa-check render ARGV`` in this process: (exit status, stdout, stderr)."""
    capsys.readouterr()
    status = main(["render", *argv])
    out, err = capsys.readouterr()
    return status, out, err
