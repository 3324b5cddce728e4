"""Registers the input-error codes (RPA0xx) so ``ropa-check rules`` lists and explains them."""

from __future__ import annotations

from collections.abc import Sequence

from ropa_check.hookspecs import hookimpl
from ropa_check.input_errors import INPUT_ERRORS
from ropa_check.rule import Rule


@hookimpl
def ropa_check_rules() -> Sequence[Rule]:
    return INPUT_ERRORS
