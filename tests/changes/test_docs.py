"""docs/diff.md stays true: its CI jobs parse, use the marker and fetch the history; its risk table is the code's."""

from __future__ import annotations

import re

import yaml

from ropa_check.changes.markdown import MARKER
from ropa_check.changes.risks import CLASSES
from tests.helpers import ROOT

DOC = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")


def _yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC, flags=re.S)


def test_ci_jobs_parse_and_post_one_comment() -> None:
    blocks = _yaml_blocks()
    github = yaml.safe_load(next(b for b in blocks if "actions/checkout" in b))
    steps = github["jobs"]["diff"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    assert github["permissions"]["pull-requests"] == "write"
    script = next(s for s in steps if s.get("uses", "").startswith("actions/github-script"))["with"]["script"]
    assert f"'{MARKER}'" in script
    assert "updateComment" in script
    gitlab = yaml.safe_load(next(b for b in blocks if "CI_MERGE_REQUEST_IID" in b))
    job = gitlab["record-diff"]
    assert job["variables"]["GIT_DEPTH"] == 0
    poster = next(line for line in job["script"] if "urllib" in line)
    source = poster.split("<<'EOF'\n", 1)[1].rsplit("EOF", 1)[0]
    compile(source, "gitlab-note.py", "exec")
    assert f'"{MARKER}"' in source


def test_every_risk_class_is_documented() -> None:
    section = DOC.split("## Risk classes", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", section, flags=re.M))
    assert documented == set(CLASSES)


def test_the_dpo_review_job_parses() -> None:
    block = next(b for b in _yaml_blocks() if "dpo-review:" in b)
    job = yaml.safe_load(block)["dpo-review"]
    assert job["environment"] == "dpo-review"
    assert job["if"] == "needs.diff.outputs.status == '1'"
