"""``ropa-check init``: write a starter record whose findings are the to-do list, and the files around it.

The record is checked before it is put in place, with every installed rule:
a starter that does not load would be a bug in ropa-check (exit status 3), and
its findings are counted for the summary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections import Counter
from typing import TextIO

from ropa_check.reporters.escape import shown
from ropa_check.result import Result
from ropa_check.starter import layout, placing, project
from ropa_check.starter.placing import Refused
from ropa_check.starter.text import quoted

_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
LANGUAGE_NAMES = {"sv": "Swedish", "en": "English"}


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Write the starter into ``args.folder``; return the exit status. Raises :class:`Refused`."""
    starter = _starter(args)
    from ropa_check.format import schema

    files = layout.files(starter, schema.render())
    folder = args.folder
    reason = placing.refusal(folder, files, layout.RECORD, force=args.force)
    if reason is not None:
        raise Refused(reason)
    try:
        with placing.staged(folder, files) as staging:
            result = _check(os.path.join(staging, layout.RECORD), starter.today)
            placing.place(staging, folder, files, force=args.force)
    except OSError as exc:
        raise Refused(f"cannot write into '{folder}': {exc.strerror or exc}") from None
    _report(out, folder, starter, files, result)
    return 0


def _starter(args: argparse.Namespace) -> layout.Starter:
    """The starter the arguments ask for. Raises :class:`Refused` for a bad value."""
    if not _COUNTRY.match(args.country):
        raise Refused(f"--country {args.country!r} is not an ISO 3166-1 alpha-2 code (SE, IE, DE...)")
    country = args.country.upper()
    if not args.org.strip():
        raise Refused("--org is empty; give the organisation's name")
    try:
        quoted(args.org)
    except ValueError as exc:
        raise Refused(f"--org: {exc}") from None
    problem = project.problem(args.hook_repo, args.hook_rev)
    if problem is not None:
        raise Refused(problem)
    source = project.Source(args.hook_repo, args.hook_rev) if args.hook_repo else project.installed_from()
    from ropa_check import adequacy

    return layout.Starter(
        org=args.org,
        country=country,
        lang=args.lang or ("sv" if country == "SE" else "en"),
        eea=adequacy.load().in_eea(country),
        today=_today(args.today),
        source=source,
    )


def _today(given: str | None) -> dt.date:
    """``--today``, else ``ROPA_CHECK_TODAY``, else the system date (as a check takes it)."""
    from ropa_check.config import date

    for name, value in (("--today", given), ("ROPA_CHECK_TODAY", os.environ.get("ROPA_CHECK_TODAY"))):
        if value:
            try:
                return date(value)
            except ValueError as exc:
                raise Refused(f"{name}: {exc}") from None
    return dt.date.today()


def _check(record: str, today: dt.date) -> Result:
    """The findings of the starter record at ``record``, by every installed rule."""
    from ropa_check import plugins, selection
    from ropa_check.options import Options
    from ropa_check.pipeline import check_paths

    options = Options(paths=(record,), today=today)
    loaded = plugins.load(options)
    rules = selection.selected_rules(loaded.rules, options)
    result = check_paths([record], rules, loaded.vocabularies, options, known=loaded.codes)
    if result.input_failed:
        first = next(f for f in result.findings if f.code.startswith("RPA0"))
        raise AssertionError(f"the starter record does not load: {first.code} {first.message}")
    return result


def _report(out: TextIO, folder: str, starter: layout.Starter, files: dict[str, str], result: Result) -> None:
    """Say what was written, how many findings the to-do list has, and what is left to fill in."""
    language = LANGUAGE_NAMES[starter.lang]
    out.write(f"Wrote a starter record for {shown(starter.org)} ({starter.country}, comments in {language}):\n")
    for relative in files:
        out.write(f"  {shown(os.path.normpath(os.path.join(folder, relative)))}\n")
    counts = Counter(str(f.severity) for f in result.active)
    parts = ", ".join(
        f"{counts[s]} {s}" + ("s" if counts[s] != 1 and s != "info" else "") for s in ("error", "warning", "info")
    )
    where = "" if os.path.abspath(folder) == os.getcwd() else f" in {shown(folder)}"
    out.write(
        f"Its {len(result.active)} findings ({parts}) are the to-do list: run `ropa-check check "
        f"{layout.RECORD}`{where} to see them.\n"
    )
    if not starter.source.known:
        print(
            f"ropa-check: note: {layout.PRE_COMMIT} and {layout.WORKFLOW} install ropa-check from "
            f"{project.REPO_PLACEHOLDER} at {project.REV_PLACEHOLDER}: replace them with the repository URL and "
            "the commit to use (or run init with --hook-repo and --hook-rev)",
            file=sys.stderr,
        )


__all__ = ["Refused", "run"]
