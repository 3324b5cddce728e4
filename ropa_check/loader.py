"""Load YAML and JSON record files, keeping the position of every key and value.

Only safe YAML is read: the node graph is composed by libyaml and then turned
into plain data here, so no tag can construct a Python object. Scalars follow
the YAML 1.2 core schema (``NO`` is Norway, not false; ``2024-03-16`` stays text
until the model reads it as a date). Duplicate keys, unknown tags, cyclic or
exploding aliases and excessive nesting are errors with a position, never a
crash. Files are opened read-only.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
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
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            return None, [E.finding(E.PARSE, name, exc.lineno, exc.colno, (), f"invalid JSON: {exc.msg}")]
        except RecursionError:
            return None, [E.at_file(E.UNSAFE, name, f"nesting is deeper than {MAX_DEPTH} levels")]
        except ValueError:
            # Valid JSON with a number too long for int() (found by fuzzing): composing it
            # below reports the number at its position.
            pass
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


__all__ = ["load", "loads"]
