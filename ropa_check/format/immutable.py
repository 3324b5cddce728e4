"""The base of the record's data classes: immutable attribute bags that pydantic-core fills."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn, TypeAlias

if TYPE_CHECKING:
    from pydantic_core import SchemaValidator


class Data:
    """Validated data of one mapping of a record, read by attribute, never changed.

    pydantic-core creates instances without calling ``__init__`` and sets the
    same four slots it sets on a ``pydantic.BaseModel``; the field values live in
    ``__dict__``. Equality and hashing follow pydantic's frozen models.
    """

    __slots__ = ("__dict__", "__pydantic_extra__", "__pydantic_fields_set__", "__pydantic_private__")
    __pydantic_fields_set__: set[str]

    #: Each key the format accepts here, and the class of its value where that is one.
    KEYS: ClassVar[Keys] = {}

    def __init__(self, **fields: Any) -> None:
        """Validate ``fields`` as the format requires and fill this object, as a pydantic model does.

        Records are built by validating whole files; this is for code that needs
        one object, e.g. ``Organisation()`` for a record without an organisation.
        Raises ``pydantic_core.ValidationError``.
        """
        _validator_for(type(self)).validate_python(fields, self_instance=self)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} is immutable; cannot set '{name}'")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} is immutable; cannot delete '{name}'")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({fields})"

    @property
    def fields_set(self) -> frozenset[str]:
        """The fields the input stated, as opposed to those left at their default."""
        return frozenset(self.__pydantic_fields_set__)


#: A class's accepted keys, each with the class of its value where that is one.
Keys: TypeAlias = Mapping[str, "type[Data] | None"]


def _no_validators(cls: type[Data]) -> SchemaValidator:
    raise RuntimeError(f"{cls.__name__}: the module defining it registered no validators (use_validators)")


#: How ``Data.__init__`` gets a class's validator; the module that defines the classes sets it.
_validator_for: Callable[[type[Data]], SchemaValidator] = _no_validators


def use_validators(validator_for: Callable[[type[Data]], SchemaValidator]) -> None:
    """Register how a class's validator is found (``compiled_model`` does, once, on import).

    The data classes are defined in the generated module, which imports this
    one; registering instead of importing back keeps the dependency one-way.
    """
    global _validator_for
    _validator_for = validator_for
