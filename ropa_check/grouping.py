"""A gap written once is reported once, where it is written, naming the data categories it covers.

Rules look at each data category with its effective values, so a vague
retention written on an activity, or a purpose without a lawful basis, is
found again at every category that inherits it (the finding's ``origin`` says
where the value is written). On a real record that is dozens of findings for
one sentence. After waivers have been applied per category, the active
findings of one rule about one origin are merged into one finding at the
origin, whose message names the categories and whose ``covers`` lists them.
Its identity is the origin's entry path, which adding or removing a category
does not change. Waived findings stay as they are, one per category.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence

from ropa_check.document import Document
from ropa_check.finding import Finding
from ropa_check.paths import parse_json_path

_INHERITED = re.compile(r" \(inherited from activity '[^']*', line \d+\)")


def _category_id(doc: Document, finding: Finding) -> str | None:
    """The id of the data category a finding is reported at, or None when it is not at one."""
    path = parse_json_path(finding.json_path)
    node = doc.data
    ident = None
    for i, part in enumerate(path):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return None
        if i > 0 and path[i - 1] == "data_categories" and isinstance(node, dict):
            ident = node.get("id")
    return ident if isinstance(ident, str) else None


def _names(ids: Sequence[str]) -> str:
    quoted = [f"'{i}'" for i in ids]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def once_where_written(findings: Sequence[Finding], docs: Mapping[str, Document]) -> list[Finding]:
    """Merge the active findings of one rule about one inherited value (see the module docs)."""
    groups: dict[tuple[str, str, str, str], list[tuple[Finding, str]]] = {}
    out: list[Finding] = []
    for f in findings:
        doc = docs.get(f.file)
        category = _category_id(doc, f) if doc is not None and f.origin is not None else None
        if f.suppression is not None or category is None or f.origin is None:
            out.append(f)
            continue
        text = _INHERITED.sub("", f.message).replace(f"data category '{category}'", "data category {}", 1)
        groups.setdefault((f.file, f.code, f.origin, text), []).append((f, category))
    for (file, _, origin, text), members in groups.items():
        first = members[0][0]
        ids = list(dict.fromkeys(category for _, category in members))
        doc = docs[file]
        path = parse_json_path(origin)
        line, column = doc.position(path, key=True)
        noun = "data category" if len(ids) == 1 else "data categories"
        if "data category {}" in text:
            message = text.replace("data category {}", f"{noun} {_names(ids)}", 1)
            if len(ids) > 1 and text.startswith("data category {}"):  # the verb agrees: "have", "are"
                for singular, plural in ((" has ", " have "), (" is ", " are ")):
                    message = message.replace(f"{noun} {_names(ids)}{singular}", f"{noun} {_names(ids)}{plural}", 1)
        else:
            message = f"{text} ({noun} {_names(ids)})"
        # Where the value is written, or (a missing value) where it belongs.
        written = path in doc.positions or path in doc.key_positions
        where = " (written here" if written else " (reported where it should be written"
        where += f", on activity '{first.activity}')" if first.activity else ")"
        out.append(
            dataclasses.replace(
                first,
                message=message + where,
                line=line,
                column=column,
                json_path=origin,
                entry_path=doc.entry_path(path),
                origin=None,
                covers=tuple(ids),
            )
        )
    out.sort(key=Finding.sort_key)
    return out


__all__ = ["once_where_written"]
