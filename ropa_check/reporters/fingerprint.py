"""A finding's identity across runs, for CI systems that track findings (SARIF, GitLab)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ropa_check.finding import Finding
from ropa_check.reporters.escape import utf8


def fingerprint(f: Finding) -> str:
    """A hash of the finding's identity: rule code, file, activity and entry path.

    The line is left out on purpose: editing lines above a finding must not make
    it a new finding (ruff #1149, cfn-lint #4144). So is every list position: the
    entry path names entries by id, so reordering a list moves no alert.
    """
    file, activity, entry_path, code = f.identity()
    key = "\0".join((code, file, activity or "", entry_path))
    # A file name that is not UTF-8 hashes as its bytes (as it did before utf8 existed: the same fingerprints).
    return hashlib.sha256(utf8(key)).hexdigest()[:32]


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """Each finding's fingerprint, unique within the run.

    Two findings can share an identity: the same rule on two entries of the same
    name (two transfers to one country, which have no id). CI systems need a
    fingerprint per result, so the second and later get a stable ordinal
    (``-1``, ``-2``, ...) in report order.
    """
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        base = fingerprint(f)
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.append(base if n == 0 else f"{base}-{n}")
    return out
