"""Text, JSON and JSON Lines keep suppressed findings visible, with their reason."""

from __future__ import annotations

import io
import json

from ropa_check.reporters import get
from ropa_check.result import Result


def render(name: str, result: Result) -> str:
    out = io.StringIO()
    get(name)(result, out)
    return out.getvalue()


def test_text_marks_suppressed_findings(kollektivkraft: Result) -> None:
    for name in ("full", "concise"):
        text = render(name, kollektivkraft)
        waived, baselined = kollektivkraft.findings[0], kollektivkraft.findings[-1]
        assert (
            f"{waived.code} {waived.message} (suppressed: Medlemmar informeras muntligt; policyn uppdateras Q1; "
            "approved by DPO Anna; expires 2099-12-31)"
        ) in text
        assert f"{baselined.code} {baselined.message} (suppressed: in the baseline since 2024-03-16)" in text
        assert text.count("(suppressed:") == 2
        assert "2 suppressed" in text.splitlines()[-1]


def test_json_carries_a_suppression_object(kollektivkraft: Result) -> None:
    doc = json.loads(render("json", kollektivkraft))
    findings = doc["findings"]
    assert findings[0]["suppression"] == {
        "kind": "waiver",
        "reason": "Medlemmar informeras muntligt; policyn uppdateras Q1",
        "approver": "DPO Anna",
        "expires": "2099-12-31",
    }
    assert findings[-1]["suppression"]["kind"] == "baseline"
    assert all(f["suppression"] is None for f in findings[1:-1])
    assert doc["summary"]["suppressed"] == 2


def test_json_lines_is_one_finding_per_line(kollektivkraft: Result) -> None:
    lines = render("json-lines", kollektivkraft).splitlines()
    assert len(lines) == len(kollektivkraft.findings)
    decoded = [json.loads(line) for line in lines]
    assert decoded == json.loads(render("json", kollektivkraft))["findings"]
