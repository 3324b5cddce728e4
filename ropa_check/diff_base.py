"""``--diff-base REF``: report only findings that are new relative to a git ref.

The ref's version of the checked paths is exported with ``git archive`` into a
temporary folder (nothing in the working tree or ``.git`` is written), checked
with the same rules and options, and every finding there is matched by the
baseline key (file, activity id, JSON path, code; never the line).
``--diff-base auto`` uses ``$GITHUB_BASE_REF`` (the pull request's target
branch in GitHub Actions), trying ``origin/<branch>`` when the branch itself is
not a local ref.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ropa_check.baseline import Key, key
from ropa_check.check_options import OptionsError
from ropa_check.finding import Finding

if TYPE_CHECKING:
    import subprocess


class DiffBaseError(OptionsError):
    """The ref or the repository cannot be used (exit status 2)."""


def resolve(ref: str) -> str | None:
    """The ref to compare with: ``auto`` means ``$GITHUB_BASE_REF``; None when there is none (not a pull request)."""
    if ref != "auto":
        return ref
    return os.environ.get("GITHUB_BASE_REF", "").strip() or None


def _git(args: Sequence[str], cwd: str) -> subprocess.CompletedProcess[bytes]:
    import subprocess

    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise DiffBaseError(f"--diff-base needs git: {exc}") from exc


def _commit(ref: str, root: str) -> str:
    for candidate in (ref, f"origin/{ref}"):
        done = _git(["rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}"], root)
        if done.returncode == 0:
            return done.stdout.decode().strip()
    raise DiffBaseError(f"--diff-base: '{ref}' is not a commit, branch or tag in {root} (fetch it first?)")


def known_keys(
    ref: str,
    paths: Sequence[str],
    check: Callable[[Sequence[str]], Sequence[Finding]],
) -> set[Key]:
    """The keys of the active findings ``check`` reports for ``paths`` as they were at ``ref``."""
    top = _git(["rev-parse", "--show-toplevel"], os.getcwd())
    if top.returncode != 0:
        raise DiffBaseError("--diff-base works only inside a git repository")
    root = Path(top.stdout.decode().strip()).resolve()
    commit = _commit(ref, str(root))
    relative: list[str] = []
    for raw in paths:
        absolute = Path(raw).resolve()
        try:
            rel = absolute.relative_to(root).as_posix() or "."
        except ValueError as exc:
            raise DiffBaseError(f"--diff-base: '{raw}' is outside the repository {root}") from exc
        # A file or folder that the ref does not have yet holds only new findings.
        if _git(["cat-file", "-e", f"{commit}:{rel}" if rel != "." else commit], str(root)).returncode == 0:
            relative.append(rel)
    if not relative:
        return set()
    import tempfile

    with tempfile.TemporaryDirectory(prefix="ropa-check-base-") as tmp:
        _export(str(root), commit, relative, tmp)
        findings = check([str(Path(tmp, rel)) for rel in relative])
        base = Path(tmp).resolve()
        keys: set[Key] = set()
        for finding in findings:
            if finding.suppression is not None:
                continue
            try:
                rel_file = Path(finding.file).resolve().relative_to(base)
            except ValueError:
                continue
            keys.add(key(finding, str(root / rel_file)))
        return keys


def _export(root: str, commit: str, relative: Sequence[str], into: str) -> None:
    import io
    import tarfile

    done = _git(["archive", "--format=tar", commit, "--", *relative], root)
    if done.returncode != 0:
        raise DiffBaseError(f"--diff-base: git archive failed: {done.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(into, filter="data")
        else:  # pragma: no cover - Python without extraction filters; git archive holds only repository paths
            tar.extractall(into)


__all__ = ["DiffBaseError", "known_keys", "resolve"]
