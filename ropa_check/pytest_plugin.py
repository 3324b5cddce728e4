"""pytest plugin: a record's processing activities as test items, opt-in.

Nothing happens unless ``--ropa-check`` is given or the ini option ``ropa_check = true`` is set, so installing
ropa-check never changes another project's test run (``-p no:ropa_check`` blocks it outright). When on, each
processing activity of the record under ``ropa_check_paths`` (default ``records``) is an item
``<file>::<activity-id>`` that fails with its located findings; findings of the organisation, its recipients and
sources go to ``<file>::organisation``; input that cannot be checked (RPA0xx) fails ``<file>::load``.

pytest imports every ``pytest11`` plugin at start-up, opted in or not, so this module imports only pytest at the
top; the checker is imported inside the hooks that need it. docs/pytest-plugin.md is the user guide.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from ropa_check.finding import Finding
    from ropa_check.options import Options
    from ropa_check.plugins import Plugins, RegisteredRule

# The fixtures for rule authors (``ropa_check_run``) come with the plugin, as tox's do.
pytest_plugins = ["ropa_check.testing"]

FAIL_ON = ("error", "warning", "info")
LOAD = "load"
ORGANISATION = "organisation"
RECORD_SUFFIXES = (".yaml", ".yml", ".json")


# ------------------------------------------------------------------ options


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("ropa-check", "GDPR Art. 30 records of processing activities (ropa-check)")
    group.addoption(
        "--ropa-check",
        action="store_true",
        default=False,
        dest="ropa_check",
        help="check the record under ropa_check_paths: one test item per processing activity",
    )
    parser.addini("ropa_check", "check the record even without --ropa-check", type="bool", default=False)
    parser.addini(
        "ropa_check_paths",
        "record folders or files, relative to the ini file (default: records)",
        type="paths",
        default=["records"],
    )
    parser.addini("ropa_check_select", "rule codes or prefixes to run (default: all)", type="args", default=[])
    parser.addini("ropa_check_ignore", "rule codes or prefixes to skip", type="args", default=[])
    parser.addini(
        "ropa_check_fail_on",
        "lowest severity that fails an item: error, warning or info (default: error)",
        default="error",
    )
    parser.addini(
        "ropa_check_plugin_timeout",
        "seconds one call into a plugin may run before it is a plugin failure; 0: no limit "
        "(default: the configuration's plugin-timeout, else 10)",
        default="",
    )
    parser.addini(
        "ropa_check_max_findings_per_rule",
        "findings one rule may yield for one item before it is a plugin failure "
        "(default: the configuration's max-findings-per-rule, else 10000)",
        default="",
    )


def _limit(config: pytest.Config, name: str, *, integer: bool) -> float | int | None:
    """The ini option ``name`` as a plugin limit, None when unset; a value that is not one is a usage error."""
    text = str(config.getini(name)).strip()
    if not text:
        return None
    try:
        value: float | int = int(text) if integer else float(text)
    except ValueError:
        value = -1
    # inf and nan are floats too: neither is a number of seconds a timer can be set to.
    if integer and value < 1:
        raise pytest.UsageError(f"{name} = {text!r}: use a whole number of at least 1")
    if not integer and not 0 <= value < float("inf"):
        raise pytest.UsageError(f"{name} = {text!r}: use a number of seconds, 0 or more (0: no limit)")
    return value


def _enabled(config: pytest.Config) -> bool:
    return bool(config.getoption("ropa_check", False) or config.getini("ropa_check"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "ropa_check: a processing activity checked by ropa-check")
    if not _enabled(config):
        return
    fail_on = str(config.getini("ropa_check_fail_on")).strip().lower()
    if fail_on not in FAIL_ON:
        raise pytest.UsageError(f"ropa_check_fail_on = {fail_on!r}: use one of {', '.join(FAIL_ON)}")
    limits = {
        "plugin_timeout": _limit(config, "ropa_check_plugin_timeout", integer=False),
        "max_findings_per_rule": _limit(config, "ropa_check_max_findings_per_rule", integer=True),
    }
    roots = _roots(config)
    for root in roots:
        if not root.exists():
            # A missing record would collect nothing, and nothing looks like a pass.
            raise pytest.UsageError(f"ropa_check_paths: {root} does not exist")
    from ropa_check import config as ropa_config
    from ropa_check import selection
    from ropa_check.options import UsageError

    # The project's [tool.ropa-check] / ropa-check.toml applies here as on the command line
    # (packs, severities, per-file ignores, waivers, today); the ini options narrow select/ignore
    # and replace the plugin limits.
    try:
        overrides: dict[str, Any] = {
            name: selection.parse(values) or None
            for name, values in (
                ("select", config.getini("ropa_check_select")),
                ("ignore", config.getini("ropa_check_ignore")),
            )
        }
        overrides.update(limits)
        options = ropa_config.resolve(overrides, cwd=Path(config.rootpath), source="pytest ini option")
    except UsageError as exc:
        raise pytest.UsageError(f"ropa-check configuration: {exc}") from None
    # Policy paths are relative to where the configuration was resolved: the rootdir.
    policies = tuple(os.path.abspath(Path(config.rootpath) / p) for p in options.policies)
    state = _State(roots=roots, fail_on=fail_on, options=options, policies=policies)
    from ropa_check import plugins

    try:
        state.plugins = plugins.load(options)
    except plugins.PluginError as exc:
        state.plugin_error = str(exc)  # reported by every file's `load` item: a failing plugin must not pass
    else:
        try:
            state.rules = selection.selected_rules(state.plugins.rules, options)
        except UsageError as exc:
            raise pytest.UsageError(f"ropa-check configuration: {exc}") from None
    config.stash[_STATE] = state
    _collect_records_outside_args(config, [*roots, *(Path(p) for p in policies)])


def _roots(config: pytest.Config) -> list[Path]:
    paths: list[Path] = config.getini("ropa_check_paths") or []
    return [Path(os.path.abspath(p)) for p in paths]


def _collect_records_outside_args(config: pytest.Config, roots: Sequence[Path]) -> None:
    """Add the record paths to what pytest collects when the user named no paths.

    ``testpaths = ["tests"]`` is common and would hide ``records/``; explicit arguments are respected as given.
    """
    if config.args_source == pytest.Config.ArgsSource.ARGS:
        return
    base = config.invocation_params.dir
    covered = [Path(os.path.abspath(base / arg.split("::")[0])) for arg in config.args]
    extra = [str(root) for root in roots if not any(root == c or c in root.parents for c in covered)]
    if extra:
        config.args = [*config.args, *extra]


# --------------------------------------------------------------- collection


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.File | None:
    state = parent.config.stash.get(_STATE, None)
    if state is None:
        return None
    if state.policies:
        # The organisation's policies are tested by their own cases, one item each (ropa-check test-policies).
        from ropa_check.policies import pytest_items

        vocabularies = state.plugins.vocabularies if state.plugins else ()
        found = pytest_items.collect(file_path, parent, state.policies, vocabularies)
        if found is not None:
            return found
    if file_path.suffix not in RECORD_SUFFIXES:
        return None
    if _root_of(state.roots, Path(os.path.abspath(file_path))) is None:
        return None
    return RopaFile.from_parent(parent, path=file_path)


def _root_of(roots: Sequence[Path], path: Path) -> Path | None:
    """The most specific record path that holds ``path``."""
    holding = [root for root in roots if root == path or root in path.parents]
    return max(holding, key=lambda r: len(r.parts), default=None)


@dataclass
class ItemSpec:
    """One item to collect: its name, where it starts, and the findings it answers for."""

    name: str
    line: int
    findings: list[Finding] = field(default_factory=list)


@dataclass
class CheckedRecord:
    """A record checked once, its findings already distributed to the items of each file."""

    items: dict[Path, list[ItemSpec]]

    def for_file(self, path: Path) -> list[ItemSpec]:
        return self.items.get(path, [])


@dataclass
class _State:
    roots: list[Path]
    fail_on: str
    options: Options
    plugins: Plugins | None = None
    rules: list[RegisteredRule] = field(default_factory=list)
    plugin_error: str | None = None
    records: dict[Path, CheckedRecord] = field(default_factory=dict)
    #: The configured policy files and folders, absolute: their cases are collected as items.
    policies: tuple[str, ...] = ()


_STATE = pytest.StashKey[_State]()


class RopaFile(pytest.File):
    """A record file; its items are the processing activities it defines."""

    def collect(self) -> Iterator[RopaItem]:
        state = self.config.stash[_STATE]
        here = Path(os.path.abspath(self.path))
        root = _root_of(state.roots, here)
        assert root is not None  # pytest_collect_file only returns files under a root
        if root not in state.records:
            # A record is a folder of files that refer to each other: check it once per session.
            state.records[root] = check_record(root, self.config)
        for spec in state.records[root].for_file(here):
            yield RopaItem.from_parent(self, name=spec.name, spec=spec)


class RopaCheckFailure(Exception):
    """The item's findings at or above the failure threshold."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__(f"{len(findings)} finding(s)")
        self.findings = list(findings)


class RopaItem(pytest.Item):
    """One processing activity (or the organisation, or a file that did not load) and its findings."""

    def __init__(self, *, spec: ItemSpec, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec
        self.add_marker("ropa_check")

    def runtest(self) -> None:
        from ropa_check.input_errors import INPUT_CODES
        from ropa_check.result import exit_status

        fail_on = self.config.stash[_STATE].fail_on
        active = [f for f in self.spec.findings if f.suppression is None]
        failing = [
            f
            for f in active
            if exit_status(input_failed=f.code in INPUT_CODES, worst=f.severity.rank, fail_on=fail_on, exit_zero=False)
        ]
        below = [f for f in active if f not in failing]
        if below:
            self.add_report_section("call", "ropa-check", "\n".join(_lines(below)))
        if failing:
            raise RopaCheckFailure(failing)

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str | Any:
        if isinstance(excinfo.value, RopaCheckFailure):
            return "\n".join(_lines(excinfo.value.findings))
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.spec.line - 1, f"ropa-check: {self.spec.name}"


def _lines(findings: Sequence[Finding]) -> Iterator[str]:
    for f in findings:
        yield f"{f.file}:{f.line}:{f.column}: {f.code} {f.message}"
        if f.reference:
            yield f"    reference: {f.reference}"
        if f.fix:
            yield f"    fix: {f.fix}"


# ----------------------------------------------------------------- checking


def check_record(root: Path, config: pytest.Config) -> CheckedRecord:
    """Check the record at ``root`` and hand each finding to the item that answers for it.

    A finding with an activity goes to that activity's item, wherever it points; one without goes to the
    organisation item. If the record did not load, rules did not run, and only ``load`` items are made, so a
    broken record can never pass as activities without findings.
    """
    from ropa_check import loader
    from ropa_check.input_errors import INPUT_CODES, PLUGIN_FAILURE
    from ropa_check.pipeline import check_paths

    state = config.stash[_STATE]
    if state.plugins is None:
        return _plugin_error(root, state.plugin_error or "no plugins")
    known = state.plugins.codes
    result = check_paths([str(root)], state.rules, state.plugins.vocabularies, state.options, known=known)

    def where(name: str) -> Path:
        return Path(os.path.abspath(name))

    files = [where(name) for name in result.files]
    items: dict[Path, list[ItemSpec]] = {path: [] for path in files}
    load_errors = [f for f in result.findings if f.code in INPUT_CODES and f.code != PLUGIN_FAILURE.code]
    if load_errors:
        by_file: dict[Path, ItemSpec] = {}
        for f in load_errors:
            path = where(f.file)
            if path not in items:  # e.g. an unreadable path: show it on the record's first file
                path = files[0] if files else path
            spec = by_file.get(path)
            if spec is None:
                spec = by_file[path] = ItemSpec(LOAD, f.line)
                items.setdefault(path, []).append(spec)
            spec.findings.append(f)
        return CheckedRecord(items)

    activities: dict[str, ItemSpec] = {}
    organisation: ItemSpec | None = None
    for path in files:
        doc, _ = loader.load(path)
        if doc is None or not isinstance(doc.data, dict):  # cannot happen once the record loaded without errors
            continue
        if "organisation" in doc.data:
            organisation = ItemSpec(ORGANISATION, doc.position(("organisation",), key=True)[0])
            items[path].append(organisation)
        for key in ("activities", "processor_activities"):
            for i, entry in enumerate(doc.data.get(key) or ()):
                ident = str(entry["id"])
                spec = ItemSpec(ident, doc.position((key, i), key=True)[0])
                activities.setdefault(ident, spec)
                items[path].append(spec)
    for f in result.findings:
        spec = activities.get(f.activity) if f.activity else None
        target = spec or organisation
        if target is None:  # no organisation block would have been a load error; keep the finding visible anyway
            target = ItemSpec(ORGANISATION, 1)
            organisation = target
            items[files[0]].append(target)
        target.findings.append(f)
    return CheckedRecord(items)


def _plugin_error(root: Path, message: str) -> CheckedRecord:
    """Rule plugins failed to load: every file of the record reports it in a ``load`` item."""
    from ropa_check import input_errors as E
    from ropa_check.files.discover import discover, display

    files, _ = discover([str(root)])
    items: dict[Path, list[ItemSpec]] = {}
    for path in files:
        finding = E.at_file(E.PLUGIN_FAILURE, display(path), message)
        items[Path(os.path.abspath(path))] = [ItemSpec(LOAD, 1, [finding])]
    return CheckedRecord(items)
