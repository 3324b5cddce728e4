"""Properties that hold for any input: hypothesis over bytes, text and generated records, and a short atheris run.

Any input gives a document or located errors, never an exception. Any record
built from the compliant example by random edits is checked without a crash,
and every finding points at a file that exists, a line and column from 1, and a
JSON path that resolves in the loaded data (or names a missing key of a mapping
that exists).
"""

from __future__ import annotations

import copy
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ropa_check import loader, validate
from ropa_check.document import unpack
from ropa_check.finding import Finding
from tests.helpers import ALL_RULES, COMPLIANT, ROOT, VOCABULARIES, compliant

from ropa_check.pipeline import check_paths  # isort: skip

_FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_RECORDS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_located(findings: list[Finding]) -> None:
    for f in findings:
        assert f.line >= 1, f
        assert f.column >= 1, f
        assert f.json_path.startswith("$"), f
        assert f.message


@_FAST
@given(st.binary(max_size=2000), st.booleans())
def test_any_bytes_load_or_fail_with_located_errors(raw: bytes, json_syntax: bool) -> None:
    doc, errors = loader.loads(raw, "r.yaml", json_syntax=json_syntax)
    assert (doc is None) == bool(errors)
    _assert_located(errors)
    if doc is not None:
        _, problems = validate.validate(doc)
        _assert_located(problems)


_YAML_ALPHABET = st.sampled_from([*"abc:-[]{},&*!|>'\"#%@` \n\t\\0123456789.~?", "<<", "\ufeff", "é", "---"])


@_FAST
@given(st.lists(_YAML_ALPHABET, max_size=200).map("".join))
def test_yaml_shaped_text_loads_or_fails_with_located_errors(text: str) -> None:
    doc, errors = loader.loads(text.encode(), "r.yaml")
    assert (doc is None) == bool(errors)
    _assert_located(errors)
    if doc is not None:
        # Every recorded position is inside the text.
        lines = text.encode().decode("utf-8-sig").splitlines() or [""]
        for line, column in map(unpack, [*doc.positions.values(), *doc.key_positions.values()]):
            assert 1 <= line <= len(lines) + 1
            assert column >= 1


# ----------------------------------------------------------- generated records

_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip)


def _text_fields(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of free-text values (names, descriptions, references) that may hold any text."""
    out: list[tuple[Any, ...]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and (key in {"name", "description", "text", "owner"} or key.endswith("_ref")):
                out.append((*path, key))
            else:
                out.extend(_text_fields(value, (*path, key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out.extend(_text_fields(value, (*path, i)))
    return out


def _optional_keys(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of keys that may be removed without breaking the format (everything but ids)."""
    out: list[tuple[Any, ...]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in ("id", "ropa_format"):
                out.append((*path, key))
            out.extend(_optional_keys(value, (*path, key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out.extend(_optional_keys(value, (*path, i)))
    return out


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


@st.composite
def records(draw: st.DrawFn) -> tuple[dict[str, Any], bool]:
    """The compliant example with random removals, new texts and extra activities; and JSON or YAML."""
    data = compliant()
    for _ in range(draw(st.integers(0, 3))):
        template = draw(st.sampled_from(data["activities"]))
        extra = copy.deepcopy(template)
        extra["id"] = f"{template['id']}-{len(data['activities'])}"
        data["activities"].append(extra)
    texts = _text_fields(data)
    for path in draw(st.lists(st.sampled_from(texts), max_size=6, unique=True)):
        parent = _get(data, path[:-1])
        parent[path[-1]] = draw(_TEXT)
    for _ in range(draw(st.integers(0, 8))):
        keys = _optional_keys(data)
        if not keys:
            break
        path = draw(st.sampled_from(keys))
        del _get(data, path[:-1])[path[-1]]
    return data, draw(st.booleans())


def _resolves(data: Any, json_path: str) -> bool:
    """True when the path resolves, or all of it but a last key of a mapping that exists."""
    parts = re.findall(r"\.([A-Za-z_][A-Za-z0-9_-]*)|\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]", json_path)
    node = data
    for i, (name, quoted, index) in enumerate(parts):
        last = i == len(parts) - 1
        if index:
            if not (isinstance(node, list) and int(index) < len(node)):
                return False
            node = node[int(index)]
        else:
            key = name or quoted.replace("\\'", "'").replace("\\\\", "\\")
            if not isinstance(node, dict):
                return False
            if key not in node:
                return last
            node = node[key]
    return True


@_RECORDS
@given(records())
def test_generated_records_never_crash_and_findings_are_located(record: tuple[dict[str, Any], bool]) -> None:
    data, as_json = record
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("record.json" if as_json else "record.yaml")
        if as_json:
            path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
        else:
            path.write_text(_yaml(data), encoding="utf-8")
        result = check_paths([str(path)], ALL_RULES, VOCABULARIES)
        doc, errors = loader.load(path)
        assert doc is not None, errors
        _assert_located(result.findings)
        for f in result.findings:
            assert Path(f.file).resolve() == path.resolve(), f
            assert _resolves(doc.data, f.json_path), f
            if f.activity is not None:
                owners = [*(doc.data.get("activities") or ()), *(doc.data.get("processor_activities") or ())]
                assert f.activity in {a["id"] for a in owners}, f


class _QuotingDumper(yaml.SafeDumper):
    """Every string double-quoted: PyYAML writes YAML 1.1, and leaves unquoted strings such as ``0E0``
    that YAML 1.2 (which ropa-check reads) takes for numbers, so the two files would hold different data."""


_QuotingDumper.add_representer(
    str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
)


def _yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False)


@_RECORDS
@given(records())
def test_json_and_yaml_of_one_record_give_the_same_findings(record: tuple[dict[str, Any], bool]) -> None:
    data, _ = record
    with tempfile.TemporaryDirectory() as tmp:
        as_yaml = Path(tmp) / "y" / "record.yaml"
        as_json = Path(tmp) / "j" / "record.json"
        as_yaml.parent.mkdir()
        as_json.parent.mkdir()
        as_yaml.write_text(_yaml(data), encoding="utf-8")
        as_json.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")

        def summary(path: Path) -> list[tuple[str, str, str | None, str]]:
            findings = check_paths([str(path)], ALL_RULES, VOCABULARIES).findings
            # Messages may cite a line ("inherited from ..., line 12"), which differs between the two.
            return sorted((f.code, f.json_path, f.activity, re.sub(r"line \d+", "line N", f.message)) for f in findings)

        assert summary(as_yaml) == summary(as_json)


# ------------------------------------------------------------------ atheris


@pytest.mark.skipif(
    importlib.util.find_spec("atheris") is None, reason="atheris is not installed (pip install atheris)"
)
def test_fuzz_target_runs_clean(tmp_path: Path) -> None:
    """A bounded run of fuzz/fuzz_loader.py from a seed corpus of the example and the hostile cases."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(COMPLIANT, corpus / "compliant.yaml")
    for case in (ROOT / "tests" / "hostile").glob("*/input/*"):
        shutil.copy(case, corpus / f"{case.parent.parent.name}{case.suffix}")
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "fuzz" / "fuzz_loader.py"),
            "-atheris_runs=2000",
            "-max_len=2048",
            "-seed=1",
            str(corpus),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert "Done 2000" in proc.stderr
    assert not list(tmp_path.glob("crash-*"))
