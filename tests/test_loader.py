"""The positioned loader: YAML 1.2 scalars, positions, and refusals with a place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from ropa_check import loader
from ropa_check.document import Document, unpack
from ropa_check.loader import loads
from tests.helpers import COMPLIANT, RECORDS


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


# ---------------------------------------------------------------- JSON

JSON_ERRORS = [
    # (text, code, line, column, words in the message)
    ('{"a": 1,\n "b": }\n', "RPA001", 2, 7, "Expecting value"),
    ('{"a": 1,}', "RPA001", 1, 9, "Expecting property name enclosed in double quotes"),
    ('{"a" 1}', "RPA001", 1, 6, "Expecting ':' delimiter"),
    ('{"a": 1} x', "RPA001", 1, 10, "Extra data"),
    ('{"a": 01}', "RPA001", 1, 8, "Expecting ',' delimiter"),
    ('{\n  "a": "open\n', "RPA001", 2, 13, "Invalid control character in a string"),
    ('{"a": "x', "RPA001", 1, 7, "Unterminated string"),
    ('{"a": "\\q"}', "RPA001", 1, 8, "Invalid \\escape"),
    ("// comment\n{}", "RPA001", 1, 1, "Expecting value"),
    ('{\n  "a": NaN}', "RPA001", 2, 8, "NaN is not a JSON number"),
    ('{"a": [Infinity]}', "RPA001", 1, 8, "Infinity is not a JSON number"),
    ('{"a": -Infinity}', "RPA001", 1, 7, "-Infinity is not a JSON number"),
    ('{"a": 1e400}', "RPA002", 1, 7, "too large"),
    ('{"a": ' + "9" * 5000 + "}", "RPA002", 1, 7, "5,000 digits"),
    ('{"a": "\\ud800"}', "RPA001", 1, 7, "surrogate"),
    ('{"\\udfff": 1}', "RPA001", 1, 2, "surrogate"),
    ("[" * 70 + "]" * 70, "RPA008", 1, 66, "nesting is deeper than 64 levels"),
    ("[" * 100_000 + "]" * 100_000, "RPA008", 1, 66, "nesting is deeper than 64 levels"),
    ('{\n "o": {"c": 1},\n "o": {"c": 2}\n}', "RPA006", 3, 2, "duplicate key 'o' (first at line 2)"),
]


@pytest.mark.parametrize(("text", "code", "line", "column", "words"), JSON_ERRORS, ids=lambda v: str(v)[:30])
def test_json_errors_are_located(text: str, code: str, line: int, column: int, words: str) -> None:
    (err,) = load_err(text, json_syntax=True)
    assert (err.code, err.line, err.column) == (code, line, column), err.message
    assert words in err.message


def test_json_strings_keep_line_and_paragraph_separators() -> None:
    """YAML takes U+0085, U+2028 and U+2029 for line breaks; in JSON they are characters, and lines stay lines."""
    text = '{\n  "a": "x\u2028y\u0085z\u2029",\n  "b": "\\u2028"\n}\n'
    doc = load_ok(text, json_syntax=True)
    assert doc.data == {"a": "x\u2028y\u0085z\u2029", "b": "\u2028"}
    assert doc.position(("b",), key=True) == (3, 3)
    assert unpack(doc.positions[("b",)]) == (3, 8)


def test_json_keys_of_any_length() -> None:
    key = "k" * 5000
    doc = load_ok(f'{{"a": 1,\n "{key}": [true, false, null, -0.5e-3, 7]}}', json_syntax=True)
    assert doc.data == {"a": 1, key: [True, False, None, -0.0005, 7]}
    assert doc.position((key, 4)) == (2, 5035)  # ' "' + the key + '": [true, false, null, -0.5e-3, '


def test_json_surrogate_pairs_are_one_character() -> None:
    assert load_ok('{"a": "\\ud83d\\ude00"}', json_syntax=True).data == {"a": "\U0001f600"}


def test_json_has_a_node_budget() -> None:
    (err,) = load_err("[" + "1," * loader.MAX_NODES + "1]", json_syntax=True)
    assert err.code == "RPA009"  # as for YAML: the file is too large to read
    assert f"more than {loader.MAX_NODES:,} JSON nodes" in err.message


def test_json_positions_are_those_yaml_gave(tmp_path: Path) -> None:
    """On JSON without the characters they read differently, both parsers put every key and value in one place."""
    for path in sorted(RECORDS.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
        ours = load_ok(text, json_syntax=True)
        theirs, errors = loader._compose(text, "r.json")
        assert errors == []
        assert theirs is not None
        assert ours.data == theirs.data
        assert ours.positions == theirs.positions, path
        assert ours.key_positions == theirs.key_positions, path


def test_a_json_record_points_findings_at_file_line_column(tmp_path: Path) -> None:
    """Through the whole check: a finding in a JSON record is at the line and column of its key."""
    from ropa_check.cli import main

    record = yaml.safe_load(COMPLIANT.read_text(encoding="utf-8"))
    del record["activities"][0]["retention"]
    text = json.dumps(record, indent=2, ensure_ascii=False, default=str)
    (tmp_path / "record.json").write_text(text, encoding="utf-8")
    out = tmp_path / "report.json"
    main([str(tmp_path / "record.json"), "--select", "RPA401", "-o", f"json={out}", "-q"])
    findings = json.loads(out.read_text(encoding="utf-8"))["findings"]
    assert findings
    lines = text.splitlines()
    for finding in findings:
        assert finding["code"] == "RPA401"
        line = lines[finding["line"] - 1]
        assert line[finding["column"] - 1 :].startswith(('"', "{", "[")), (finding, line)
