"""The compiled record format: fresh, faithful to the pydantic models, and what a check loads."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pydantic_core
import pytest
import yaml
from pydantic import BaseModel
from pydantic_core import ValidationError

from ropa_check.format import compiled_model, model, model_compiler
from ropa_check.format.immutable import Data
from ropa_check.format.model import RecordFile
from tests.helpers import ROOT, apply_patch, compliant
from tests.test_hostile import _wrong_type_cases

COMPILED = ROOT / "ropa_check" / "format" / "compiled_model.py"
CONSTRAINTS = ROOT / ".ci" / "constraints.txt"
REGENERATE = (
    "`pip install -c .ci/constraints.txt pydantic pydantic-core`"
    " then `python -m ropa_check.format.model_compiler > ropa_check/format/compiled_model.py`"
)


def _versions(versions: dict[str, str]) -> str:
    return f"pydantic {versions['pydantic']} / pydantic-core {versions['pydantic-core']}"


def pinned_pydantic() -> dict[str, str]:
    """The pydantic and pydantic-core that ``.ci/constraints.txt`` pins (the ones CI installs)."""
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        name, sep, version = line.partition("#")[0].strip().partition("==")
        if sep:
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return {"pydantic": pins["pydantic"], "pydantic-core": pins["pydantic-core"]}


def test_generated_with_the_pinned_pydantic() -> None:
    # Bumping the pin without regenerating (or regenerating with another pydantic) fails here, by name.
    generated, pinned = compiled_model.GENERATED_WITH, pinned_pydantic()
    assert generated == pinned, (
        f"ropa_check/format/compiled_model.py was generated with {_versions(generated)}, but .ci/constraints.txt"
        f" pins {_versions(pinned)}: regenerate it with the pinned ones: {REGENERATE}"
    )


#: The generated source is pydantic's schema spelt out, so it is reproducible only with the pydantic that made it.
generated_here = pytest.mark.skipif(
    model_compiler.generated_with() != compiled_model.GENERATED_WITH,
    reason=(
        f"ropa_check/format/compiled_model.py was generated with {_versions(compiled_model.GENERATED_WITH)} and this is"
        f" {_versions(model_compiler.generated_with())}: the byte-for-byte comparison needs the generating versions,"
        f" the ones .ci/constraints.txt pins; to regenerate: {REGENERATE}"
    ),
)


@generated_here
def test_committed_module_is_fresh() -> None:
    assert COMPILED.read_text(encoding="utf-8") == model_compiler.render(), (
        "stale: run `python -m ropa_check.format.model_compiler > ropa_check/format/compiled_model.py`"
    )


def _by_name(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _by_name(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_by_name(v) for v in node]
    if isinstance(node, type):
        return node.__name__
    return node


@generated_here
def test_schema_is_the_models_core_schema() -> None:
    # The generated source spells the schema with names and helpers; evaluated, it must be pydantic's own.
    assert _by_name(compiled_model.SCHEMA) == _by_name(model_compiler.core_schema())


@pytest.mark.parametrize("pydantic_model", model_compiler.models(), ids=lambda m: m.__name__)
def test_each_class_has_the_fields_and_keys_of_its_model(pydantic_model: type[BaseModel]) -> None:
    light = getattr(compiled_model, pydantic_model.__name__)
    assert issubclass(light, Data)
    assert list(light.__annotations__) == [*pydantic_model.model_fields, "KEYS"]
    assert set(light.KEYS) == {info.alias or name for name, info in pydantic_model.model_fields.items()}


def _plain(value: Any) -> Any:
    """Compiled data as plain values, comparable with ``model_dump()``."""
    if isinstance(value, Data):
        return {k: _plain(v) for k, v in value.__dict__.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _samples() -> Iterator[tuple[str, Any]]:
    for path in sorted([*(ROOT / "records").glob("*.yaml"), *(ROOT / "docs" / "examples").glob("*.yaml")]):
        yield path.name, yaml.safe_load(path.read_text(encoding="utf-8"))
    base = compliant()
    for path in sorted((ROOT / "tests" / "rules" / "cases").glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for group in ("triggers", "passes"):
            for case in spec.get(group, []):
                if "patch" in case:
                    yield f"{path.stem}: {case['name']}", apply_patch(base, case["patch"])
    for name, doc, _, _ in _wrong_type_cases():
        yield name, doc
    yield "not a mapping", ["a list"]
    yield "dates", {"organisation": {"record": {"created": "2024-02-30", "last_reviewed": dt.date(2024, 1, 1)}}}


SAMPLES = list(_samples())


def test_samples_cover_both_outcomes() -> None:
    valid = sum(1 for _, doc in SAMPLES if _outcome(doc)[0] == "valid")
    assert 50 < valid < len(SAMPLES) - 100


def _outcome(doc: Any) -> tuple[str, Any]:
    try:
        return "valid", _plain(compiled_model.validate_record_file(doc))
    except ValidationError as exc:
        return "invalid", exc.errors(include_url=False)


@pytest.mark.parametrize(("name", "doc"), SAMPLES, ids=[name for name, _ in SAMPLES])
def test_validates_exactly_as_the_pydantic_models(name: str, doc: Any) -> None:
    try:
        expected: tuple[str, Any] = ("valid", RecordFile.model_validate(doc).model_dump())
    except ValidationError as exc:
        expected = ("invalid", exc.errors(include_url=False))
    assert _outcome(doc) == expected


def _activity(**fields: Any) -> Any:
    record = compiled_model.validate_record_file({"activities": [{"id": "a", **fields}]})
    assert record.activities is not None
    return record.activities[0]


def test_data_is_immutable_and_compares_by_value() -> None:
    activity = _activity(name="A")
    assert activity == _activity(name="A")
    assert hash(activity) == hash(_activity(name="A"))
    assert activity != _activity(name="B")
    with pytest.raises(AttributeError, match="immutable"):
        activity.name = "B"
    with pytest.raises(AttributeError, match="immutable"):
        del activity.name
    assert activity.fields_set == {"id", "name"}
    assert repr(activity).startswith("Activity(x_ropa_check=None, id='a', name='A'")


def test_a_check_imports_neither_pydantic_models_nor_jsonschema(tmp_path: Path) -> None:
    # The point of the compiled module: a commit hook never pays for pydantic's model machinery.
    code = (
        "import sys\n"
        "from ropa_check.cli import main\n"
        f"status = main([{str(ROOT / 'records')!r}])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'jsonschema')"
        " or m == 'ropa_check.format.model')\n"
        "print(status, heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "1 []"


def test_a_check_imports_neither_openpyxl_nor_the_export_work(tmp_path: Path) -> None:
    # `export` writes spreadsheets with openpyxl; a check (a commit hook) must not pay for it. Only the
    # export command's argument module is imported, by the command-line parser.
    code = (
        "import sys\n"
        "from ropa_check.cli import main\n"
        f"status = main([{str(ROOT / 'records')!r}])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] == 'openpyxl'"
        " or (m.startswith('ropa_check.export.') and m != 'ropa_check.export.command'))\n"
        "print(status, heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "1 []"


def test_classes_construct_with_validation_like_pydantic_models() -> None:
    assert compiled_model.Organisation() == compiled_model.validate_record_file({"organisation": {}}).organisation
    assert compiled_model.Activity(id="a", name="A") == _activity(name="A")
    assert compiled_model.RecordFile(ropa_format=1).ropa_format == 1
    with pytest.raises(ValidationError) as caught:
        compiled_model.Activity(id="Not An Id")
    with pytest.raises(ValidationError) as expected:
        model.Activity(id="Not An Id")  # the same error from the pydantic model
    assert caught.value.errors(include_url=False) == expected.value.errors(include_url=False)


def test_falls_back_to_the_models_when_pydantic_core_refuses_the_compiled_schema(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Any pydantic 2 from 2.6 may be installed (2.6.4 was tried by hand and takes the compiled schema);
    # one whose pydantic-core refuses it must still validate exactly, from the models.
    real = pydantic_core.SchemaValidator
    refused: list[str] = []

    def refusing(schema: Any, *args: Any) -> pydantic_core.SchemaValidator:
        if schema is compiled_model.SCHEMA or schema.get("schema") is compiled_model.ORGANISATION:
            refused.append(schema["schema"]["cls"].__name__)
            raise pydantic_core.SchemaError("refused for the test")
        return real(schema, *args)

    monkeypatch.setattr(compiled_model, "SchemaValidator", refusing)
    validator = compiled_model._validator("RecordFile", compiled_model.SCHEMA)
    organisation = compiled_model._validator(
        "Organisation",
        {
            "type": "definitions",
            "schema": compiled_model.ORGANISATION,
            "definitions": compiled_model.SCHEMA["definitions"],
        },
    )
    assert refused == ["RecordFile", "Organisation"]
    for _, doc in SAMPLES[::7]:
        try:
            got: tuple[str, Any] = ("valid", _plain(validator.validate_python(doc)))
        except ValidationError as exc:
            got = ("invalid", exc.errors(include_url=False))
        assert got == _outcome(doc)
    built = organisation.validate_python({"controller": {"name": "X"}})
    assert type(built) is compiled_model.Organisation
    assert type(built.controller) is compiled_model.Controller
