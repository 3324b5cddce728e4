"""A release as ``docs/releasing.md`` makes it, and the installs ``docs/ci.md`` promises, done for real.

The release steps up to the tag: ``python -m build`` (sdist and wheel, the
wheel built from the sdist), ``twine check``, and the wheel installed in a
fresh virtualenv, where it checks Kollektivkraft's record. Then each install
command in ``docs/ci.md``, run as written against a clone of this repository,
with only the placeholders filled in, and the pre-commit configuration there.

Each fresh virtualenv gets its packages at their pins in ``.ci/constraints.txt``,
the setuptools that builds ropa-check included, so the outcome does not move
with PyPI. Building virtualenvs takes a while, so the module is marked ``slow``.
"""

from __future__ import annotations

import email.parser
import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

import ropa_check
from tests.helpers import ROOT

pytestmark = pytest.mark.slow

CONSTRAINTS = ROOT / ".ci" / "constraints.txt"
CI_DOC = ROOT / "docs" / "ci.md"
#: What ``ropa-check records`` ends with, as of the tests' date (tests/conftest.py sets ROPA_CHECK_TODAY).
SUMMARY = "Found: 100 findings (53 errors, 43 warnings, 4 info) in 13 files, 10 activities, 133 rules."
#: The pins reach pip's isolated build too: --build-constraint from pip 26.2 on, PIP_CONSTRAINT before.
PINNED = {"PIP_CONSTRAINT": str(CONSTRAINTS), "PIP_BUILD_CONSTRAINT": str(CONSTRAINTS)}
GIT_ENV = {
    "GIT_AUTHOR_NAME": "ropa-check tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "ropa-check tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def run(*args: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``args`` in ``cwd``, with this environment plus ``env`` (output formats left to ropa-check's default)."""
    full = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "ROPA_CHECK_OUTPUT_FORMAT")}
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600, env={**full, **(env or {})}
    )


def ok(*args: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None) -> str:
    proc = run(*args, cwd=cwd, env=env)
    assert proc.returncode == 0, f"{args}: {proc.stdout}{proc.stderr}"
    return proc.stdout


def fresh_venv(home: Path) -> Path:
    """A new virtualenv with pip; its bin folder."""
    venv.create(home, with_pip=True)
    return home / ("Scripts" if os.name == "nt" else "bin")


def git(cwd: Path, *args: str) -> str:
    return ok("git", *args, cwd=cwd, env=GIT_ENV).strip()


# ------------------------------------------------------------------ the release


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``python -m build --no-isolation`` on a copy of the working tree (so that no build output lands in it)."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git work tree: the copy to build from is the files git lists")
    home = tmp_path_factory.mktemp("release")
    src = home / "src"
    listed = ok("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in listed:
        if name and (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    # --no-isolation: the build tools of this environment, at their pins, and no download.
    ok(sys.executable, "-m", "build", "--no-isolation", "--outdir", home / "dist", src)
    return home / "dist"


def _one(dist: Path, pattern: str) -> Path:
    (found,) = dist.glob(pattern)
    return found


def _package_files() -> set[str]:
    """Every file of the ropa_check package in the working tree, as the distributions name them."""
    listed = ok("git", "ls-files", "--cached", "--others", "--exclude-standard", "ropa_check").split()
    return {name for name in listed if (ROOT / name).is_file()}


def test_twine_checks_the_sdist_and_the_wheel(dist: Path) -> None:
    out = ok(sys.executable, "-m", "twine", "check", "--strict", *sorted(dist.iterdir()))
    assert out.count("PASSED") == 2, out


def test_the_wheel_holds_the_package_and_its_data(dist: Path) -> None:
    with zipfile.ZipFile(_one(dist, "ropa_check-*-py3-none-any.whl")) as wheel:
        names = set(wheel.namelist())
        (metadata_name,) = (n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(wheel.read(metadata_name).decode())
        (entry_points_name,) = (n for n in names if n.endswith(".dist-info/entry_points.txt"))
        entry_points = wheel.read(entry_points_name).decode()
    data = {f"ropa_check/data/{p.name}" for p in (ROOT / "ropa_check" / "data").glob("*.yaml")}
    assert len(data) >= 3
    assert {"ropa_check/py.typed", *data} <= names
    assert _package_files() <= names
    assert metadata["Version"] == ropa_check.__version__
    assert "ropa-check = ropa_check.cli:main" in entry_points
    # The test tools stay in the test extra: a user's install gets none of them.
    runtime = [r for r in metadata.get_all("Requires-Dist") or [] if "extra ==" not in r]
    assert not [r for r in runtime if r.split(">")[0].split("<")[0] in ("pytest", "hypothesis", "playwright")]


def test_the_sdist_holds_what_builds_the_wheel(dist: Path) -> None:
    with tarfile.open(_one(dist, "ropa_check-*.tar.gz")) as sdist:
        names = {name.partition("/")[2] for name in sdist.getnames()}
    assert {"PKG-INFO", "pyproject.toml", "README.md"} <= names
    assert _package_files() <= names


def test_the_wheel_installed_afresh_checks_the_record(dist: Path, tmp_path: Path) -> None:
    wheel = _one(dist, "ropa_check-*-py3-none-any.whl")
    bin_dir = fresh_venv(tmp_path / "venv")
    ok(bin_dir / "python", "-m", "pip", "install", "--quiet", "-c", CONSTRAINTS, wheel)
    version = ok(bin_dir / "ropa-check", "--version", cwd=tmp_path)
    assert version.splitlines()[0] == f"ropa-check {ropa_check.__version__}"
    where = ok(bin_dir / "python", "-c", "import ropa_check; print(ropa_check.__file__)", cwd=tmp_path)
    assert Path(where.strip()).is_relative_to(tmp_path / "venv")
    no_pytest = run(bin_dir / "python", "-c", "import pytest", cwd=tmp_path)
    assert "ModuleNotFoundError" in no_pytest.stderr  # the wheel's own dependencies are enough

    checked = run(bin_dir / "ropa-check", "records", cwd=ROOT)
    assert "Traceback" not in checked.stderr, checked.stderr
    assert checked.returncode == 1, checked.stdout + checked.stderr  # Kollektivkraft's record has gaps
    assert checked.stdout.rstrip().splitlines()[-1] == SUMMARY
    # The document commands find their templates and layouts in the installed package.
    for command, target, *more in (("render", "record.html"), ("export", "record.xlsx", "--template", "ico")):
        done = run(bin_dir / "ropa-check", command, "records", "-o", str(tmp_path / target), *more, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        assert (tmp_path / target).stat().st_size > 5_000


# ------------------------------------------------------------- docs/ci.md's installs


def _section(heading: str) -> str:
    text = CI_DOC.read_text(encoding="utf-8")
    found = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert found is not None, f"docs/ci.md has no section {heading!r}"
    return found.group(1)


def _blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", text, re.M | re.S)


def _pip_installs(text: str) -> set[str]:
    """Each pip install command in the code blocks of ``text``, as a shell or a CI step runs it."""
    commands = set()
    for block in _blocks(text, r"\w*"):
        for line in block.splitlines():
            if "pip install" in line:
                command = re.sub(r"^\s*(- run:|-)?\s*", "", line)
                commands.add(re.sub(r"\s+#[^\"']*$", "", command))
    return commands


INSTALL_BLOCKS = _blocks(_section("Installing ropa-check"), "console")


def test_every_documented_install_is_one_that_is_tested() -> None:
    assert len(INSTALL_BLOCKS) == 2  # from the repository by URL; from a submodule's folder
    tested = _pip_installs(_section("Installing ropa-check"))
    assert _pip_installs(CI_DOC.read_text(encoding="utf-8")) == tested
    assert "python -m pip install ropa-check" not in tested  # not on any index yet


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A real clone of this repository, and its commit: what the placeholders stand for."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git work tree: nothing to clone")
    path = tmp_path_factory.mktemp("upstream") / "ropa-check"
    ok("git", "clone", "--quiet", ROOT, path)
    return path, git(path, "rev-parse", "HEAD")


def _fill(text: str, clone: tuple[Path, str]) -> str:
    path, commit = clone
    assert re.fullmatch(r"[0-9a-f]{40}", commit)
    return text.replace("<repository-url>", path.as_uri()).replace("<commit-sha>", commit)


@pytest.mark.parametrize("block", INSTALL_BLOCKS, ids=["git-url", "submodule"])
def test_the_documented_install_works_as_written(block: str, clone: tuple[Path, str], tmp_path: Path) -> None:
    bin_dir = fresh_venv(tmp_path / "venv")
    user = tmp_path / "user"
    user.mkdir()
    git(user, "init", "--quiet")
    # `python` is the virtualenv's, as after activating it; a file:// submodule needs protocol.file.allow (docs/ci.md).
    env = {
        **GIT_ENV,
        **PINNED,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "VIRTUAL_ENV": str(tmp_path / "venv"),
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "protocol.file.allow",
        "GIT_CONFIG_VALUE_0": "always",
    }
    for line in _fill(block, clone).splitlines():
        ok("bash", "-c", f"set -e; {line}", cwd=user, env=env)
    version = ok(bin_dir / "ropa-check", "--version", cwd=tmp_path)
    assert version.splitlines()[0] == f"ropa-check {ropa_check.__version__}"
    where = ok(bin_dir / "python", "-c", "import ropa_check; print(ropa_check.__file__)", cwd=tmp_path)
    assert Path(where.strip()).is_relative_to(tmp_path / "venv")


def test_the_documented_pre_commit_configuration_works_as_written(clone: tuple[Path, str], tmp_path: Path) -> None:
    (block,) = (b for b in _blocks(_section("pre-commit"), "yaml") if b.startswith("# .pre-commit-config.yaml"))
    assert "<repository-url>" in block
    assert "<commit-sha>" in block
    user = tmp_path / "user"
    shutil.copytree(ROOT / "records", user / "records")
    (user / ".pre-commit-config.yaml").write_text(_fill(block, clone), encoding="utf-8")
    git(user, "init", "--quiet", "-b", "main")
    git(user, "add", "-A")
    git(user, "-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "a record with gaps")
    env = {**GIT_ENV, **PINNED, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}

    changed = run(sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never", cwd=user, env=env)
    assert changed.returncode == 1, changed.stdout + changed.stderr
    assert re.search(r"^ropa-check\.+Failed$", changed.stdout, re.M), changed.stdout
    assert "- exit code: 1" in changed.stdout
    whole = run(
        sys.executable,
        "-m",
        "pre_commit",
        "run",
        "ropa-check-all",
        "--hook-stage",
        "pre-push",
        "--color",
        "never",
        cwd=user,
        env=env,
    )
    assert re.search(r"^ropa-check \(whole record\)\.+Failed$", whole.stdout, re.M), whole.stdout + whole.stderr
    assert SUMMARY in whole.stdout
