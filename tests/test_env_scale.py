"""Per-file ignores at scale (issue 11): matching costs about files + globs, not their product.

50,000 per-file ignores took 355 s (fnmatch's cache of 32,768 compiled patterns
thrashed: every finding compiled every glob again); they now take seconds.
"""

from __future__ import annotations

import fnmatch
import time
from pathlib import Path

import pytest

from ropa_check.options import Options
from ropa_check.selection import match
from ropa_check.suppress import ignored_in_file

GLOBS = [
    "*.yaml",
    "records/*",
    "records/activities/*.yaml",
    "records/activities/hr.yaml",
    "hr.yaml",
    "records/a?tivities/*",
    "records/[ab]*/*.json",
    "records/[!a]*/*",
    "*/legacy/*",
    "legacy*",
    "records/activities/h[r]*.y?ml",
    "*[*]*",
    "records/activities/",
    "",
]
FILES = [
    "records/activities/hr.yaml",
    "records/activities/payroll.json",
    "records/organisation.yaml",
    "records/b/legacy/x.json",
    "records/legacy.yaml",
    "hr.yaml",
    "weird/[*]/name.yaml",
    "records/activities",
]
CODES = ["RPA401", "RPA222", "RPA8", "RPA101"]


def reference(code: str, file: str, options: Options) -> bool:
    """What per-file ignores meant before they were compiled: fnmatchcase on the relative path or the name."""
    for glob, codes in options.per_file_ignores:
        if (fnmatch.fnmatchcase(file, glob) or fnmatch.fnmatchcase(Path(file).name, glob)) and match(code, codes) >= 0:
            return True
    return False


@pytest.mark.parametrize("start", range(len(GLOBS)))
def test_compiled_globs_mean_what_fnmatch_means(tmp_path: Path, start: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    chosen = [*GLOBS[start:], *GLOBS[:start]][: 1 + start % 5]
    codes = [("RPA4",), ("RPA222", "RPA8"), ("RPA1",), ("RPA401",), ("RPA8",)]
    ignores = tuple((glob, codes[i % len(codes)]) for i, glob in enumerate(chosen))
    options = Options(per_file_ignores=ignores, root=str(tmp_path))
    for file in FILES:
        for code in CODES:
            assert ignored_in_file(code, file, options) == reference(code, file, options), (code, file, ignores)


def test_fifty_thousand_per_file_ignores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    ignores = tuple((f"records/legacy{i}/*.yaml", (f"RPA{400 + i % 100}",)) for i in range(50_000))
    ignores += (("records/activities/hr.yaml", ("RPA8",)), ("*.json", ("RPA222",)))
    options = Options(per_file_ignores=ignores, root=str(tmp_path))
    files = [f"records/activities/file{i}.yaml" for i in range(10)]
    # CPU time, not wall time: on a machine shared with other test runs the wall clock says more about them
    # than about matching, and the quadratic version this guards against took 300 s of CPU.
    start = time.process_time()
    assert not any(ignored_in_file("RPA401", f, options) for f in files)
    assert ignored_in_file("RPA801", "records/activities/hr.yaml", options)
    assert ignored_in_file("RPA222", "records/x.json", options)
    assert ignored_in_file("RPA405", "records/legacy5/a.yaml", options)
    assert not ignored_in_file("RPA406", "records/legacy5/a.yaml", options)
    seconds = time.process_time() - start
    assert seconds < 10, f"{seconds:.1f} s of CPU"
