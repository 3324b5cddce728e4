"""The one flow, in one direction: discover -> load -> validate -> build the record -> run rules ->
suppress (per-file ignores, waivers, baseline, diff base, severities) -> result.

Reporters render the result and :func:`ropa_check.cli.exit_status` decides the
exit status; nothing here prints or exits, and no step calls back into the one
that called it (``--diff-base`` is checked here, beside the current record).
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path as FsPath

from ropa_check import engine, grouping, loader, suppress, validate
from ropa_check.document import Document
from ropa_check.files import record_roots
from ropa_check.files.discover import discover, display, inside
from ropa_check.finding import Finding
from ropa_check.format.compiled_model import RecordFile
from ropa_check.input_errors import INPUT_CODES
from ropa_check.options import Options
from ropa_check.plugins import RegisteredRule
from ropa_check.record import build
from ropa_check.result import Result

Vocabularies = Sequence[Mapping[str, Mapping[str, str]]]


def check_paths(
    paths: Sequence[str],
    rules: Sequence[RegisteredRule],
    vocabularies: Vocabularies = (),
    options: Options | None = None,
    *,
    known: Sequence[str] | None = None,
    keep_records: bool = False,
) -> Result:
    """Check the record made of ``paths`` (files and folders) with ``rules``.

    A file, or a folder inside a record (``records/activities``), is checked
    within its whole record (see :mod:`ropa_check.files.record_roots`), so
    references to other files resolve, but only its own findings are reported.
    ``known`` are the installed rule codes that waivers may name (default: the
    codes of ``rules``). With ``keep_records``, :attr:`Result.records` holds the
    records checked, for the commands that show them (``render``, ``export``).
    """
    options = options or Options()
    codes = [r.rule.code for r in rules]
    known = list(known) if known is not None else codes
    # One run: each folder and file is probed for its record root once, however many paths name it.
    with _gc_paused(), record_roots.one_run():
        result = _check(paths, rules, vocabularies, options, known, keep_records=keep_records)
        at_base = None
        if options.diff_base is not None and not result.input_failed:
            at_base = _known_at_base(options.diff_base, paths, rules, vocabularies, options, known)
        result.findings = suppress.finish(result.findings, result.files, codes, options, at_base)
    return result


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a record is checked.

    A large record is millions of small, long-lived, acyclic objects (nodes,
    positions, models). The collector would traverse them again and again as
    they accumulate, which made loading three times slower than parsing (see
    benchmarks/RESULTS.md). Reference counting still frees them; cycles made
    meanwhile are collected once the collector runs again.

    An interrupted check (Ctrl-C) freezes what it made (:func:`gc.freeze`)
    before the collector runs again: else the first allocation after would
    walk every object of the record, a second for 13,000 activities, before
    the interrupt takes effect. The CLI exits at once; a program that catches
    the interrupt and goes on may call :func:`gc.unfreeze`.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    except KeyboardInterrupt:
        gc.freeze()
        raise
    finally:
        if was_enabled:
            gc.enable()


def _known_at_base(
    ref: str,
    paths: Sequence[str],
    rules: Sequence[RegisteredRule],
    vocabularies: Vocabularies,
    options: Options,
    known: Sequence[str],
) -> Counter[suppress.Key]:
    """The identities of the active findings of ``paths`` as they were at ``ref``, each as often as it occurs.

    The whole record of each path is exported, so that a file or a folder inside a record is checked
    within its record at the ref as it is now.
    """
    from ropa_check.suppress import diff_base

    base_options = options.replace(baseline=None, diff_base=None)
    records = [str(_record_of(FsPath(raw)) or raw) for raw in paths]
    counts: Counter[suppress.Key] = Counter()
    with diff_base.exported(ref, records) as exported:
        there = [p for p in map(exported.inside, paths) if p is not None]
        if not there:  # the ref has none of them: everything is new
            return counts
        result = _check(there, rules, vocabularies, base_options, known, top=exported.folder)
        for finding in suppress.finish(result.findings, result.files, [r.rule.code for r in rules], base_options):
            original = exported.original(finding.file)
            if finding.suppression is None and original is not None:
                counts[suppress.key(finding, original)] += 1
    return counts


def _record_of(path: FsPath, top: FsPath | None = None) -> FsPath | None:
    """The root of the record ``path`` belongs to (None: it stands alone, does not exist or cannot be used).

    A path that cannot be used (a NUL byte, a name too long for the file
    system) is checked as given, where discovery reports it (RPA009).
    """
    try:
        return record_roots.record_root(path, top) if path.exists() else None
    except (OSError, ValueError):
        return None


def _check(
    paths: Sequence[str],
    rules: Sequence[RegisteredRule],
    vocabularies: Vocabularies,
    options: Options,
    known: Sequence[str],
    top: FsPath | None = None,
    *,
    keep_records: bool = False,
) -> Result:
    """Group ``paths`` by the record each belongs to, check each record once, keep what was asked for.

    ``top`` bounds the walk up to a record's root (default: the working folder).
    """
    as_given: list[str] = []
    members: dict[FsPath, list[FsPath]] = {}
    for raw in dict.fromkeys(paths):  # a path named twice is taken once
        path = FsPath(raw)
        root = _record_of(path, top)
        if root is None or (path.is_dir() and root == path.resolve()):
            as_given.append(raw)  # a whole record, a file that stands alone, or a path that cannot be read
            continue
        found, errors = discover([raw]) if path.is_dir() else ([path], [])
        if not found and not errors:
            as_given.append(raw)  # a folder without record files: say so, as for any such folder
            continue
        # What the walk refuses (a link out of the record) is reported with the record's other refusals.
        members.setdefault(root, []).extend(found)
    # A part of a record that is also given whole is checked with it, not a second time.
    whole = [os.path.realpath(p) for p in as_given if os.path.isdir(p)]
    members = {root: m for root, m in members.items() if not any(inside(str(root.resolve()), w) for w in whole)}
    merged = Result(rules=len(rules), rules_meta=list(rules))
    if as_given:
        _merge(merged, _check_record(as_given, rules, vocabularies, options, known, keep_records), None)
    for root, wanted in members.items():
        files, refused_around = record_roots.record_files(root, wanted)
        part = _check_record([str(f) for f in files], rules, vocabularies, options, known, keep_records)
        part.findings.extend(refused_around)
        _merge(merged, part, {os.path.realpath(m) for m in wanted})
    merged.findings.sort(key=Finding.sort_key)
    return merged


def _say_knock_on(errors: list[Finding], invalid: Sequence[Document], count: int) -> list[Finding]:
    """Say, at the first error of the files that did not load, how many errors elsewhere follow from them."""
    import dataclasses

    names = {doc.path for doc in invalid}
    first = min((f for f in errors if f.file in names), key=Finding.sort_key)
    note = (
        f" (and {count} error{'s' * (count != 1)} in other files that follow from this file not loading,"
        " such as references to what it defines, are not shown)"
    )
    return [dataclasses.replace(f, message=f.message + note) if f is first else f for f in errors]


def _merge(merged: Result, part: Result, wanted: set[str] | None) -> None:
    """Add ``part`` to ``merged``, keeping only the files in ``wanted`` (None: all)."""
    shown = [name for name in part.files if wanted is None or os.path.realpath(name) in wanted]
    merged.files.extend(shown)
    merged.records.extend(part.records)
    # An unreadable sibling still blocks: the record could not be checked, so it must not look clean.
    merged.findings.extend(
        f for f in part.findings if wanted is None or os.path.realpath(f.file) in wanted or f.code in INPUT_CODES
    )
    for name in shown:
        merged.file_activities[name] = part.file_activities.get(name, [])
    merged.activities += part.activities if wanted is None else sum(len(part.file_activities.get(n, [])) for n in shown)


def _check_record(
    paths: Sequence[str],
    rules: Sequence[RegisteredRule],
    vocabularies: Vocabularies,
    options: Options,
    known: Sequence[str],
    keep_record: bool = False,
) -> Result:
    files, errors = discover(paths)
    result = Result(files=[display(f) for f in files], rules=len(rules), rules_meta=list(rules))
    valid: list[tuple[Document, RecordFile]] = []
    invalid: list[Document] = []
    for path in files:
        doc, problems = loader.load(path)
        errors.extend(problems)
        if doc is None:
            continue
        model, problems = validate.validate(doc)
        errors.extend(problems)
        if model is not None:
            valid.append((doc, model))
        else:
            invalid.append(doc)
    record, problems = build(valid, vocabularies, unloaded=invalid)
    record.as_of = options.today
    errors.extend(problems)
    if record.knock_on:
        errors = _say_knock_on(errors, invalid, record.knock_on)
    for activity in record.activities:
        result.file_activities.setdefault(activity.ref.doc.path, []).append(activity.id)
    for pact in record.processor_activities:
        result.file_activities.setdefault(pact.ref.doc.path, []).append(pact.model.id)
    # Processing done for others counts too, as it does for a file checked inside its record.
    result.activities = len(record.activities) + len(record.processor_activities)
    if errors:
        # Checking a record that did not load would report gaps that are not there.
        result.findings = sorted(errors, key=Finding.sort_key)
    else:
        codes = [r.rule.code for r in rules]
        found = engine.run(record, rules, timeout=options.plugin_timeout, max_findings=options.max_findings_per_rule)
        found = suppress.after_rules(found, [d for d, _ in valid], codes, options, known)
        result.findings = grouping.once_where_written(found, {doc.path: doc for doc, _ in valid})
    if keep_record:
        result.records.append(record)
    else:
        record.release()
    return result


__all__ = ["check_paths"]
