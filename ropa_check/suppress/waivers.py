"""Waivers written in the record: accepted findings, with a reason, an approver and an expiry date.

YAML records use comments::

    retention:  # ropa-check: ignore[RPA401] reason="set by the board in May" approver="DPO" expires=2027-06-30

A trailing comment covers the entry on its line (for a key, everything under
it; for a list item, the whole item); a comment on its own line covers the
entry on the next line. JSON records, which have no comments, use a key on any
mapping, covering that mapping and everything below it (YAML may use it too)::

    "x-ropa-check": {"ignore": [{"codes": ["RPA401"], "reason": "...", "expires": "2027-06-30"}]}

Waivers fail closed: one without a reason, with a bad date or an unknown
attribute is reported (RPA092) and suppresses nothing. An expired one (valid
through its date) is reported (RPA091) and suppresses nothing. A code that
suppresses nothing is reported (RPA093). Comments are read from the document's
text, so the loader stays untouched.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ropa_check import selection
from ropa_check.document import Document, unpack
from ropa_check.finding import Finding, Suppression
from ropa_check.paths import Path, json_path
from ropa_check.rule import Rule
from ropa_check.rules.core.suppressions import WAIVER_EXPIRED, WAIVER_MALFORMED, WAIVER_UNUSED
from ropa_check.selection import match
from ropa_check.suppress import UNSUPPRESSIBLE

KEY = "x-ropa-check"
_COMMENT = re.compile(r"#\s*ropa-check\s*:(?P<body>.*)$")
_DIRECTIVE = re.compile(r"^\s*ignore\[(?P<codes>[^\]]*)\](?P<attrs>.*)$")
_ATTR = re.compile(r'\s*(?P<name>[A-Za-z_-]+)\s*=\s*(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<bare>[^\s"]+))')
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ATTRIBUTES = ("reason", "approver", "expires")

#: Whether a code's rule ran for a file (selection and per-file ignores).
Enabled = Callable[[str, str], bool]


@dataclass(frozen=True)
class Waiver:
    """One waiver, where it is written and what it covers."""

    file: str
    line: int
    column: int
    json_path: str  # where findings about the waiver itself are reported
    entry_path: str  # the same, named by entry ids (the identity of those findings)
    target: Path | None  # the entry it covers (None: no entry follows the comment)
    activity: str | None
    codes: tuple[str, ...]
    reason: str | None
    approver: str | None
    expires: str | None
    problem: str | None = None  # why it is malformed; None when it is well-formed

    def covers(self, finding: Finding) -> bool:
        """True when ``finding``, or the value it is about, is at or below the waiver's entry (codes aside).

        A waiver on an activity's retention covers the findings its data
        categories inherit from it, though they are reported at the categories.
        The waiver and the finding come from the same parse of the same file, so
        their JSON paths name the same entry exactly; an entry path could not
        tell two entries of the same name apart (two transfers to one country),
        and a waiver written at one must not cover the other.
        """
        if self.target is None or finding.file != self.file:
            return False
        prefix = json_path(self.target)
        return any(
            path.startswith(prefix) and (len(path) == len(prefix) or path[len(prefix)] in ".[")
            for path in (finding.json_path, finding.origin)
            if path is not None
        )


def collect(doc: Document) -> list[Waiver]:
    """Every waiver in ``doc``: comments (YAML) and ``x-ropa-check`` keys, in file order."""
    if "ropa-check" not in doc.text:  # most files: nothing to scan
        return []
    found = [] if doc.path.endswith(".json") else list(_from_comments(doc))
    if KEY in doc.text:
        found.extend(_from_keys(doc, doc.data, ()))
    return sorted(found, key=lambda w: (w.line, w.column))


def apply(
    findings: Sequence[Finding],
    docs: Sequence[Document],
    *,
    today: dt.date,
    enabled: Enabled,
    known: Sequence[str],
) -> list[Finding]:
    """Mark findings covered by a valid waiver as suppressed, and add RPA091–RPA093 findings.

    ``known`` are the installed rule codes: a waiver naming a code or prefix
    that matches none of them is malformed (a typo must not leave a finding
    waived by nothing and a waiver that looks in force).
    """
    waivers = [_known_codes(w, known) for doc in docs for w in collect(doc)]
    out = list(findings)
    used: set[tuple[int, str]] = set()
    meta: list[Finding] = []
    for index, waiver in enumerate(waivers):
        if waiver.problem is not None:
            meta.append(_meta(WAIVER_MALFORMED, waiver, f"waiver not applied: {waiver.problem}"))
            continue
        assert waiver.expires is None or _DATE.match(waiver.expires)
        if waiver.expires is not None and dt.date.fromisoformat(waiver.expires) < today:
            codes = ",".join(waiver.codes)
            meta.append(
                _meta(
                    WAIVER_EXPIRED,
                    waiver,
                    f"waiver for {codes} expired on {waiver.expires} (today is {today.isoformat()}); "
                    "the findings it covered count again",
                )
            )
            continue
        suppression = Suppression("waiver", waiver.reason or "", waiver.approver, waiver.expires)
        for i, finding in enumerate(out):
            if finding.suppression is not None or finding.code in UNSUPPRESSIBLE or not waiver.covers(finding):
                continue
            for code in waiver.codes:
                if match(finding.code, (code,)) >= 0:
                    out[i] = dataclasses.replace(finding, suppression=suppression)
                    used.add((index, code))
                    break
        for code in waiver.codes:
            if (index, code) not in used and enabled(code, waiver.file):
                meta.append(_meta(WAIVER_UNUSED, waiver, f"waiver for {code} suppresses nothing here; remove it"))
    return out + [m for m in meta if enabled(m.code, m.file)]


def _known_codes(waiver: Waiver, known: Sequence[str]) -> Waiver:
    if waiver.problem is not None:
        return waiver
    for code in waiver.codes:
        problem = selection.unknown(code, known)
        if problem is not None:
            return dataclasses.replace(waiver, problem=problem)
    return waiver


def _meta(rule: Rule, waiver: Waiver, message: str) -> Finding:
    return rule.finding(
        message,
        file=waiver.file,
        line=waiver.line,
        column=waiver.column,
        json_path=waiver.json_path,
        activity=waiver.activity,
        entry_path=waiver.entry_path,
    )


# ------------------------------------------------------------------ comments


def _from_comments(doc: Document) -> Iterator[Waiver]:
    if "ropa-check" not in doc.text:
        return  # no waiver comment (the common case): skip mapping every line of a large file
    lines = doc.text.splitlines()
    starts = _entries_by_line(doc)
    in_block = _block_scalar_lines(doc, lines)
    for number, text in enumerate(lines, start=1):
        if "ropa-check" not in text or number in in_block:
            continue
        start = _comment_start(text)
        match = _COMMENT.match(text, start) if start is not None else None
        if start is None or match is None:
            continue
        column = start + 1
        own_line = not text[: column - 1].strip()
        target_line = _next_entry_line(lines, number) if own_line else number
        target = starts.get(target_line) if target_line is not None else None
        yield _parse(doc, match.group("body"), number, column, target)


def _comment_start(line: str) -> int | None:
    """Where the line's comment starts, skipping ``#`` inside quoted scalars (``name: "a # b"``)."""
    quote: str | None = None
    i = 0
    while i < len(line):
        c = line[i]
        if quote is not None:
            escaped = (quote == '"' and c == "\\") or (quote == c == "'" and line[i + 1 : i + 2] == "'")
            if escaped:
                i += 1  # skip the escaped character, or the second quote of ''
            elif c == quote:
                quote = None
        elif c in "\"'":
            before = line[:i].rstrip()
            # A quote opens a scalar only where a value starts; in plain text (Bob's) it is just a character.
            if not before or before[-1] in ":-[{,?":
                quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return i
        i += 1
    return None


def _block_scalar_lines(doc: Document, lines: Sequence[str]) -> set[int]:
    """Lines inside block scalars (``description: |``), where a ``#`` is text, not a comment."""
    inside: set[int] = set()
    for path, packed in doc.positions.items():
        line, column = unpack(packed)
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        if text[column - 1 : column] not in ("|", ">"):
            continue
        owner = unpack(doc.key_positions[path]) if path in doc.key_positions else (line, column)
        indent = len(lines[owner[0] - 1]) - len(lines[owner[0] - 1].lstrip())
        for number in range(line + 1, len(lines) + 1):
            body = lines[number - 1]
            if body.strip() and len(body) - len(body.lstrip()) <= indent:
                break
            inside.add(number)
    return inside


def _entries_by_line(doc: Document) -> dict[int, Path]:
    """For each line, the outermost entry that starts on it: a key, or a list item."""
    best: dict[int, Path] = {}

    def offer(line: int, path: Path) -> None:
        if line not in best or len(path) < len(best[line]):
            best[line] = path

    for path, packed in doc.key_positions.items():
        line, _ = unpack(packed)
        offer(line, path)
    for path, packed in doc.positions.items():
        line, _ = unpack(packed)
        if path and isinstance(path[-1], int):
            offer(line, path)
    return best


def _next_entry_line(lines: Sequence[str], after: int) -> int | None:
    for number in range(after + 1, len(lines) + 1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def _parse(doc: Document, body: str, line: int, column: int, target: Path | None) -> Waiver:
    path_text = json_path(target) if target is not None else "$"
    entry = doc.entry_path(target) if target is not None else "$"
    base = Waiver(doc.path, line, column, path_text, entry, target, _activity(doc, target), (), None, None, None)
    directive = _DIRECTIVE.match(body)
    if directive is None:
        return dataclasses.replace(
            base, problem=f"expected 'ignore[CODE,...] reason=\"...\"' after 'ropa-check:', got {body.strip()!r}"
        )
    codes = tuple(c.strip().upper() for c in directive.group("codes").split(",") if c.strip())
    attrs: dict[str, str] = {}
    rest = directive.group("attrs")
    position = 0
    while rest[position:].strip():
        attr = _ATTR.match(rest, position)
        if attr is None:
            return dataclasses.replace(base, codes=codes, problem=f"cannot read {rest[position:].strip()!r}")
        value = attr.group("quoted")
        attrs[attr.group("name")] = (
            value.replace('\\"', '"').replace("\\\\", "\\") if value is not None else attr.group("bare")
        )
        position = attr.end()
    unknown = sorted(set(attrs) - set(_ATTRIBUTES))
    waiver = dataclasses.replace(
        base, codes=codes, reason=attrs.get("reason"), approver=attrs.get("approver"), expires=attrs.get("expires")
    )
    if unknown:
        return dataclasses.replace(
            waiver, problem=f"unknown attribute '{unknown[0]}' (known: {', '.join(_ATTRIBUTES)})"
        )
    if target is None:
        return dataclasses.replace(waiver, problem="no record entry follows the comment")
    return dataclasses.replace(waiver, problem=_problem(waiver))


# ---------------------------------------------------------------------- keys


def _from_keys(doc: Document, node: Any, path: Path) -> Iterator[Waiver]:
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from _from_keys(doc, item, (*path, i))
        return
    if not isinstance(node, dict):
        return
    block = node.get(KEY)
    # The model has already checked the block's shape; only the values can still be wrong.
    entries = block.get("ignore") if isinstance(block, dict) else None
    for i, entry in enumerate(entries if isinstance(entries, list) else ()):
        if not isinstance(entry, Mapping):
            continue
        at: Path = (*path, KEY, "ignore", i)
        line, column = doc.position(at)
        raw_codes = entry.get("codes") or ()
        waiver = Waiver(
            doc.path,
            line,
            column,
            json_path(at),
            doc.entry_path(at),
            path,
            _activity(doc, path),
            tuple(str(c).strip().upper() for c in raw_codes),
            entry.get("reason"),
            entry.get("approver"),
            entry.get("expires"),
        )
        yield dataclasses.replace(waiver, problem=_problem(waiver))
    for key, value in node.items():
        if key != KEY:
            yield from _from_keys(doc, value, (*path, key))


# -------------------------------------------------------------------- shared


def _problem(waiver: Waiver) -> str | None:
    if not waiver.codes:
        return "it names no codes; blanket waivers are not allowed"
    bad = [c for c in waiver.codes if not selection.is_selector(c)]
    if bad or "ALL" in waiver.codes:
        return f"'{(bad or ['ALL'])[0]}' is not a rule code or prefix (e.g. RPA401, RPA4)"
    if not (waiver.reason or "").strip():
        return 'it gives no reason; add reason="why this is accepted"'
    if waiver.expires is not None:
        if not _DATE.match(waiver.expires):
            return f"expires={waiver.expires!r} is not an ISO date such as 2027-06-30"
        try:
            dt.date.fromisoformat(waiver.expires)
        except ValueError:
            return f"expires={waiver.expires!r} is not a real date"
    return None


def _activity(doc: Document, target: Path | None) -> str | None:
    if not target or len(target) < 2 or target[0] not in ("activities", "processor_activities"):
        return None
    items = doc.data.get(target[0]) if isinstance(doc.data, dict) else None
    index = target[1]
    if isinstance(items, list) and isinstance(index, int) and index < len(items) and isinstance(items[index], dict):
        ident = items[index].get("id")
        return ident if isinstance(ident, str) else None
    return None


__all__ = ["KEY", "Waiver", "apply", "collect"]
