"""Fixtures for rule authors: check a record from a test, with the rules or packs under test.

The pytest plugin registers this module, so in any project with ropa-check installed a test can write::

    def test_owner_missing(ropa_check_run):
        result = ropa_check_run({"organisation": {...}, "activities": [...]}, plugins=[my_pack], select=["ACME"])
        assert [f.code for f in result.findings] == ["ACME001"]

``ropa_check_run`` accepts the record as a dict (written to ``tmp_path`` as YAML), as YAML text, or as a
:class:`~pathlib.Path` to a file or folder, and returns the :class:`~ropa_check.result.Result`. A pack can be
tested before it is installed by passing its module (or any object with ``@hookimpl`` hooks) in ``plugins``, or by
overriding the ``ropa_check_plugins`` fixture for a whole module or conftest. docs/pytest-plugin.md has more.

pytest imports this module at start-up with the plugin, so ropa-check itself is imported inside the calls.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from ropa_check.options import Options
    from ropa_check.result import Result
    from ropa_check.rule import Rule

RecordInput = Mapping[str, Any] | str | os.PathLike[str]


class RopaCheckRun:
    """Check records the way ``ropa-check check`` does, with plugins and rules chosen by the test."""

    def __init__(self, tmp_path: Path, plugins: Sequence[object] = ()) -> None:
        self.tmp_path = tmp_path
        self.plugins = tuple(plugins)
        self._written = 0

    def __call__(
        self,
        record: RecordInput,
        *,
        rules: Iterable[Rule] | None = None,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        plugins: Sequence[object] = (),
        entry_points: bool = True,
        options: Options | None = None,
    ) -> Result:
        """Check ``record`` and return the result.

        :param record: a dict (one record file's content), YAML text, or a path to a record file or folder.
            A ``str`` is always YAML text; pass a :class:`~pathlib.Path` for a file.
        :param rules: run exactly these rules (made with ``@ropa_check.rule``) instead of every registered one.
        :param select: rule codes or prefixes to run, as ``--select`` (default: all).
        :param ignore: rule codes or prefixes to skip, as ``--ignore``.
        :param plugins: extra plugin objects for this run, added to those of the ``ropa_check_plugins`` fixture:
            modules or classes with ``@hookimpl`` ``ropa_check_rules`` / ``ropa_check_vocabularies``.
        :param entry_points: also load installed packs (entry-point group ``ropa_check``), as the CLI does.
        :param options: the run's other options (:class:`ropa_check.options.Options`: waivers, today, severity
            overrides...); ``select`` and ``ignore`` are applied on top.
        :raises ropa_check.plugins.PluginError: a plugin is malformed (for example a misspelt hook name) or two
            plugins register the same rule code.
        :raises ropa_check.selection.SelectorError: a selector names no rule, or the selection leaves none.
        """
        from ropa_check import plugins as ropa_plugins
        from ropa_check import selection
        from ropa_check.options import Options
        from ropa_check.pipeline import check_paths
        from ropa_check.plugins import PluginError, RegisteredRule

        loaded = ropa_plugins.load(extra=[*self.plugins, *plugins], entry_points=entry_points)
        chosen: list[RegisteredRule] = (
            loaded.rules if rules is None else [RegisteredRule(r, "ropa_check_run") for r in rules]
        )
        codes = [r.rule.code for r in chosen]
        if len(set(codes)) != len(codes):
            raise PluginError(f"rules passed to ropa_check_run repeat a code: {sorted(codes)}")
        base = options or Options()
        run_options = base.replace(
            select=selection.parse(select) if select else base.select, ignore=selection.parse(ignore) or base.ignore
        )
        chosen = selection.selected_rules(chosen, run_options)
        # Waivers may name any installed rule, or one passed here.
        known = sorted({*codes, *(r.rule.code for r in loaded.rules)})
        return check_paths([str(self._path(record))], chosen, loaded.vocabularies, run_options, known=known)

    def _path(self, record: RecordInput) -> Path:
        if isinstance(record, os.PathLike):
            return Path(record)
        self._written += 1
        target = self.tmp_path / f"ropa-record-{self._written}.yaml"
        if isinstance(record, str):
            target.write_text(record, encoding="utf-8")
        elif isinstance(record, Mapping):
            import yaml

            target.write_text(yaml.safe_dump(dict(record), allow_unicode=True, sort_keys=False), encoding="utf-8")
        else:
            raise TypeError(f"ropa_check_run takes a dict, YAML text or a Path, not {type(record).__name__}")
        return target


@pytest.fixture
def ropa_check_plugins() -> Sequence[object]:
    """Extra rule plugins for every ``ropa_check_run`` call; override it to test a pack that is not installed."""
    return ()


@pytest.fixture
def ropa_check_run(tmp_path: Path, ropa_check_plugins: Sequence[object]) -> RopaCheckRun:
    """A callable ``run(record, *, rules=None, select=None, ignore=(), plugins=()) -> Result``."""
    return RopaCheckRun(tmp_path, ropa_check_plugins)


__all__ = ["RopaCheckRun", "ropa_check_plugins", "ropa_check_run"]
