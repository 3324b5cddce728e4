"""JUnit XML, parsed back: a suite per file, a case per activity plus one for the file."""

from __future__ import annotations

import io
from xml.etree import ElementTree as ET

from ropa_check.reporters import get
from ropa_check.result import Result


def render(result: Result) -> ET.Element:
    out = io.StringIO()
    get("junit")(result, out)
    assert out.getvalue().startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(out.getvalue())


def test_one_suite_per_file_one_case_per_activity(kollektivkraft: Result) -> None:
    root = render(kollektivkraft)
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == set(kollektivkraft.files)
    for file, suite in suites.items():
        names = [case.get("name") for case in suite.findall("testcase")]
        expected = ["(file)", *(f"activity {a}" for a in kollektivkraft.file_activities.get(file, []))]
        assert names == expected
        assert all(case.get("classname") == file for case in suite.findall("testcase"))
        assert int(suite.get("tests", "-1")) == len(names)
    assert "activity nyhetsbrev" in [c.get("name") for c in suites["records/activities/nyhetsbrev.yaml"]]
    assert int(root.get("tests", "-1")) == sum(int(s.get("tests", "0")) for s in suites.values())


def test_failures_list_each_active_finding_located(kollektivkraft: Result) -> None:
    root = render(kollektivkraft)
    listed: list[str] = []
    for suite in root.findall("testsuite"):
        failed = [c for c in suite.findall("testcase") if c.find("failure") is not None or c.find("error") is not None]
        assert int(suite.get("failures", "0")) + int(suite.get("errors", "0")) == len(failed)
        for case in failed:
            (element,) = [e for e in case if e.tag in ("failure", "error")]
            listed += (element.text or "").strip().splitlines()
            assert element.get("message", "").split(":")[0].endswith(("finding", "findings"))
    active = [f for f in kollektivkraft.findings if f.suppression is None]
    assert len(listed) == len(active)
    for line, f in zip(sorted(listed), sorted(f"{f.file}:{f.line}:{f.column}: {f.code}" for f in active), strict=True):
        assert line.startswith(f.split(": ")[0] + ": ")
    for f in active:
        text = next(t for t in listed if t.startswith(f"{f.file}:{f.line}:{f.column}: {f.code} "))
        assert f.message in text
        assert f"(reference: {f.reference})" in text


def test_suppressed_findings_do_not_fail_but_are_shown(kollektivkraft: Result) -> None:
    root = render(kollektivkraft)
    waived = kollektivkraft.findings[0]
    outs = "\n".join(e.text or "" for e in root.iter("system-out"))
    assert f"{waived.file}:{waived.line}:{waived.column}: {waived.code}" in outs
    assert "(suppressed: Medlemmar informeras muntligt" in outs
    failures = "\n".join(e.text or "" for e in root.iter("failure"))
    assert "suppressed" not in failures


def test_a_clean_record_has_passing_cases(kollektivkraft: Result) -> None:
    clean = Result(files=kollektivkraft.files, file_activities=kollektivkraft.file_activities)
    root = render(clean)
    assert root.get("failures") == "0"
    assert root.get("errors") == "0"
    assert int(root.get("tests", "0")) > len(clean.files)
