"""The two sides of a comparison: git refs (exported to a temporary folder) or folders, each checked whole.

A ref's tree is exported with ``git archive`` by :mod:`ropa_check.suppress.diff_base`,
so nothing in the working tree or ``.git`` is written. Without a BASE, the base
is the merge base of ``HEAD`` with the pull request's target branch in CI, else
the default branch (``origin/HEAD``, else ``main``, else ``master``); without a HEAD, the working tree as it is. A
shallow clone that lacks the base says to fetch it.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ropa_check.options import Options, UsageError
from ropa_check.plugins import RegisteredRule
from ropa_check.result import Result

Vocabularies = Sequence[Mapping[str, Mapping[str, str]]]
#: How a side is checked: paths -> result with its records kept.
Check = Callable[[Sequence[str]], Result]


class SideError(UsageError):
    """A side cannot be read: not a repository, an unknown ref, a shallow clone without the base (exit 2)."""


@dataclass
class Side:
    """One side of the comparison, checked."""

    #: What the side is, for the report: ``main (1a2b3c4d5e6f)``, ``working tree``, a folder.
    label: str
    result: Result
    #: A file of the check as the report shows it (a repository path for a ref's export).
    display: Callable[[str], str]


def _git(args: Sequence[str], cwd: str | None = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            errors="replace",
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except OSError as exc:
        raise SideError(f"diff of git refs needs git: {exc}") from exc


def _shallow() -> bool:
    done = _git(["rev-parse", "--is-shallow-repository"])
    return done.returncode == 0 and done.stdout.strip() == "true"


_FETCH = (
    "this is a shallow clone: fetch the base first (`git fetch --unshallow`, or `fetch-depth: 0` in "
    "actions/checkout, `GIT_DEPTH: 0` in GitLab CI)"
)


def commit_of(ref: str, what: str) -> str:
    """The commit ``ref`` names (``ref`` itself, else ``origin/ref``); raises :class:`SideError`."""
    for candidate in (ref, f"origin/{ref}"):
        done = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{candidate}^{{commit}}"])
        if done.returncode == 0:
            return done.stdout.strip()
    if _shallow():
        raise SideError(f"{what} '{ref}' is not in this repository; {_FETCH}")
    raise SideError(f"{what} '{ref}' is neither a folder nor a commit, branch or tag (fetch it first?)")


def default_base() -> tuple[str, str]:
    """The merge base of HEAD with the branch a change goes into, and how it was found; raises :class:`SideError`.

    That branch is the pull request's target in CI (``$GITHUB_BASE_REF``,
    ``$CI_MERGE_REQUEST_TARGET_BRANCH_NAME``), else the default branch
    (``origin/HEAD``, else ``main``, else ``master``).
    """
    candidates = [os.environ.get(name, "") for name in ("GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME")]
    done = _git(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"])
    candidates += [done.stdout.strip() if done.returncode == 0 else "", "main", "master"]
    branch = None
    for name in filter(None, candidates):
        for candidate in (name, f"origin/{name}"):
            if (
                _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{candidate}^{{commit}}"]).returncode
                == 0
            ):
                branch = candidate
                break
        if branch is not None:
            break
    if branch is None:
        hint = f"; {_FETCH}" if _shallow() else ""
        raise SideError(f"no branch to compare with (origin/HEAD, main or master): give BASE{hint}")
    done = _git(["merge-base", "HEAD", branch])
    if done.returncode != 0:
        if _shallow():
            raise SideError(f"the merge base of HEAD and {branch} is not in this repository; {_FETCH}")
        raise SideError(f"HEAD and {branch} have no common ancestor: give BASE")
    return done.stdout.strip(), f"merge base with {branch}"


def _top() -> Path:
    done = _git(["rev-parse", "--show-toplevel"])
    if done.returncode != 0:
        raise SideError("comparing git refs works only inside a git repository (or give two folders)")
    return Path(done.stdout.strip()).resolve()


@contextlib.contextmanager
def from_ref(commit: str, label: str, paths: Sequence[str], check: Check) -> Iterator[Side]:
    """The record at ``commit``, exported and checked; the export is removed on exit."""
    from ropa_check.suppress import diff_base

    _top()  # a clear error outside a repository
    try:
        with diff_base.exported(commit, paths) as exported:
            there = [p for p in map(exported.inside, paths) if p is not None]
            result = check(there) if there else Result()

            def display(file: str) -> str:
                original = exported.original(file)
                return _relative(original) if original is not None else file

            yield Side(label, result, display)
    except diff_base.DiffBaseError as exc:
        message = str(exc).removeprefix("--diff-base: ")
        if _shallow() and "archive" in message:
            message += f"; {_FETCH}"
        raise SideError(f"{label}: {message}") from None


def working_tree(paths: Sequence[str], check: Check) -> Side:
    """The record as it is on disk."""
    return Side("working tree", check(paths), lambda file: file)


def folder(path: str, check: Check) -> Side:
    """A folder (or file) holding a whole record."""
    return Side(path, check([path]), lambda file: file)


def _relative(path: str) -> str:
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return path


def checker(
    rules: Sequence[RegisteredRule], vocabularies: Vocabularies, options: Options, known: Sequence[str]
) -> Check:
    """How each side is checked: the same rules and options, records kept, no baseline or diff base.

    ``known`` are the installed rule codes, which waivers may name.
    """
    from ropa_check.pipeline import check_paths

    options = options.replace(baseline=None, create_baseline=None, diff_base=None)

    def check(paths: Sequence[str]) -> Result:
        return check_paths(paths, rules, vocabularies, options, known=known, keep_records=True)

    return check


__all__ = ["Side", "SideError", "checker", "commit_of", "default_base", "folder", "from_ref", "working_tree"]
