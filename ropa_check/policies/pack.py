"""Policy files read, validated and turned into rules: one rule pack, registered like any other.

A policy file is YAML or JSON: ``policies:`` (a list of policies) and, optionally,
``tests:`` (cases that must and must not make them fire; ``x.tests.yaml`` beside
``x.yaml`` holds more). It is checked against schemas/ropa-policy.schema.json
with jsonschema, then against the record format (fields, values, tags); any
mistake is a :class:`PolicyError` naming the file, line and column, so a policy
can never load as a rule that silently matches nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from ropa_check.document import Document
from ropa_check.hookspecs import hookimpl
from ropa_check.paths import Path
from ropa_check.policies.conditions import COUNTRY_GROUPS, Compiled, Compiler, ConditionError
from ropa_check.policies.errors import PolicyError as PolicyError  # re-exported: where callers find it
from ropa_check.policies.errors import located as located
from ropa_check.policies.evaluate import Evaluator
from ropa_check.policies.fields import PathError, PolicyScope, reader, resolve
from ropa_check.rule import Rule, RuleDefinitionError, Scope, rule

#: Prefixes of the rules that ship with ropa-check: an organisation's policies use their own.
RESERVED_PREFIXES = ("RPA", "RSE")
#: What the pack is called in messages and ``ropa-check rules``; not a module of ropa_check, so not "built in".
PLUGIN_NAME = "policies"
POLICY_SUFFIXES = (".yaml", ".yml", ".json")
TESTS_SUFFIX = ".tests"
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
#: Longest record value shown in a message, in characters.
_SHOWN = 200


@dataclass
class Policy:
    """One loaded policy: its rule, and where it is written."""

    rule: Rule
    scope: PolicyScope
    doc: Document
    path: Path
    compiled: Compiled

    @property
    def line(self) -> int:
        return self.doc.position(self.path)[0]


@dataclass
class PolicyFile:
    """One policy file: its document, policies and test cases (its own and those of its ``.tests`` sibling)."""

    doc: Document
    policies: list[Policy] = field(default_factory=list)
    #: (document, path of the case in it, the case) for each test case.
    cases: list[tuple[Document, Path, Mapping[str, Any]]] = field(default_factory=list)


class PolicyPack:
    """The organisation's policies as a rule pack: the ``ropa_check_rules`` hook returns one rule per policy."""

    __name__ = PLUGIN_NAME

    def __init__(self, files: Sequence[PolicyFile]) -> None:
        self.files = list(files)

    @property
    def policies(self) -> list[Policy]:
        return [p for f in self.files for p in f.policies]

    @hookimpl
    def ropa_check_rules(self) -> Sequence[Rule]:
        return [p.rule for p in self.policies]


# ------------------------------------------------------------------ reading


def policy_files(paths: Sequence[str]) -> list[FsPath]:
    """The policy files named by ``paths`` (files, or folders searched for YAML and JSON), sorted, without tests."""
    out: list[FsPath] = []
    for raw in paths:
        path = FsPath(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in POLICY_SUFFIXES and p.is_file() and not p.stem.endswith(TESTS_SUFFIX)
            )
            if not found:
                raise PolicyError(f"{raw}: no policy files (*.yaml, *.yml, *.json) in this folder")
            out.extend(found)
        elif path.is_file():
            # A `.tests` file named on its own stands for the policy file it tests.
            main = path.with_name(path.stem[: -len(TESTS_SUFFIX)] + path.suffix)
            out.append(main if path.stem.endswith(TESTS_SUFFIX) and main.is_file() else path)
        else:
            raise PolicyError(f"{raw}: policy file or folder does not exist")
    return list(dict.fromkeys(out))


def read_document(path: FsPath) -> Document:
    """One policy or test file, read as records are (safe YAML 1.2, positions); errors are :class:`PolicyError`."""
    from ropa_check.files.discover import display
    from ropa_check.loader import load

    doc, problems = load(path, display(path))
    if doc is None:
        first = problems[0]
        raise PolicyError(f"{first.file}:{first.line}:{first.column}: {first.message}")
    return doc


def validate_schema(doc: Document) -> None:
    """Check ``doc`` against the policy schema with jsonschema; the first error (in file order) is raised."""
    try:
        import jsonschema  # type: ignore[import-untyped,unused-ignore]
    except ImportError:  # pragma: no cover - jsonschema is a dependency
        raise PolicyError("organisation policies need the jsonschema package (pip install jsonschema)") from None
    from ropa_check.policies.schema import policy_schema

    validator = jsonschema.Draft202012Validator(policy_schema())
    errors = list(validator.iter_errors(doc.data))
    if not errors:
        return

    def place(error: Any) -> tuple[int, int]:
        return doc.position(tuple(error.absolute_path), key=True)

    error = min(errors, key=place)
    best = jsonschema.exceptions.best_match([e for e in errors if place(e) == place(error)]) or error
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    raise located(doc, tuple(best.absolute_path), _schema_message(best) + more)


def _schema_message(error: Any) -> str:
    if error.validator == "additionalProperties":
        from ropa_check.suggest import did_you_mean

        allowed = list(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed]
        if extra:
            hint = did_you_mean(extra[0], allowed) or f" (known: {', '.join(allowed)})"
            return f"unknown key '{extra[0]}'{hint}"
    alternatives = error.validator_value if error.validator == "oneOf" else None
    if isinstance(alternatives, list) and all(list(a) == ["required"] for a in alternatives):
        # A case's `record` or `record_file`: say so, not that the case is no condition.
        names = [name for a in alternatives for name in a["required"]]
        given = [name for name in names if isinstance(error.instance, dict) and name in error.instance]
        return f"write one of {' or '.join(f'`{n}`' for n in names)}" + (
            f", not {' and '.join(f'`{n}`' for n in given)}" if len(given) > 1 else ""
        )
    if error.validator in ("anyOf", "oneOf") and isinstance(error.instance, dict):
        from ropa_check.policies.conditions import COMBINATORS, OPERATORS
        from ropa_check.suggest import did_you_mean

        keys = list(error.instance)
        if "field" in keys and not any(k in COMBINATORS for k in keys):
            unknown = [k for k in keys if k != "field" and k not in OPERATORS]
            if unknown:
                hint = did_you_mean(unknown[0], OPERATORS) or f" (operators: {', '.join(OPERATORS)})"
                return f"unknown operator '{unknown[0]}'{hint}"
            return f"a test has `field` and one operator; this one has {len(keys) - 1}"
        return (
            "not a condition: write `all`, `any` or `none` with a list of conditions, or `field` with one "
            f"operator ({', '.join(OPERATORS)})"
        )
    return str(error.message)


def load_files(paths: Sequence[str], *, with_tests: bool = False) -> list[PolicyFile]:
    """Read, validate and compile the policy files under ``paths``."""
    from ropa_check.adequacy import load as adequacy
    from ropa_check.vocabularies import shipped

    known = adequacy()
    groups = {
        "EEA": frozenset(known.eea | {"EL"}),
        # Only decisions that cover every recipient in the country: a DPF or a commercial-sector decision
        # covers some recipients, which a policy cannot tell from a country code.
        "ADEQUATE": frozenset(c for c, d in known.decisions.items() if d.full),
    }
    assert set(groups) == set(COUNTRY_GROUPS)
    compiler = Compiler({name: list(tags) for name, tags in shipped().items()}, groups)
    evaluator = Evaluator(compiler.namespace)
    files: list[PolicyFile] = []
    seen: dict[str, Policy] = {}
    for path in policy_files(paths):
        doc = read_document(path)
        validate_schema(doc)
        loaded = PolicyFile(doc)
        for i, entry in enumerate(doc.data.get("policies") or ()):
            policy = _policy(doc, ("policies", i), entry, compiler, evaluator)
            other = seen.get(policy.rule.code)
            if other is not None:
                raise located(
                    doc,
                    ("policies", i, "code"),
                    f"policy code {policy.rule.code} is already used in {other.doc.path}, line {other.line}",
                )
            seen[policy.rule.code] = policy
            loaded.policies.append(policy)
        if with_tests:
            loaded.cases.extend((doc, ("tests", i), c) for i, c in enumerate(doc.data.get("tests") or ()))
            sibling = path.with_name(path.stem + TESTS_SUFFIX + path.suffix)
            if sibling.is_file():
                tests_doc = read_document(sibling)
                validate_schema(tests_doc)
                if tests_doc.data.get("policies"):
                    raise located(tests_doc, ("policies",), "a .tests file holds only `tests:`")
                more = tests_doc.data.get("tests") or ()
                loaded.cases.extend((tests_doc, ("tests", i), c) for i, c in enumerate(more))
        files.append(loaded)
    return files


def _policy(doc: Document, at: Path, entry: Mapping[str, Any], compiler: Compiler, evaluator: Evaluator) -> Policy:
    code = entry["code"]
    prefix = re.sub(r"\d+$", "", code)
    if prefix in RESERVED_PREFIXES:
        raise located(
            doc, (*at, "code"), f"{prefix} is the prefix of ropa-check's own rules; give your policies your own prefix"
        )
    scope: PolicyScope = entry["scope"]
    try:
        compiled = compiler.compile(scope, entry["when"], (*at, "when"))
    except ConditionError as exc:
        raise located(doc, exc.path, str(exc)) from None
    render = _template(doc, (*at, "message"), entry["message"], scope)
    line = doc.position(at)[0]
    description = entry.get("description") or entry.get("summary") or entry["name"]
    explanation = f"{description.strip()}\n\nAn organisation policy, written in `{doc.path}`, line {line}."
    check = evaluator.register(code, scope, compiled, render, doc)
    # Categories and transfers are evaluated with their activity (see ropa_check.policies.evaluate).
    engine_scope: Scope = (
        "organisation" if scope == "organisation" else "recipient" if scope == "recipient" else "activity"
    )
    check.__doc__ = explanation
    try:
        made = rule(
            code=code,
            name=entry["name"],
            severity=entry["severity"],
            summary=entry.get("summary") or description.strip().splitlines()[0],
            references=entry["references"],
            fix=entry["fix"],
            scope=engine_scope,
        )(check)
    except RuleDefinitionError as exc:
        raise located(doc, at, str(exc)) from None
    return Policy(made, scope, doc, at, compiled)


# ------------------------------------------------------------------ running


def _template(doc: Document, at: Path, text: str, scope: PolicyScope) -> Callable[[Any, Any], str]:
    """The message, its placeholders compiled to readers: ``{activity.id}``, ``{recipient.name}``..."""
    parts: list[str | Callable[[Any, Any], list[Any]]] = []
    last = 0
    for m in _PLACEHOLDER.finditer(text):
        parts.append(text[last : m.start()])
        last = m.end()
        token = m.group()
        if token in ("{{", "}}"):
            parts.append(token[0])
            continue
        name = m.group(1)
        if name is None:
            raise located(doc, at, "a lone brace in the message: write {{ or }} for a brace, {field} for a value")
        path = name.strip()
        if path.startswith(scope + "."):
            path = path[len(scope) + 1 :]
        try:
            steps, leaf = resolve(scope, path)
        except PathError as exc:
            raise located(doc, at, f"placeholder {{{name}}}: {exc}") from None
        if leaf.kind is None:
            raise located(doc, at, f"placeholder {{{name}}} is a mapping: name one of its fields, such as .id")
        parts.append(reader(steps))
    parts.append(text[last:])

    def render(item: Any, record: Any) -> str:
        out = []
        for part in parts:
            if isinstance(part, str):
                out.append(part)
                continue
            values = [_text(v) for v in part(item, record)]
            out.append(", ".join(values) if values else "(none)")
        return "".join(out)

    return render


def _text(value: Any) -> str:
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."
