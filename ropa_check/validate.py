"""Validate loaded files against the record format and report every error at its position.

Validation is pydantic-core's, with the core schema of the pydantic models
from which the published JSON Schema is generated, so the two are one
contract. The schema comes precompiled (:mod:`ropa_check.format.compiled_model`):
a commit hook should not pay for building thirty model classes on every run.
Every error in every file is reported, not just the first.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic_core import ValidationError

from ropa_check import input_errors as E
from ropa_check.document import Document
from ropa_check.finding import Finding
from ropa_check.format.compiled_model import RecordFile, validate_record_file
from ropa_check.format.immutable import Data
from ropa_check.paths import Path
from ropa_check.suggest import did_you_mean

_PATTERN_HINTS = {
    "^[a-z0-9][a-z0-9_.-]*$": "an id: lower-case letters, digits, '-', '_' or '.', e.g. 'member-register'",
    "^([A-Z]{2}|unknown)$": "an ISO 3166-1 alpha-2 country code in capitals (SE, NO, US) or 'unknown'",
    "^[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*)?$": "a tag: lower-case words joined by '_', e.g. 'national_id'",
}
_DURATION_HINT = "an ISO 8601 duration such as P7Y (7 years), P13M (13 months) or P30D (30 days)"


def validate(doc: Document) -> tuple[RecordFile | None, list[Finding]]:
    """Validate one document; return the model, or None and the located errors."""
    try:
        return validate_record_file(doc.data), []
    except ValidationError as exc:
        return None, _findings(doc, exc)


#: The most errors reported for one file. A file that breaks the format everywhere (a list of a
#: million numbers where activities belong) would otherwise flood the report and the CI log.
MAX_ERRORS_PER_FILE = 100


#: Errors that say only "not this type": where a union's other member reports something inside the value,
#: that member was meant (a mapping given for `text | SubProcessor`), and the type error is noise.
_TYPE_ONLY = frozenset({"string_type", "model_type", "dict_type", "list_type", "int_type", "bool_type", "float_type"})


def _errors(doc: Document, exc: ValidationError) -> list[tuple[Any, Path, Any]]:
    """Each error with its data path and owning class, less type errors of a union member not meant."""
    located = [(err, *_data_path(doc.data, err["loc"])) for err in exc.errors(include_url=False)]
    deeper = {path[:i] for _, path, _ in located for i in range(len(path))}
    return [(err, path, model) for err, path, model in located if not (err["type"] in _TYPE_ONLY and path in deeper)]


def _findings(doc: Document, exc: ValidationError) -> list[Finding]:
    out: list[Finding] = []
    seen: set[Path] = set()
    errors = _errors(doc, exc)
    for index, (err, path, model) in enumerate(errors):
        if len(out) == MAX_ERRORS_PER_FILE:
            rest = len(errors) - index
            line, column = out[-1].line, out[-1].column
            message = (
                f"and {rest} more format error{'s' * (rest != 1)} in this file after the "
                f"{MAX_ERRORS_PER_FILE} above; fix those and run again"
            )
            out.append(E.finding(E.SCHEMA, doc.path, line, column, (), message))
            break
        kind = err["type"]
        if kind == "extra_forbidden":
            key = str(path[-1])
            known = sorted(model.KEYS) if model else []
            message = f"unknown key '{key}'" + did_you_mean(key, known)
            line, column = doc.position(path, key=True)
            out.append(E.finding(E.UNKNOWN_KEY, doc.path, line, column, path, message))
            continue
        if path in seen:
            # A union reports one error per alternative; one is enough.
            continue
        seen.add(path)
        line, column = doc.position(path)
        out.append(E.finding(E.SCHEMA, doc.path, line, column, path, _message(err, path)))
    return out


def _message(err: Any, path: Path) -> str:
    kind, value = err["type"], err.get("input")
    where = f"'{path[-1]}'" if path and isinstance(path[-1], str) else "this value"
    if kind == "missing":
        return f"required key '{err['loc'][-1]}' is missing"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'|(\d+)", err["ctx"]["expected"])
        options = [a or b for a, b in allowed]
        if isinstance(value, float) and str(value) in options:
            # YAML reads 1.1 as a number; the format spells version 1.1 as text.
            return f'{where} must be one of {", ".join(options)}; got the number {value}: write it as text, "{value}"'
        return f"{where} must be one of {', '.join(options)}; got {_quoted(value)}" + did_you_mean(str(value), options)
    if kind == "string_pattern_mismatch":
        pattern = err["ctx"]["pattern"]
        hint = _PATTERN_HINTS.get(pattern, _DURATION_HINT if pattern.startswith("^(P") else f"the pattern {pattern}")
        return f"{where} must be {hint}; got {_quoted(value)}"
    if kind == "model_type" or kind == "dict_type":
        return f"{where} must be a mapping of keys to values; got {_kind(value)}"
    if kind == "list_type":
        return f"{where} must be a list; got {_kind(value)}"
    if kind in ("string_type", "string_too_short"):
        return f"{where} must be non-empty text; got {_kind(value)}"
    for kinds, expected in _EXPECTED:
        if kind in kinds:
            return f"{where} must be {expected}; got {_kind(value)}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{where} must be a number of at least {err['ctx'].get('ge', err['ctx'].get('gt'))}; got {_kind(value)}"
    # Any other type of error: say it in the record's terms, never in pydantic's.
    return f"{where} cannot be {_kind(value)} here; `ropa-check schema` shows what this key takes"


#: pydantic-core error types, and what the record expects instead, with an example.
_EXPECTED: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"int_parsing", "int_type", "int_from_float", "int_parsing_size"}), "a whole number, e.g. 12000"),
    (frozenset({"float_parsing", "float_type", "finite_number"}), "a number, e.g. 0.5"),
    (frozenset({"bool_parsing", "bool_type"}), "true or false"),
    (
        frozenset({"date_parsing", "date_type", "date_from_datetime_parsing", "date_from_datetime_inexact"}),
        "a date written YYYY-MM-DD, e.g. 2026-09-30",
    ),
)


#: The most characters of a value a message quotes: enough to recognise it, never a file's content.
_QUOTED = 60


def _quoted(value: Any) -> str:
    if isinstance(value, str) and len(value) > _QUOTED:
        return f"{value[:_QUOTED]!r} (and {len(value) - _QUOTED:,} more characters)"
    text = repr(value)
    return text if len(text) <= _QUOTED + 2 else text[:_QUOTED] + "..."


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return f"text {_quoted(value)}" if value else "empty text"
    if value is None:
        return "nothing (null)"
    return {dict: "a mapping", list: "a list", bool: f"{value}"}.get(type(value), _quoted(value))


def _data_path(data: Any, loc: tuple[int | str, ...]) -> tuple[Path, type[Data] | None]:
    """Map a pydantic location onto the data, dropping union-member labels.

    Also return the class that owns the last step, for suggestions.
    """
    path: list[int | str] = []
    node = data
    model: type[Data] | None = RecordFile
    owner: type[Data] | None = RecordFile
    for part in loc:
        if isinstance(part, int):
            if not (isinstance(node, list) and 0 <= part < len(node)):
                break
            node = node[part]
            path.append(part)
        elif isinstance(node, dict) and part in node:
            owner, model, node = model, model.KEYS.get(part) if model else None, node[part]
            path.append(part)
        elif isinstance(node, dict) and model is not None and part in model.KEYS:
            path.append(part)  # a required key that is missing
            owner = model
            break
        # anything else is pydantic's label for a union member: not in the data
    return tuple(path), owner
