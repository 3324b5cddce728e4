"""The one flow: load (with positions) -> validate -> model -> rules -> findings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ropa_check import engine, loader, validate
from ropa_check.finding import Finding
from ropa_check.model import RecordFile
from ropa_check.plugins import RegisteredRule
from ropa_check.record import Record, build
from ropa_check.result import Result


def check_paths(
    paths: Sequence[str],
    rules: Sequence[RegisteredRule],
    vocabularies: Sequence[Mapping[str, Mapping[str, str]]] = (),
) -> Result:
    """Check the record made of ``paths`` (files and folders) with ``rules``."""
    files, errors = loader.discover(paths)
    result = Result(files=[loader._display(f) for f in files], rules=len(rules))
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
    errors.extend(problems)
    result.activities = len(record.activities)
    if errors:
        # Checking a record that did not load would report gaps that are not there.
        result.findings = sorted(errors, key=Finding.sort_key)
        return result
    result.findings = engine.run(record, rules)
    return result


def check_record(record: Record, rules: Sequence[RegisteredRule]) -> list[Finding]:
    return engine.run(record, rules)
