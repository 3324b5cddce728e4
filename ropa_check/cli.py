"""The command line: ``ropa-check [check] PATHS``, ``rules``, ``rule CODE``, ``schema``, ``vocabularies``.

Exit status, decided in one place (:func:`exit_status`) for a check and here for the rest:

- 0: no finding at or above the failure threshold;
- 1: findings at or above the threshold (``--fail-on``, default ``error``);
- 2: the input could not be read or checked, a plugin failed, or a usage error;
- 3: an internal error, a bug in ropa-check or in a plugin (``--debug`` shows the traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, cast

from ropa_check import __version__
from ropa_check.options import MAX_FINDINGS_PER_RULE, PLUGIN_TIMEOUT, SEVERITIES, UsageError
from ropa_check.reporters.escape import shown
from ropa_check.result import EXIT_CLEAN, EXIT_INPUT, EXIT_INTERNAL, exit_status
from ropa_check.suggest import nearest

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from ropa_check.options import Options
    from ropa_check.plugins import Plugins, RegisteredRule

#: Commands that live in a module of their own, each with ``SUMMARY``, ``add_arguments(parser)`` and
#: ``run(args, out) -> int``. The modules import only argparse at start-up; the work is imported in ``run``.
MODULE_COMMANDS = {
    "render": "ropa_check.render.command",
    "export": "ropa_check.export.command",
    "import": "ropa_check.importing.command",
    "diff": "ropa_check.changes.command",
    "test-policies": "ropa_check.policies.command",
    "init": "ropa_check.starter.command",
}
COMMANDS = ("check", "rules", "rule", "schema", "vocabularies", *MODULE_COMMANDS)
EXIT_STATUSES = """exit status:
  0  no finding at or above the failure threshold
  1  findings at or above the failure threshold (--fail-on, default error)
  2  the input could not be read or checked, a plugin failed, or a usage error
  3  an internal error: a bug in ropa-check or a plugin (--debug shows the traceback)
130  interrupted (Ctrl-C)"""
#: Set to show the traceback of an internal error, as ``--debug`` does.
DEBUG_VARIABLE = "ROPA_CHECK_DEBUG"


class ArgumentParser(argparse.ArgumentParser):
    """argparse, naming the nearest known option for a misspelt one (``--quite`` -> ``--quiet``)."""

    def error(self, message: str) -> NoReturn:
        prefix = "unrecognized arguments: "
        if message.startswith(prefix):
            wrong = message[len(prefix) :].split()[0]
            close = nearest(wrong.split("=")[0], self._option_string_actions, cutoff=0.5)
            if wrong.startswith("-") and close is not None:
                message += f"; did you mean '{close}'?"
        super().error(shown(message))  # argparse echoes the arguments, which may hold anything

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse ignores a failed write; help that could not be written must not exit 0 as if it had been.
        if message:
            stream = file or sys.stderr
            (_Stdout(cast(TextIO, stream)) if stream is sys.stdout else stream).write(message)


class _VersionAction(argparse.Action):
    """``--version``: ropa-check's version and each installed rule pack's distribution (flake8's way)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from ropa_check.plugins import PluginError, get_plugin_manager, plugin_versions

        try:
            packs = ", ".join(
                f"{name}: {dist} {version}" for name, dist, version in plugin_versions(get_plugin_manager())
            )
        except PluginError as exc:
            packs = f"(cannot load plugins: {exc})"
        _Stdout(sys.stdout).write(f"ropa-check {__version__}\nrule packs: {packs or 'none'}\n")
        parser.exit()


def _selectors(value: str) -> tuple[str, ...]:
    from ropa_check.selection import SelectorError, parse

    try:
        return parse([value])
    except SelectorError as exc:
        raise argparse.ArgumentTypeError(f"'{value}' {exc}") from None


def _names(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of seconds (0: no limit)")
    return seconds


def _count(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number of at least 1")
    return count


def _date(value: str) -> Any:
    from ropa_check.config import date

    try:
        return date(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser(name: str | None = None) -> ArgumentParser:
    """The parser of command ``name``, each with its own help; None: the top level (``--help``, ``--version``).

    Only the one parser a run needs is built: a command module is imported only when it runs.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--debug", action="store_true", help=f"show the traceback of an internal error (${DEBUG_VARIABLE}=1)"
    )
    if name is None:
        top = ArgumentParser(
            prog="ropa-check",
            description="Check GDPR Art. 30 records of processing activities (RoPA) kept as YAML or JSON.",
            epilog="commands:\n"
            "  check          check a record (the default: `ropa-check PATH` is `ropa-check check PATH`)\n"
            "  rules          list the rules\n"
            "  rule CODE      explain one rule\n"
            "  schema         print the record format's JSON Schema\n"
            "  vocabularies   list the known tags\n"
            "  render         the record as an HTML or Markdown document, with its findings\n"
            "  export         the record in a regulator's spreadsheet layout (ICO, SKR, CNIL)\n"
            "  import         a record from a spreadsheet or Fides manifests\n"
            "  diff           what a change does to the processing, with its risks and findings\n"
            "  test-policies  run the organisation's policies against their own cases\n"
            "  init           start a record\n\n"
            "`ropa-check COMMAND --help` shows a command's options.\n\n" + EXIT_STATUSES,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            parents=[common],
        )
        top.add_argument("--version", action=_VersionAction, nargs=0, help="show the version and the loaded rule packs")
        top.add_argument("command", nargs="?", choices=COMMANDS, help=argparse.SUPPRESS)
        return top

    def command(description: str) -> ArgumentParser:
        return ArgumentParser(
            prog=f"ropa-check {name}",
            description=description,
            epilog=EXIT_STATUSES,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            parents=[common],
        )

    if name == "check":
        return _check_parser(command("Check a record: files or folders of YAML or JSON record files."))
    if name in MODULE_COMMANDS:
        command_module = importlib.import_module(MODULE_COMMANDS[name])
        parser = command(command_module.DESCRIPTION)
        command_module.add_arguments(parser)
        return parser
    if name == "rules":
        parser = command("List the rules: code, severity, name, summary.")
        parser.add_argument("--select", type=_selectors, action="extend", default=[], help="codes or prefixes to list")
        parser.add_argument(
            "--ignore", type=_selectors, action="extend", default=[], help="codes or prefixes to leave out"
        )
    elif name == "rule":
        parser = command("Explain one rule: what it checks and why, its legal references, how to fix.")
        parser.add_argument("code", help="a rule code, e.g. RPA401")
    elif name == "schema":
        parser = command(
            "Print the record format's JSON Schema. Inside a project (a configuration, or its record folder "
            "'records' or the configured 'paths'), the installed rule packs' tags and those the record's files "
            "declare under `vocabularies:` are offered too."
        )
        parser.add_argument(
            "--no-project",
            action="store_true",
            help="print the published schema, with the shipped tags only (schemas/ropa-record.schema.json)",
        )
        return parser
    elif name == "vocabularies":
        parser = command("List the known tags of each controlled vocabulary.")
    else:
        raise ValueError(f"no command {name!r}")
    parser.add_argument("--output-format", choices=("text", "json"), default="text")
    return parser


def _check_parser(check: ArgumentParser) -> ArgumentParser:
    from ropa_check.reporters import NAMES as OUTPUT_FORMATS

    check.add_argument(
        "paths", nargs="*", default=None, help="record files or folders (default: config 'paths', else records)"
    )
    check.add_argument("--select", type=_selectors, action="extend", default=None, help="codes or prefixes to run")
    check.add_argument("--ignore", type=_selectors, action="extend", default=None, help="codes or prefixes to skip")
    check.add_argument(
        "--extend-select", type=_selectors, action="extend", default=None, help="codes or prefixes to add"
    )
    check.add_argument(
        "--output-format",
        choices=OUTPUT_FORMATS,
        default=None,
        help="how findings are printed (default: $ROPA_CHECK_OUTPUT_FORMAT, else github when GITHUB_ACTIONS=true, "
        "else full)",
    )
    check.add_argument(
        "-o",
        "--output",
        action="append",
        default=[],
        metavar="FORMAT[=FILE]",
        help="add a report, to FILE or stdout; repeatable: -o sarif=ropa.sarif -o junit=ropa.xml -o full",
    )
    check.add_argument("--statistics", action="store_true", help="print how often each rule fired (count  CODE  name)")
    check.add_argument("-q", "--quiet", action="store_true", help="print only the summary line (and the exit status)")
    check.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        default=None,
        help="lowest severity that makes the exit status 1 (default: config 'fail-on', else error)",
    )
    check.add_argument(
        "--exit-zero",
        action="store_true",
        default=None,
        help="exit 0 even with findings (unreadable or invalid input still exits 2)",
    )
    check.add_argument(
        "--only-record-files",
        action="store_true",
        default=None,
        help="check only the given files that lie under the configured paths (for pre-commit, which passes "
        "every changed YAML and JSON file)",
    )
    group = check.add_argument_group("configuration, waivers and baselines")
    group.add_argument("--config", metavar="FILE", help="configuration file (default: the closest one)")
    group.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    group.add_argument("--show-settings", action="store_true", help="print the effective settings and their sources")
    group.add_argument("--packs", type=_names, default=None, help="comma-separated rule packs to load (default: all)")
    group.add_argument(
        "--disable-plugin", type=_names, action="extend", default=None, dest="plugins", help="plugins not to load"
    )
    group.add_argument(
        "--plugin-timeout",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="seconds one call into a plugin (an import, a hook, a rule on one item) may run before it is stopped "
        f"as a plugin failure; 0: no limit (default: config 'plugin-timeout', else {PLUGIN_TIMEOUT:g})",
    )
    group.add_argument(
        "--max-findings-per-rule",
        type=_count,
        default=None,
        metavar="N",
        help="findings one rule may yield for one item before it is stopped as a plugin failure "
        f"(default: config 'max-findings-per-rule', else {MAX_FINDINGS_PER_RULE})",
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
    return check


def _command_of(args: list[str]) -> tuple[str | None, list[str]]:
    """Split off the command; ``check`` when the arguments start with a path or an option of ``check``.

    Raises :class:`UsageError` for a word that is neither a command nor an existing path
    (``ropa-check lint``): read as a path, it would be reported as a missing record.
    """
    if not args:
        return "check", []
    first = args[0]
    if first in COMMANDS:
        return first, args[1:]
    if first in ("-h", "--help", "--version"):
        return None, args
    if first.startswith("-") or os.path.exists(first):
        return "check", args
    close = nearest(first, COMMANDS, cutoff=0.6)
    if close is not None or not any(c in first for c in "/\\."):
        hint = f"; did you mean '{close}'?" if close else ""
        raise UsageError(
            f"'{shown(first)}' is neither a command ({', '.join(COMMANDS)}) nor an existing path{hint} "
            "(`ropa-check --help` lists the commands)"
        )
    return "check", args


def main(argv: Sequence[str] | None = None) -> int:
    """Run ropa-check; return the exit status (see the module docs: 0, 1, 2 or 3)."""
    args = list(sys.argv[1:] if argv is None else argv)
    # --debug may stand anywhere (`ropa-check --debug check records`): taken out before the command is read.
    debug = "--debug" in args or bool(os.environ.get(DEBUG_VARIABLE))
    args = [a for a in args if a != "--debug"]
    if sys.stdout is None:  # started with standard output closed (`ropa-check records >&-`)
        if sys.stderr is not None:
            print("ropa-check: error: standard output is closed; nothing could be reported", file=sys.stderr)
        return EXIT_INPUT
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        # File names that are not UTF-8 reach us as surrogates; show their bytes as \xNN, never crash.
        reconfigure(errors="backslashreplace")
    try:
        try:
            name, rest = _command_of(args)
            parsed = build_parser(name).parse_args(rest)
        except SystemExit as exc:  # argparse has reported a usage error (2), or printed help (0)
            _flush_stdout()
            return int(exc.code or 0)
        try:
            status = _dispatch(name or "check", parsed, cast("TextIO", _Stdout(sys.stdout)))
        except SystemExit as exc:
            # Nothing of ropa-check's exits from a command: plugin code did, outside the calls that catch it.
            whose = _culprit(exc)
            print(
                f"ropa-check: error: {'plugin code' if whose is None else f'the plugin module {whose!r}'} called "
                f"sys.exit({exc.code!r}); the check did not finish",
                file=sys.stderr,
            )
            return EXIT_INPUT
        _flush_stdout()
        return status
    except UsageError as exc:
        print(f"ropa-check: error: {shown(str(exc))}", file=sys.stderr)
        return EXIT_INPUT
    except _OutputFailed as exc:
        print(f"ropa-check: error: cannot write to standard output: {exc}; the report is incomplete", file=sys.stderr)
        _silence_stdout()  # and Python's own flush at exit must not fail again, with a traceback
        return EXIT_INPUT
    except BrokenPipeError:  # listings (`ropa-check rules | head`) have no verdict to keep
        _silence_stdout()
        return EXIT_CLEAN
    except KeyboardInterrupt:
        return _interrupted(process=argv is None)
    except Exception as exc:
        return _internal_error(exc, debug)


class _OutputFailed(Exception):
    """Standard output cannot be written (a full disk, an I/O error): exit status 2, never a traceback."""


class _Stdout:
    """Standard output for the commands: a failed write is an :class:`_OutputFailed`, not an internal error.

    A closed pipe stays a ``BrokenPipeError`` (the reader stopped early: see :func:`_check`).
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _OutputFailed(exc.strerror or str(exc)) from exc

    def flush(self) -> None:
        _flush_stdout(self._stream)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _flush_stdout(stream: TextIO | None = None) -> None:
    try:
        (stream or sys.stdout).flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _OutputFailed(exc.strerror or str(exc)) from exc


def _interrupted(*, process: bool) -> int:
    """Ctrl-C: exit status 130 at once.

    Run as the program (``process``), exit without freeing a large record
    object by object (seconds for 10,000 activities): the operating system
    takes the memory back at once. What the interrupted run had buffered for
    standard output is not written: it would be a truncated report. Called as
    a function (tests, embedding programs), return 130 as usual.
    """
    with contextlib.suppress(OSError, ValueError):
        print("ropa-check: interrupted", file=sys.stderr, flush=True)
    if process:
        os._exit(130)
    return 130


def _internal_error(exc: Exception, debug: bool) -> int:
    """Exit status 3 with one line saying whose bug it is; the traceback only when asked for."""
    import traceback

    culprit = _culprit(exc)
    whose = "ropa-check" if culprit is None else f"the plugin module '{culprit}'"
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    how = "" if debug else f"; run again with --debug (or {DEBUG_VARIABLE}=1) to see the traceback"
    message = shown(f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__)
    print(f"ropa-check: internal error: {message}. This is a bug in {whose}; please report it{how}.", file=sys.stderr)
    return EXIT_INTERNAL


#: Packages whose frames do not say whose bug it is: they only carry the call.
_CARRIERS = frozenset({"pluggy", "yaml", "_yaml", "pydantic", "pydantic_core", "tomli", "typing_extensions"})


def _culprit(exc: BaseException) -> str | None:
    """The module of a plugin where ``exc`` was raised, or None when it was raised in ropa-check."""
    import traceback

    stdlib: frozenset[str] = getattr(sys, "stdlib_module_names", frozenset())
    for frame, _ in reversed(list(traceback.walk_tb(exc.__traceback__))):
        module = str(frame.f_globals.get("__name__", ""))
        top = module.split(".")[0]
        if top == "ropa_check":
            return None
        if top and top not in stdlib and top not in _CARRIERS and top != "__main__":
            return module
    return None


def _silence_stdout() -> None:
    """Point stdout at the null device, so that Python's final flush does not fail on the closed pipe."""
    try:
        fileno = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (captured output)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fileno)
    os.close(devnull)


def _dispatch(command: str, args: argparse.Namespace, out: TextIO) -> int:
    from ropa_check.plugins import PluginError

    try:
        if command == "check":
            return _check(args, out)
        if command == "rules":
            return _rules(args, out)
        if command == "rule":
            return _rule(args, out)
        if command == "schema":
            from ropa_check.format import schema

            out.write(schema.render() if args.no_project else schema.render(_project_vocabularies()))
            return EXIT_CLEAN
        if command == "vocabularies":
            return _vocabularies(out, args.output_format)
        if command in MODULE_COMMANDS:
            run: Any = importlib.import_module(MODULE_COMMANDS[command]).run
            return int(run(args, out))
    except PluginError as exc:
        print(f"ropa-check: error: {shown(str(exc))}", file=sys.stderr)
        return EXIT_INPUT
    raise AssertionError(f"command {command} did not return an exit status")


def options_from(args: argparse.Namespace) -> Options:
    """The options of a check: the configuration file, with the command line over it."""
    from ropa_check import config

    overrides = {
        # With --only-record-files the arguments are candidates, filtered by the configured paths.
        "paths": tuple(args.paths) if args.paths and not args.only_record_files else None,
        "select": args.select,
        "ignore": args.ignore,
        "extend_select": args.extend_select,
        "fail_on": config.severity(args.fail_on) if args.fail_on else None,
        "exit_zero": args.exit_zero,
        "packs": args.packs,
        "plugins": args.plugins,
        "today": args.today,
        "waivers": False if args.no_waivers else None,
        "baseline": args.baseline,
        "create_baseline": args.create_baseline,
        "diff_base": args.diff_base,
        "only_record_files": args.only_record_files,
        "plugin_timeout": args.plugin_timeout,
        "max_findings_per_rule": args.max_findings_per_rule,
    }
    return config.resolve(overrides, config=args.config, isolated=args.isolated)


def _check(args: argparse.Namespace, out: TextIO) -> int:
    from ropa_check import config, plugins, selection
    from ropa_check.pipeline import check_paths
    from ropa_check.reporters import outputs

    chosen = outputs.choose(args.output, args.output_format, statistics=args.statistics, quiet=args.quiet)
    options = options_from(args)
    loaded = plugins.load(options)
    if args.show_settings:
        out.write(config.show(options, loaded.names()))
        return EXIT_CLEAN
    rules = selection.selected_rules(loaded.rules, options)
    paths = list(options.paths)
    from ropa_check.files import record_roots

    # One run: the pre-commit filter and the check share the record-root probes of each folder and file.
    with record_roots.one_run():
        if options.only_record_files:
            paths = _within(args.paths or (), options.paths)
            if not paths:
                out.write(
                    f"No record files among the {len(args.paths or ())} files given "
                    f"(paths: {shown(', '.join(options.paths))}).\n"
                )
                return EXIT_CLEAN
        result = check_paths(paths, rules, loaded.vocabularies, options, known=loaded.codes)
        # Every output is refused before anything is written: a refused -o leaves no baseline behind.
        outputs.check_targets(chosen, [*result.files, *paths])
    if options.create_baseline and not result.input_failed:
        from ropa_check.suppress import baseline

        count = baseline.write(result.active, options.create_baseline, [*result.files, *paths])
        print(f"ropa-check: wrote {count} findings to baseline {shown(options.create_baseline)}", file=sys.stderr)
    try:
        outputs.write(result, chosen, out, color=_color(out))
        out.flush()
    except BrokenPipeError:
        # The reader stopped early (`ropa-check records | head`); the verdict stands, so that
        # `set -o pipefail` still sees the findings.
        _silence_stdout()
    worst = max((f.severity.rank for f in result.active), default=None)
    return exit_status(
        input_failed=result.input_failed,
        worst=worst,
        fail_on=str(options.fail_on),
        exit_zero=options.exit_zero,
    )


def _within(given: Sequence[str], configured: Sequence[str]) -> list[str]:
    """The given files that belong to a record (``--only-record-files``), for pre-commit's changed files.

    A file belongs when it lies under a configured record path, or when it is a
    record file (by its top-level keys) inside a record found around it (a
    project that still narrows the hook with ``files:`` and sets no ``paths``).
    Dot-files and files in dot-folders never do, as in a folder walk (a baseline
    in ``records/.ropa-check/`` is not a record file).
    """
    from pathlib import Path

    from ropa_check.files.discover import inside
    from ropa_check.files.record_roots import looks_like_record, record_root

    roots = [os.path.abspath(p) for p in configured]
    kept = []
    for raw in given:
        path = os.path.abspath(raw)
        if any(part.startswith(".") and part not in (".", "..") for part in Path(os.path.relpath(path)).parts):
            continue
        within = any(inside(path, root) for root in roots)
        if within or (os.path.isfile(raw) and record_root(Path(raw)) is not None and looks_like_record(Path(raw))):
            kept.append(raw)
    return kept


def _color(out: TextIO) -> bool:
    """Colour on a terminal; ``NO_COLOR`` turns it off and ``FORCE_COLOR`` on (no-color.org, force-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def _configured_plugins() -> Plugins:
    """The plugins the configuration asks for (``packs``, ``plugins``), for the listing commands."""
    from ropa_check import config, plugins

    return plugins.load(config.resolve())


def _project_vocabularies() -> list[Mapping[str, Mapping[str, str]]]:
    """The vocabularies of the project ``schema`` runs in: its packs', then its record files' ``vocabularies:``.

    None outside a project (no configuration, none of the record paths there). A
    file that does not load adds no tags and one warning: the schema is still printed.
    """
    from ropa_check import config, loader, plugins, validate
    from ropa_check.files.discover import discover

    options = config.resolve()
    if options.config_file is None and not any(os.path.exists(p) for p in options.paths):
        return []
    found: list[Mapping[str, Mapping[str, str]]] = list(plugins.load(options).vocabularies)
    files, _unreadable = discover(p for p in options.paths if os.path.exists(p))
    for path in files:
        doc, problems = loader.load(path)
        model = None
        if doc is not None and not problems:
            model, problems = validate.validate(doc)
        if model is None:
            first = problems[0] if problems else None
            where = f"{first.file}:{first.line}: {first.message}" if first else str(path)
            print(f"ropa-check: warning: {shown(where)}; its tags are left out of the schema", file=sys.stderr)
        elif model.vocabularies is not None:
            own = model.vocabularies
            found.append({name: dict(getattr(own, name)) for name in ("purpose", "data_subject", "data_category")})
    return found


def _listed(args: argparse.Namespace) -> list[RegisteredRule]:
    from ropa_check import selection

    registered = _configured_plugins().rules
    known = [r.rule.code for r in registered]
    selection.check_known(args.select, known, "--select")
    selection.check_known(args.ignore, known, "--ignore")
    return [r for r in registered if selection.is_selected(r.rule.code, args.select or ("ALL",), args.ignore)]


def _rules(args: argparse.Namespace, out: TextIO) -> int:
    from ropa_check import explain

    registered = _listed(args)
    if args.output_format == "json":
        out.write(explain.rules_json(registered) + "\n")
        return EXIT_CLEAN
    for r in registered:
        out.write(explain.rule_line(r.rule, r.plugin) + "\n")
    return EXIT_CLEAN


def _rule(args: argparse.Namespace, out: TextIO) -> int:
    from ropa_check import explain

    wanted = args.code.strip().upper()
    registered = _configured_plugins().rules
    for r in registered:
        if r.rule.code == wanted:
            out.write((explain.rule_json(r) if args.output_format == "json" else explain.rule_text(r)) + "\n")
            return EXIT_CLEAN
    close = nearest(wanted, [r.rule.code for r in registered], cutoff=0.5)
    hint = f"did you mean '{close}'? " if close else ""
    raise UsageError(f"no rule {wanted!r}; {hint}`ropa-check rules` lists them")


def _vocabularies(out: TextIO, output_format: str) -> int:
    import json

    from ropa_check.vocabularies import shipped

    vocab = {name: dict(tags) for name, tags in shipped().items()}
    for extra in _configured_plugins().vocabularies:
        for name, tags in extra.items():
            vocab.setdefault(name, {}).update(tags)
    if output_format == "json":
        out.write(json.dumps(vocab, indent=2, ensure_ascii=False) + "\n")
        return EXIT_CLEAN
    for name, tags in vocab.items():
        out.write(f"{name}:\n")
        for tag, description in tags.items():
            out.write(f"  {tag:<40} {description}\n")
    return EXIT_CLEAN
