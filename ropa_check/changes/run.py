"""``ropa-check diff``: resolve the two sides, check each, compare, report, decide the exit status.

Exit status: 0 done; 1 a change has a risk class named by ``--fail-on-risk``;
2 a usage error (an unknown risk class or ref, a shallow clone without the
base, not a repository) or HEAD's record does not load (its load errors are the
report); 3 an internal error.
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Callable
from typing import TextIO

from ropa_check.changes import json_report, markdown, sides, text
from ropa_check.changes.diff import Diff, diff
from ropa_check.options import UsageError
from ropa_check.reporters.escape import shown
from ropa_check.result import EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT

RENDERERS: dict[str, Callable[[Diff, TextIO], None]] = {
    "text": text.render,
    "markdown": markdown.render,
    "json": json_report.render,
}


def diff_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``ropa-check diff`` with parsed ``args``; return the exit status."""
    from ropa_check import config, plugins, selection

    overrides = {
        "paths": tuple(args.record) if args.record else None,
        "packs": tuple(p.strip() for p in args.packs.split(",") if p.strip()) if args.packs else None,
        "today": config.date(args.today) if args.today else None,
    }
    try:
        options = config.resolve(overrides, config=args.config, isolated=args.isolated)
    except ValueError as exc:  # a --today that is not a date
        raise UsageError(str(exc)) from None
    loaded = plugins.load(options)
    rules = selection.selected_rules(loaded.rules, options)
    check = sides.checker(rules, loaded.vocabularies, options, loaded.codes)
    paths = list(options.paths)
    base_dir, head_dir = (a is not None and os.path.isdir(a) for a in (args.base, args.head))
    with contextlib.ExitStack() as stack:
        if base_dir or head_dir:
            if not (base_dir and head_dir):
                raise UsageError(
                    "give two folders, or two git refs: "
                    f"'{shown(args.base or '')}' and '{shown(args.head or '(the working tree)')}' are not both folders"
                )
            base, head = sides.folder(args.base, check), sides.folder(args.head, check)
            checked = [args.base, args.head]
        else:
            if args.base is None:
                commit, how = sides.default_base()
                base_label = f"{how} ({commit[:12]})"
            else:
                commit = sides.commit_of(args.base, "BASE")
                base_label = f"{args.base} ({commit[:12]})"
            head_commit = sides.commit_of(args.head, "HEAD") if args.head is not None else None
            base = stack.enter_context(sides.from_ref(commit, base_label, paths, check))
            if head_commit is None:
                head = sides.working_tree(paths, check)
            else:
                label = f"{args.head} ({head_commit[:12]})"
                head = stack.enter_context(sides.from_ref(head_commit, label, paths, check))
            checked = paths
        result = diff(base, head)
    _write(result, args, out, checked)
    if not result.compared:
        return EXIT_INPUT
    wanted = set(args.fail_on_risk)
    present = {r.name for c in result.changes for r in c.risks}
    if present and ("any" in wanted or wanted & present):
        names = sorted(present if "any" in wanted else wanted & present)
        print(f"ropa-check: the change has risks that need review: {', '.join(names)}", file=err)
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _write(result: Diff, args: argparse.Namespace, out: TextIO, checked: list[str]) -> None:
    render = RENDERERS[args.output_format]
    if args.output is None:
        render(result, out)
        out.flush()
        return
    from ropa_check.files import writing

    why = writing.refusal(args.output, checked)
    if why is not None:
        raise UsageError(f"output file '{args.output}' {why}; choose another name (outside the record's folders)")
    try:
        writing.write_whole(args.output, lambda f: render(result, f), newline="\n")
    except OSError as exc:
        raise UsageError(f"cannot write the diff to '{args.output}': {writing.reason(exc, args.output)}") from None


__all__ = ["diff_command"]
