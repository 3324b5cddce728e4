"""Compile the pydantic models into ``ropa_check/format/compiled_model.py``, for a fast start.

Every commit runs ropa-check as a hook, so start-up time matters. Importing
pydantic's model machinery and building thirty model classes costs about a
quarter of a second on every run, before a single file is read. The models in
:mod:`ropa_check.format.model` stay the one definition of the format (the JSON Schema
is generated from them); this module turns their pydantic-core schema into
plain Python source: light, immutable data classes with the same fields, and
the core schema that validates into them. pydantic-core builds that validator
in about a millisecond, and validation, errors and messages are pydantic's own.

    python -m ropa_check.format.model_compiler > ropa_check/format/compiled_model.py

``tests/test_compiled_model.py`` fails when the committed module is stale, and
checks that it accepts, rejects and builds exactly what the pydantic models do.
The source depends on the pydantic that generates it, so the module records the
pydantic and pydantic-core versions (``GENERATED_WITH``); they must be the ones
``.ci/constraints.txt`` pins, and the byte-for-byte comparison runs under them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import types
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

HEADER = '''\
"""The record format, compiled for start-up: data classes and their validator.

GENERATED from ropa_check.format.model by ``python -m ropa_check.format.model_compiler``; do not edit.

Each class has the fields of the pydantic model of the same name in
:mod:`ropa_check.format.model` (where they are documented) and is immutable.
``validate_record_file`` is pydantic-core validation with the models' own core
schema, so it accepts, rejects and reports exactly what the models do, without
importing pydantic's model machinery.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

from pydantic_core import SchemaError, SchemaValidator

from ropa_check.format.immutable import Data, Keys, use_validators

'''

HELPERS = """\
def optional(schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "default", "schema": {"type": "nullable", "schema": schema}, "default": None}


def field(schema: dict[str, Any], alias: str | None = None) -> dict[str, Any]:
    out = {"type": "model-field", "schema": schema}
    if alias is not None:
        out.update(validation_alias=alias, serialization_alias=alias)
    return out


def ref(model: str) -> dict[str, Any]:
    return {"type": "definition-ref", "schema_ref": f"ropa_check.format.model.{model}"}


def list_of(schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "list", "items_schema": schema}


"""

FOOTER = '''
def _validator(name: str, schema: dict[str, Any]) -> SchemaValidator:
    try:
        return SchemaValidator(schema)
    except SchemaError:
        # A pydantic-core that does not take the schema as compiled (any pydantic 2 from 2.6 may be
        # installed): build it from the models with the installed pydantic, slower to start but exact.
        from ropa_check.format.model_compiler import runtime_schema

        return SchemaValidator(runtime_schema(name, globals()))


_VALIDATOR = _validator("RecordFile", SCHEMA)


def validate_record_file(data: Any) -> RecordFile:
    """Validate one loaded file; raise ``pydantic_core.ValidationError`` with every error."""
    result: RecordFile = _VALIDATOR.validate_python(data)
    return result


_CLASS_VALIDATORS: dict[str, SchemaValidator] = {}


def validator_for(cls: type[Data]) -> SchemaValidator:
    """A validator of one class alone, for ``Data.__init__`` (as in ``Organisation()``)."""
    if cls.__name__ not in _CLASS_VALIDATORS:
        schema = {"type": "definitions", "schema": SCHEMA_OF[cls], "definitions": SCHEMA["definitions"]}
        _CLASS_VALIDATORS[cls.__name__] = _validator(cls.__name__, schema)
    return _CLASS_VALIDATORS[cls.__name__]


use_validators(validator_for)
'''


def models() -> list[type[BaseModel]]:
    """Every model class of the format, in definition order."""
    from ropa_check.format import model

    found = [
        obj
        for obj in vars(model).values()
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == model.__name__
    ]
    return [m for m in found if not m.__name__.startswith("_")]


def core_schema() -> dict[str, Any]:
    """RecordFile's core schema without pydantic-only parts, models replaced by class names."""
    from ropa_check.format.model import RecordFile

    RecordFile.model_rebuild(force=True)
    cleaned: dict[str, Any] = _clean(RecordFile.__pydantic_core_schema__)
    return cleaned


class _ClassName(str):
    """A class in the schema: rendered as its bare name so the output refers to the light class."""

    def __repr__(self) -> str:
        return str(self)


def runtime_schema(model_name: str, classes: Mapping[str, Any]) -> dict[str, Any]:
    """One model's core schema as the installed pydantic builds it, validating into ``classes``.

    The fallback of :mod:`ropa_check.format.compiled_model` for a pydantic-core that
    does not take the compiled schema: exact, but it pays the start-up cost.
    """
    from ropa_check.format import model

    pydantic_model = getattr(model, model_name)
    pydantic_model.model_rebuild(force=True)
    bound: dict[str, Any] = _clean(pydantic_model.__pydantic_core_schema__, classes=classes)
    return bound


def _clean(node: Any, *, field_names: bool = False, classes: Mapping[str, Any] | None = None) -> Any:
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if field_names:
                out[key] = _clean(value, classes=classes)
            elif key == "metadata":
                continue  # JSON Schema hints and pydantic callbacks; validation never reads them
            elif key == "cls":
                out[key] = classes[value.__name__] if classes is not None else _ClassName(value.__name__)
            elif key in ("ref", "schema_ref") and isinstance(value, str):
                out[key] = re.sub(r":\d+$", "", value)  # pydantic appends id(cls): not reproducible
            else:
                out[key] = _clean(value, field_names=key == "fields", classes=classes)
        return out
    if isinstance(node, list):
        return [_clean(v, classes=classes) for v in node]
    return node


def literal_aliases() -> dict[str, Any]:
    """The format's named choices (``Art6``, ``Mechanism``…), spelt once in the output."""
    from ropa_check.format import model

    return {name: obj for name, obj in vars(model).items() if typing.get_origin(obj) is typing.Literal}


def annotation_source(annotation: Any) -> str:
    """A type annotation as source, with pydantic constraints dropped and named choices by name."""
    for name, alias in literal_aliases().items():
        if annotation == alias:
            return name
    if annotation is type(None):
        return "None"
    if annotation is dt.date:
        return "dt.date"
    if isinstance(annotation, type):
        return annotation.__name__
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return annotation_source(args[0])
    if origin in (typing.Union, types.UnionType):
        return " | ".join(annotation_source(a) for a in args)
    if origin is typing.Literal:
        return _literal_source(annotation)
    if origin in (list, dict):
        return f"{origin.__name__}[{', '.join(annotation_source(a) for a in args)}]"
    raise TypeError(f"no source form for the annotation {annotation!r}")


def _literal_source(literal: Any, used: int = 0) -> str:
    values = [_string(a) if isinstance(a, str) else repr(a) for a in typing.get_args(literal)]
    flat = f"Literal[{', '.join(values)}]"
    if used + len(flat) <= 120:
        return flat
    return "Literal[\n" + "".join(f"    {v},\n" for v in values) + "]"


def _child_class(annotation: Any) -> str | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__
    for arg in typing.get_args(annotation):
        found = _child_class(arg)
        if found is not None:
            return found
    return None


def class_source(model: type[BaseModel]) -> str:
    """The light class of one model: its docstring, its fields typed, and the keys it accepts."""
    doc = (model.__doc__ or "").strip().splitlines()
    lines = [f"class {model.__name__}(Data):"]
    lines.append(f'    """{doc[0] if doc else model.__name__ + "."}"""')
    lines.append("")
    lines.append("    __slots__ = ()")
    keys = []
    for name, info in model.model_fields.items():
        lines.append(f"    {name}: {annotation_source(info.annotation)}")
        keys.append(f"{_string(info.alias or name)}: {_child_class(info.annotation)}")
    lines.append("")
    lines.append("    #: Each key the format accepts here, and the class of its value where that is one.")
    lines.append("    KEYS: ClassVar[Keys] = {")
    lines.extend(f"        {key}," for key in keys)
    lines.append("    }")
    return "\n".join(lines)


def named_types() -> dict[str, Any]:
    """The format's named types (``Id``, ``Text``, ``Art6``…) as core schemas, by constant name."""
    from pydantic import TypeAdapter

    from ropa_check.format import model

    out = {}
    for name, obj in vars(model).items():
        if typing.get_origin(obj) in (typing.Annotated, typing.Literal):
            out[_constant_name(name)] = _clean(TypeAdapter(obj).core_schema)
    return out


class _Emitter:
    """Core schema as readable source: named types, a few helpers, one constant per model.

    The layout is the one ``ruff format`` gives (120 columns, magic trailing
    commas), so the generated file passes the format check unchanged.
    """

    def __init__(self, names: dict[str, Any]) -> None:
        self.names = names
        #: Each model's schema as a constant of its own, dependencies first.
        self.constants: dict[str, str] = {}
        self._started: set[str] = set()

    def constant(self, name: str, node: Any) -> str:
        return f"{name} = {self.emit(node, 0, len(name) + 3, top=True)}\n"

    def emit(self, node: Any, indent: int, used: int, *, top: bool = False) -> str:
        """``node`` as source starting ``used`` columns into a line indented by ``indent``."""
        flat = self.flat(node, top=top)
        if indent + used + len(flat) <= 120:
            return flat
        pad = " " * (indent + 4)
        if isinstance(node, dict):
            keys = [f"{_string(k)}: " for k in node]
            values = node.values()
            lines = [f"{pad}{k}{self.emit(v, indent + 4, len(k) + 1)},\n" for k, v in zip(keys, values, strict=True)]
            return "{\n" + "".join(lines) + " " * indent + "}"
        if isinstance(node, list):
            return "[\n" + "".join(f"{pad}{self.emit(v, indent + 4, 1)},\n" for v in node) + " " * indent + "]"
        return flat

    def flat(self, node: Any, *, top: bool = False) -> str:
        """``node`` on one line, with names and helpers where they apply."""
        if not top:
            for name, schema in self.names.items():
                if node == schema:
                    return name
        if isinstance(node, dict):
            kind, inner = node.get("type"), node.get("schema")
            if kind == "model" and not top:
                name = _constant_name(str(node["cls"]))
                if name not in self._started:
                    self._started.add(name)
                    self.constants[name] = self.constant(name, node)  # after the constants it uses
                return name
            if kind == "definition-ref" and set(node) == {"type", "schema_ref"}:
                return f"ref({_string(node['schema_ref'].rpartition('.')[2])})"
            nested = _get(inner)
            if node == {"type": "default", "schema": {"type": "nullable", "schema": nested}, "default": None}:
                return f"optional({self.flat(nested)})"
            if kind == "model-field" and set(node) <= {"type", "schema", "validation_alias", "serialization_alias"}:
                alias = node.get("validation_alias")
                if alias == node.get("serialization_alias"):
                    return f"field({self.flat(inner)}{f', alias={_string(alias)}' if alias else ''})"
            if node == {"type": "list", "items_schema": node.get("items_schema")}:
                return f"list_of({self.flat(node['items_schema'])})"
            return "{" + ", ".join(f"{_string(k)}: {self.flat(v)}" for k, v in node.items()) + "}"
        if isinstance(node, list):
            return "[" + ", ".join(self.flat(v) for v in node) + "]"
        if isinstance(node, str) and not isinstance(node, _ClassName):
            return _string(node)
        return repr(node)


def _get(node: Any) -> Any:
    return node.get("schema") if isinstance(node, dict) else None


def _constant_name(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper()


def _string(text: str) -> str:
    """A string literal as ruff formats it: double quotes (JSON's escapes are Python's)."""
    return json.dumps(text, ensure_ascii=False)


def generated_with() -> dict[str, str]:
    """The installed pydantic and pydantic-core: what the rendered source depends on."""
    import pydantic
    import pydantic_core

    return {"pydantic": pydantic.VERSION, "pydantic-core": pydantic_core.__version__}


def render() -> str:
    """The source of ``ropa_check/format/compiled_model.py``."""
    from ropa_check.format.model import FORMAT_VERSION

    names = named_types()
    emitter = _Emitter(names)
    versions = ", ".join(f"{_string(k)}: {_string(v)}" for k, v in generated_with().items())
    parts = [
        HEADER,
        f"FORMAT_VERSION = {_string(FORMAT_VERSION) if isinstance(FORMAT_VERSION, str) else FORMAT_VERSION}\n\n",
        "#: The pydantic and pydantic-core this module was generated with (.ci/constraints.txt pins the same).\n",
        f"GENERATED_WITH: dict[str, str] = {{{versions}}}\n\n",
    ]
    for name, alias in literal_aliases().items():
        parts.append(f"{name} = {_literal_source(alias, len(name) + 3)}\n")
    parts.extend("\n\n" + class_source(m) + "\n" for m in models())
    parts.append("\n\n# ------------------------------------------------------------- core schema\n\n\n")
    parts.append(HELPERS)
    parts.extend(emitter.constant(name, schema) for name, schema in names.items())
    root = emitter.emit(core_schema(), 0, 26, top=True)
    parts.append("\n")
    parts.extend(emitter.constants.values())
    parts.append("\n#: RecordFile's pydantic-core schema, as pydantic builds it, with the classes above.\n")
    parts.append(f"SCHEMA: dict[str, Any] = {root}\n\n")
    parts.append("#: Each class's own schema.\n")
    parts.append("SCHEMA_OF: dict[type[Data], dict[str, Any]] = {\n")
    parts.extend(f"    {m.__name__}: {_constant_name(m.__name__)},\n" for m in models())
    parts.append("}\n\n")
    parts.append(FOOTER)
    return "".join(parts)


if __name__ == "__main__":
    print(render(), end="")
