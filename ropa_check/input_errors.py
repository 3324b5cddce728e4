"""Codes for input that cannot be checked: RPA0xx. Any of them means exit status 2.

They are rules in the catalogue (``ropa-check rule RPA003`` explains one) whose
findings come from the loader and the validator rather than a check function.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.finding import Finding
from ropa_check.paths import Path, json_path
from ropa_check.rule import Rule, reported_elsewhere, rule

InputError = Rule
_FORMAT = "ropa-check record format v1 (schemas/ropa-record.schema.json)"


@rule(
    code="RPA001",
    name="parse-error",
    severity="error",
    scope="input",
    summary="The file is not readable YAML or JSON.",
    references=(_FORMAT, "GDPR Art. 30(3)"),
    fix="Correct the syntax at the position shown; the file must be UTF-8 YAML or JSON.",
)
def PARSE(_: object) -> Iterator[str]:
    """A record must be in writing (Art. 30(3)) and, for ropa-check, readable.

    Reported for YAML or JSON syntax errors, files that are not UTF-8 text,
    binary files, empty files and YAML streams with more than one document.
    Nothing in such a file is checked, so ropa-check exits with status 2 rather
    than call the record clean.
    """
    return reported_elsewhere(_)


@rule(
    code="RPA002",
    name="schema-error",
    severity="error",
    scope="input",
    summary="A value has the wrong type or is not one of the allowed values.",
    references=(_FORMAT,),
    fix="Give the field a value of the type the schema names (`ropa-check schema` prints it).",
)
def SCHEMA(_: object) -> Iterator[str]:
    """The record does not follow the record format.

    For example a list where one value is expected, text where a number is
    expected, an `art6` basis that is not one of the six in Art. 6(1), or a
    duration that is not ISO 8601 (`P7Y`, `P13M`).
    """
    return reported_elsewhere(_)


@rule(
    code="RPA003",
    name="unknown-key",
    severity="error",
    scope="input",
    summary="A key is not part of the record format.",
    references=(_FORMAT,),
    fix="Rename the key to the one suggested, or remove it.",
)
def UNKNOWN_KEY(_: object) -> Iterator[str]:
    """A misspelt key (`retension`) would otherwise hide the value it carries.

    The message names the nearest known key.
    """
    return reported_elsewhere(_)


@rule(
    code="RPA004",
    name="unknown-tag",
    severity="error",
    scope="input",
    summary="A tag is not in the controlled vocabulary.",
    references=(_FORMAT,),
    fix="Use the suggested tag, or add yours under `vocabularies:` in the record.",
)
def UNKNOWN_TAG(_: object) -> Iterator[str]:
    """Rules trigger on tags (`national_id`, `direct_marketing`, `child`), so a
    misspelt tag would silently switch a rule off.

    The shipped vocabularies can be extended per project with a `vocabularies:`
    block in any record file; `ropa-check vocabularies` lists the known tags.
    """
    return reported_elsewhere(_)


@rule(
    code="RPA005",
    name="unknown-reference",
    severity="error",
    scope="input",
    summary="A reference names an id that is not defined.",
    references=(_FORMAT,),
    fix="Define the id (recipients and sources at top level, purposes and data subjects in the activity) "
    "or correct the reference.",
)
def UNKNOWN_REFERENCE(_: object) -> Iterator[str]:
    """Entries refer to each other by id, across files. A reference to an
    unknown id is reported at the reference, with the nearest known id."""
    return reported_elsewhere(_)


@rule(
    code="RPA006",
    name="duplicate-key",
    severity="error",
    scope="input",
    summary="A key appears twice in the same mapping.",
    references=(_FORMAT,),
    fix="Merge the two entries into one key.",
)
def DUPLICATE_KEY(_: object) -> Iterator[str]:
    """YAML keeps only the last of two equal keys, so the first value is lost
    without a word. In a compliance record that loses data; ropa-check refuses."""
    return reported_elsewhere(_)


@rule(
    code="RPA007",
    name="duplicate-id",
    severity="error",
    scope="input",
    summary="Two entries of the same kind share an id.",
    references=(_FORMAT,),
    fix="Give each activity, purpose, data subject category, data category, recipient and source its own id.",
)
def DUPLICATE_ID(_: object) -> Iterator[str]:
    """Ids identify entries in references, findings and baselines; they must be unique."""
    return reported_elsewhere(_)


@rule(
    code="RPA008",
    name="unsafe-input",
    severity="error",
    scope="input",
    summary="The file uses YAML features a record may not use.",
    references=(_FORMAT,),
    fix="Remove custom tags (`!!python/...`), cyclic or exploding aliases and deep nesting.",
)
def UNSAFE(_: object) -> Iterator[str]:
    """Records are data. Tags that construct objects, aliases that expand
    without bound ("billion laughs"), cycles and excessive nesting are refused
    before anything is built from them."""
    return reported_elsewhere(_)


@rule(
    code="RPA009",
    name="unreadable-path",
    severity="error",
    scope="input",
    summary="A path cannot be read, or holds no record files.",
    references=(_FORMAT,),
    fix="Pass an existing record file or a folder of `.yaml`, `.yml` or `.json` files.",
)
def UNREADABLE(_: object) -> Iterator[str]:
    """Reported for missing paths, unreadable or oversized files."""
    return reported_elsewhere(_)


@rule(
    code="RPA010",
    name="record-structure",
    severity="error",
    scope="input",
    summary="The files do not make one record: no organisation block, or more than one.",
    references=(_FORMAT, "GDPR Art. 30(1)(a)"),
    fix="Put exactly one `organisation:` block in one of the record's files.",
)
def STRUCTURE(_: object) -> Iterator[str]:
    """A record describes one controller (or processor). Its organisation block
    names it; the activities in all files belong to it."""
    return reported_elsewhere(_)


@rule(
    code="RPA011",
    name="plugin-failure",
    severity="error",
    scope="input",
    summary="A rule plugin failed: it raised, exited, ran past its time budget, yielded too many findings, or "
    "returned something that is not a finding.",
    references=(_FORMAT,),
    fix="Report it to the plugin's authors (the message names the plugin and rule); "
    "`ROPA_CHECK_DISABLED_PLUGINS=name` skips it meanwhile.",
)
def PLUGIN_FAILURE(_: object) -> Iterator[str]:
    """A failing plugin must not make a record look clean. Its failure is
    reported, naming the plugin and the rule, the other rules still run, and
    the exit status is 2 because the record was not fully checked. A plugin
    fails when it raises, calls `sys.exit`, runs past its time budget
    (`plugin-timeout`, default 10 s per call), or yields more findings for one
    item than `max-findings-per-rule` (default 10,000)."""
    return reported_elsewhere(_)


INPUT_ERRORS: tuple[Rule, ...] = (
    PARSE,
    SCHEMA,
    UNKNOWN_KEY,
    UNKNOWN_TAG,
    UNKNOWN_REFERENCE,
    DUPLICATE_KEY,
    DUPLICATE_ID,
    UNSAFE,
    UNREADABLE,
    STRUCTURE,
    PLUGIN_FAILURE,
)
INPUT_CODES = frozenset(kind.code for kind in INPUT_ERRORS)


def finding(kind: Rule, file: str, line: int, column: int, path: Path, message: str) -> Finding:
    return kind.finding(message, file=file, line=line, column=column, json_path=json_path(path))


def at_file(kind: Rule, file: str, message: str) -> Finding:
    return finding(kind, file, 1, 1, (), message)
