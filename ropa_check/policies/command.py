"""The ``test-policies`` command's arguments; the work is imported only when it runs."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

DESCRIPTION = "Run the organisation's policies against the cases that must and must not make them fire."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""
    parser.add_argument("paths", nargs="*", help="policy files or folders (default: the configuration's `policies`)")
    parser.add_argument("--config", metavar="FILE", help="the configuration file (default: found from here up)")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; return the exit status: 0 every case passes, 1 one fails or a policy lacks a case that
    must fire or one that must not, 2 bad input."""
    from ropa_check import config, plugins
    from ropa_check.policies.cases import cases, run_case
    from ropa_check.policies.pack import PolicyError, load_files
    from ropa_check.reporters.escape import line_start, shown

    options = config.resolve(config=args.config)
    paths = list(args.paths) or list(options.policies)
    if not paths:
        print(
            "ropa-check: error: no policy files: name them (`ropa-check test-policies policies/`) or set "
            "`policies` in the configuration",
            file=sys.stderr,
        )
        return 2
    try:
        files = load_files(paths, with_tests=True)
        # Tags that installed packs add are known to cases, as to a check; the policies themselves are not loaded twice.
        vocabularies = plugins.load(options.replace(policies=())).vocabularies
        by_code = {p.rule.code: p for f in files for p in f.policies}
        outcomes = [run_case(case, by_code, vocabularies) for case in cases(files)]
    except PolicyError as exc:
        print(f"ropa-check: error: {shown(str(exc))}", file=sys.stderr)
        return 2
    failed = [o for o in outcomes if not o.passed]
    for outcome in outcomes:
        case = outcome.case
        status = "ok" if outcome.passed else "FAILED"
        what = f"{case.policy} {case.data['expect']}: {case.name}"
        out.write(f"{line_start(shown(case.where))}: {shown(what)} ... {status}\n")
        if not outcome.passed:
            out.write(f"    {shown(outcome.message)}\n")
    # A policy is tested only by a case it must fire on and one it must not: either alone passes a policy
    # that fires everywhere, or one that never does.
    untested = []
    for expect, words in (("fire", "that must fire"), ("pass", "that must not fire")):
        missing = sorted(
            code
            for code in by_code
            if not any(o.case.policy == code and o.case.data["expect"] == expect for o in outcomes)
        )
        if missing:
            untested.append(f"Policies without a case {words}: {', '.join(missing)}")
    for line in untested:
        out.write(line + "\n")
    out.write(
        f"{len(outcomes)} case{'s' * (len(outcomes) != 1)}: {len(outcomes) - len(failed)} passed, "
        f"{len(failed)} failed ({len(by_code)} polic{'y' if len(by_code) == 1 else 'ies'} in {len(files)} "
        f"file{'s' * (len(files) != 1)})\n"
    )
    return 1 if failed or untested else 0
