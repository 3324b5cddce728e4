"""The diff as a pull-request comment: a summary, the risks, and collapsible sections for the rest.

Everything from the record or a file name is untrusted. Values and names are
written as code spans (no Markdown, HTML, link, mention or issue reference is
made inside one), with a fence longer than any run of backticks in them; free
text (a finding's message) has HTML and Markdown punctuation escaped and a
zero-width space after ``@``, ``#`` and in ``://`` and ``www.``, so that it
cannot ping anyone, link anything or close a tag. Control characters and line
breaks are shown as escapes (see :func:`ropa_check.reporters.escape.shown`),
so no value starts a line of its own.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Iterable
from typing import Any, TextIO

from ropa_check.changes.compare import ADDED, Change, Value, Words
from ropa_check.changes.diff import Diff
from ropa_check.changes.risks import CLASSES
from ropa_check.changes.text import summary
from ropa_check.changes.words import subject, value_text
from ropa_check.finding import Finding
from ropa_check.render.flow import Graph, activity_graph, mermaid
from ropa_check.render.labels import Labels
from ropa_check.reporters.escape import shown

#: The first line of every comment: CI jobs find and update the comment by it.
MARKER = "<!-- ropa-check diff -->"
#: The most characters of a comment GitHub accepts (GitLab's notes take a million).
LIMIT = 65_536
_ZWSP = "\u200b"
#: What makes Markdown or HTML of text that never starts a line: each is written with a backslash before it.
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+!|~<>&])")
_AUTOLINK = re.compile(r"(@|#|://|(?i:www)\.)")
#: Risk classes that change where data flow: the activity's data-flow picture is drawn.
FLOW_RISKS = frozenset({"third-country", "transfer-mechanism", "controller-recipient"})
#: The most activities drawn in one comment.
MAX_FLOWS = 10


def code(text: str, limit: int = 500) -> str:
    """``text`` as an inline code span, whatever it holds."""
    text = shown(text, limit)
    if not text:
        return "` `"
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[0] in "` " or text[-1] in "` " else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def text(value: str, limit: int = 2000) -> str:
    """Free text from the record as inert Markdown: no markup, tag, link, mention or issue reference."""
    # Backslash escapes stop Markdown, not GitHub's mentions and autolinks, which read the rendered text.
    return _PUNCTUATION.sub(r"\\\1", _inert(shown(value, limit)))


def _inert(value: str) -> str:
    return _AUTOLINK.sub(lambda m: m.group()[0] + _ZWSP + m.group()[1:], value)


def _words(words: Words) -> str:
    return "".join(code(w) if isinstance(w, Value) else html.escape(w, quote=False) for w in words)


class _Budget:
    """What is left of the comment's length: GitHub refuses a comment over :data:`LIMIT` characters."""

    def __init__(self) -> None:
        # Headings, the summary, the risk table and the closing tags take the rest.
        self.left = LIMIT - 6_000

    def take(self, items: list[str], what: str) -> list[str]:
        """As many of ``items`` as fit, and a line saying how many did not."""
        kept: list[str] = []
        for i, item in enumerate(items):
            if len(item) + 1 > self.left:
                kept.append(
                    f"- … and {len(items) - i} more {what}: the comment is cut to GitHub's limit of {LIMIT:,} "
                    "characters; `ropa-check diff` (or the job's log) shows everything"
                )
                self.left = 0
                break
            self.left -= len(item) + 1
            kept.append(item)
        return kept


def _details(title: str, items: list[str], out: TextIO, budget: _Budget, what: str, *, open_: bool = False) -> None:
    out.write(f"\n<details{' open' if open_ else ''}><summary>{title}</summary>\n\n")
    out.write("\n".join(budget.take(items, what)) + "\n" if items else "None.\n")
    out.write("\n</details>\n")


def _finding_lines(findings: Iterable[Finding]) -> list[str]:
    return [f"- {code(f.code)} {f.severity}: {text(f.message)} ({code(f'{f.file}:{f.line}')})" for f in findings]


def _change_item(change: Change) -> str:
    lines = [f"- **{change.change}** {_words(subject(change))} ({code(f'{change.file}:{change.line}')})"]
    for field in change.fields:
        name = code(field.name) if field.name else "value"
        was = "" if change.change == ADDED else f"{code(value_text(field.old), 300)} → "
        lines.append(f"  - {name}: {was}{code(value_text(field.new), 300)}")
    lines += [f"  - ⚠️ **{risk.name}**: {_words(risk.words)}" for risk in change.risks]
    return "\n".join(lines)


def _activity(records: Iterable[Any], activity_id: str) -> Any | None:
    return next((a for record in records for a in record.activities if a.id == activity_id), None)


def _flow_changed(change: Change) -> bool:
    return (
        change.kind == "transfer"
        or any(r.name in FLOW_RISKS for r in change.risks)
        or any(f.name and "recipients" in f.name for f in change.fields)
    )


def flows(diff: Diff) -> list[str]:
    """Mermaid data flows (HEAD) of the activities whose recipients or transfers changed; new boxes say so."""
    touched = dict.fromkeys(c.activity for c in diff.changes if c.activity and _flow_changed(c))
    labels = Labels("en")
    blocks = []
    for activity_id in list(touched)[:MAX_FLOWS]:
        after = _activity(diff.head.result.records, activity_id)
        if after is None:
            continue
        graph = activity_graph(after, labels)
        before = _activity(diff.base.result.records, activity_id)
        known = set(activity_graph(before, labels).nodes) if before is not None else set()
        # Mermaid labels are drawn as text, but a mention or link in the comment's source must not be made.
        marked = Graph(
            graph.title,
            nodes={
                key: dataclasses.replace(node, label=_inert(node.label) + ("" if key in known else " (new)"))
                for key, node in graph.nodes.items()
            },
            edges={key: dataclasses.replace(edge, label=_inert(edge.label)) for key, edge in graph.edges.items()},
        )
        blocks.append(f"{code(activity_id)}\n\n```mermaid\n{mermaid(marked, labels)}\n```")
    return blocks


def render(diff: Diff, out: TextIO) -> None:
    """Write ``diff`` as a Markdown comment of at most :data:`LIMIT` characters."""
    budget = _Budget()
    out.write(f"{MARKER}\n### ropa-check diff: {code(diff.base.label)} → {code(diff.head.label)}\n\n")
    if diff.base_errors:
        title = f"BASE did not load ({len(diff.base_errors)} error{'s' * (len(diff.base_errors) != 1)})"
        _details(title, _finding_lines(diff.base_errors), out, budget, "errors")
    if not diff.compared:
        out.write(
            f"\n**HEAD does not load** ({len(diff.head_errors)} error{'s' * (len(diff.head_errors) != 1)}): "
            "the data were not compared. Fix these first.\n"
        )
        _details("Load errors", _finding_lines(diff.head_errors), out, budget, "errors", open_=True)
        return
    out.write(html.escape(summary(diff), quote=False) + "\n")
    risks = diff.risk_counts()
    if risks:
        out.write("\n| risk class | changes | why it matters |\n|---|---|---|\n")
        for name, count in risks.items():
            what, refs = CLASSES[name]
            out.write(f"| `{name}` | {count} | {what} ({'; '.join(refs)}) |\n")
        out.write("\n#### Risks to review\n\n")
        items = [
            f"- **{risk.name}** {code(f'{change.file}:{change.line}')}: {_words(risk.words)} "
            f"({'; '.join(risk.references)})"
            for change in diff.changes
            for risk in change.risks
        ]
        out.write("\n".join(budget.take(items, "risks")) + "\n")
    drawn = flows(diff)
    if drawn:
        _details(f"Data flows that changed ({len(drawn)})", drawn, out, budget, "data flows", open_=True)
    _details(f"Changes ({len(diff.changes)})", [_change_item(c) for c in diff.changes], out, budget, "changes")
    _details(f"Findings introduced ({len(diff.introduced)})", _finding_lines(diff.introduced), out, budget, "findings")
    _details(f"Findings fixed ({len(diff.fixed)})", _finding_lines(diff.fixed), out, budget, "findings")


__all__ = ["LIMIT", "MARKER", "code", "render", "text"]
