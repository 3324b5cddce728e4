"""Benchmarks: cold start, throughput and growth of ``ropa-check``, as medians and ratios.

Each measurement runs a command in a fresh process, several times, interleaved
with its baseline so that machine load affects both alike, and takes the median
wall time and the median peak RSS (from ``os.wait4``, the child's own rusage).

    python benchmarks/generate.py            # once: writes benchmarks/out/{100,1000,10000,100000}
    python benchmarks/run.py                 # the comparisons, Markdown to stdout
    python benchmarks/run.py --runs 7 --only start throughput
    python benchmarks/run.py --only filemode # writes benchmarks/out/2000-per-file-1 when it is missing

Targets (issue 5): cold start <= 1.25x importing the dependencies; 10,000
activities <= 2x PyYAML's C loader parsing the same files; 100,000 activities
<= 11x the time and memory of 10,000. Issue 11: 1,000 file arguments (as
pre-commit passes them) about what checking their 2,001-file folder costs.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
PYTHON = sys.executable
ROPA_CHECK = str(Path(PYTHON).parent / "ropa-check")

IMPORT_DEPENDENCIES = [PYTHON, "-c", "import pydantic, jsonschema, pluggy, yaml"]
PYYAML_C = """
import sys, pathlib, yaml
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    with open(path, "rb") as fh:
        yaml.load(fh, Loader=yaml.CSafeLoader)
"""


def measure(cmd: Sequence[str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit status) of one run of ``cmd``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode


def compare(
    label: str, subject: Sequence[str], baseline: Sequence[str], runs: int, *, warm: bool = True
) -> dict[str, float]:
    """Run ``subject`` and ``baseline`` alternately ``runs`` times; medians and ratios."""
    if warm:  # warm the file cache and .pyc files
        measure(subject)
        measure(baseline)
    s_times, s_rss, b_times, b_rss = [], [], [], []
    for _ in range(runs):
        wall, rss, status = measure(subject)
        assert status in (0, 1), f"{label}: {' '.join(subject)} exited {status}"
        s_times.append(wall)
        s_rss.append(rss)
        wall, rss, status = measure(baseline)
        assert status in (0, 1), f"{label}: baseline exited {status}"
        b_times.append(wall)
        b_rss.append(rss)
    # Ratio of medians, and the median of the per-pair ratios (robust against a load spike in one pair).
    pair_ratios = [s / b for s, b in zip(s_times, b_times, strict=True)]
    return {
        "subject_s": statistics.median(s_times),
        "baseline_s": statistics.median(b_times),
        "subject_mb": statistics.median(s_rss),
        "baseline_mb": statistics.median(b_rss),
        "ratio": statistics.median(s_times) / statistics.median(b_times),
        "pair_ratio": statistics.median(pair_ratios),
        "mem_ratio": statistics.median(s_rss) / statistics.median(b_rss),
    }


def _need(size: int) -> Path:
    folder = OUT / str(size)
    if not folder.is_dir():
        sys.exit(f"{folder} is missing: run `python benchmarks/generate.py {size}` first")
    return folder


def _file_mode_record() -> tuple[str, list[str]]:
    """A record of 2,000 one-activity files and its organisation file; its folder and every other activity file."""
    folder = OUT / "2000-per-file-1"
    if not (folder / "activities").is_dir():
        sys.path.insert(0, str(HERE))
        from generate import generate

        generate(2_000, OUT, per_file=1)
    files = sorted((folder / "activities").glob("*.yaml"))[::2]
    return str(folder.relative_to(ROOT)), [str(f.relative_to(ROOT)) for f in files]


def _row(name: str, r: dict[str, float], target: str) -> str:
    return (
        f"| {name} | {r['subject_s']:.3f} s | {r['baseline_s']:.3f} s | {r['ratio']:.2f}x "
        f"(pairs {r['pair_ratio']:.2f}x) | {r['subject_mb']:.0f} MB | {r['baseline_mb']:.0f} MB "
        f"| {r['mem_ratio']:.2f}x | {target} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    parser.add_argument("--only", nargs="*", default=["start", "throughput", "growth", "filemode"])
    args = parser.parse_args()
    # Byte-compile ropa_check as `pip install` does. An editable install under
    # PYTHONDONTWRITEBYTECODE (set on some CI machines and sandboxes) never
    # writes .pyc files, and every run would then pay for compiling ~80 modules,
    # which the baseline's installed dependencies never do.
    compileall.compile_dir(ROOT / "ropa_check", quiet=1)
    rows = []
    if "start" in args.only:
        r = compare("start", [ROPA_CHECK, "records"], IMPORT_DEPENDENCIES, args.runs * 2)
        rows.append(
            _row("cold start: `ropa-check records` vs `import pydantic, jsonschema, pluggy, yaml`", r, "<= 1.25x")
        )
    if "throughput" in args.only:
        folder = str(_need(10_000).relative_to(ROOT))
        r = compare("throughput", [ROPA_CHECK, folder], [PYTHON, "-c", PYYAML_C, folder], args.runs)
        rows.append(_row("10,000 activities vs PyYAML CSafeLoader on the same files", r, "<= 2x"))
    if "growth" in args.only:
        small, large = (str(_need(n).relative_to(ROOT)) for n in (10_000, 100_000))
        r = compare("growth", [ROPA_CHECK, large], [ROPA_CHECK, small], max(2, args.runs // 2), warm=False)
        rows.append(_row("100,000 activities vs 10,000", r, "<= 11x (time and memory)"))
    if "filemode" in args.only:
        folder, files = _file_mode_record()
        r = compare("filemode", [ROPA_CHECK, *files, "-q"], [ROPA_CHECK, folder, "-q"], args.runs)
        rows.append(_row(f"{len(files):,} file arguments vs their 2,001-file folder", r, "about 1x"))
    print(
        f"Measured {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.node()}: "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())} at the end.\n"
    )
    print(
        "| comparison | ropa-check (median) | baseline (median) | time ratio | ropa-check peak RSS "
        "| baseline peak RSS | memory ratio | target |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
