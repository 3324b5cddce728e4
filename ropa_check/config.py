"""Configuration: ``ropa-check.toml``, ``.ropa-check.toml`` or ``[tool.ropa-check]`` in ``pyproject.toml``.

The file closest to the working directory wins (looking upwards); in one
folder ``ropa-check.toml`` beats ``.ropa-check.toml`` beats ``pyproject.toml``
(which counts only when it has a ``[tool.ropa-check]`` table). Command-line
flags override the file. ``--show-settings`` prints every effective value and
where it came from. An unknown key or a bad value is an error naming the file,
the line and, for a typo, the nearest known key.

Example::

    [tool.ropa-check]
    paths = ["records"]
    select = ["ALL"]
    ignore = ["RPA501"]
    extend-select = []
    fail-on = "warning"
    exit-zero = false
    packs = ["se"]             # default: every installed pack
    plugins = []               # plugins not to load (pluggy set_blocked)

    [tool.ropa-check.per-file-ignores]
    "records/legacy/*.yaml" = ["RPA4"]

    [tool.ropa-check.severity]
    RPA501 = "info"
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ropa_check.check_options import CheckOptions
from ropa_check.finding import Severity

FILE_NAMES = ("ropa-check.toml", ".ropa-check.toml", "pyproject.toml")
TABLE = "tool.ropa-check"
SEVERITIES = ("error", "warning", "info")
KEYS = (
    "paths",
    "select",
    "ignore",
    "extend-select",
    "per-file-ignores",
    "severity",
    "fail-on",
    "packs",
    "plugins",
    "exit-zero",
)
DEFAULTS: dict[str, Any] = {
    "paths": ["records"],
    "select": ["ALL"],
    "ignore": [],
    "extend-select": [],
    "per-file-ignores": {},
    "severity": {},
    "fail-on": "error",
    "packs": None,
    "plugins": [],
    "exit-zero": False,
}
DEFAULT = "default"
COMMAND_LINE = "command line"
_CODE = re.compile(r"^(ALL|[A-Z]+[0-9]{0,3})$")


class ConfigError(Exception):
    """The configuration cannot be used (exit status 2); the message names file and line."""


@dataclass
class Settings:
    """Effective settings, each with where it came from: ``default``, a file path, or ``command line``."""

    values: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    config_file: str | None = None
    root: str = "."

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def set(self, key: str, value: Any, source: str) -> None:
        self.values[key] = value
        self.sources[key] = source

    @property
    def select(self) -> list[str]:
        """``select`` plus ``extend-select``."""
        return [*self.values["select"], *self.values["extend-select"]]

    def options(self) -> CheckOptions:
        return CheckOptions(
            severity={code: Severity(level) for code, level in self.values["severity"].items()},
            per_file_ignores=tuple((glob, tuple(codes)) for glob, codes in self.values["per-file-ignores"].items()),
            root=self.root,
            waivers=self.values["waivers"],
            today=self.values["today"],
            baseline=self.values["baseline"],
            diff_base=self.values["diff-base"],
        )

    def show(self) -> str:
        """One line per setting: ``name = value  # source``."""
        lines = [f"config-file = {json.dumps(self.config_file)}  # {'found' if self.config_file else 'none found'}"]
        width = max(len(k) for k in self.values)
        for key, value in self.values.items():
            shown = value.isoformat() if isinstance(value, dt.date) else value
            lines.append(f"{key:<{width}} = {json.dumps(shown, ensure_ascii=False)}  # {self.sources[key]}")
        return "\n".join(lines) + "\n"


# ----------------------------------------------------------------- the file


def find(start: Path) -> Path | None:
    """The configuration file closest to ``start``, looking upwards."""
    for folder in (start, *start.parents):
        for name in FILE_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                return candidate
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except OSError:
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*[\"']?ropa-check[\"']?\s*[.\]]", text, re.MULTILINE) is not None


def read(path: Path) -> tuple[dict[str, Any], str]:
    """The ropa-check table of ``path`` and the file's text. Raises :class:`ConfigError`."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("ropa-check", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}:{_line(text, 'ropa-check', 'tool')}: [tool.ropa-check] must be a table")
        return table, text
    return data, text


def _line(text: str, key: str, table: str) -> int:
    """The line where ``key`` is written inside ``table`` (1 when it cannot be found)."""
    current = ""
    key_re = re.compile(rf"""^\s*["']?{re.escape(key)}["']?\s*[=.]""")
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"^\s*\[+\s*([^\]]+?)\s*\]+", line)
        if header:
            current = header.group(1).replace('"', "").replace("'", "").replace(" ", "")
            if current == (f"{table}.{key}" if table else key):
                return number
            continue
        if current == table and key_re.match(line):
            return number
    return 1


def _validate(table: dict[str, Any], path: Path, text: str) -> dict[str, Any]:
    prefix = TABLE if path.name == "pyproject.toml" else ""

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"{path}:{_line(text, key, prefix)}: {message}")

    out: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.5)
            hint = f"; did you mean '{close[0]}'?" if close else f" (known keys: {', '.join(KEYS)})"
            raise fail(key, f"unknown key '{key}'{hint}")
        try:
            out[key] = _value(key, value)
        except ValueError as exc:
            raise fail(key, f"'{key}' {exc}") from None
    return out


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"must be a list of strings, not {json.dumps(value, default=str)}")
    return list(value)


def _codes(value: Any) -> list[str]:
    codes = [v.strip().upper() for v in _strings(value)]
    bad = [c for c in codes if not _CODE.match(c)]
    if bad:
        raise ValueError(f"holds '{bad[0]}', which is not a rule code or prefix (e.g. RPA401, RPA4, ALL)")
    return codes


def _value(key: str, value: Any) -> Any:
    if key == "paths":
        return _strings(value)
    if key in ("select", "ignore", "extend-select"):
        return _codes(value)
    if key in ("packs", "plugins"):
        return _strings(value)
    if key == "exit-zero":
        if not isinstance(value, bool):
            raise ValueError(f"must be true or false, not {value!r}")
        return value
    if key == "fail-on":
        if value not in SEVERITIES:
            raise ValueError(f"must be one of {', '.join(SEVERITIES)}, not {value!r}")
        return value
    if key == "per-file-ignores":
        if not isinstance(value, dict):
            raise ValueError('must be a table of glob = ["CODE", ...]')
        return {str(glob): _codes(codes) for glob, codes in value.items()}
    if key == "severity":
        if not isinstance(value, dict):
            raise ValueError('must be a table of CODE = "error" | "warning" | "info"')
        return _severities(value)
    raise AssertionError(key)


def _severities(value: dict[str, Any]) -> dict[str, str]:
    from ropa_check.input_errors import INPUT_CODES

    out: dict[str, str] = {}
    for code, level in value.items():
        upper = code.strip().upper()
        if not _CODE.match(upper) or upper == "ALL":
            raise ValueError(f"names '{code}', which is not a rule code or prefix")
        if any(c.startswith(upper) for c in INPUT_CODES):
            raise ValueError(f"cannot change {upper}: input errors always stop the check (exit status 2)")
        if level not in SEVERITIES:
            raise ValueError(f"of {upper} must be one of {', '.join(SEVERITIES)}, not {level!r}")
        out[upper] = level
    return out


# ------------------------------------------------------------ command line


def _code_list(value: str) -> list[str]:
    codes = [part.strip().upper() for part in value.split(",") if part.strip()]
    bad = [c for c in codes if not _CODE.match(c)]
    if bad:
        raise argparse.ArgumentTypeError(f"'{bad[0]}' is not a rule code or prefix (e.g. RPA401, RPA4, ALL)")
    return codes


def _names(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _date(value: str) -> dt.date:
    try:
        if re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"'{value}' is not a date such as 2027-06-30")


def add_arguments(check: argparse.ArgumentParser) -> None:
    """Add the ``check`` options this module resolves, besides ``--select``, ``--ignore``, ``--fail-on``..."""
    group = check.add_argument_group("configuration, waivers and baselines")
    group.add_argument("--config", metavar="FILE", help="configuration file (default: the closest one)")
    group.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    group.add_argument("--show-settings", action="store_true", help="print the effective settings and their sources")
    group.add_argument(
        "--extend-select", type=_code_list, action="extend", default=None, help="codes or prefixes to add"
    )
    group.add_argument("--packs", type=_names, default=None, help="comma-separated rule packs to load (default: all)")
    group.add_argument(
        "--disable-plugin", type=_names, action="extend", default=None, dest="plugins", help="plugins not to load"
    )
    group.add_argument(
        "--today",
        type=_date,
        default=None,
        help="the date rules and waiver expiry are judged against (default: $ROPA_CHECK_TODAY, else today)",
    )
    group.add_argument("--no-waivers", action="store_true", help="ignore waivers in the record: show every finding")
    group.add_argument("--baseline", metavar="FILE", help="suppress the findings listed in FILE")
    group.add_argument("--create-baseline", metavar="FILE", help="write the current findings to FILE as a baseline")
    group.add_argument(
        "--diff-base",
        metavar="REF",
        help="report only findings new since git REF ('auto': $GITHUB_BASE_REF, when set)",
    )


def resolve(args: argparse.Namespace, cwd: Path | None = None) -> Settings:
    """Merge defaults, the configuration file and the command line. Raises :class:`ConfigError`."""
    here = Path.cwd() if cwd is None else cwd
    settings = Settings(root=str(here))
    for key in KEYS:
        settings.set(key, DEFAULTS[key], DEFAULT)
    path: Path | None = None
    if getattr(args, "config", None):
        path = Path(args.config)
        if not path.is_file():
            raise ConfigError(f"{path}: configuration file does not exist")
    elif not getattr(args, "isolated", False):
        path = find(here)
    if path is not None:
        table, text = read(path)
        source = str(path)
        settings.config_file = source
        settings.root = str(path.parent)
        for key, value in _validate(table, path, text).items():
            if key == "paths":
                # Paths in the file are relative to it, wherever ropa-check runs.
                value = [os.path.relpath(path.parent / p, here) if not os.path.isabs(p) else p for p in value]
            settings.set(key, value, source)
    cli: dict[str, Any] = {
        "paths": args.paths or None,
        "select": args.select or None,
        "ignore": args.ignore or None,
        "extend-select": getattr(args, "extend_select", None),
        "fail-on": args.fail_on,
        "exit-zero": args.exit_zero or None,
        "packs": getattr(args, "packs", None),
        "plugins": getattr(args, "plugins", None),
    }
    for key, value in cli.items():
        if value is not None:
            settings.set(key, value, COMMAND_LINE)
    _resolve_run_options(settings, args)
    return settings


def _resolve_run_options(settings: Settings, args: argparse.Namespace) -> None:
    today = getattr(args, "today", None)
    if today is not None:
        settings.set("today", today, COMMAND_LINE)
    elif os.environ.get("ROPA_CHECK_TODAY"):
        try:
            settings.set("today", _date(os.environ["ROPA_CHECK_TODAY"]), "environment (ROPA_CHECK_TODAY)")
        except argparse.ArgumentTypeError as exc:
            raise ConfigError(f"ROPA_CHECK_TODAY: {exc}") from None
    else:
        settings.set("today", None, DEFAULT)
    no_waivers = getattr(args, "no_waivers", False)
    settings.set("waivers", not no_waivers, COMMAND_LINE if no_waivers else DEFAULT)
    for key, attr in (("baseline", "baseline"), ("create-baseline", "create_baseline"), ("diff-base", "diff_base")):
        value = getattr(args, attr, None)
        settings.set(key, value, COMMAND_LINE if value is not None else DEFAULT)
    if settings["diff-base"] == "auto":
        from ropa_check.diff_base import resolve as resolve_ref

        ref = resolve_ref("auto")
        settings.set("diff-base", ref, f"command line (auto: GITHUB_BASE_REF={ref or 'unset'})")


__all__ = ["ConfigError", "Settings", "add_arguments", "find", "read", "resolve"]
