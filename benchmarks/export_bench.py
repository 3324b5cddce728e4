"""Benchmark `ropa-check export` of the 1,000-activity record against checking it (issue 12: < 3x).

Each layout and format is timed with farm-bench (whole process, interleaved
with the check, ratio per pair; median of the runs), the check being
``ropa-check benchmarks/out/1000 --quiet`` with every rule of both packs:

    python benchmarks/generate.py 1000      # once: benchmarks/out/1000 (1,000 activities, 21 files)
    python benchmarks/export_bench.py       # farm-bench's reports, one per export
    python benchmarks/export_bench.py --runs 9 --only ico-xlsx

Figures are in benchmarks/RESULTS.md ("Export (issue 12)").
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RECORD = HERE / "out" / "1000"
ROPA_CHECK = str(Path(sys.executable).parent / "ropa-check")

EXPORTS = {
    "ico-xlsx": ("ico", "record.xlsx"),
    "skr-csv": ("skr", "record.csv"),
    "cnil-xlsx": ("cnil", "record.xlsx"),  # 1,001 sheets: the list and one form per activity
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=sorted(EXPORTS), default=sorted(EXPORTS))
    args = parser.parse_args()
    if not RECORD.is_dir():
        subprocess.run([sys.executable, str(HERE / "generate.py"), "1000"], check=True)
    bench = shutil.which("farm-bench")
    if bench is None:
        print("farm-bench is not on PATH: it times the whole process from outside", file=sys.stderr)
        return 2
    check = f"{ROPA_CHECK} {RECORD} --quiet"
    with tempfile.TemporaryDirectory() as folder:
        for name in args.only:
            template, file = EXPORTS[name]
            target = str(Path(folder) / file)
            print(f"## export {name} vs check", flush=True)
            command = [ROPA_CHECK, "export", str(RECORD), "-o", target, "--template", template, "--force"]
            subprocess.run(
                [bench, "-n", str(args.runs), "--timeout", "900", "--vs", check, "--", *command], cwd=ROOT, check=True
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
