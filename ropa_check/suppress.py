"""After the rules: per-file ignores, waivers, baseline, diff base and severity overrides, in that order.

Suppressed findings stay in the result (reporters show them as suppressed);
dropped ones (per-file ignores) are gone. Only imported modules that a run
uses are loaded: git machinery only with ``--diff-base``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path as FsPath

from ropa_check.check_options import CheckOptions
from ropa_check.finding import Finding, Severity
from ropa_check.input_errors import INPUT_CODES
from ropa_check.loader import Document
from ropa_check.plugins import RegisteredRule
from ropa_check.result import Result


def _relative(file: str, root: str) -> str:
    try:
        return FsPath(os.path.relpath(os.path.abspath(file), os.path.abspath(root))).as_posix()
    except ValueError:  # another drive on Windows
        return FsPath(file).as_posix()


def ignored_in_file(code: str, file: str, options: CheckOptions) -> bool:
    """True when a per-file ignore drops ``code`` in ``file`` (globs relative to the config's folder)."""
    if not options.per_file_ignores:
        return False
    rel = _relative(file, options.root)
    for glob, codes in options.per_file_ignores:
        if (fnmatch.fnmatchcase(rel, glob) or fnmatch.fnmatchcase(FsPath(rel).name, glob)) and any(
            code.startswith(c) for c in codes
        ):
            return True
    return False


def enabled_for(rules: Sequence[RegisteredRule], options: CheckOptions) -> Callable[[str, str], bool]:
    """Whether a code (or prefix) names a rule that ran for a file."""
    codes = [r.rule.code for r in rules]

    def enabled(code: str, file: str) -> bool:
        return any(c.startswith(code) for c in codes) and not ignored_in_file(code, file, options)

    return enabled


def after_rules(
    findings: Sequence[Finding],
    docs: Sequence[Document],
    rules: Sequence[RegisteredRule],
    options: CheckOptions,
) -> list[Finding]:
    """Per-file ignores and waivers: what needs the record's documents."""
    kept = [f for f in findings if not ignored_in_file(f.code, f.file, options)]
    if not options.waivers:
        return kept
    from ropa_check import waivers

    return waivers.apply(kept, docs, today=options.today or dt.date.today(), enabled=enabled_for(rules, options))


def finish(
    result: Result,
    rules: Sequence[RegisteredRule],
    vocabularies: Sequence[Mapping[str, Mapping[str, str]]],
    options: CheckOptions,
    paths: Sequence[str],
) -> Result:
    """Baseline, diff base and severity overrides: what works on the whole result."""
    findings = list(result.findings)
    if not result.input_failed:
        # A record that did not load has no findings to compare; its input errors are never suppressed.
        if options.baseline is not None:
            from ropa_check import baseline

            findings = baseline.apply(
                findings, options.baseline, files=result.files, enabled=enabled_for(rules, options)
            )
        if options.diff_base is not None:
            from ropa_check import baseline, diff_base
            from ropa_check.checker import check_paths

            base_options = dataclasses.replace(options, baseline=None, diff_base=None)

            def check_base(base_paths: Sequence[str]) -> Sequence[Finding]:
                return check_paths(base_paths, rules, vocabularies, base_options).findings

            known = diff_base.known_keys(options.diff_base, paths, check_base)
            findings = baseline.suppress_known(findings, known, f"present at {options.diff_base}")
    result.findings = sorted(override_severity(findings, options.severity), key=Finding.sort_key)
    return result


def override_severity(findings: Sequence[Finding], severity: Mapping[str, Severity]) -> list[Finding]:
    """Apply ``severity`` (code or prefix -> severity; the longest prefix wins). Input errors stay errors."""
    if not severity:
        return list(findings)
    out = []
    for f in findings:
        best = max((c for c in severity if f.code.startswith(c)), key=len, default=None)
        if best is not None and f.code not in INPUT_CODES and severity[best] is not f.severity:
            f = dataclasses.replace(f, severity=severity[best])
        out.append(f)
    return out
