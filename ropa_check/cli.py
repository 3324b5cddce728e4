"""The command line: ``ropa-check [check] PATHS``, ``rules``, ``rule CODE``, ``schema``, ``vocabularies``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from ropa_check import __version__

if TYPE_CHECKING:
    from ropa_check.plugins import RegisteredRule

COMMANDS = ("check", "rules", "rule", "schema", "vocabularies")
SEVERITIES = ("error", "warning", "info")


def _codes(value: str) -> list[str]:
    return [part.strip().upper() for part in value.split(",") if part.strip()]


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
        sys.stdout.write(f"ropa-check {__version__}\nrule packs: {packs or 'none'}\n")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ropa-check",
        description="Check GDPR Art. 30 records of processing activities (RoPA) kept as YAML or JSON.",
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="show the version and the loaded rule packs")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check a record (the default command)")
    check.add_argument(
        "paths", nargs="*", default=None, help="record files or folders (default: config 'paths', else records)"
    )
    check.add_argument("--select", type=_codes, action="extend", default=[], help="codes or prefixes to run")
    check.add_argument("--ignore", type=_codes, action="extend", default=[], help="codes or prefixes to skip")
    from ropa_check.reporters import NAMES as OUTPUT_FORMATS

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
    check.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        default=None,
        help="lowest severity that makes the exit status 1 (default: config 'fail-on', else error)",
    )
    check.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even with findings (unreadable or invalid input still exits 2)",
    )
    from ropa_check import config

    config.add_arguments(check)

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--output-format", choices=("text", "json"), default="text")
    rule = sub.add_parser("rule", help="explain one rule")
    rule.add_argument("code")
    rule.add_argument("--output-format", choices=("text", "json"), default="text")
    sub.add_parser("schema", help="print the record format's JSON Schema")
    vocab = sub.add_parser("vocabularies", help="list the known tags")
    vocab.add_argument("--output-format", choices=("text", "json"), default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ropa-check; return the exit status (0 clean, 1 findings, 2 input or usage error)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")):
        args_list.insert(0, "check")
    try:
        args = build_parser().parse_args(args_list)
    except SystemExit as exc:  # argparse reports usage errors itself, with status 2
        return int(exc.code or 0)
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        # File names that are not UTF-8 reach us as surrogates; show their bytes as \xNN, never crash.
        reconfigure(errors="backslashreplace")
    try:
        return _dispatch(args, sys.stdout)
    except BrokenPipeError:  # listings (`ropa-check rules | head`) have no verdict to keep
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130


def _silence_stdout() -> None:
    """Point stdout at the null device, so that Python's final flush does not fail on the closed pipe."""
    try:
        fileno = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (captured output)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fileno)
    os.close(devnull)


def _dispatch(args: argparse.Namespace, out: TextIO) -> int:
    from ropa_check.plugins import PluginError

    try:
        if args.command == "check":
            return _check(args, out)
        if args.command == "rules":
            return _rules(args, out)
        if args.command == "rule":
            return _rule(args, out)
        if args.command == "schema":
            from ropa_check import schema

            out.write(schema.render())
            return 0
        if args.command == "vocabularies":
            return _vocabularies(args, out)
    except PluginError as exc:
        print(f"ropa-check: error: {exc}", file=sys.stderr)
        return 2
    raise AssertionError(f"command {args.command} did not return an exit status")


def exit_status(*, input_failed: bool, worst: int | None, fail_on: str, exit_zero: bool) -> int:
    """The one place that decides the exit status of a check.

    ``worst`` is the highest severity rank found (None when clean). Input that
    could not be checked is 2 whatever else is asked: it must never look clean.
    """
    if input_failed:
        return 2
    if exit_zero or worst is None:
        return 0
    return 1 if worst >= SEVERITIES[::-1].index(fail_on) else 0


def _check(args: argparse.Namespace, out: TextIO) -> int:
    from ropa_check.checker import check_paths
    from ropa_check.plugins import collect_rules, collect_vocabularies, get_plugin_manager
    from ropa_check.reporters import outputs
    from ropa_check.selection import is_selected

    try:
        chosen = outputs.choose(args.output, args.output_format, statistics=args.statistics)
    except outputs.OutputError as exc:
        print(f"ropa-check: error: {exc}", file=sys.stderr)
        return 2
    from ropa_check import config
    from ropa_check.check_options import OptionsError

    try:
        settings = config.resolve(args)
    except config.ConfigError as exc:
        print(f"ropa-check: error: {exc}", file=sys.stderr)
        return 2
    pm = get_plugin_manager(blocked=settings["plugins"], packs=settings["packs"])
    if args.show_settings:
        settings.set("loaded-plugins", sorted(n for n, p in pm.list_name_plugin() if p is not None), "plugin manager")
        out.write(settings.show())
        return 0
    rules = [r for r in collect_rules(pm) if is_selected(r.rule.code, settings.select, settings["ignore"])]
    try:
        result = check_paths(settings["paths"], rules, collect_vocabularies(pm), settings.options())
    except OptionsError as exc:
        print(f"ropa-check: error: {exc}", file=sys.stderr)
        return 2
    if settings["create-baseline"] and not result.input_failed:
        from ropa_check import baseline

        try:
            count = baseline.write(result.active, settings["create-baseline"], [*result.files, *settings["paths"]])
        except (OptionsError, OSError) as exc:
            print(f"ropa-check: error: {exc}", file=sys.stderr)
            return 2
        print(f"ropa-check: wrote {count} findings to baseline {settings['create-baseline']}", file=sys.stderr)
    try:
        outputs.check_targets(chosen, [*result.files, *settings["paths"]])
        outputs.write(result, chosen, out)
    except outputs.OutputError as exc:
        print(f"ropa-check: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader stopped early (`ropa-check records | head`); the verdict stands, so that
        # `set -o pipefail` still sees the findings.
        _silence_stdout()
    worst = max((f.severity.rank for f in result.active), default=None)
    return exit_status(
        input_failed=result.input_failed,
        worst=worst,
        fail_on=settings["fail-on"],
        exit_zero=settings["exit-zero"],
    )


def _all_rules() -> list[RegisteredRule]:
    from ropa_check.plugins import collect_rules, get_plugin_manager

    return collect_rules(get_plugin_manager())


def _rules(args: argparse.Namespace, out: TextIO) -> int:
    from ropa_check import explain

    registered = _all_rules()
    if args.output_format == "json":
        out.write(explain.rules_json([r.rule for r in registered]) + "\n")
        return 0
    for r in registered:
        out.write(explain.rule_line(r.rule, r.plugin) + "\n")
    return 0


def _rule(args: argparse.Namespace, out: TextIO) -> int:
    from ropa_check import explain

    wanted = args.code.upper()
    for registered in _all_rules():
        if registered.rule.code == wanted:
            text = (
                explain.rule_json(registered.rule)
                if args.output_format == "json"
                else explain.rule_text(registered.rule)
            )
            out.write(text + "\n")
            return 0
    print(f"ropa-check: error: no rule {wanted!r}; `ropa-check rules` lists them", file=sys.stderr)
    return 2


def _vocabularies(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from ropa_check.plugins import collect_vocabularies, get_plugin_manager
    from ropa_check.vocabularies import shipped

    vocab = {name: dict(tags) for name, tags in shipped().items()}
    for extra in collect_vocabularies(get_plugin_manager()):
        for name, tags in extra.items():
            vocab.setdefault(name, {}).update(tags)
    if args.output_format == "json":
        out.write(json.dumps(vocab, indent=2, ensure_ascii=False) + "\n")
        return 0
    for name, tags in vocab.items():
        out.write(f"{name}:\n")
        for tag, description in tags.items():
            out.write(f"  {tag:<40} {description}\n")
    return 0
