"""After the rules: per-file ignores, waivers, baseline, diff base and severity overrides, in that order.

Suppressed findings stay in the result (reporters show them as suppressed);
dropped ones (per-file ignores) are gone. A finding is matched by its identity
(:meth:`ropa_check.finding.Finding.identity`: file, activity, entry path,
code), never by a list position or a line. Modules a run does not need are not
imported: git machinery only with ``--diff-base``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import os
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path as FsPath

from ropa_check.document import Document
from ropa_check.finding import Finding, Severity, Suppression
from ropa_check.input_errors import INPUT_CODES
from ropa_check.options import Options
from ropa_check.rules.core.suppressions import SUPPRESSION_RULES
from ropa_check.selection import match

#: Input errors are never suppressed (the record was not fully checked), nor findings about suppressions.
UNSUPPRESSIBLE = frozenset(r.code for r in SUPPRESSION_RULES) | INPUT_CODES

#: A finding's identity with its file made absolute, so that runs from other folders compare.
Key = tuple[str, str | None, str, str]


def key(finding: Finding, file: str | None = None) -> Key:
    """The identity of a finding, its file resolved; ``file`` overrides where its file is."""
    _, activity, entry_path, code = finding.identity()
    return (absolute(file or finding.file), activity, entry_path, code)


def absolute(path: str) -> str:
    return os.path.normcase(os.path.realpath(path))


def _relative(file: str, root: str) -> str:
    try:
        return FsPath(os.path.relpath(os.path.abspath(file), os.path.abspath(root))).as_posix()
    except ValueError:  # another drive on Windows
        return FsPath(file).as_posix()


def ignored_in_file(code: str, file: str, options: Options) -> bool:
    """True when a per-file ignore drops ``code`` in ``file`` (globs relative to the config's folder)."""
    if not options.per_file_ignores:
        return False
    codes = _per_file_ignores(options.per_file_ignores).codes(file, options.root)
    return bool(codes) and match(code, codes) >= 0


class _PerFileIgnores:
    """The per-file-ignore globs, compiled once, and the codes each file's matching globs name.

    Matching costs about the number of files plus the number of globs, not
    their product: a glob without wildcards is a dictionary key, and the others
    are tried :data:`_BLOCK` at a time, as one regular expression made with
    :func:`fnmatch.translate` (the semantics of ``fnmatch.fnmatchcase``),
    and one by one only within a block that matches. Each file is matched once.
    """

    def __init__(self, ignores: Sequence[tuple[str, tuple[str, ...]]]) -> None:
        self.literal: dict[str, list[str]] = {}
        patterns: list[tuple[str, tuple[str, ...]]] = []
        for glob, codes in ignores:
            if any(c in glob for c in "*?["):
                patterns.append((fnmatch.translate(glob), codes))
            else:
                self.literal.setdefault(glob, []).extend(codes)
        self.blocks: list[tuple[re.Pattern[str], list[tuple[str, tuple[str, ...]]]]] = []
        for start in range(0, len(patterns), _BLOCK):
            block = patterns[start : start + _BLOCK]
            self.blocks.append((re.compile("|".join(f"(?:{regex})" for regex, _ in block)), block))
        self.by_file: dict[tuple[str, str], tuple[str, ...]] = {}

    def codes(self, file: str, root: str) -> tuple[str, ...]:
        """The codes the globs matching ``file`` (relative to ``root``, or by its name) drop."""
        known = self.by_file.get((file, root))
        if known is None:
            rel = _relative(file, root)
            names = (rel, FsPath(rel).name)
            found = [c for name in dict.fromkeys(names) for c in self.literal.get(name, ())]
            for any_of, block in self.blocks:
                if any(any_of.match(name) for name in names):
                    # Compiled one by one only here: compiling is what costs, and few blocks match a file.
                    found.extend(c for regex, codes in block for c in codes if any(re.match(regex, n) for n in names))
            known = self.by_file[(file, root)] = tuple(dict.fromkeys(found))
        return known


#: Globs with wildcards tried together in one regular expression.
_BLOCK = 200
#: The compiled globs of the last per-file ignores asked about (by identity: hashing 50,000 globs costs too).
_compiled: list[tuple[object, _PerFileIgnores]] = []


def _per_file_ignores(ignores: Sequence[tuple[str, tuple[str, ...]]]) -> _PerFileIgnores:
    if not _compiled or _compiled[0][0] is not ignores:
        _compiled[:] = [(ignores, _PerFileIgnores(ignores))]
    return _compiled[0][1]


def enabled_for(codes: Sequence[str], options: Options) -> Callable[[str, str], bool]:
    """Whether a code (or prefix) names a rule that ran for a file."""

    def enabled(code: str, file: str) -> bool:
        return any(match(c, (code,)) >= 0 for c in codes) and not ignored_in_file(code, file, options)

    return enabled


def after_rules(
    findings: Sequence[Finding],
    docs: Sequence[Document],
    codes: Sequence[str],
    options: Options,
    known: Sequence[str],
) -> list[Finding]:
    """Per-file ignores and waivers: what needs the record's documents.

    ``codes`` are the rules that ran; ``known`` every installed code, which
    waivers must name.
    """
    kept = [f for f in findings if not ignored_in_file(f.code, f.file, options)]
    if not options.waivers:
        return kept
    from ropa_check.suppress import waivers

    return waivers.apply(
        kept, docs, today=options.today or dt.date.today(), enabled=enabled_for(codes, options), known=known
    )


def finish(
    findings: Sequence[Finding],
    files: Sequence[str],
    codes: Sequence[str],
    options: Options,
    known_at_base: Counter[Key] | None = None,
) -> list[Finding]:
    """Baseline, diff base and severity overrides: what works on the whole result.

    ``known_at_base`` holds the identities of the findings at ``--diff-base``
    (from :func:`ropa_check.pipeline.check_paths`), each as often as it occurs.
    """
    out = list(findings)
    if not any(f.code in INPUT_CODES for f in out):
        # A record that did not load has no findings to compare; its input errors are never suppressed.
        if options.baseline is not None:
            from ropa_check.suppress import baseline

            out = baseline.apply(out, options.baseline, files=files, enabled=enabled_for(codes, options))
        if known_at_base is not None:
            out = suppress_known(out, known_at_base, f"present at {options.diff_base}")
    return sorted(override_severity(out, options.severity), key=Finding.sort_key)


def suppress_known(findings: Sequence[Finding], known: Counter[Key], reason: str) -> list[Finding]:
    """Suppress active findings whose identity is in ``known``, each known one at most as often as it occurs.

    Counting matters: two entries with the same gap and the same name (two
    transfers to one recipient) are two findings; if only one was known, the
    other is new.
    """
    remaining = Counter(known)
    suppression = Suppression("baseline", reason)
    out = []
    for f in findings:
        if f.suppression is None and f.code not in UNSUPPRESSIBLE:
            k = key(f)
            if remaining[k] > 0:
                remaining[k] -= 1
                f = dataclasses.replace(f, suppression=suppression)
        out.append(f)
    return out


def override_severity(findings: Sequence[Finding], severity: Mapping[str, Severity]) -> list[Finding]:
    """Apply ``severity`` (code or prefix -> severity; the longest prefix wins). Input errors stay errors."""
    if not severity:
        return list(findings)
    out = []
    for f in findings:
        best = max((c for c in severity if match(f.code, (c,)) >= 0), key=len, default=None)
        if best is not None and f.code not in INPUT_CODES and severity[best] is not f.severity:
            f = dataclasses.replace(f, severity=severity[best])
        out.append(f)
    return out


__all__ = [
    "UNSUPPRESSIBLE",
    "Key",
    "after_rules",
    "enabled_for",
    "finish",
    "ignored_in_file",
    "key",
    "override_severity",
    "suppress_known",
]
