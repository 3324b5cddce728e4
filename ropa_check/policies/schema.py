"""The JSON Schema of a policy file (schemas/ropa-policy.schema.json), made here and printed by
``python -m ropa_check.policies.schema``; a test fails when the committed copy is stale.

The schema holds the structure (keys, types, the operators, severities and
scopes); whether a field exists in the record format for the policy's scope,
and whether a value fits that field, is checked when the policy is loaded
(:mod:`ropa_check.policies.conditions`), with the same file:line:col errors.

For editors, each scope also offers the field paths it can read (``if`` the
policy's ``scope`` is X, ``then`` its conditions' ``field`` is one of X's
paths), made by :func:`ropa_check.policies.fields.paths` and described from the
same :class:`~ropa_check.policies.fields.Field` the loader resolves. The list
is a completion, not a restriction: each ``field`` schema ends with an
alternative that accepts anything, so a deeper path is still valid and the
load-time check stays the one that names a wrong field (and the schema gives
no second, duplicate error).
"""

from __future__ import annotations

import functools
import json
from typing import Any

from ropa_check.policies.conditions import COMBINATORS, OPERATORS
from ropa_check.policies.fields import SCOPES, Field, PolicyScope, paths, resolve

SCHEMA_FILE = "schemas/ropa-policy.schema.json"
SCHEMA_ID = "urn:ropa-check:schema:policy:1"

_SCALAR: dict[str, Any] = {"type": ["string", "number", "boolean"]}
_OPERATOR_SCHEMAS: dict[str, dict[str, Any]] = {
    "equals": {**_SCALAR, "description": "Some value of the field is this one."},
    "not_equals": {**_SCALAR, "description": "Some value of the field is not this one."},
    "in": {
        "type": "array",
        "items": _SCALAR,
        "minItems": 1,
        "description": "Some value is one of these (EEA, ADEQUATE: country groups).",
    },
    "not_in": {"type": "array", "items": _SCALAR, "minItems": 1, "description": "Some value is none of these."},
    "exists": {"type": "boolean", "description": "true: the field has a value; false: it has none."},
    "has": {
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}],
        "description": "Tags: some tag is this one or below it (special_category has special_category:health); "
        "with a list, any of them.",
    },
    "has_all": {
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}],
        "description": "Tags: every one of these is there (or one below it).",
    },
    "matches": {"type": "string", "description": "A regular expression (Python syntax) the whole value matches."},
    "at_most": {"type": ["number", "string"], "description": "A number, an ISO 8601 duration (P2Y) or a date."},
    "at_least": {"type": ["number", "string"], "description": "A number, an ISO 8601 duration or a date."},
    "below": {"type": ["number", "string"], "description": "A number, an ISO 8601 duration or a date."},
    "above": {"type": ["number", "string"], "description": "A number, an ISO 8601 duration or a date."},
}
assert set(_OPERATOR_SCHEMAS) == set(OPERATORS)


_KIND_TEXT = {
    "text": "text",
    "number": "a number",
    "bool": "true or false",
    "date": "a date (YYYY-MM-DD)",
    "duration": "an ISO 8601 duration (P2Y)",
    "country": "a country code (EEA, ADEQUATE: groups)",
}


def field_description(steps: list[Field]) -> str:
    """What a path (its fields, as resolved) holds, for the completion list: kind, values or vocabulary."""
    f = steps[-1]
    many = any(step.many for step in steps)
    if f.kind is None:
        what = "entries with fields of their own" if many else "a mapping with fields of its own"
        return f"{what}; `exists` tests it"
    if f.kind == "enum":
        what = "one of: " + ", ".join(f.values)
    elif f.kind == "tag":
        what = f"tags of the {f.vocabulary} vocabulary" if f.vocabulary else "tags"
    else:
        what = _KIND_TEXT[f.kind]
    return f"{what} (several values)" if many and f.kind != "tag" else what


def field_completions(scope: PolicyScope) -> dict[str, Any]:
    """The ``field`` schema of ``scope``: its paths as constants, then anything (checked at load)."""
    offered: list[dict[str, Any]] = [
        {"const": path, "description": field_description(resolve(scope, path)[0])} for path in paths(scope)
    ]
    fallback = {"description": f"Any other path a {scope} policy can read: checked when the policy is loaded."}
    return {"anyOf": [*offered, fallback]}


def _scoped_condition(scope: PolicyScope) -> dict[str, Any]:
    """A condition of ``scope``, only to carry its field completions down through `all`/`any`/`none`."""
    # No types or required keys: this never fails where the structural `condition` passes, nor adds an error.
    nested = {"items": {"$ref": f"#/$defs/condition-{scope}"}}
    return {
        "properties": {**{name: nested for name in COMBINATORS}, "field": {"$ref": f"#/$defs/field-{scope}"}},
    }


@functools.cache
def policy_schema() -> dict[str, Any]:
    """The policy file's JSON Schema (draft 2020-12)."""
    conditions = {"type": "array", "items": {"$ref": "#/$defs/condition"}, "minItems": 1}
    test = {
        "type": "object",
        "description": "A test of one field: `field` and one operator.",
        "properties": {
            "field": {
                "type": "string",
                "pattern": r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$",
                "description": "A path in the record format from the policy's scope: retention.duration, "
                "recipients.country, activity.dpia.status (editors offer the scope's paths).",
            },
            **_OPERATOR_SCHEMAS,
        },
        "required": ["field"],
        "minProperties": 2,
        "maxProperties": 2,
        "additionalProperties": False,
    }
    combinators = [
        {"type": "object", "properties": {name: conditions}, "required": [name], "additionalProperties": False}
        for name in COMBINATORS
    ]
    policy = {
        "type": "object",
        "description": "One house rule, run as a rule of its own.",
        "properties": {
            "code": {
                "type": "string",
                "pattern": "^[A-Z]{1,6}[0-9]{3}$",
                "description": "The organisation's own prefix and three digits, e.g. ORG001 (not RPA or RSE).",
            },
            "name": {"type": "string", "pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$", "description": "kebab-case."},
            "severity": {"enum": ["error", "warning", "info"]},
            "scope": {"enum": list(SCOPES), "description": "What the policy is checked on, once per item."},
            "summary": {"type": "string", "minLength": 1, "description": "One line: what is wrong when it fires."},
            "description": {"type": "string", "minLength": 1, "description": "Why (shown by `ropa-check rule`)."},
            "message": {
                "type": "string",
                "minLength": 1,
                "description": "The finding's message; {activity.id}, {recipient.name}... are the item's values.",
            },
            "references": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "minItems": 1,
                "description": "The provisions or internal policies that say what the policy says.",
            },
            "fix": {"type": "string", "minLength": 1, "description": "How to satisfy the policy, naming the field."},
            "when": {"$ref": "#/$defs/condition", "description": "The policy fires on an item when this holds."},
        },
        "required": ["code", "name", "severity", "scope", "message", "references", "fix", "when"],
        "additionalProperties": False,
        # Editor completion only: each `then` accepts whatever the structure above accepts.
        "allOf": [
            {
                "if": {"properties": {"scope": {"const": scope}}, "required": ["scope"]},
                "then": {"properties": {"when": {"$ref": f"#/$defs/condition-{scope}"}}},
            }
            for scope in SCOPES
        ],
    }
    case = {
        "type": "object",
        "description": "A record for which a policy must fire (expect: fire) or must not (expect: pass).",
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "policy": {"type": "string", "pattern": "^[A-Z]{1,6}[0-9]{3}$"},
            "expect": {"enum": ["fire", "pass"]},
            "count": {"type": "integer", "minimum": 1, "description": "With fire: exactly this many findings."},
            "at": {
                "type": "array",
                "items": {"type": "string"},
                "description": "With fire: entry paths that must each have a finding, e.g. "
                "$.activities[id=crm].transfers[recipient=us-ads,country=US].",
            },
            "record": {"type": "object", "description": "One record file's content (an organisation is added)."},
            "record_file": {"type": "string", "description": "A record file or folder, relative to this file."},
        },
        "required": ["name", "policy", "expect"],
        "oneOf": [{"required": ["record"]}, {"required": ["record_file"]}],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ropa-check organisation policy file",
        "description": "House rules over a GDPR Art. 30 record, run by ropa-check as a rule pack (docs/policies.md).",
        "type": "object",
        "properties": {
            "$schema": {"type": "string"},
            "policies": {"type": "array", "items": {"$ref": "#/$defs/policy"}},
            "tests": {"type": "array", "items": {"$ref": "#/$defs/case"}},
        },
        "additionalProperties": False,
        "$defs": {
            "policy": policy,
            "condition": {"anyOf": [*combinators, {"$ref": "#/$defs/test"}]},
            "test": test,
            "case": case,
            **{f"condition-{scope}": _scoped_condition(scope) for scope in SCOPES},
            **{f"field-{scope}": field_completions(scope) for scope in SCOPES},
        },
    }


def main() -> None:
    """Print the schema, as committed in schemas/ropa-policy.schema.json."""
    print(json.dumps(policy_schema(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
