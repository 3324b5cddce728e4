"""The one flow: load (with positions) -> validate -> model -> rules -> findings."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path as FsPath

from ropa_check import engine, loader, record_roots, suppress, validate
from ropa_check.check_options import CheckOptions
from ropa_check.compiled_model import RecordFile
from ropa_check.finding import Finding
from ropa_check.input_errors import INPUT_CODES
from ropa_check.plugins import RegisteredRule
from ropa_check.record import build
from ropa_check.result import Result


def check_paths(
    paths: Sequence[str],
    rules: Sequence[RegisteredRule],
    vocabularies: Sequence[Mapping[str, Mapping[str, str]]] = (),
    options: CheckOptions | None = None,
) -> Result:
    """Check the record made of ``paths`` (files and folders) with ``rules``.

    ``options`` (per-file ignores, waivers, baseline, diff base, severities) apply
    after the rules have run; see :mod:`ropa_check.suppress`.

    Given only files (as pre-commit passes them), each file is checked within its
    whole record (see :mod:`ropa_check.record_roots`), so references to other
    files resolve, but only the given files' findings are reported.
    """
    options = options or CheckOptions()
    with loader.gc_paused():
        if paths and all(os.path.isfile(p) for p in paths):
            result = _check_files([FsPath(p) for p in paths], rules, vocabularies, options)
        else:
            result = _check_record(paths, rules, vocabularies, options)
        return suppress.finish(result, rules, vocabularies, options, paths)


def _check_files(
    files: Sequence[FsPath],
    rules: Sequence[RegisteredRule],
    vocabularies: Sequence[Mapping[str, Mapping[str, str]]],
    options: CheckOptions,
) -> Result:
    groups: dict[FsPath | None, list[FsPath]] = {}
    for file in files:
        groups.setdefault(record_roots.record_root(file), []).append(file)
    merged = Result(rules=len(rules), rules_meta=list(rules))
    for root, members in groups.items():
        if root is None:
            part = _check_record([str(m) for m in members], rules, vocabularies, options)
            merged.files.extend(part.files)
            merged.findings.extend(part.findings)
            merged.activities += part.activities
            merged.file_activities.update(part.file_activities)
            continue
        files = record_roots.record_files(root, members)
        part = _check_record([str(f) for f in files], rules, vocabularies, options)
        wanted = {os.path.realpath(m) for m in members}
        shown = [name for name in part.files if os.path.realpath(name) in wanted]
        merged.files.extend(shown)
        # An unreadable sibling still blocks: the record could not be checked, so it must not look clean.
        merged.findings.extend(f for f in part.findings if os.path.realpath(f.file) in wanted or f.code in INPUT_CODES)
        for name in shown:
            merged.file_activities[name] = part.file_activities.get(name, [])
            merged.activities += len(merged.file_activities[name])
    merged.findings.sort(key=Finding.sort_key)
    return merged


def _check_record(
    paths: Sequence[str],
    rules: Sequence[RegisteredRule],
    vocabularies: Sequence[Mapping[str, Mapping[str, str]]],
    options: CheckOptions,
) -> Result:
    files, errors = loader.discover(paths)
    result = Result(files=[loader._display(f) for f in files], rules=len(rules), rules_meta=list(rules))
    valid: list[tuple[loader.Document, RecordFile]] = []
    for path in files:
        doc, problems = loader.load(path)
        errors.extend(problems)
        if doc is None:
            continue
        model, problems = validate.validate(doc)
        errors.extend(problems)
        if model is not None:
            valid.append((doc, model))
    record, problems = build(valid, vocabularies)
    record.as_of = options.today
    errors.extend(problems)
    result.activities = len(record.activities)
    for activity in record.activities:
        result.file_activities.setdefault(activity.ref.doc.path, []).append(activity.id)
    for pact in record.processor_activities:
        result.file_activities.setdefault(pact.ref.doc.path, []).append(pact.model.id)
    if errors:
        # Checking a record that did not load would report gaps that are not there.
        result.findings = sorted(errors, key=Finding.sort_key)
    else:
        result.findings = suppress.after_rules(engine.run(record, rules), [d for d, _ in valid], rules, options)
    record.release()
    return result
