"""The Markdown document: record text escaped for Markdown and Mermaid, the same content as the HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ropa_check.render.flow import mermaid_text
from ropa_check.render.markdown import md
from tests.helpers import ROOT
from tests.render.conftest import hostile, render

#: Every line ropa-check writes inside a Mermaid block: a node, an arrow (with a quoted label), a class.
_MERMAID_LINE = re.compile(
    r'^(flowchart LR|  n\d+(\["[^"]*"\]|\(\["[^"]*"\]\))|  n\d+ -->(\|"[^"]*"\|)? n\d+'
    r"|  classDef third stroke:#b00020,stroke-width:3px|  class n\d+(,n\d+)* third)$"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script\\>alert\\(1\\)&lt;/script\\>"),
        ("a | b", "a \\| b"),
        ("`code` **bold** _x_ [l](u)", "\\`code\\` \\*\\*bold\\*\\* \\_x\\_ \\[l\\]\\(u\\)"),
        ("@octocat #12 :tada:", "\\@octocat \\#12 \\:tada\\:"),
        ("two\nlines", "two<br>lines"),
        ("R&D", "R&amp;D"),
        ("snake_case_words", "snake\\_case\\_words"),
        ("Åsa's data, 2026.", "Åsa's data, 2026."),
        # GitHub links a bare web address: the dot after "www" is escaped, as a URL's colon is.
        ("see www.evil.example", "see www\\.evil.example"),
        ("WWW.evil.example/x?y", "WWW\\.evil.example/x?y"),
        ("https://evil.example", "https\\://evil.example"),
    ],
)
def test_md_escapes_what_markdown_would_read(text: str, expected: str) -> None:
    assert md(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('a"] --> b["', "a#34;#93; --#62; b#91;#34;"),
        ("```", "#96;#96;#96;"),
        ("%%{init}%%", "#37;#37;#123;init#125;#37;#37;"),
        ("<b>x</b>", "#60;b#62;x#60;/b#62;"),
        ("line\nbreak", "line break"),
    ],
)
def test_mermaid_text_cannot_end_a_label_a_diagram_or_a_fence(text: str, expected: str) -> None:
    assert mermaid_text(text) == expected


def test_hostile_text_stays_text(hostile_record: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = render(capsys, str(hostile_record), "--isolated", "--format", "markdown")
    assert status == 0
    # The only HTML is ropa-check's own: line breaks in cells and the activities' anchors.
    assert set(re.findall(r"<[^>]*>", out)) <= {"<br>", *(f'<a id="{a}">' for a in _anchors(out)), "</a>"}
    # Code fences are only the Mermaid blocks', and every line in them is one ropa-check writes.
    fences = [line for line in out.splitlines() if "```" in line]
    assert len(fences) % 2 == 0
    assert all(line in ("```mermaid", "```") for line in fences)
    blocks = re.findall(r"```mermaid\n(.*?)\n```", out, re.S)
    assert len(blocks) == 1 + len(hostile()["activities"])  # the whole record and each activity
    for block in blocks:
        for line in block.splitlines():
            assert _MERMAID_LINE.match(line), line
    assert "@octocat" not in out.replace("\\@octocat", "")
    assert "\u202e" not in out
    assert "accepted &lt;script\\>" in out  # the waiver's reason


def test_same_content_as_the_html(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    monkeypatch.chdir(ROOT)
    status, out, _ = render(capsys, "records", "--format", "markdown")
    assert status == 0
    for path in sorted((ROOT / "records" / "activities").glob("*.yaml")):
        for activity in yaml.safe_load(path.read_text(encoding="utf-8"))["activities"]:
            start = out.index(f'<a id="activity-{activity["id"]}"></a>')
            end = out.find('<a id="activity-', start + 1)
            section = out[start:end]
            assert md(activity["name"]) in section
            for category in activity.get("data_categories", []):
                assert md(category["name"]) in section
            for heading in ("Ändamål", "Kategorier av personuppgifter", "Tidsfrister för radering", "Anmärkningar"):
                assert heading in section
    assert "RPA301" in out
    assert "```mermaid" in out


def _anchors(out: str) -> list[str]:
    return re.findall(r'<a id="(activity-[a-z0-9_.-]+)">', out)


def test_a_commonmark_parser_finds_only_what_ropa_check_wrote(
    hostile_record: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # markdown-it-py (CommonMark with GFM tables) reads the hostile record's document as GitHub would:
    # its text makes no link, image, raw HTML, code fence or heading of its own.
    markdown_it = pytest.importorskip("markdown_it")
    status, out, _ = render(capsys, str(hostile_record), "--isolated", "--format", "markdown")
    assert status == 0
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(out)
    anchors = {f'<a id="{a}"></a>' for a in _anchors(out)}
    anchor_tags = {f'<a id="{a}">' for a in _anchors(out)} | {"</a>"}
    inline = [child for t in tokens if t.children for child in t.children]
    assert {t.info for t in tokens if t.type == "fence"} == {"mermaid"}
    assert {t.content.strip() for t in tokens if t.type == "html_block"} <= anchors
    assert {t.content for t in inline if t.type == "html_inline"} <= {"<br>", *anchor_tags}
    assert all(t.attrs["href"].startswith("#activity-") for t in inline if t.type == "link_open")
    assert [t for t in inline if t.type == "image"] == []
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert all(not h.startswith("<") for h in headings)
    text = "".join(t.content for t in inline if t.type in ("text", "code_inline"))
    assert "<script>window.__pwned = 1</script>" in text  # the record's text, shown as written
    assert '</textarea><img src=x onerror="window.__pwned = 2">' in text


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_activity_list_counts_in_words_and_says_what_is_missing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    # Kollektivkraft's "Säkerhet" has no data categories and 2 errors, 1 warning, no notes: the list says
    # "ej angivet" (not an empty cell) and counts in Swedish ("1 varning", never "3 varning").
    monkeypatch.chdir(ROOT)
    status, out, _ = render(capsys, "records", "--format", fmt)
    assert status == 0
    rows = re.split(r"\n(?=\| \[|<tr>)", out)
    row = next(r for r in rows if "#activity-sakerhet" in r and r.startswith(("| [", "<tr>\n<th")))
    assert re.search(r"ej angivet", row)
    assert re.search(r"\b2 fel\b.*\b1 varning\b.*\b0 noteringar\b", row)
    assert not re.search(r"\b([02-9]|\d\d+) varning\b", out)
    assert "ur 13 filer" in out


def test_one_file_is_one_file(compliant_record: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = render(capsys, str(compliant_record), "--isolated", "--format", "markdown", "--lang", "en")
    assert status == 0
    assert "from 1 file" in out
    assert "1 files" not in out
    assert "0 warning," not in out
