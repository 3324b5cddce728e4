"""Benchmark `ropa-check render` against checking the same record (issue 12).

Targets: Kollektivkraft's record (``records/``) renders in no more than the
check's time plus 0.3 s; the 1,000-activity record renders to HTML in under
3x the check's time. Each comparison is timed with farm-bench (whole process,
interleaved with the check, ratio per pair; median of the runs), the check
being ``ropa-check PATH --quiet`` with every rule of both packs:

    python benchmarks/generate.py 1000      # once: benchmarks/out/1000 (1,000 activities, 21 files)
    python benchmarks/render_bench.py       # farm-bench's reports, one per comparison
    python benchmarks/render_bench.py --runs 9 --only kollektivkraft-html

Figures are in benchmarks/RESULTS.md ("Render (issue 12)").
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ROPA_CHECK = str(Path(sys.executable).parent / "ropa-check")

#: name: (record, output file)
RENDERS = {
    "kollektivkraft-html": (ROOT / "records", "record.html"),
    "kollektivkraft-md": (ROOT / "records", "record.md"),
    "1000-html": (HERE / "out" / "1000", "record.html"),
    "1000-md": (HERE / "out" / "1000", "record.md"),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=sorted(RENDERS), default=sorted(RENDERS))
    args = parser.parse_args()
    if not (HERE / "out" / "1000").is_dir() and any(n.startswith("1000") for n in args.only):
        subprocess.run([sys.executable, str(HERE / "generate.py"), "1000"], check=True)
    # Byte-compile ropa_check as `pip install` does (run.py says why: PYTHONDONTWRITEBYTECODE here).
    compileall.compile_dir(str(ROOT / "ropa_check"), quiet=1)
    bench = shutil.which("farm-bench")
    if bench is None:
        print("farm-bench is not on PATH: it times the whole process from outside", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        for name in args.only:
            record, file = RENDERS[name]
            target = str(Path(folder) / file)
            print(f"## render {name} vs check", flush=True)
            command = [ROPA_CHECK, "render", str(record), "-o", target]
            check = f"{ROPA_CHECK} {record} --quiet"
            subprocess.run(
                [bench, "-n", str(args.runs), "--timeout", "900", "--vs", check, "--", *command], cwd=ROOT, check=True
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
