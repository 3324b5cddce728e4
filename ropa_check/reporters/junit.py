"""JUnit XML (``--output-format junit``) for CI test-report views (GitLab, Jenkins, Azure).

One testsuite per file; in it one testcase per processing activity and one for
the file itself (findings about no particular activity). A testcase with active
findings has one ``<failure>`` (or ``<error>`` when the input could not be
checked) that lists each finding with file:line:col, code and reference;
suppressed findings are listed in ``<system-out>`` and do not fail.

The XML parses whatever the input held: the few characters XML 1.0 cannot
hold at all (most of C0, such as ESC and BEL, and the bytes of a file name
that are not UTF-8) are written as visible escapes (``\\x1b``); all else is
kept exactly (see :mod:`ropa_check.reporters.escape`).
"""

from __future__ import annotations

from typing import TextIO
from xml.etree import ElementTree as ET

from ropa_check.finding import Finding
from ropa_check.input_errors import INPUT_CODES
from ropa_check.reporters.escape import xml_safe, xml_text
from ropa_check.reporters.text import suppressed_note
from ropa_check.result import Result

FILE_CASE = "(file)"


def _line(f: Finding) -> str:
    where = f" [activity '{f.activity}', {f.json_path}]" if f.activity else f" [{f.json_path}]"
    ref = f" (reference: {f.reference})" if f.reference else ""
    return f"{f.file}:{f.line}:{f.column}: {f.code} {f.severity}: {f.message}{where}{ref}"


def _testcase(suite: ET.Element, file: str, name: str, findings: list[Finding]) -> tuple[int, int]:
    case = ET.SubElement(suite, "testcase", name=xml_safe(name), classname=xml_safe(file), time="0")
    active = [f for f in findings if f.suppression is None]
    suppressed = [f for f in findings if f.suppression is not None]
    failures = errors = 0
    if active:
        is_error = any(f.code in INPUT_CODES for f in active)
        codes = ", ".join(dict.fromkeys(f.code for f in active))
        element = ET.SubElement(
            case,
            "error" if is_error else "failure",
            message=xml_safe(f"{len(active)} finding{'s' * (len(active) != 1)}: {codes}"),
            type=xml_safe(active[0].code),
        )
        element.text = xml_safe("\n".join(_line(f) for f in active) + "\n")
        if is_error:
            errors = 1
        else:
            failures = 1
    if suppressed:
        listed = "\n".join(_line(f) + suppressed_note(f) for f in suppressed) + "\n"
        ET.SubElement(case, "system-out").text = xml_safe(listed)
    return failures, errors


def render(result: Result, out: TextIO) -> None:
    by_file: dict[str, list[Finding]] = {name: [] for name in result.files}
    for f in result.findings:
        by_file.setdefault(f.file, []).append(f)
    root = ET.Element("testsuites", name="ropa-check")
    totals = [0, 0, 0]
    for file, findings in by_file.items():
        suite = ET.SubElement(root, "testsuite", name=xml_safe(file))
        activities = list(dict.fromkeys(result.file_activities.get(file, [])))
        activities += [a for a in dict.fromkeys(f.activity for f in findings if f.activity) if a not in activities]
        cases = [(FILE_CASE, [f for f in findings if not f.activity])]
        cases += [(f"activity {a}", [f for f in findings if f.activity == a]) for a in activities]
        failures = errors = 0
        for name, case_findings in cases:
            fa, er = _testcase(suite, file, name, case_findings)
            failures += fa
            errors += er
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", "0")
        suite.set("time", "0")
        totals[0] += len(cases)
        totals[1] += failures
        totals[2] += errors
    root.set("tests", str(totals[0]))
    root.set("failures", str(totals[1]))
    root.set("errors", str(totals[2]))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(xml_text(ET.tostring(root, encoding="unicode")))
    out.write("\n")
