"""The files around the starter record: the pre-commit configuration and the GitHub Actions workflow.

ropa-check is on no package index yet, so both install it from its git
repository at a commit. :func:`installed_from` finds that repository and
commit when ropa-check itself was installed from one (pip records it in
``direct_url.json``, PEP 610); otherwise the files carry placeholders that
name what to fill in, and ``init`` says so, rather than a URL that was guessed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata

REPO_PLACEHOLDER = "<repository-url>"
REV_PLACEHOLDER = "<commit-sha>"

PRE_COMMIT = """\
en|# pre-commit (https://pre-commit.com) runs ropa-check on the record files a commit
en|# changes, each checked within its whole record, so references to other files
en|# resolve. Run `pre-commit install` once in each clone.
en|# ropa-check is on no package index yet: `repo` is any URL git clones (or the
en|# path of a clone) and `rev` a full commit id (ropa-check's docs/ci.md).
sv|# pre-commit (https://pre-commit.com) kör ropa-check på de filer i förteckningen
sv|# som en commit ändrar, var och en kontrollerad i hela sin förteckning, så att
sv|# hänvisningar till andra filer går att följa. Kör `pre-commit install` en gång i
sv|# varje klon.
sv|# ropa-check finns ännu inte i något paketindex: `repo` är en URL som git kan
sv|# klona (eller sökvägen till en klon) och `rev` ett fullständigt commit-id
sv|# (ropa-checks docs/ci.md).
repos:
  - repo: @HOOK_REPO@
    rev: @HOOK_REV@
    hooks:
      - id: ropa-check
en|      # - id: ropa-check-all     # or the whole record on every commit
sv|      # - id: ropa-check-all     # eller hela förteckningen vid varje commit
"""

WORKFLOW = """\
en|# Checks the record of processing activities on every pull request: findings
en|# appear as annotations on the changed lines, and errors fail the check.
sv|# Kontrollerar förteckningen över behandlingar i varje pull request: fynden visas
sv|# som anteckningar på de ändrade raderna, och fel stoppar kontrollen.
name: ropa-check
on:
  pull_request:
  push:
en|    branches: [main]   # the default branch
sv|    branches: [main]   # standardgrenen
permissions:
  contents: read
jobs:
  ropa-check:
    runs-on: ubuntu-latest
    steps:
en|      # Actions pinned to a commit, not a tag that can be moved (the tag they were is beside them).
sv|      # Actions låsta till en commit, inte till en tagg som kan flyttas (taggen står bredvid).
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8   # v5.0.0
        with:
          persist-credentials: false
      - uses: actions/setup-python@e797f83bcb11b83ae66e0230d6156d7c80228e7c   # v6.0.0
        with:
          python-version: "3.12"
en|      # ropa-check is on no package index yet: it is installed from its repository at a commit.
sv|      # ropa-check finns ännu inte i något paketindex: det installeras från sitt repo vid en commit.
      - run: @INSTALL@
en|      - name: Check the record of processing activities
sv|      - name: Kontrollera förteckningen över behandlingar
        run: ropa-check check records
"""

# What a shell command line and YAML can carry as they are: no space, quote, `$`, backquote or backslash.
_SAFE_URL = re.compile(r"^[A-Za-z0-9+.-]+://[^\s\"'`$\\]+$|^/[^\s\"'`$\\]*$")
# A full commit id (SHA-1 or SHA-256): a branch or tag can be moved to other code after the file is written.
_SAFE_REV = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")


@dataclass(frozen=True)
class Source:
    """Where ropa-check is installed from in the pre-commit configuration and CI: a repository and a commit."""

    repo: str = REPO_PLACEHOLDER
    rev: str = REV_PLACEHOLDER

    @property
    def known(self) -> bool:
        """Whether both are real values rather than placeholders."""
        return self.repo != REPO_PLACEHOLDER and self.rev != REV_PLACEHOLDER

    def install_command(self) -> str:
        """The pip command that installs ropa-check from this repository and commit."""
        return f'python -m pip install "git+{self.repo}@{self.rev}"'


def problem(repo: str | None, rev: str | None) -> str | None:
    """What is wrong with a repository URL and a revision given on the command line, or None."""
    if (repo is None) != (rev is None):
        return "--hook-repo and --hook-rev go together: give both, or neither"
    if repo is not None and not _SAFE_URL.match(repo):
        return "--hook-repo must be a URL (scheme://...) or an absolute path, without spaces, quotes, '$' or '\\'"
    if rev is not None and not _SAFE_REV.match(rev):
        return (
            "--hook-rev must be a full commit id (40 hexadecimal digits, `git rev-parse TAG`): a branch or tag "
            "can be moved to other code"
        )
    return None


def installed_from() -> Source:
    """The repository and commit this ropa-check was installed from, if pip recorded a VCS install."""
    try:
        raw = metadata.distribution("ropa-check").read_text("direct_url.json")
        data = json.loads(raw) if raw else None
    except (metadata.PackageNotFoundError, ValueError, OSError):
        return Source()
    if not isinstance(data, dict):
        return Source()
    vcs = data.get("vcs_info")
    url = data.get("url")
    if not isinstance(vcs, dict) or vcs.get("vcs") != "git" or not isinstance(url, str):
        return Source()
    commit = vcs.get("commit_id")
    if not isinstance(commit, str) or problem(url, commit) is not None:
        return Source()
    return Source(url, commit)


def yaml_single_quoted(text: str) -> str:
    """``text`` as a YAML single-quoted scalar (a quote is doubled; the text holds no line break)."""
    return "'" + text.replace("'", "''") + "'"


__all__ = ["Source", "installed_from", "problem"]
