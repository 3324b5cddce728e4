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


# ---------------------------------------------------------- national law


@hookspec
def ropa_check_national_references(code: str, country: str | None) -> Sequence[str]:
    """Return national provisions to cite with the findings of another pack's rule.

    :param code: the code of the rule whose findings are being reported, e.g. ``RPA901``.
    :param country: the controller's country (``organisation.controller.country``), or None.
    :return: references to append to that rule's references, e.g.
        ``["LEK (2022:482) 9 kap. 28 §"]``; an empty sequence when none apply.

    Use in plugins
    ==============

    Where national law implements an EU provision that a core rule already
    checks (cookie consent: ePrivacy Art. 5(3)), a national pack cites its
    provision here instead of adding a second rule that would report the same
    gap twice.
    """
