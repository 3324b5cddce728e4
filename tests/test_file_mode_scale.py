"""Scale in file mode (issue 11): work in proportion to the files, not to arguments x files.

pre-commit passes every changed file; ``pre-commit run --all-files`` passes them
all. Finding each file's record root reads the top-level keys of every file in
each folder on the way up, so 1,000 arguments in a 2,000-file folder read
2,000,000 files unless a run probes each folder once
(:func:`ropa_check.files.record_roots.one_run`). ``benchmarks/run.py --only
filemode`` times it against checking the folder; here the reads are counted.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ropa_check.files import discover as discover_module
from ropa_check.files import record_roots
from ropa_check.files.discover import discover
from tests.helpers import ROOT, check, compliant, write_record

FILES = 300


@pytest.fixture
def big_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """records/: the compliant example's organisation, recipients and sources, and 300 one-activity files."""
    monkeypatch.chdir(tmp_path)
    data = compliant()
    root = tmp_path / "records"
    (root / "activities").mkdir(parents=True)
    write_record(root, {"ropa_format": 1, "organisation": data["organisation"]}, "organisation.yaml")
    write_record(root, {"recipients": data["recipients"], "sources": data["sources"]}, "shared.yaml")
    template = data["activities"][0]
    for n in range(FILES):
        activity = {**template, "id": f"{template['id']}-{n}"}
        write_record(root / "activities", {"activities": [activity]}, f"a{n:04d}.yaml")
    return root


@pytest.fixture
def probes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file the record-root probe reads, in order."""
    read: list[str] = []
    real = record_roots.read_regular_file

    def counting(path: Path | str, *args: int) -> bytes:
        read.append(os.path.abspath(path))
        return real(path, *args)

    monkeypatch.setattr(record_roots, "read_regular_file", counting)
    return read


def test_a_run_probes_each_file_once(big_record: Path, probes: list[str]) -> None:
    files = sorted((big_record / "activities").iterdir())
    with record_roots.one_run():
        roots = {record_roots.record_root(f) for f in files}
    assert roots == {big_record.resolve()}
    assert len(probes) == len(set(probes)) <= FILES + 2


def test_outside_a_run_nothing_is_kept(big_record: Path) -> None:
    """The pytest plugin and test suites run many checks in one process: each sees the files as they are."""
    file = big_record / "activities" / "a0000.yaml"
    with record_roots.one_run():
        assert record_roots.record_root(file) == big_record.resolve()
    # A second organisation block beside the first: the folder now holds separate one-file records.
    (big_record / "other.yaml").write_text((big_record / "organisation.yaml").read_text("utf-8"), "utf-8")
    with record_roots.one_run():
        assert record_roots.record_root(file) is None
    assert record_roots.record_root(file) is None


def test_file_arguments_cost_about_what_their_folder_costs(big_record: Path, probes: list[str]) -> None:
    files = sorted((big_record / "activities").iterdir())[::2]
    result = check(*files)
    assert len(result.files) == len(files)
    assert len(probes) <= 2 * (FILES + 2), f"{len(probes)} probes for {len(files)} arguments"


def test_a_path_named_200000_times_is_walked_once(big_record: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A `paths` list of 200,000 entries took 140 s: each entry walked its folder again."""
    walks: list[Path] = []
    real = discover_module._walk

    def once(folder: Path) -> object:
        walks.append(folder)
        assert len(walks) == 1, "the same folder was walked twice"
        return real(folder)

    monkeypatch.setattr(discover_module, "_walk", once)
    files, errors = discover(["records"] * 200_000 + ["records/organisation.yaml"] * 200_000)
    assert errors == []
    assert len(files) == FILES + 2


@pytest.mark.slow
def test_a_baseline_of_13000_activities_reads_back(tmp_path: Path) -> None:
    """The round trip that failed: --create-baseline wrote 19,500 entries that --baseline refused."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    folder = generate.generate(13_000, tmp_path)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "ropa_check", "check", str(folder), *args, "-q"]
        return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=600)

    created = cli("--create-baseline", "baseline.json")
    assert created.returncode == 1, created.stderr
    run = cli("--baseline", "baseline.json")
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "baseline.json").stat().st_size > 5_000_000
