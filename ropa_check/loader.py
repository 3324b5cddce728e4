"""Load YAML and JSON record files, keeping the position of every key and value.

Only safe YAML is read: the node graph is composed by libyaml and then turned
into plain data here, so no tag can construct a Python object. Scalars follow
the YAML 1.2 core schema (``NO`` is Norway, not false; ``2024-03-16`` stays text
until the model reads it as a date). Duplicate keys, unknown tags, cyclic or
exploding aliases and excessive nesting are errors with a position, never a
crash. Files are opened read-only.

``.json`` files are read by a JSON parser of their own (:class:`_JsonParser`),
not as YAML: YAML would take U+0085, U+2028 and U+2029 in a string for line
breaks and refuse keys longer than 1,024 characters, which JSON allows. It
keeps the same limits (nesting, node budget, duplicate keys) and refuses what
JSON does not have (``NaN``, ``Infinity``, lone surrogates), each at its line
and column.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path as FsPath
from typing import Any, ClassVar

import yaml

from ropa_check import input_errors as E
from ropa_check.document import Document, unpack
from ropa_check.files.discover import NOT_REGULAR, display
from ropa_check.files.regular_file import MAX_FILE_BYTES, FileTooLarge, NotARegularFile, read_regular_file
from ropa_check.finding import Finding
from ropa_check.paths import Path

#: The most YAML nodes (keys, values, list items) one file may have: about 2.8 MB of typical
#: record, some 1,300 activities. Larger records are split into files, as the size limit asks.
MAX_NODES = 200_000
MAX_DEPTH = 64
_ALIAS_BUDGET_BASE = 100_000

_Y = "tag:yaml.org,2002:"
_MAP, _SEQ, _STR = _Y + "map", _Y + "seq", _Y + "str"
_NULL, _BOOL, _INT, _FLOAT, _MERGE = (_Y + t for t in ("null", "bool", "int", "float", "merge"))


class _Loader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """libyaml with the YAML 1.2 core schema's implicit types."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}

    nodes = 0

    # The composer calls these three for every node. Records use no path resolvers, so
    # the generic versions' bookkeeping is skipped: a third of the loading time on large records.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        # Also the one call for every node, tagged or not: where a node budget can stop a file
        # that is small on disk but dense ("[1,1,1,…]" is a node per two bytes) before it costs gigabytes.
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooManyNodes

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return str(tag)
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


for _tag, _regexp, _first in (
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        _FLOAT,
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (_MERGE, r"^(?:<<)$", "<"),
):
    _Loader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


class _TooManyNodes(Exception):
    """Raised from inside libyaml's composer when a file exceeds :data:`MAX_NODES`."""


class _Abort(Exception):
    def __init__(self, finding: Finding) -> None:
        self.finding = finding


def load(path: FsPath, display_name: str | None = None) -> tuple[Document | None, list[Finding]]:
    """Read one file. Returns the document, or None and the errors that stopped it."""
    name = display_name or display(path)
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except FileTooLarge as exc:
        return None, [
            E.at_file(
                E.UNREADABLE,
                name,
                f"file is {exc.size / 1e6:.1f} MB, more than the {MAX_FILE_BYTES // 2**20} MiB a record file may "
                "have; split the record into several files",
            )
        ]
    except NotARegularFile:
        return None, [E.at_file(E.UNREADABLE, name, NOT_REGULAR)]
    except OSError as exc:
        return None, [E.at_file(E.UNREADABLE, name, f"cannot read file: {exc.strerror or exc}")]
    return loads(raw, name, json_syntax=path.suffix == ".json")


def loads(raw: bytes, name: str, *, json_syntax: bool = False) -> tuple[Document | None, list[Finding]]:
    """Parse bytes already read; ``name`` is what findings call the file."""
    if b"\x00" in raw:
        return None, [E.at_file(E.PARSE, name, "file is binary (it contains NUL bytes), not YAML or JSON")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [E.finding(E.PARSE, name, line, column, (), f"file is not UTF-8 text (byte {exc.start})")]
    if not text.strip():
        return None, [E.at_file(E.PARSE, name, "file is empty")]
    if json_syntax:
        return _JsonParser(text, name).parse()
    return _compose(text, name)


def _compose(text: str, name: str) -> tuple[Document | None, list[Finding]]:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or str(exc)
        if "maximum nesting depth" in problem:
            # libyaml's own limit (1,000 levels) on flow nesting: unsafe input, like ours.
            return None, [E.finding(E.UNSAFE, name, line, column, (), f"nesting is deeper than {MAX_DEPTH} levels")]
        if exc.context:
            problem = f"{problem} ({exc.context})"
        return None, [E.finding(E.PARSE, name, line, column, (), f"invalid YAML: {problem}")]
    except yaml.YAMLError as exc:
        return None, [E.at_file(E.PARSE, name, f"invalid YAML: {exc}")]
    except RecursionError:
        return None, [E.at_file(E.UNSAFE, name, f"nesting is deeper than {MAX_DEPTH} levels")]
    except _TooManyNodes:
        message = (
            f"file has more than {MAX_NODES:,} YAML nodes (keys, values and list items); "
            "split the record into several files"
        )
        return None, [E.at_file(E.UNREADABLE, name, message)]
    if node is None:
        return None, [E.at_file(E.PARSE, name, "file holds no YAML document")]
    doc = Document(name, None, text=text)
    builder = _Builder(doc, alias_budget=_ALIAS_BUDGET_BASE + len(text), anchors="&" in text)
    try:
        doc.data = builder.build(node, (), 0)
    except _Abort as abort:
        return None, [*builder.errors, abort.finding]
    if builder.errors:
        return None, builder.errors
    return doc, []


class _Builder:
    """Turns composed nodes into plain data, recording positions on the way."""

    def __init__(self, doc: Document, *, alias_budget: int, anchors: bool = True) -> None:
        self.doc = doc
        self.positions = doc.positions
        self.key_positions = doc.key_positions
        self.errors: list[Finding] = []
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.alias_budget = alias_budget
        # Without an anchor ('&') no node can be reached twice: no alias to count, no cycle to
        # find. Most records have none, and skipping that bookkeeping saves a fifth of the build.
        self.anchors = anchors

    def _error(self, code: E.InputError, node: yaml.Node, path: Path, message: str) -> Finding:
        m = node.start_mark
        return E.finding(code, self.doc.path, m.line + 1, m.column + 1, path, message)

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _Abort(self._error(E.UNSAFE, node, path, f"nesting is deeper than {MAX_DEPTH} levels"))
        m = node.start_mark
        self.positions[path] = m.line << 32 | m.column  # packed as document.unpack() reads it
        if type(node) is yaml.ScalarNode and not self.anchors:
            return node.value if node.tag == _STR else self._scalar(node, path)
        if not self.anchors:
            return self._collection(node, path, depth)
        ident = id(node)
        if ident in self.active:
            raise _Abort(self._error(E.UNSAFE, node, path, "an alias refers to a node that contains it (a cycle)"))
        if ident in self.seen:
            # An alias: each reuse costs budget, so a "billion laughs" stops early.
            self.alias_budget -= 1
            if self.alias_budget < 0:
                raise _Abort(self._error(E.UNSAFE, node, path, "aliases expand to too many nodes (an alias bomb?)"))
        self.seen.add(ident)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        self.active.add(ident)
        try:
            return self._collection(node, path, depth)
        finally:
            self.active.discard(ident)

    def _collection(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        raise _Abort(self._error(E.UNSAFE, node, path, f"YAML tag {node.tag!r} is not allowed in a record"))

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        merged: list[yaml.MappingNode] = []
        key_positions = self.key_positions
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _MERGE:
                merged.extend(self._merge_sources(value_node, path))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Abort(self._error(E.SCHEMA, key_node, path, "a key must be text, not a list or mapping"))
            key = key_node.value
            child = (*path, key)
            if key in out:
                first = unpack(key_positions[child])
                self.errors.append(
                    self._error(
                        E.DUPLICATE_KEY,
                        key_node,
                        child,
                        f"duplicate key '{key}' (first at line {first[0]}); YAML would keep only the last value "
                        "and silently lose the first",
                    )
                )
                continue
            km = key_node.start_mark
            key_positions[child] = km.line << 32 | km.column
            out[key] = self.build(value_node, child, depth + 1)
        for source in merged:
            for key_node, value_node in source.value:
                key = str(key_node.value)
                if key not in out:
                    child = (*path, key)
                    km = key_node.start_mark
                    key_positions[child] = km.line << 32 | km.column
                    out[key] = self.build(value_node, child, depth + 1)
        return out

    def _merge_sources(self, node: yaml.Node, path: Path) -> Iterator[yaml.MappingNode]:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for item in items:
            if not isinstance(item, yaml.MappingNode):
                raise _Abort(self._error(E.SCHEMA, item, path, "a merge key (<<) must refer to a mapping"))
            yield item

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        tag, value = node.tag, node.value
        if tag == _STR:
            return value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return value.lower() == "true"
        try:
            if tag == _INT:
                return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
            if tag == _FLOAT:
                lowered = value.lower()
                if lowered.endswith(".inf"):
                    return -math.inf if lowered.startswith("-") else math.inf
                return math.nan if lowered == ".nan" else float(value)
        except ValueError:
            raise _Abort(self._error(E.SCHEMA, node, path, f"{value!r} is not a valid {tag[len(_Y) :]}")) from None
        raise _Abort(self._error(E.UNSAFE, node, path, f"YAML tag {tag!r} is not allowed in a record"))


_JSON_SPACE = re.compile(r"[ \t\n\r]+")
#: ``json``'s string reader (its C version where there is one); typeshed does not list it.
_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_JSON_NUMBER = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?")
#: A \\u escape of a UTF-16 surrogate: without one, no decoded string can hold a lone surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_STRING_ERRORS = {
    "Unterminated string starting at": "Unterminated string",
    "Invalid control character at": "Invalid control character in a string (write it as an escape such as \\n)",
}


def _skip_space(text: str, index: int) -> int:
    """The index of the first character at or after ``index`` that is not JSON white space."""
    space = _JSON_SPACE.match(text, index)
    return space.end() if space else index


class _JsonParser:
    """JSON (RFC 8259) to plain data, recording where each key and value starts, as :class:`_Builder` does.

    Strings are read by the ``json`` module's own ``scanstring`` (its C version
    where there is one), so escapes and control characters follow it exactly,
    and its messages ("Expecting ',' delimiter") are kept. Positions are
    0-based lines (``\\n`` only: in JSON, U+2028 is a character like any other)
    and columns in characters, packed as :func:`ropa_check.document.unpack` reads them.
    """

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self.doc = Document(name, None, text=text)
        self.positions = self.doc.positions
        self.key_positions = self.doc.key_positions
        self.errors: list[Finding] = []
        self.nodes = 0
        self.surrogates = _SURROGATE_ESCAPE.search(text) is not None
        # Positions are asked for in increasing order: lines are counted from the last one asked.
        self._line = 0
        self._line_start = 0
        self._counted = 0

    def parse(self) -> tuple[Document | None, list[Finding]]:
        text = self.text
        try:
            data, end = self._value(_skip_space(text, 0), (), 0)
            end = _skip_space(text, end)
            if end != len(text):
                raise self._syntax("Extra data", end)
        except _Abort as abort:
            return None, [*self.errors, abort.finding]
        except _TooManyNodes:
            message = (
                f"file has more than {MAX_NODES:,} JSON nodes (keys, values and list items); "
                "split the record into several files"
            )
            return None, [E.at_file(E.UNREADABLE, self.name, message)]
        if self.errors:
            return None, self.errors
        self.doc.data = data
        return self.doc, []

    def _pack(self, index: int) -> int:
        if index > self._counted:
            lines = self.text.count("\n", self._counted, index)
            if lines:
                self._line += lines
                self._line_start = self.text.rfind("\n", self._counted, index) + 1
            self._counted = index
        return self._line << 32 | (index - self._line_start)

    def _finding(self, code: E.InputError, index: int, path: Path, message: str) -> Finding:
        line = self.text.count("\n", 0, index)
        column = index - (self.text.rfind("\n", 0, index) + 1)
        return E.finding(code, self.name, line + 1, column + 1, path, message)

    def _syntax(self, message: str, index: int, path: Path = ()) -> _Abort:
        return _Abort(self._finding(E.PARSE, index, path, f"invalid JSON: {message}"))

    def _string(self, index: int, path: Path) -> tuple[str, int]:
        """The string whose opening quote is at ``index``, and the index after it."""
        try:
            value, end = _scanstring(self.text, index + 1, True)
        except json.JSONDecodeError as exc:
            # json's messages are written to end in "at line 1 column 5"; the position is ours to give.
            message = _STRING_ERRORS.get(exc.msg, exc.msg)
            raise self._syntax(message, exc.pos, path) from None
        if self.surrogates and _SURROGATE.search(value):
            message = "a \\u escape gives half of a UTF-16 surrogate pair, which is no character"
            raise self._syntax(message, index, path)
        return value, end

    def _count(self) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooManyNodes

    def _value(self, index: int, path: Path, depth: int) -> tuple[Any, int]:
        self._count()
        if depth > MAX_DEPTH:
            raise _Abort(self._finding(E.UNSAFE, index, path, f"nesting is deeper than {MAX_DEPTH} levels"))
        self.positions[path] = self._pack(index)
        text = self.text
        char = text[index : index + 1]
        if char == '"':
            return self._string(index, path)
        if char == "{":
            return self._object(index + 1, path, depth)
        if char == "[":
            return self._array(index + 1, path, depth)
        for word, value in (("null", None), ("true", True), ("false", False)):
            if text.startswith(word, index):
                return value, index + len(word)
        number = _JSON_NUMBER.match(text, index)
        if number is not None:
            return self._number(number, index, path), number.end()
        for word in ("NaN", "Infinity", "-Infinity"):
            if text.startswith(word, index):
                raise self._syntax(f"{word} is not a JSON number (JSON has no NaN or infinity)", index, path)
        raise self._syntax("Expecting value", index, path)

    def _number(self, number: re.Match[str], index: int, path: Path) -> int | float:
        integer, fraction, exponent = number.groups()
        if fraction or exponent:
            value = float(number.group())
            if math.isinf(value):
                message = f"the number {number.group()[:40]} is too large (it would be infinity)"
                raise _Abort(self._finding(E.SCHEMA, index, path, message))
            return value
        try:
            return int(integer)
        except ValueError:  # more digits than int() reads (sys.get_int_max_str_digits)
            message = f"a number of {len(integer.lstrip('-')):,} digits is too long to be read"
            raise _Abort(self._finding(E.SCHEMA, index, path, message)) from None

    def _object(self, index: int, path: Path, depth: int) -> tuple[dict[str, Any], int]:
        text = self.text
        out: dict[str, Any] = {}
        index = _skip_space(text, index)
        if text[index : index + 1] == "}":
            return out, index + 1
        while True:
            if text[index : index + 1] != '"':
                raise self._syntax("Expecting property name enclosed in double quotes", index, path)
            start = index
            key, index = self._string(index, path)
            index = _skip_space(text, index)
            if text[index : index + 1] != ":":
                raise self._syntax("Expecting ':' delimiter", index, path)
            index = _skip_space(text, index + 1)
            self._count()
            child = (*path, key)
            if key in out:
                first = unpack(self.key_positions[child])
                message = (
                    f"duplicate key '{key}' (first at line {first[0]}); JSON parsers would keep only the last "
                    "value and silently lose the first"
                )
                self.errors.append(self._finding(E.DUPLICATE_KEY, start, child, message))
                # Read past its value, keeping the first's positions.
                positions, key_positions = self.positions, self.key_positions
                self.positions, self.key_positions = {}, {}
                try:
                    _, index = self._value(index, child, depth + 1)
                finally:
                    self.positions, self.key_positions = positions, key_positions
            else:
                self.key_positions[child] = self._pack(start)
                out[key], index = self._value(index, child, depth + 1)
            index = _skip_space(text, index)
            char = text[index : index + 1]
            if char == "}":
                return out, index + 1
            if char != ",":
                raise self._syntax("Expecting ',' delimiter", index, path)
            index = _skip_space(text, index + 1)

    def _array(self, index: int, path: Path, depth: int) -> tuple[list[Any], int]:
        text = self.text
        out: list[Any] = []
        index = _skip_space(text, index)
        if text[index : index + 1] == "]":
            return out, index + 1
        while True:
            value, index = self._value(index, (*path, len(out)), depth + 1)
            out.append(value)
            index = _skip_space(text, index)
            char = text[index : index + 1]
            if char == "]":
                return out, index + 1
            if char != ",":
                raise self._syntax("Expecting ',' delimiter", index, path)
            index = _skip_space(text, index + 1)


__all__ = ["load", "loads"]
