"""Hostile input through the real CLI: a clear located error and exit status 2, never a traceback.

Each case in ``tests/hostile/<case>/`` holds an ``input/`` folder and an
``expected.yaml`` (exit status and the findings that must be among the output:
code, file, line, column, JSON path). Cases too big or too odd to commit (a
50 MB file, 10,000 levels of nesting, symbolic links, plugins that fail) are
made here in ``tmp_path``. Every case runs ``python -m ropa_check`` in a
subprocess with a timeout; its peak memory is measured with ``getrusage``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import time
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest
import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from ropa_check import loader, validate
from ropa_check.files.regular_file import FileTooLarge, NotARegularFile, read_regular_file
from ropa_check.format.model import RecordFile
from ropa_check.paths import json_path
from tests.helpers import COMPLIANT, compliant

HOSTILE = Path(__file__).resolve().parent / "hostile"
CASES = sorted(p.name for p in HOSTILE.iterdir() if (p / "expected.yaml").is_file())
TIMEOUT_S = 30  # generous on a loaded CI machine; each case takes well under a few seconds alone
MAX_RSS_MB = 500


class Run:
    """The outcome of one CLI run."""

    def __init__(self, proc: subprocess.CompletedProcess[str], seconds: float, peak_rss_mb: float) -> None:
        self.status = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr
        self.seconds = seconds
        self.peak_rss_mb = peak_rss_mb

    @property
    def findings(self) -> list[dict[str, Any]]:
        findings: list[dict[str, Any]] = json.loads(self.stdout)["findings"]
        return findings


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """``python -m ropa_check ARGS`` in ``cwd``, with its wall time and its own peak RSS.

    The peak is the child's own (``os.wait4``): ``RUSAGE_CHILDREN`` would give the largest of every child
    the test session ever ran, so one large run elsewhere (a 13,000-activity baseline) would fail every
    case after it.
    """
    import threading

    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ropa_check", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    output: dict[str, bytes] = {}

    def drain(name: str, stream: typing.IO[bytes]) -> None:
        output[name] = stream.read()

    assert proc.stdout is not None
    assert proc.stderr is not None
    readers = [threading.Thread(target=drain, args=pair) for pair in (("out", proc.stdout), ("err", proc.stderr))]
    for reader in readers:
        reader.start()
    timer = threading.Timer(TIMEOUT_S, proc.kill)  # a hang fails the case (status -9) instead of the session
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    for reader in readers:
        reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    done = subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        output["out"].decode("utf-8", "replace"),
        output["err"].decode("utf-8", "replace"),
    )
    return Run(done, time.perf_counter() - start, usage.ru_maxrss / 1024)


def assert_refused(run: Run, expected_status: int = 2) -> None:
    """The properties every hostile case shares."""
    assert "Traceback" not in run.stderr, run.stderr
    assert "Traceback" not in run.stdout
    assert run.status == expected_status, (run.status, run.stdout[-2000:], run.stderr[-2000:])
    assert run.peak_rss_mb < MAX_RSS_MB, f"peak RSS {run.peak_rss_mb:.0f} MB"


def assert_has(findings: list[dict[str, Any]], want: dict[str, Any]) -> None:
    matching = [f for f in findings if all(f.get(k) == v for k, v in want.items())]
    assert matching, f"no finding matches {want}; got:\n" + "\n".join(
        f"{f['code']} {f['file']}:{f['line']}:{f['column']} {f['json_path']} {f['message']}" for f in findings
    )
    for f in matching:
        assert f["line"] >= 1
        assert f["column"] >= 1
        assert f["message"]


@pytest.mark.parametrize("case", CASES)
def test_committed_case(case: str) -> None:
    expected = yaml.safe_load((HOSTILE / case / "expected.yaml").read_text(encoding="utf-8"))
    run = run_cli("check", ".", "--output-format", "json", cwd=HOSTILE / case / "input")
    assert_refused(run, expected["exit"])
    for want in expected["findings"]:
        assert_has(run.findings, want)


@pytest.mark.parametrize("case", CASES)
def test_committed_case_in_text_formats(case: str) -> None:
    """The human formats say the same: the code and the file:line, and never a traceback."""
    expected = yaml.safe_load((HOSTILE / case / "expected.yaml").read_text(encoding="utf-8"))
    run = run_cli("check", ".", "--output-format", "concise", cwd=HOSTILE / case / "input")
    assert_refused(run, expected["exit"])
    for want in expected["findings"]:
        assert want["code"] in run.stdout
        if "line" in want:
            assert f"{want['file']}:{want['line']}:" in run.stdout


def test_committed_cases_leave_no_side_effects() -> None:
    """The unsafe tag in ``unsafe-tag`` would create a file named 'pwned' if it were ever constructed."""
    run_cli("check", ".", cwd=HOSTILE / "unsafe-tag" / "input")
    assert not (HOSTILE / "unsafe-tag" / "input" / "pwned").exists()


# ------------------------------------------------------------------ generated


def _input(tmp_path: Path) -> Path:
    folder = tmp_path / "input"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_nesting_10000_levels_deep(tmp_path: Path, suffix: str) -> None:
    folder = _input(tmp_path)
    depth = 10_000
    if suffix == ".json":
        text = '{"organisation": ' + '{"a": ' * depth + "1" + "}" * depth + "}\n"
    else:
        text = "organisation: " + "[" * depth + "]" * depth + "\n"
    (folder / f"record{suffix}").write_text(text, encoding="utf-8")
    run = run_cli("check", ".", "--output-format", "json", cwd=folder)
    assert_refused(run)
    assert_has(run.findings, {"code": "RPA008", "file": f"record{suffix}", "line": 1})
    assert any("nesting" in f["message"] for f in run.findings)


def test_block_nesting_deeper_than_the_limit(tmp_path: Path) -> None:
    """Indented (block) nesting, the way a person would write it, is refused at the deep line."""
    folder = _input(tmp_path)
    lines = ["organisation:"] + [f"{'  ' * i}k{i}:" for i in range(1, 200)] + [f"{'  ' * 200}leaf: 1"]
    (folder / "record.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_cli("check", ".", "--output-format", "json", cwd=folder)
    assert_refused(run)
    (finding,) = [f for f in run.findings if f["code"] == "RPA008"]
    assert finding["file"] == "record.yaml"
    assert 60 <= finding["line"] <= 70  # where the nesting passes the limit, not line 1


def test_file_of_50_mb_is_refused_quickly(tmp_path: Path) -> None:
    folder = _input(tmp_path)
    path = folder / "record.yaml"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("organisation:\n  controller:\n    name: Stor AB\nactivities:\n")
        chunk = "".join(f"  - id: a{i}\n    name: Aktivitet nummer {i} med en lång beskrivning\n" for i in range(1000))
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    run = run_cli("check", ".", "--output-format", "json", cwd=folder)
    assert_refused(run)
    assert_has(run.findings, {"code": "RPA009", "file": "record.yaml", "line": 1})
    assert run.seconds < 10


def test_utf8_bom_loads_fine(tmp_path: Path) -> None:
    folder = _input(tmp_path)
    (folder / "record.yaml").write_bytes(b"\xef\xbb\xbf" + COMPLIANT.read_bytes())
    run = run_cli("check", ".", "--output-format", "json", cwd=folder)
    assert "Traceback" not in run.stderr
    assert not [f for f in run.findings if f["code"].startswith("RPA0")], run.findings
    assert run.status == 0


def test_empty_folder(tmp_path: Path) -> None:
    folder = _input(tmp_path)
    (folder / "notes.txt").write_text("not a record\n", encoding="utf-8")
    run = run_cli("check", ".", "--output-format", "json", cwd=folder)
    assert_refused(run)
    assert_has(run.findings, {"code": "RPA009"})


def test_missing_path(tmp_path: Path) -> None:
    run = run_cli("check", "no-such-folder", "--output-format", "json", cwd=tmp_path)
    assert_refused(run)
    assert_has(run.findings, {"code": "RPA009", "file": "no-such-folder"})


def _symlink(link: Path, target: Path) -> None:
    try:
        link.symlink_to(target)
    except OSError as exc:  # e.g. Windows without the privilege
        pytest.skip(f"cannot create symbolic links here: {exc}")


def test_symlink_out_of_the_record_folder_is_refused(tmp_path: Path) -> None:
    """A CI gate must check what is in the repository, not whatever a link points at."""
    folder = _input(tmp_path)
    (folder / "record.yaml").write_bytes(COMPLIANT.read_bytes())
    secret = tmp_path / "outside.yaml"
    secret.write_text("activities: []\n", encoding="utf-8")
    _symlink(folder / "more.yaml", secret)
    run = run_cli("check", ".", "--output-format", "json", cwd=folder)
    assert_refused(run)
    assert_has(run.findings, {"code": "RPA009", "file": "more.yaml", "line": 1})
    (finding,) = [f for f in run.findings if f["code"] == "RPA009"]
    assert "symbolic link" in finding["message"]
    assert "outside" in finding["message"]


def test_symlinked_folder_out_of_the_record_folder_is_refused(tmp_path: Path) -> None:
    folder = _input(tmp_path)
    (folder / "record.yaml").write_bytes(COMPLIANT.read_bytes())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "extra.yaml").write_text("activities: []\n", encoding="utf-8")
    _symlink(folder / "activities", elsewhere)
    run = run_cli("check", ".", "--output-format", "json", cwd=folder)
    assert_refused(run)
    assert_has(run.findings, {"code": "RPA009", "file": "activities"})


def test_symlink_inside_the_record_folder_is_read(tmp_path: Path) -> None:
    folder = _input(tmp_path)
    (folder / "sub").mkdir()
    (folder / "sub" / "record.yaml").write_bytes(COMPLIANT.read_bytes())
    _symlink(folder / "alias.yml", folder / "sub" / "record.yaml")
    run = run_cli("check", ".", "--output-format", "json", cwd=folder)
    assert "Traceback" not in run.stderr
    assert not [f for f in run.findings if f["code"] == "RPA009"]


def test_dangling_symlink(tmp_path: Path) -> None:
    folder = _input(tmp_path)
    (folder / "record.yaml").write_bytes(COMPLIANT.read_bytes())
    _symlink(folder / "gone.yaml", tmp_path / "deleted.yaml")
    run = run_cli("check", ".", "--output-format", "json", cwd=folder)
    assert_refused(run)
    assert_has(run.findings, {"code": "RPA009", "file": "gone.yaml"})


def test_unreadable_file(tmp_path: Path) -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    folder = _input(tmp_path)
    path = folder / "record.yaml"
    path.write_bytes(COMPLIANT.read_bytes())
    path.chmod(0)
    try:
        run = run_cli("check", ".", "--output-format", "json", cwd=folder)
    finally:
        path.chmod(0o644)
    assert_refused(run)
    assert_has(run.findings, {"code": "RPA009", "file": "record.yaml"})


def _fifo(path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    os.mkfifo(path)


def test_named_pipe_in_the_record_folder_is_refused_without_hanging(tmp_path: Path) -> None:
    # Reading a pipe with no writer blocks forever: a commit hook must refuse it instead.
    folder = _input(tmp_path)
    (folder / "record.yaml").write_bytes(COMPLIANT.read_bytes())
    _fifo(folder / "pipe.yaml")
    run = run_cli("check", ".", "--output-format", "json", cwd=folder)
    assert_refused(run)
    assert_has(run.findings, {"code": "RPA009", "file": "pipe.yaml", "line": 1})
    assert "not a regular file" in next(f["message"] for f in run.findings if f["file"] == "pipe.yaml")


@pytest.mark.parametrize("output_format", ["full", "json"])
def test_named_pipe_given_as_a_file_is_refused_without_hanging(tmp_path: Path, output_format: str) -> None:
    folder = _input(tmp_path)
    (folder / "organisation.yaml").write_bytes(COMPLIANT.read_bytes())
    _fifo(folder / "pipe.yaml")
    run = run_cli("check", "pipe.yaml", "--output-format", output_format, cwd=folder)
    assert_refused(run)
    assert "not a regular file" in run.stdout
    assert "does not exist" not in run.stdout


@pytest.mark.parametrize("output_format", ["full", "concise", "json", "sarif", "junit", "github", "gitlab"])
def test_file_name_that_is_not_utf8(tmp_path: Path, output_format: str) -> None:
    folder = _input(tmp_path)
    (folder / "organisation.yaml").write_bytes(COMPLIANT.read_bytes())
    try:
        (folder / os.fsdecode(b"\xff-register.yaml")).write_text("activities:\n  - id: x\n    bogus: 1\n")
    except (OSError, UnicodeError) as exc:
        pytest.skip(f"this file system refuses the name: {exc}")
    for destination in ("stdout", "file"):
        target = output_format if destination == "stdout" else f"{output_format}={tmp_path / 'out.txt'}"
        run = run_cli("check", ".", "-o", target, cwd=folder)
        assert_refused(run)
        text = run.stdout if destination == "stdout" else (tmp_path / "out.txt").read_text(encoding="utf-8")
        assert "-register.yaml" in text
        assert "bogus" in text


def test_a_finding_on_a_3_mb_line_shows_an_excerpt(tmp_path: Path) -> None:
    # A minified file is one long line: the report shows the part around the column, not 3 MB twice.
    folder = _input(tmp_path)
    (folder / "organisation.yaml").write_bytes(COMPLIANT.read_bytes())
    (folder / "long.yaml").write_text("activities:\n  - {id: x, description: " + "a" * 3_000_000 + ", bogus: 1}\n")
    run = run_cli("check", ".", cwd=folder)
    assert_refused(run)
    assert "long.yaml:2:3000028: RPA003 unknown key 'bogus'" in run.stdout
    assert len(run.stdout) < 5000


def test_a_dense_file_over_the_node_budget_is_refused_early(tmp_path: Path) -> None:
    # Two bytes a node: 2 MB of "[1,1,1,…]" once took 26 s and 2 GB; 20 MB would exhaust memory.
    folder = _input(tmp_path)
    (folder / "organisation.yaml").write_bytes(COMPLIANT.read_bytes())
    (folder / "dense.yaml").write_text("activities: [" + "1," * (loader.MAX_NODES * 5) + "1]\n")
    run = run_cli("check", ".", "--output-format", "json", cwd=folder)
    assert_refused(run)
    assert_has(run.findings, {"code": "RPA009", "file": "dense.yaml", "line": 1})
    assert f"more than {loader.MAX_NODES:,} YAML nodes" in run.findings[0]["message"]
    assert run.seconds < TIMEOUT_S


def test_a_file_wrong_everywhere_reports_its_first_errors_and_a_count(tmp_path: Path) -> None:
    folder = _input(tmp_path)
    (folder / "organisation.yaml").write_bytes(COMPLIANT.read_bytes())
    items = loader.MAX_NODES - 10  # just under the budget: every item is an error
    (folder / "dense.yaml").write_text("activities: [" + "1," * (items - 1) + "1]\n")
    run = run_cli("check", ".", "--output-format", "json", cwd=folder)
    assert_refused(run)
    mine = [f for f in run.findings if f["file"] == "dense.yaml"]
    assert len(mine) == validate.MAX_ERRORS_PER_FILE + 1
    assert sum(f["message"].endswith("got 1") for f in mine) == validate.MAX_ERRORS_PER_FILE
    more = items - validate.MAX_ERRORS_PER_FILE
    assert any(f"and {more} more format errors in this file" in f["message"] for f in mine)


def test_read_regular_file_refuses_what_is_not_one(tmp_path: Path) -> None:
    _fifo(tmp_path / "pipe.yaml")
    with pytest.raises(NotARegularFile):
        read_regular_file(tmp_path / "pipe.yaml")
    with pytest.raises((NotARegularFile, IsADirectoryError)):  # a folder: Linux opens it, others refuse
        read_regular_file(tmp_path)
    (tmp_path / "big.yaml").write_bytes(b"x" * 101)
    with pytest.raises(FileTooLarge):
        read_regular_file(tmp_path / "big.yaml", max_bytes=100)
    assert read_regular_file(tmp_path / "big.yaml", max_bytes=101) == b"x" * 101


# ------------------------------------------------------------------ plugins

_BAD_PLUGIN = '''
from __future__ import annotations

from ropa_check import rule
from ropa_check.hookspecs import hookimpl


@rule(code="BAD001", name="raises", severity="error", summary="Raises.", references=("test",), fix="-",
      scope="activity")
def raises(activity):
    """Always raises."""
    raise RuntimeError("boom in a plugin")


@rule(code="BAD002", name="garbage", severity="error", summary="Garbage.", references=("test",), fix="-",
      scope="activity")
def garbage(activity):
    """Yields something that is not a problem."""
    yield 42


@rule(code="BAD003", name="returns-garbage", severity="error", summary="Returns a number.",
      references=("test",), fix="-", scope="category")
def returns_garbage(category):
    """Returns a number instead of an iterable."""
    return 7


@rule(code="BAD004", name="works", severity="warning", summary="Works.", references=("test",), fix="-",
      scope="activity")
def works(activity):
    """A sound rule in the same plugin: it must still run."""
    yield f"checked {activity.id}"


@hookimpl
def ropa_check_rules():
    return [raises, garbage, returns_garbage, works]
'''


def _install_plugin(site: Path, name: str, source: str) -> None:
    """A real installed distribution with a ``ropa_check`` entry point, found through PYTHONPATH."""
    site.mkdir(exist_ok=True)
    (site / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    dist = site / f"{name}-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(f"[ropa_check]\n{name} = {name}\n", encoding="utf-8")


def _pythonpath(site: Path) -> dict[str, str]:
    return {"PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}


def test_failing_plugin_rules_are_reported_and_the_others_still_run(tmp_path: Path) -> None:
    folder = _input(tmp_path)
    (folder / "record.yaml").write_bytes(COMPLIANT.read_bytes())
    site = tmp_path / "site"
    _install_plugin(site, "bad_ropa_plugin", _BAD_PLUGIN)
    run = run_cli("check", ".", "--output-format", "json", cwd=folder, env=_pythonpath(site))
    assert_refused(run)
    failures = [f for f in run.findings if f["code"] == "RPA011"]
    messages = " ".join(f["message"] for f in failures)
    assert "BAD001" in messages
    assert "RuntimeError: boom in a plugin" in messages
    assert "BAD002" in messages
    assert "42" in messages
    assert "BAD003" in messages
    assert "bad_ropa_plugin" in messages
    for f in failures:
        assert f["file"] == "record.yaml"
        assert f["line"] > 1
        assert f["json_path"].startswith("$.activities[")
    # The sound rule of the same plugin ran on every activity (the summary counts processor activities too).
    activities = len(compliant()["activities"])
    assert activities >= 3
    assert json.loads(run.stdout)["summary"]["activities"] >= activities
    assert len([f for f in run.findings if f["code"] == "BAD004"]) == activities


def test_plugin_that_fails_to_import(tmp_path: Path) -> None:
    folder = _input(tmp_path)
    (folder / "record.yaml").write_bytes(COMPLIANT.read_bytes())
    site = tmp_path / "site"
    _install_plugin(site, "broken_ropa_plugin", "raise ImportError('missing dependency xyz')\n")
    run = run_cli("check", ".", cwd=folder, env=_pythonpath(site))
    assert_refused(run)
    assert "missing dependency xyz" in run.stderr
    assert "broken_ropa_plugin" in run.stderr or "plugin" in run.stderr


# ------------------------------------------------- wrong types, from the model

_WRONG_CANDIDATES: tuple[object, ...] = ({"wrong": "type"}, ["wrong"], 12.5, "wrong-text")


def _nested_model(annotation: object) -> tuple[type[BaseModel] | None, bool]:
    """The model a field holds (directly or in a list), and whether it is a list of them."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    if typing.get_origin(annotation) is list:
        inner, _ = _nested_model(typing.get_args(annotation)[0])
        return inner, inner is not None
    for arg in typing.get_args(annotation):
        if typing.get_origin(arg) is list:
            inner, _ = _nested_model(typing.get_args(arg)[0])
            if inner is not None:
                return inner, True
        found, is_list = _nested_model(arg)
        if found is not None:
            return found, is_list
    return None, False


def _minimal(model: type[BaseModel]) -> dict[str, Any]:
    return {(info.alias or name): "x1" for name, info in model.model_fields.items() if info.is_required()}


def _wrong_value(info: FieldInfo) -> object:
    """A value of the wrong type for the field (not merely a wrong value inside the right type)."""
    model, is_list = _nested_model(info.annotation)
    if model is not None:
        return {"wrong": "type"} if is_list else ["wrong"]
    annotation = info.annotation
    if info.metadata:  # the constraints (patterns, lengths, bounds) a value must also meet
        annotation = Annotated.__class_getitem__((annotation, *info.metadata))  # type: ignore[attr-defined]
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    for candidate in _WRONG_CANDIDATES:
        try:
            adapter.validate_python(candidate)
        except ValidationError:
            return candidate
    raise AssertionError(f"no wrong value for {info}")


Step = tuple[str, bool]  # a key, and whether it holds a list (the test uses its first item)


def _model_places(
    model: type[BaseModel], steps: tuple[Step, ...] = ()
) -> Iterator[tuple[type[BaseModel], tuple[Step, ...]]]:
    yield model, steps
    for name, info in model.model_fields.items():
        inner, is_list = _nested_model(info.annotation)
        if inner is not None and len(steps) < 6:
            yield from _model_places(inner, (*steps, (info.alias or name, is_list)))


def _document(steps: tuple[Step, ...]) -> tuple[dict[str, Any], dict[str, Any], list[str | int]]:
    """A minimal document holding one instance at ``steps``: (document, that instance, its path)."""
    doc: dict[str, Any] = {}
    node, path = doc, []
    models = _models_along(steps)
    for (key, is_list), model in zip(steps, models, strict=True):
        child = _minimal(model)
        node[key] = [child] if is_list else child
        path += [key, 0] if is_list else [key]
        node = child
    return doc, node, path


def _models_along(steps: tuple[Step, ...]) -> list[type[BaseModel]]:
    out: list[type[BaseModel]] = []
    model: type[BaseModel] = RecordFile
    for key, _ in steps:
        info = next(i for n, i in model.model_fields.items() if (i.alias or n) == key)
        inner, _ = _nested_model(info.annotation)
        assert inner is not None
        out.append(inner)
        model = inner
    return out


def _wrong_type_cases() -> Iterator[tuple[str, dict[str, Any], str, str]]:
    """(file name, document, expected code, expected JSON path) for every field of every model."""
    for model, steps in _model_places(RecordFile):
        where = "-".join(key for key, _ in steps) or "root"
        for name, info in model.model_fields.items():
            key = info.alias or name
            doc, node, path = _document(steps)
            node[key] = _wrong_value(info)
            yield f"{where}--{key.strip('$')}.yaml", doc, "RPA002", json_path([*path, key])
        doc, node, path = _document(steps)
        node["not_a_field"] = "x"
        yield f"{where}--unknown.yaml", doc, "RPA003", json_path([*path, "not_a_field"])


def _key_line(text: str, path: str) -> int:
    """The line of the key at ``path``, found by PyYAML's pure-Python composer (an independent parser)."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    line = 1
    for part in re.findall(r"\.([A-Za-z_][A-Za-z0-9_-]*)|\['([^']*)'\]|\[(\d+)\]", path):
        name, quoted, index = part
        if index:
            node = node.value[int(index)]
            line = node.start_mark.line + 1
            continue
        key = name or quoted
        key_node, node = next((k, v) for k, v in node.value if k.value == key)
        line = key_node.start_mark.line + 1
    return line


def test_wrong_type_in_every_field_of_every_model(tmp_path: Path) -> None:
    folder = _input(tmp_path)
    expected: dict[str, tuple[str, str, int]] = {}
    for name, doc, code, path in _wrong_type_cases():
        text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
        (folder / name).write_text(text, encoding="utf-8")
        expected[name] = (code, path, _key_line(text, path))
    assert len(expected) > 250  # every field of the ~30 models, plus an unknown key in each
    run = run_cli("check", ".", "--output-format", "json", cwd=folder)
    assert_refused(run)
    by_file: dict[str, list[dict[str, Any]]] = {}
    for f in run.findings:
        by_file.setdefault(f["file"], []).append(f)
    for name, (code, path, line) in expected.items():
        found = [f for f in by_file.get(name, []) if f["code"] != "RPA010"]
        assert [(f["code"], f["json_path"], f["line"]) for f in found] == [(code, path, line)], name
