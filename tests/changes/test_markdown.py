"""The Markdown comment: its sections, and record text that must never become markup, a link or a mention."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ropa_check.changes.markdown import LIMIT, MARKER, code, text
from tests.changes.conftest import Run, change_the_processing, edit

HOSTILE = "</details><img src=x onerror=alert(1)> @octocat [x](https://evil.example) #1 www.evil.example ``` <!--"


def _outside_code(html: str) -> str:
    return re.sub(r"<code>.*?</code>", "", html, flags=re.S)


def _rendered(markdown: str) -> str:
    markdown_it = pytest.importorskip("markdown_it")
    return str(markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown))


def test_comment_sections(repo: Path, run: Run) -> None:
    change_the_processing(repo)
    status, out, _ = run("--output-format", "markdown")
    assert status == 0
    assert out.startswith(MARKER + "\n### ropa-check diff: `merge base with main (")
    assert "| `third-country` | 1 |" in out
    assert "<details><summary>Changes (5)</summary>" in out
    assert "<details><summary>Findings introduced (4)</summary>" in out
    assert "  - `duration`: `P2Y` → `P5Y`" in out
    html = _rendered(out)
    # Changes, findings introduced and fixed, and the data flow that changed (open).
    assert html.count("<details") == html.count("</details>") == 4


def test_hostile_record_text_stays_text(repo: Path, run: Run) -> None:
    records = repo / "records"
    # A removed DPIA reference and a new recipient's name come from whoever wrote the record.
    edit(records / "activities" / "anpassad-upplevelse.yaml", "      ref: DPIA-2025-03\n", "")
    with (records / "recipients.yaml").open("a", encoding="utf-8") as fh:
        fh.write(f"  - id: us-analys\n    name: {HOSTILE!r}\n    kind: controller\n    country: US\n")
    edit(records / "activities" / "nyhetsbrev.yaml", "recipients: [leverantorer]", "recipients: [us-analys]")
    status, out, _ = run("--output-format", "markdown")
    assert status == 0
    assert out.count(HOSTILE.replace("``` ", "")) == 0  # never verbatim outside a code span's escaping
    html = _rendered(out)
    assert html.count("<details") == html.count("</details>") == 4
    flow = out.split("```mermaid\n", 1)[1].split("\n```", 1)[0]
    assert not {'"', "<", ">", "`", "\n", "[", "]"} & set(flow.split('["', 1)[1].split('"]', 1)[0])
    rest = _outside_code(html)
    for bad in ("<img", "<a ", "@octocat", "https://", "www.evil", "#1 "):
        assert bad not in rest, bad
    assert rest.count("<!--") == 1  # the marker
    # The value is there to read, in a code span.
    assert "&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt; @octocat" in html
    # And every line is ours: no value starts a line of its own.
    ours = ("```mermaid", "```")  # the data-flow fence
    starts = ("<img", "</details><", "@", "<!-- ", "```")
    assert not [line for line in out.splitlines()[1:] if line.startswith(starts) and line not in ours]


@pytest.mark.parametrize(
    "value",
    ["plain", "", " ", "a`b", "``", "`start", "end`", "two\nlines", "\x1b[31m", "x" * 600, "|pipe|"],
)
def test_code_span_holds_anything(value: str) -> None:
    html = _rendered(f"- {code(value)}\n")
    assert html.count("<code>") == 1
    assert "\n" not in html.split("<code>")[1].split("</code>")[0]


@pytest.mark.parametrize(
    ("value", "absent"),
    [
        ("mail @octocat now", "@octocat"),
        ("see https://evil.example", "https://"),
        ("www.evil.example", "www.evil"),
        ("fixes #12", "#12"),
        ("<script>alert(1)</script>", "<script>"),
        ("[x](javascript:alert(1))", "<a "),
        ("**bold** _em_", "<strong>"),
        ("&#64;octocat", "@octocat"),
    ],
)
def test_free_text_is_inert(value: str, absent: str) -> None:
    html = _rendered(f"- {text(value)}\n")
    assert absent not in html


def test_a_large_change_fits_in_one_comment(tmp_path: Path, run: Run) -> None:
    organisation = "organisation:\n  controller: {name: Exempel AB, country: SE}\n"
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "organisation.yaml").write_text(organisation, encoding="utf-8")
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "organisation.yaml").write_text(organisation, encoding="utf-8")
    activities = "".join(
        f"  - id: a{i}\n    name: {'Behandling ' * 12}{i}\n    purposes: [{{id: p, description: {'x' * 80}}}]\n"
        for i in range(400)
    )
    (tmp_path / "new" / "activities.yaml").write_text("activities:\n" + activities, encoding="utf-8")
    status, out, _ = run(str(tmp_path / "old"), str(tmp_path / "new"), "--isolated", "--output-format", "markdown")
    assert status == 0
    assert len(out) <= LIMIT
    assert "<details><summary>Changes (800)</summary>" in out
    assert re.search(r"- … and \d+ more changes: the comment is cut to GitHub's limit", out)
    html = _rendered(out)
    assert html.count("<details>") == html.count("</details>") == 3
