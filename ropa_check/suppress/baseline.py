"""Baselines: accept the findings a record has today, and gate only on new ones.

A finding's identity is (file, activity id, entry path, code), never its line
or a list position: the entry path names every list entry by its id
(``$.activities[id=medlemsregister].data_categories[id=personnummer].retention``,
see :mod:`ropa_check.document`), so inserting, deleting or reordering lines,
activities or data categories changes no identity, and a new gap can never
take the place of an accepted one. Matching counts: an entry accepts one
finding. Files are stored relative to the baseline file's folder, so the
baseline works from any working directory.

Format 1 keyed findings inside an activity by their list position; it is
refused with a message saying how to recreate the baseline.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path as FsPath
from typing import Any

from ropa_check.finding import Finding, Suppression
from ropa_check.options import UsageError
from ropa_check.rules.core.suppressions import BASELINE_STALE
from ropa_check.suppress import UNSUPPRESSIBLE, Key, absolute, key

FORMAT = 2


class BaselineError(UsageError):
    """The baseline file cannot be read or written (exit status 2)."""


def render(findings: Iterable[Finding], baseline_file: str) -> str:
    """The baseline for ``findings`` (the active ones, not RPA09x), as JSON text, sorted."""
    folder = os.path.dirname(os.path.abspath(baseline_file))
    entries = sorted(
        (
            FsPath(os.path.relpath(os.path.abspath(f.file), folder)).as_posix(),
            f.activity or "",
            f.entry_path,
            f.code,
            f.message,
        )
        for f in findings
        if f.suppression is None and f.code not in UNSUPPRESSIBLE
    )
    doc = {
        "ropa-check-baseline": FORMAT,
        "note": "Accepted findings; ropa-check --baseline FILE suppresses them. Recreate with --create-baseline.",
        "findings": [
            {"file": file, "activity": activity or None, "entry_path": path, "code": code, "message": message}
            for file, activity, path, code, message in entries
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def write(findings: Iterable[Finding], baseline_file: str, checked: Sequence[str] = ()) -> int:
    """Write the baseline; return how many entries it has.

    Refuses (:class:`BaselineError`) to write over a checked file, or where the
    next run would read the baseline as a record file.
    """
    target = FsPath(os.path.realpath(baseline_file))
    for raw in checked:
        given = FsPath(os.path.realpath(raw))
        if given == target:
            raise BaselineError(f"{baseline_file}: will not write the baseline over a file being checked")
        walked = given.is_dir() and given in target.parents and target.suffix in (".yaml", ".yml", ".json")
        if walked and not any(part.startswith(".") for part in target.relative_to(given).parts):
            raise BaselineError(
                f"{baseline_file}: inside the checked folder '{raw}', the baseline would be read as a "
                "record file; put it elsewhere (e.g. .ropa-check/baseline.json)"
            )
    text = render(findings, baseline_file)
    try:
        # A file name that is not UTF-8 is written as a JSON \udcXX escape, which reads back as the same name.
        with open(baseline_file, "w", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(text)
    except OSError as exc:
        raise BaselineError(f"{baseline_file}: cannot write the baseline: {exc.strerror or exc}") from None
    return len(json.loads(text)["findings"])


@dataclasses.dataclass(frozen=True)
class Entry:
    key: Key
    line: int
    column: int
    json_path: str
    message: str


def load(baseline_file: str) -> tuple[str, list[Entry]]:
    """Read a baseline; return its display name and entries. Raises :class:`BaselineError`."""
    from ropa_check import loader

    path = FsPath(baseline_file)
    doc, problems = loader.load(path)
    if doc is None:
        first = problems[0] if problems else None
        where = f"{first.file}:{first.line}:{first.column}: {first.message}" if first else baseline_file
        raise BaselineError(f"cannot read baseline {where}")
    data: Any = doc.data
    if isinstance(data, dict) and data.get("ropa-check-baseline") == 1:
        raise BaselineError(
            f"{doc.path}:1:1: baseline format 1 identified findings inside an activity by their list position, "
            "so a new gap could take the place of an accepted one; recreate the baseline from a reviewed "
            f"state of the record with --create-baseline {baseline_file}"
        )
    if (
        not isinstance(data, dict)
        or data.get("ropa-check-baseline") != FORMAT
        or not isinstance(data.get("findings"), list)
    ):
        raise BaselineError(
            f"{doc.path}:1:1: not a ropa-check baseline (format {FORMAT}); create one with --create-baseline"
        )
    folder = path.resolve().parent
    entries: list[Entry] = []
    for i, item in enumerate(data["findings"]):
        line, column = doc.position(("findings", i))
        fields = ("file", "entry_path", "code")
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in fields):
            raise BaselineError(
                f"{doc.path}:{line}:{column}: a baseline entry needs text 'file', 'entry_path' and 'code'"
            )
        activity = item.get("activity")
        entries.append(
            Entry(
                (
                    absolute(str(folder / item["file"])),
                    activity if isinstance(activity, str) else None,
                    item["entry_path"],
                    item["code"],
                ),
                line,
                column,
                f"$.findings[{i}]",
                str(item.get("message", "")),
            )
        )
    return doc.path, entries


def apply(
    findings: Sequence[Finding], baseline_file: str, *, files: Iterable[str], enabled: Callable[[str, str], bool]
) -> list[Finding]:
    """Suppress active findings listed in the baseline; add RPA094 for entries that match nothing.

    Each entry accepts one finding. Entries for files not checked in this run
    (pre-commit passes only changed files) or for rules that did not run are
    not called stale.
    """
    checked = {absolute(f) for f in files}
    name, entries = load(baseline_file)
    unmatched: dict[Key, list[Entry]] = {}
    for entry in entries:
        unmatched.setdefault(entry.key, []).append(entry)
    out: list[Finding] = []
    suppression = Suppression("baseline", f"accepted in baseline {name}")
    for finding in findings:
        if finding.suppression is None and finding.code not in UNSUPPRESSIBLE:
            waiting = unmatched.get(key(finding))
            if waiting:
                waiting.pop(0)
                finding = dataclasses.replace(finding, suppression=suppression)
        out.append(finding)
    for entry in (e for waiting in unmatched.values() for e in waiting):
        file, activity, path, code = entry.key
        if file in checked and enabled(code, file) and enabled(BASELINE_STALE.code, name):
            message = f"baseline entry {code} at {path} matches no finding any more" + (
                f" ({entry.message})" if entry.message else ""
            )
            out.append(
                BASELINE_STALE.finding(
                    message,
                    file=name,
                    line=entry.line,
                    column=entry.column,
                    json_path=entry.json_path,
                    activity=activity,
                )
            )
    return out


__all__ = ["BaselineError", "apply", "load", "render", "write"]
