"""The hooks a ropa-check plugin can implement.

Built-in rules are registered through these same hooks (``ropa_check.rules.core``),
and so is the Swedish pack, which installs through the ``ropa_check`` entry-point
group exactly as a third-party pack does::

    [project.entry-points.ropa_check]
    acme = "acme_ropa_rules"

A hook implementation may accept fewer arguments than its spec names; new
arguments are only ever added, so plugins keep working.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from ropa_check.rule import Rule

NAME = "ropa_check"

hookspec = pluggy.HookspecMarker(NAME)
hookimpl = pluggy.HookimplMarker(NAME)


# ------------------------------------------------------------------- rules


@hookspec
def ropa_check_rules() -> Sequence[Rule]:
    """Return the rules this plugin provides.

    :return: :class:`ropa_check.rule.Rule` objects, made with the
        :func:`ropa_check.rule` decorator. Every code must be unique across all
        installed plugins; a clash stops ropa-check at start-up.

    Use in plugins
    ==============

    Each rule pack implements this hook once and returns its rules.
    """


# ----------------------------------------------------------- vocabularies


@hookspec
def ropa_check_vocabularies() -> Mapping[str, Mapping[str, str]]:
    """Return controlled-vocabulary tags this plugin adds.

    :return: a mapping from vocabulary name (``purpose``, ``data_subject``,
        ``data_category``) to ``{tag: description}``. Tags that a plugin's rules
        look for must be known, or records that use them fail validation.
    """
