"""Output that cannot be written, and Ctrl-C (issue 11): exit 2 or 130 at once, with one line, never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ropa_check import cli
from tests.env_helpers import install, rule_source
from tests.helpers import ROOT

RECORDS = ROOT / "records"
FULL = Path("/dev/full")


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full (Linux) to make every write fail")
@pytest.mark.parametrize(
    "args",
    [
        [str(RECORDS)],
        [str(RECORDS), "-q"],
        [str(RECORDS), "--output-format", "json"],
        [str(RECORDS), "--show-settings"],
        ["rules"],
        ["schema"],
        ["--version"],
        ["check", "--help"],
    ],
)
def test_output_to_a_full_disk(tmp_path: Path, args: list[str]) -> None:
    with FULL.open("w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "ropa_check", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            cwd=tmp_path,
            check=False,
        )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.splitlines() == [
        "ropa-check: error: cannot write to standard output: No space left on device; the report is incomplete"
    ]


@pytest.mark.skipif(os.name != "posix", reason="closes the child's standard output")
@pytest.mark.parametrize("args", [[str(RECORDS)], ["rules"], ["render", str(RECORDS), "-o", "-"]])
def test_a_closed_standard_output_is_an_error_not_a_bug(tmp_path: Path, args: list[str]) -> None:
    proc = subprocess.run(
        ["sh", "-c", 'exec "$0" -m ropa_check "$@" >&-', sys.executable, *args],
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert (proc.returncode, proc.stderr) == (
        2,
        "ropa-check: error: standard output is closed; nothing could be reported\n",
    )


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="sends SIGINT to a child")
def test_ctrl_c_on_a_large_record_takes_effect_at_once(tmp_path: Path) -> None:
    """Interrupted inside the rules of a 2,000-activity record, the run ends in well under a second.

    It took 0.6 s (3.7 s at 13,000 activities): the collector, turned back on,
    walked every object of the record, and then Python freed them one by one.
    """
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "2000", "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    # The rule says when the record is loaded and the rules run, and then waits to be interrupted.
    body = "sys.stderr.write('ready\\n')\nsys.stderr.flush()\ntime.sleep(60)\nreturn ()"
    env = {**os.environ, **install(tmp_path / "site", "waits", rule_source("WAI001", body, scope="record"))}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ropa_check", str(tmp_path / "2000"), "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stderr is not None
        assert proc.stderr.readline() == "ready\n"
        start = time.perf_counter()
        proc.send_signal(signal.SIGINT)
        status = proc.wait(timeout=30)
        seconds = time.perf_counter() - start
        rest = proc.stderr.read()
    finally:
        proc.kill()
        proc.wait()
    assert status == 130
    assert seconds < 0.3, f"{seconds:.2f} s from Ctrl-C to exit"
    assert rest == "ropa-check: interrupted\n"


def test_an_interrupt_returns_130_to_a_caller(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Called as a function (a test, an embedding program), main() returns 130 instead of ending the process."""

    def interrupted(*_: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_dispatch", interrupted)
    assert cli.main([str(RECORDS)]) == 130
    assert capsys.readouterr().err == "ropa-check: interrupted\n"
