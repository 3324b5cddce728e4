"""``--diff-base REF``: the checked paths as they were at a git ref, for the pipeline to check again.

The ref's version of the checked paths is exported with ``git archive`` into a
temporary folder (nothing in the working tree or ``.git`` is written);
:func:`ropa_check.pipeline.check_paths` checks it with the same rules and
options and suppresses what was already there by identity (file, activity,
entry path, code; never the line or a list position). ``--diff-base auto``
means ``$GITHUB_BASE_REF`` (resolved with the configuration), trying
``origin/<branch>`` when the branch itself is not a local ref.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ropa_check.options import UsageError

if TYPE_CHECKING:
    import subprocess


class DiffBaseError(UsageError):
    """The ref or the repository cannot be used (exit status 2)."""


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


@dataclass(frozen=True)
class Exported:
    """Paths as they were at a ref, in a temporary folder that stands for the repository's top."""

    folder: Path
    #: The repository's top.
    root: Path

    def inside(self, path: str) -> str | None:
        """Where ``path`` of the working tree is in the export, or None when the ref does not have it."""
        try:
            there = self.folder / Path(path).resolve().relative_to(self.root)
        except ValueError:
            return None
        return str(there) if there.exists() else None

    def original(self, file: str) -> str | None:
        """Where an exported file is in the working tree, or None when it is not an exported file."""
        try:
            return str(self.root / Path(file).resolve().relative_to(self.folder))
        except ValueError:
            return None


@contextlib.contextmanager
def exported(ref: str, paths: Sequence[str]) -> Iterator[Exported]:
    """Export ``paths`` as they are at ``ref``; the folder is removed on exit. Raises :class:`DiffBaseError`.

    A path the ref does not have is left out: everything in it is new.
    """
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
        if _git(["cat-file", "-e", f"{commit}:{rel}" if rel != "." else commit], str(root)).returncode == 0:
            relative.append(rel)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="ropa-check-base-") as tmp:
        if relative:
            _export(str(root), commit, sorted(set(relative)), tmp)
        yield Exported(Path(tmp).resolve(), root)


def _export(root: str, commit: str, relative: Sequence[str], into: str) -> None:
    import io
    import tarfile

    done = _git(["archive", "--format=tar", commit, "--", *relative], root)
    if done.returncode != 0:
        raise DiffBaseError(f"--diff-base: git archive failed: {done.stderr.decode(errors='replace').strip()}")
    try:
        with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(into, filter="data")
            else:  # pragma: no cover - Python without extraction filters; git archive holds only repository paths
                tar.extractall(into)
    except (tarfile.TarError, OSError) as exc:
        member = getattr(exc, "tarinfo", None)  # set by the extraction filter (tarfile.FilterError)
        if member is not None and (member.issym() or member.islnk()):
            # A link out of the repository (absolute, or up through '..') at the ref: refused, not followed.
            raise DiffBaseError(
                f"--diff-base: the tree at '{commit[:12]}' holds a link out of the repository "
                f"('{member.name}' -> '{member.linkname}'); ropa-check does not follow links out of a record's folder"
            ) from None
        raise DiffBaseError(f"--diff-base: cannot unpack the tree at '{commit[:12]}': {exc}") from None


__all__ = ["DiffBaseError", "Exported", "exported"]
