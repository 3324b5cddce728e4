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

A baseline is JSON and is read with :mod:`json`, under a size limit of its
own (:data:`MAX_BASELINE_BYTES`), not as a record file: a record file's node
budget is meant for one file of a record, and a baseline lists the accepted
findings of the whole record (19,500 entries, 6.3 MB, for 13,000 activities).
Every baseline ropa-check writes is within that limit, so it can always read
what it wrote. It is written whole or not at all, never over a file the run
reads nor where the next run would read it as a record file
(:mod:`ropa_check.files.writing`).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path as FsPath
from typing import Any, TextIO

from ropa_check.files import writing
from ropa_check.files.discover import display
from ropa_check.files.regular_file import FileTooLarge, NotARegularFile, read_regular_file
from ropa_check.finding import Finding, Suppression
from ropa_check.options import UsageError
from ropa_check.rules.core.suppressions import BASELINE_STALE
from ropa_check.suppress import UNSUPPRESSIBLE, Key, absolute, key

FORMAT = 2
#: The largest baseline read, and written: about 800,000 entries. What it costs to read is in
#: proportion to the record it accepts findings of (5.8 GB of memory to check 100,000 activities).
MAX_BASELINE_BYTES = 256 * 2**20


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

    Refuses (:class:`BaselineError`) to write over a file the run read, or
    where the next run would read the baseline as a record file: inside a
    checked folder or the record folder of a checked file (a dot-folder such
    as ``records/.ropa-check/`` is fine). The file is replaced only once
    written whole, and never larger than :data:`MAX_BASELINE_BYTES`, so that
    ``--baseline`` can always read it.
    """
    why = writing.refusal(baseline_file, checked)
    if why is not None:
        raise BaselineError(
            f"{baseline_file}: will not write the baseline there: it {why}; put it elsewhere "
            "(e.g. .ropa-check/baseline.json)"
        )
    text = render(findings, baseline_file)
    # A file name that is not UTF-8 is written as a JSON \udcXX escape, which reads back as the same name.
    size = len(text.encode("utf-8", errors="backslashreplace"))
    if size > MAX_BASELINE_BYTES:
        raise BaselineError(
            f"{baseline_file}: the baseline would be {size / 1e6:.0f} MB, more than the "
            f"{MAX_BASELINE_BYTES // 2**20} MiB a baseline may have; fix or waive some findings first, "
            "or keep a baseline per part of the record"
        )

    def put(fh: TextIO) -> None:
        fh.write(text)

    try:
        writing.write_whole(baseline_file, put)
    except OSError as exc:
        raise BaselineError(
            f"{baseline_file}: cannot write the baseline: {writing.reason(exc, baseline_file)}"
        ) from None
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
    path = FsPath(baseline_file)
    name = display(path)
    data, text = _read(path, name)
    if isinstance(data, dict) and data.get("ropa-check-baseline") == 1:
        raise BaselineError(
            f"{name}:1:1: baseline format 1 identified findings inside an activity by their list position, "
            "so a new gap could take the place of an accepted one; recreate the baseline from a reviewed "
            f"state of the record with --create-baseline {baseline_file}"
        )
    if (
        not isinstance(data, dict)
        or data.get("ropa-check-baseline") != FORMAT
        or not isinstance(data.get("findings"), list)
    ):
        raise BaselineError(
            f"{name}:1:1: not a ropa-check baseline (format {FORMAT}); create one with --create-baseline"
        )
    positions = _entry_positions(text)
    folder = path.resolve().parent
    entries: list[Entry] = []
    for i, item in enumerate(data["findings"]):
        line, column = positions[i] if i < len(positions) else (1, 1)
        fields = ("file", "entry_path", "code")
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in fields):
            raise BaselineError(f"{name}:{line}:{column}: a baseline entry needs text 'file', 'entry_path' and 'code'")
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
    return name, entries


def _read(path: FsPath, name: str) -> tuple[Any, str]:
    """The baseline's data and text. Raises :class:`BaselineError`, located where the JSON goes wrong."""
    try:
        raw = read_regular_file(path, MAX_BASELINE_BYTES)
    except FileTooLarge as exc:
        raise BaselineError(
            f"cannot read baseline {name}: it is {exc.size / 1e6:.0f} MB, more than the "
            f"{MAX_BASELINE_BYTES // 2**20} MiB a baseline may have"
        ) from None
    except NotARegularFile:
        raise BaselineError(f"cannot read baseline {name}: not a regular file") from None
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {name}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line, column = _line_column(before, len(before))
        raise BaselineError(f"cannot read baseline {name}:{line}:{column}: not UTF-8 text") from None
    try:
        return json.loads(text), text
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"cannot read baseline {name}:{exc.lineno}:{exc.colno}: {exc.msg} "
            "(a baseline is JSON, as --create-baseline writes it)"
        ) from None
    except RecursionError:
        raise BaselineError(f"cannot read baseline {name}:1:1: nested too deeply to be a baseline") from None


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


_SPACE = re.compile(r"[ \t\n\r]*")


def _entry_positions(text: str) -> list[tuple[int, int]]:
    """The line and column where each entry of the top-level ``findings`` list starts.

    ``text`` is known to be a JSON object holding a ``findings`` list. Its
    top-level values are stepped over with :meth:`json.JSONDecoder.raw_decode`,
    and the entries of ``findings`` (the last such key, as :func:`json.loads`
    keeps the last) one by one: one pass, in the time of parsing the text.
    """
    decoder = json.JSONDecoder()

    def space(i: int) -> int:
        end = _SPACE.match(text, i)
        return end.end() if end else i

    starts: list[int] = []
    i = space(text.find("{") + 1)
    while i < len(text) and text[i] != "}":
        key, i = decoder.raw_decode(text, i)
        i = space(space(i) + 1)  # over the ':'
        if key == "findings" and text.startswith("[", i):
            starts = []
            i = space(i + 1)
            while text[i] != "]":
                starts.append(i)
                _, i = decoder.raw_decode(text, i)
                i = space(i)
                if text[i] == ",":
                    i = space(i + 1)
            i += 1
        else:
            _, i = decoder.raw_decode(text, i)
        i = space(i)
        if i < len(text) and text[i] == ",":
            i = space(i + 1)
    positions: list[tuple[int, int]] = []
    line, line_start, previous = 1, 0, 0
    for start in starts:
        newlines = text.count("\n", previous, start)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", previous, start) + 1
        positions.append((line, start - line_start + 1))
        previous = start
    return positions


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
