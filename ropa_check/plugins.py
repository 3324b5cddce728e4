"""The plugin manager: built-in rules and third-party packs load the same way.

``ROPA_CHECK_DISABLED_PLUGINS=a,b`` blocks plugins by name and
``ROPA_CHECK_TRACE_PLUGINS=1`` prints every hook call to stderr.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import pluggy

from ropa_check import hookspecs
from ropa_check.rule import RULES_DOC_URL, Rule

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from ropa_check.options import Options

#: Built-in plugins, registered by module path like datasette's DEFAULT_PLUGINS.
DEFAULT_PLUGINS = ("ropa_check.input_plugin", "ropa_check.rules.core")


class PluginError(Exception):
    """A plugin cannot be loaded, or its rules clash with another plugin's (exit status 2)."""


class PluginManager(pluggy.PluginManager):
    """pluggy's manager, remembering the entry point each installed pack came from."""

    def __init__(self) -> None:
        super().__init__(hookspecs.NAME)
        self.entry_points: dict[str, EntryPoint] = {}

    def load_entry_points(self, found: Iterable[EntryPoint]) -> None:
        """Register each of the ``ropa_check`` entry points ``found`` not blocked or registered already.

        ``pluggy.PluginManager.load_setuptools_entrypoints`` without its second
        scan of the installed distributions: the caller has them already.
        """
        for ep in found:
            if self.get_plugin(ep.name) or self.is_blocked(ep.name):
                continue
            self.register(ep.load(), name=ep.name)
            self.entry_points[ep.name] = ep


@dataclass(frozen=True)
class RegisteredRule:
    """A rule and the plugin that provides it."""

    rule: Rule
    plugin: str
    #: National provisions other plugins add to this rule's references, by controller country.
    national_references: Callable[[str, str | None], Sequence[str]] | None = None
    #: Whether the rule ships with ropa-check (its documentation is docs/rules.md).
    built_in: bool = False

    @property
    def url(self) -> str | None:
        """The rule's documentation: its own ``url``, else its anchor in docs/rules.md for a built-in rule."""
        if self.rule.url is not None:
            return self.rule.url
        return f"{RULES_DOC_URL}#{self.rule.code.lower()}" if self.built_in else None


@dataclass(frozen=True)
class Plugins:
    """What the loaded plugins provide: every installed rule and the extra vocabularies."""

    manager: PluginManager
    rules: list[RegisteredRule]
    vocabularies: list[Mapping[str, Mapping[str, str]]]

    def names(self) -> list[str]:
        """The names of the loaded plugins, sorted."""
        return sorted(name for name, plugin in self.manager.list_name_plugin() if plugin is not None)


def load(options: Options | None = None, *, extra: Sequence[object] = (), entry_points: bool = True) -> Plugins:
    """Load the plugins ``options`` ask for (``packs``, ``plugins``), plus ``extra`` plugin objects.

    The one way the CLI, the pytest plugin and the test fixtures get their rules.
    Raises :class:`PluginError`.
    """
    pm = get_plugin_manager(
        entry_points=entry_points,
        blocked=options.plugins if options else (),
        packs=options.packs if options else None,
    )
    for plugin in extra:
        # An installed pack passed again (to be explicit in a test) is already there: not a clash.
        if pm.is_registered(plugin):
            continue
        try:
            pm.register(plugin)
            pm.check_pending()
        except (ValueError, pluggy.PluginValidationError) as exc:
            raise PluginError(f"cannot register plugin {plugin!r}: {exc}") from exc
    return Plugins(pm, collect_rules(pm), collect_vocabularies(pm))


def get_plugin_manager(
    *, entry_points: bool = True, blocked: Sequence[str] = (), packs: Sequence[str] | None = None
) -> PluginManager:
    """Create the manager: hookspecs, built-ins, then the ``ropa_check`` entry points.

    ``blocked`` names plugins not to load (config ``plugins``, ``--disable-plugin``);
    ``packs``, when given, names the only entry-point packs to load (config ``packs``).
    """
    pm = PluginManager()
    pm.add_hookspecs(hookspecs)
    for name in [*os.environ.get("ROPA_CHECK_DISABLED_PLUGINS", "").split(","), *blocked]:
        if name.strip():
            pm.set_blocked(name.strip())
    found: list[EntryPoint] = []
    if entry_points:
        from importlib.metadata import entry_points as installed

        # Distributions shadow later ones of the same name on sys.path, as importlib.metadata resolves them.
        found = list(installed(group=hookspecs.NAME))
    if packs is not None and entry_points:
        names = sorted({ep.name for ep in found})
        unknown = sorted(set(packs) - set(names))
        if unknown:
            raise PluginError(f"pack '{unknown[0]}' is not installed; installed packs: {', '.join(names) or 'none'}")
        for name in names:
            if name not in packs:
                pm.set_blocked(name)
    for module_name in DEFAULT_PLUGINS:
        if not pm.is_blocked(module_name):
            pm.register(importlib.import_module(module_name), module_name)
    try:
        pm.load_entry_points(found)
    except Exception as exc:
        raise PluginError(f"cannot load a ropa_check plugin: {type(exc).__name__}: {exc}") from exc
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(str(exc)) from exc
    if os.environ.get("ROPA_CHECK_TRACE_PLUGINS"):
        pm.add_hookcall_monitoring(_trace_before, _trace_after)
    return pm


def collect_rules(pm: pluggy.PluginManager) -> list[RegisteredRule]:
    """Every registered rule, in code order. Two rules with one code is an error."""
    by_code: dict[str, RegisteredRule] = {}
    for impl in pm.hook.ropa_check_rules.get_hookimpls():
        try:
            rules: list[object] = list(cast(Iterable[object], impl.function()))
        except Exception as exc:
            raise PluginError(f"plugin '{impl.plugin_name}' failed to list its rules: {exc!r}") from exc
        for item in rules:
            if not isinstance(item, Rule):
                raise PluginError(
                    f"plugin '{impl.plugin_name}' returned {item!r} from ropa_check_rules, not a Rule "
                    "(decorate the check function with @ropa_check.rule)"
                )
            if item.code in by_code:
                other = by_code[item.code].plugin
                raise PluginError(
                    f"rule code {item.code} is registered twice: by plugin '{other}' and by plugin "
                    f"'{impl.plugin_name}'; rule codes must be unique"
                )
            module = str(getattr(impl.plugin, "__name__", ""))
            built_in = module == "ropa_check" or module.startswith("ropa_check.")
            by_code[item.code] = RegisteredRule(item, impl.plugin_name, _national_references(pm), built_in)
    return [by_code[code] for code in sorted(by_code)]


def _national_references(pm: pluggy.PluginManager) -> Callable[[str, str | None], Sequence[str]]:
    def references(code: str, country: str | None) -> Sequence[str]:
        found = pm.hook.ropa_check_national_references(code=code, country=country)
        return [ref for refs in found for ref in refs]

    return references


def collect_vocabularies(pm: pluggy.PluginManager) -> list[Mapping[str, Mapping[str, str]]]:
    """Each plugin's vocabulary tags; a plugin that returns something else is a :class:`PluginError`."""
    out: list[Mapping[str, Mapping[str, str]]] = []
    for impl in pm.hook.ropa_check_vocabularies.get_hookimpls():
        try:
            found: object = impl.function()
        except Exception as exc:
            raise PluginError(f"plugin '{impl.plugin_name}' failed to list its vocabularies: {exc!r}") from exc
        if not _is_vocabulary(found):
            raise PluginError(
                f"plugin '{impl.plugin_name}' returned {found!r} from ropa_check_vocabularies, not a mapping of "
                "vocabulary name to {tag: description}"
            )
        out.append(cast(Mapping[str, Mapping[str, str]], found))
    return out


def _is_vocabulary(found: object) -> bool:
    from ropa_check.vocabularies import NAMES

    return isinstance(found, Mapping) and all(
        name in NAMES
        and isinstance(tags, Mapping)
        and all(isinstance(t, str) and isinstance(d, str) for t, d in tags.items())
        for name, tags in found.items()
    )


def plugin_versions(pm: PluginManager) -> list[tuple[str, str, str]]:
    """(plugin name, distribution, version) of each plugin installed through an entry point."""
    out = []
    for name, ep in pm.entry_points.items():
        dist = ep.dist
        out.append((name, dist.name if dist else "?", dist.version if dist else "?"))
    return out


def _trace_before(hook_name: str, impls: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    names = ", ".join(impl.plugin_name for impl in impls)
    print(f"[ropa-check trace] {hook_name}({', '.join(kwargs)}) -> {names}", file=sys.stderr)


def _trace_after(outcome: Any, hook_name: str, impls: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    print(f"[ropa-check trace] {hook_name} done", file=sys.stderr)
