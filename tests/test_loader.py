"""The positioned loader: YAML 1.2 scalars, positions, and refusals with a place."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ropa_check import loader
from ropa_check.document import Document
from ropa_check.loader import loads
from tests.helpers import RECORDS


def load_ok(text: str, *, json_syntax: bool = False):
    doc, errors = loads(text.encode(), "r.yaml", json_syntax=json_syntax)
    assert errors == []
    assert doc is not None
    return doc


def load_err(text: str | bytes, *, json_syntax: bool = False):
    raw = text.encode() if isinstance(text, str) else text
    doc, errors = loads(raw, "r.yaml", json_syntax=json_syntax)
    assert doc is None
    assert errors
    return errors


@pytest.mark.parametrize(
    ("scalar", "value"),
    [
        ("NO", "NO"),  # Norway, not false (YAML 1.1 would say False)
        ("yes", "yes"),
        ("on", "on"),
        ("true", True),
        ("False", False),
        ("2024-03-16", "2024-03-16"),  # dates stay text; the model parses them
        ("012", 12),
        ("0x1F", 31),
        ("1e3", 1000.0),
        ("1:20", "1:20"),  # no sexagesimal numbers
        ("~", None),
        ("", None),
    ],
)
def test_yaml_12_core_scalars(scalar: str, value: object) -> None:
    assert load_ok(f"k: {scalar}\n").data == {"k": value}


def test_positions_of_keys_and_values() -> None:
    doc = load_ok("a:\n  b:\n    - x\n    - c: 1\n")
    assert doc.position(("a",), key=True) == (1, 1)
    assert doc.position(("a", "b"), key=True) == (2, 3)
    assert doc.position(("a", "b", 1)) == (4, 7)
    assert doc.position(("a", "b", 1, "c"), key=True) == (4, 7)
    # a missing path resolves to its nearest existing parent
    assert doc.position(("a", "b", 1, "missing", "deeper")) == (4, 7)


def test_json_positions_and_syntax_errors() -> None:
    doc = load_ok('{\n  "a": [1,\n    {"b": "c"}]\n}\n', json_syntax=True)
    assert doc.data == {"a": [1, {"b": "c"}]}
    assert doc.position(("a", 1, "b"), key=True) == (3, 6)
    (err,) = load_err('{"a": 1,\n "b": }\n', json_syntax=True)
    assert (err.code, err.line) == ("RPA001", 2)
    assert "invalid JSON" in err.message


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    (err,) = load_err("a: 1\nb: 2\na: 3\n")
    assert (err.code, err.line, err.column, err.json_path) == ("RPA006", 3, 1, "$.a")
    assert "first at line 1" in err.message


def test_unsafe_tags_are_refused_without_constructing_anything() -> None:
    (err,) = load_err("a: !!python/object/apply:os.system ['echo pwned']\n")
    assert err.code == "RPA008"
    assert err.line == 1
    assert "python/object/apply" in err.message


def test_alias_bomb_stops_early() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    errors = load_err("\n".join(lines) + "\n")
    assert errors[-1].code == "RPA008"
    assert "alias" in errors[-1].message


def test_cyclic_alias_is_refused() -> None:
    errors = load_err("a: &x [1, *x]\n")
    assert errors[-1].code == "RPA008"
    assert "cycle" in errors[-1].message


def test_aliases_and_merge_keys_work() -> None:
    doc = load_ok("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n")
    assert doc.data["use"] == {"x": 1, "y": 3}


def test_bom_is_accepted_and_non_utf8_is_refused() -> None:
    assert load_ok("\ufeffa: 1\n").data == {"a": 1}
    (err,) = load_err(b"a: 1\nb: \xff\xfe\n")
    assert (err.code, err.line, err.column) == ("RPA001", 2, 4)


@pytest.mark.parametrize("raw", [b"", b"  \n\n", b"\x00\x01binary"])
def test_empty_and_binary_files(raw: bytes) -> None:
    (err,) = load_err(raw)
    assert err.code == "RPA001"


def test_yaml_syntax_error_has_a_position() -> None:
    (err,) = load_err("a:\n  - b\n c: [\n")
    assert err.code == "RPA001"
    assert err.line >= 2


@pytest.mark.parametrize("path", sorted(RECORDS.glob("*.yaml")), ids=lambda p: p.name)
def test_the_no_anchor_fast_path_builds_what_the_full_path_builds(path: Path) -> None:
    # Files without '&' skip alias bookkeeping; both ways must give the same data and positions.
    text = path.read_text(encoding="utf-8")
    node = yaml.compose(text, Loader=loader._Loader)
    built = []
    for anchors in (True, False):
        doc = Document(path.name, None, text=text)
        data = loader._Builder(doc, alias_budget=10**6, anchors=anchors).build(node, (), 0)
        built.append((data, doc.positions, doc.key_positions))
    assert built[0] == built[1]
    assert len(built[0][1]) > 5
