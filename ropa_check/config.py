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
    plugin-timeout = 10        # seconds one call into a plugin may run (0: no limit)
    max-findings-per-rule = 10000   # findings one rule may yield for one item

    [tool.ropa-check.per-file-ignores]
    "records/legacy/*.yaml" = ["RPA4"]

    [tool.ropa-check.severity]
    RPA501 = "info"
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ropa_check import selection
from ropa_check.finding import Severity
from ropa_check.options import SEVERITIES, Options, UsageError
from ropa_check.suggest import did_you_mean

FILE_NAMES = ("ropa-check.toml", ".ropa-check.toml", "pyproject.toml")
TABLE = "tool.ropa-check"
#: The keys a configuration file may set, with the Options field each sets.
KEYS = {
    "paths": "paths",
    "select": "select",
    "ignore": "ignore",
    "extend-select": "extend_select",
    "per-file-ignores": "per_file_ignores",
    "severity": "severity",
    "fail-on": "fail_on",
    "packs": "packs",
    "plugins": "plugins",
    "policies": "policies",
    "exit-zero": "exit_zero",
    "plugin-timeout": "plugin_timeout",
    "max-findings-per-rule": "max_findings_per_rule",
}
DEFAULT = "default"
COMMAND_LINE = "command line"


class ConfigError(UsageError):
    """The configuration cannot be used (exit status 2); the message names file and line."""


# ----------------------------------------------------------------- the file


def find(start: Path) -> Path | None:
    """The configuration file closest to ``start``, looking upwards."""
    for folder in (start, *start.parents):
        for name in FILE_NAMES:
            candidate = folder / name
            try:
                found = candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate))
            except (OSError, ValueError):  # a folder that cannot be searched holds no configuration we can use
                found = False
            if found:
                return candidate
    return None


def _has_table(pyproject: Path) -> bool:
    """Whether ``pyproject`` holds a ``[tool.ropa-check]`` table, or may and cannot be read (to be reported).

    Another tool's ``pyproject.toml`` is none of our business, whatever its
    encoding or syntax: a file that never names ropa-check is passed over
    without being parsed, and one that names it only inside a string (or
    where ``tool`` is not a table) holds no table.
    """
    try:
        raw = pyproject.read_bytes()
    except OSError:
        return False
    # NULs dropped: the name in UTF-16 or UTF-32 counts too (read() then says the file is not UTF-8).
    if b"ropa-check" not in raw.replace(b"\x00", b""):
        return False
    try:
        data = _parse(_decode(raw))
    except (ValueError, RecursionError):  # not UTF-8, not TOML, or nested too deeply: read() says which
        return True
    tool = data.get("tool")
    return isinstance(tool, dict) and "ropa-check" in tool


def _decode(raw: bytes) -> str:
    """The text of a TOML file, with universal newlines; UnicodeDecodeError when it is not UTF-8."""
    return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _parse(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

    if _last_parsed is not None and _last_parsed[0] == text:
        return _last_parsed[1]
    data: dict[str, Any] = tomllib.loads(text)
    globals()["_last_parsed"] = (text, data)
    return data


#: The last text parsed and what it holds: find() parses a pyproject.toml to see whether it is ours, and
#: read() need not parse it again (50,000 per-file ignores take a second to parse).
_last_parsed: tuple[str, dict[str, Any]] | None = None


def read(path: Path) -> tuple[dict[str, Any], str]:
    """The ropa-check table of ``path`` and the file's text. Raises :class:`ConfigError`."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror or exc}") from exc
    try:
        text = _decode(raw)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ConfigError(
            f"{path}:{line}:{column}: not UTF-8 (byte 0x{raw[exc.start]:02x}); a TOML file must be UTF-8"
        ) from None
    try:
        data = _parse(text)
    except RecursionError:
        raise ConfigError(
            f"{path}:{_deepest(text)}: arrays or tables nested more deeply than ropa-check reads; "
            "a configuration needs only a few levels"
        ) from None
    except ValueError as exc:  # tomllib.TOMLDecodeError
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(
                f"{path}:{_line(text, 'tool', '')}: 'tool' is {_kind(tool)}, not a table, so it holds no "
                "[tool.ropa-check] table"
            )
        table = tool.get("ropa-check", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}:{_line(text, 'ropa-check', 'tool')}: [tool.ropa-check] must be a table")
        return table, text
    return data, text


#: Deeper than this, a line is where a configuration is nested too deeply (none needs more than a few levels).
_DEEP = 100


def _deepest(text: str) -> int:
    """The line where arrays and inline tables first nest :data:`_DEEP` levels (1 when none does).

    Brackets inside strings and comments do not count.
    """
    depth, line, i, n = 0, 1, 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
        elif c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j) and (len(quote) == 3 or text[j] != "\n"):
                j += 2 if c == '"' and text[j] == "\\" else 1
            line += text.count("\n", i, j)
            i = j + len(quote)
            continue
        elif c in "[{":
            depth += 1
            if depth >= _DEEP:
                return line
        elif c in "]}":
            depth -= 1
        i += 1
    return 1


def _kind(value: Any) -> str:
    """What a TOML value is, for a message: ``an integer``, ``a string``."""
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "an array"}
    return names.get(type(value), f"a {type(value).__name__}")


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


def _validate(table: dict[str, Any], path: Path, text: str) -> dict[str, tuple[Any, str]]:
    """Each key's checked value and where it is written (``file:line``)."""
    prefix = TABLE if path.name == "pyproject.toml" else ""
    out: dict[str, tuple[Any, str]] = {}
    for key, value in table.items():
        where = f"{path}:{_line(text, key, prefix)}"
        if key not in KEYS:
            hint = did_you_mean(key, KEYS, cutoff=0.5) or f" (known keys: {', '.join(KEYS)})"
            raise ConfigError(f"{where}: unknown key '{key}'{hint}")
        try:
            out[KEYS[key]] = (_value(key, value), where)
        except ValueError as exc:
            raise ConfigError(f"{where}: '{key}' {exc}") from None
    return out


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"must be a list of strings, not {_shown(value)}")
    return tuple(value)


def _shown(value: Any, limit: int = 100) -> str:
    """A value as TOML-ish JSON for a message, cut to ``limit`` characters (it may be huge or deeply nested)."""
    try:
        text = json.dumps(value, default=str, ensure_ascii=False)
    except (RecursionError, ValueError):
        text = _kind(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _paths(value: Any) -> tuple[str, ...]:
    paths = _strings(value)
    for path in paths:
        if "\x00" in path:
            raise ValueError(f"holds {_shown(path)}, which contains a NUL byte: no file can be named so")
    return paths


def _number(value: Any, *, integer: bool, least: float) -> Any:
    kinds = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds) or not value >= least:
        what = "a whole number" if integer else "a number of seconds"
        raise ValueError(f"must be {what} of at least {least:g}, not {_shown(value)}")
    return value


def _codes(value: Any) -> tuple[str, ...]:
    try:
        return selection.parse(_strings(value))
    except selection.SelectorError as exc:
        raise ValueError(str(exc)) from None


def _value(key: str, value: Any) -> Any:
    if key in ("paths", "policies"):
        return _paths(value)
    if key in ("packs", "plugins"):
        return _strings(value)
    if key == "plugin-timeout":
        return float(_number(value, integer=False, least=0))
    if key == "max-findings-per-rule":
        return _number(value, integer=True, least=1)
    if key in ("select", "ignore", "extend-select"):
        return _codes(value)
    if key == "exit-zero":
        if not isinstance(value, bool):
            raise ValueError(f"must be true or false, not {value!r}")
        return value
    if key == "fail-on":
        return severity(value)
    if key == "per-file-ignores":
        if not isinstance(value, dict):
            raise ValueError('must be a table of glob = ["CODE", ...]')
        return tuple((str(glob), _codes(codes)) for glob, codes in value.items())
    if key == "severity":
        if not isinstance(value, dict):
            raise ValueError('must be a table of CODE = "error" | "warning" | "info"')
        return _severities(value)
    raise AssertionError(key)


def severity(value: Any) -> Severity:
    """A severity name as a :class:`Severity`; ValueError naming the allowed ones."""
    if value not in SEVERITIES:
        raise ValueError(f"must be one of {', '.join(SEVERITIES)}, not {value!r}")
    return Severity(value)


def _severities(value: dict[str, Any]) -> Mapping[str, Severity]:
    from ropa_check.input_errors import INPUT_CODES

    out: dict[str, Severity] = {}
    for code, level in value.items():
        upper = code.strip().upper()
        if not selection.is_selector(upper) or upper == "ALL":
            raise ValueError(f"names '{code}', which is not a rule code or prefix")
        if any(c.startswith(upper) for c in INPUT_CODES):
            raise ValueError(f"cannot change {upper}: input errors always stop the check (exit status 2)")
        if level not in SEVERITIES:
            raise ValueError(f"of {upper} must be one of {', '.join(SEVERITIES)}, not {level!r}")
        out[upper] = Severity(level)
    return MappingProxyType(out)


def date(value: str) -> dt.date:
    """An ISO date (``2027-06-30``); ValueError otherwise."""
    try:
        if re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise ValueError(f"'{value}' is not a date such as 2027-06-30")


# --------------------------------------------------------------- resolving


def resolve(
    overrides: Mapping[str, Any] | None = None,
    *,
    cwd: Path | None = None,
    config: str | None = None,
    isolated: bool = False,
    source: str = COMMAND_LINE,
) -> Options:
    """The options of a run: defaults, then the configuration file, then ``overrides``.

    ``overrides`` maps :class:`~ropa_check.options.Options` field names to values
    already checked by their front end (the command line, pytest's ini options);
    None values are skipped. ``config`` names the file to read (else the closest
    one is found, unless ``isolated``). Raises :class:`ConfigError`.
    """
    here = Path.cwd() if cwd is None else cwd
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    root, config_file = str(here), None
    path: Path | None = None
    if config:
        path = Path(config)
        if not path.is_file():
            raise ConfigError(f"{path}: configuration file does not exist")
    elif not isolated:
        path = find(here)
    if path is not None:
        table, text = read(path)
        config_file, root = str(path), str(path.parent)
        for name, (value, where) in _validate(table, path, text).items():
            if name in ("paths", "policies"):
                # Paths in the file are relative to it, wherever ropa-check runs.
                value = tuple(os.path.relpath(path.parent / p, here) if not os.path.isabs(p) else p for p in value)
            values[name], sources[name] = value, where
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name], sources[name] = value, source
    _run_options(values, sources)
    return Options(**values, root=root, config_file=config_file, sources=MappingProxyType(sources))


def _run_options(values: dict[str, Any], sources: dict[str, str]) -> None:
    """Values that come from the environment when not given: ``today``, ``diff_base=auto``."""
    if "today" not in values and os.environ.get("ROPA_CHECK_TODAY"):
        try:
            values["today"] = date(os.environ["ROPA_CHECK_TODAY"])
        except ValueError as exc:
            raise ConfigError(f"ROPA_CHECK_TODAY: {exc}") from None
        sources["today"] = "environment (ROPA_CHECK_TODAY)"
    if values.get("diff_base") == "auto":
        # In a GitHub pull request, the branch it targets; elsewhere nothing to compare with.
        ref = os.environ.get("GITHUB_BASE_REF", "").strip() or None
        values["diff_base"] = ref
        sources["diff_base"] = f"{sources['diff_base']} (auto: GITHUB_BASE_REF={ref or 'unset'})"


def show(options: Options, plugins: list[str]) -> str:
    """``--show-settings``: one line per setting, ``name = value  # source``, and the loaded plugins."""
    import dataclasses

    config_file = options.config_file
    lines = [f"config-file = {json.dumps(config_file)}  # {'found' if config_file else 'none found'}"]
    rows: list[tuple[str, Any, str]] = []
    for f in dataclasses.fields(options):
        if f.name in ("root", "config_file", "sources"):
            continue
        rows.append((f.name.replace("_", "-"), _plain(getattr(options, f.name)), options.source(f.name)))
    rows.append(("loaded-plugins", plugins, "plugin manager"))
    width = max(len(name) for name, _, _ in rows)
    for name, value, where in rows:
        lines.append(f"{name:<{width}} = {json.dumps(value, ensure_ascii=False)}  # {where}")
    return "\n".join(lines) + "\n"


def _plain(value: Any) -> Any:
    """A setting as JSON shows it."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Severity):
        return str(value)
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple) and value and all(isinstance(v, tuple) for v in value):
        return {glob: list(codes) for glob, codes in value}  # per-file ignores
    if isinstance(value, tuple):
        return list(value)
    return value


__all__ = ["ConfigError", "date", "find", "read", "resolve", "severity", "show"]
