"""Write synthetic records for the benchmarks: N activities spread over many files.

The activities are variations of the three in ``docs/examples/compliant.yaml``
(so they use most fields and cross-file references to recipients and sources),
with extra data categories, transfers and hosting entries, and unique ids.
Every generated record loads and validates without an input error.

    python benchmarks/generate.py 10000            # -> benchmarks/out/10000/
    python benchmarks/generate.py 100 1000 --out /tmp/ropa-bench
    python benchmarks/generate.py 2000 --per-file 1   # -> benchmarks/out/2000-per-file-1/ (2,001 files)
"""

from __future__ import annotations

import argparse
import copy
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPLIANT = ROOT / "docs" / "examples" / "compliant.yaml"
DEFAULT_OUT = Path(__file__).resolve().parent / "out"
SIZES = (100, 1_000, 10_000, 100_000)
PER_FILE = 50
# libyaml when available: the pure-Python dumper takes minutes for the large sizes.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _template() -> dict[str, Any]:
    with COMPLIANT.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def _activity(base: dict[str, Any], n: int) -> dict[str, Any]:
    act = copy.deepcopy(base)
    act["id"] = f"{base['id']}-{n}"
    act["name"] = f"{base['name']} ({n})"
    # Two more categories per activity, one with its own basis, retention and recipients.
    cats = act["data_categories"]
    cats.append(
        {"id": "loggdata", "name": "Inloggningsloggar", "tags": ["contact"], "purposes": [act["purposes"][0]["id"]]}
    )
    cats.append(
        {
            "id": "historik",
            "name": "Ärendehistorik",
            "description": f"Ärenden för aktivitet {n}",
            "tags": ["identity"],
            "retention": {"duration": "P3Y", "start_event": "ärendets avslut"},
            "recipients": ["it-leverantor"],
            "lawful_basis": {"art6": "contract", "contract_ref": "Medlemsvillkor v3"},
        }
    )
    act["transfers"] = [{"country": "NO", "recipient": "it-leverantor", "mechanism": "adequacy"}]
    act["data_location"] = [{"system": f"System {n % 7}", "country": "SE", "provider": "it-leverantor"}]
    act["last_reviewed"] = "2026-03-01"
    return act


def generate(activities: int, out: Path, per_file: int = PER_FILE) -> Path:
    """Write a record of ``activities`` activities, ``per_file`` to a file, under ``out``; return its folder.

    The folder is ``out/<activities>/``, or ``out/<activities>-per-file-<per_file>/`` for another spread.
    """
    template = _template()
    bases = template.pop("activities")
    folder = out / (str(activities) if per_file == PER_FILE else f"{activities}-per-file-{per_file}")
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "activities").mkdir(parents=True)
    dump = {"allow_unicode": True, "sort_keys": False, "width": 120}
    (folder / "organisation.yaml").write_text(yaml.dump(template, Dumper=_DUMPER, **dump), encoding="utf-8")
    for start in range(0, activities, per_file):
        chunk = [_activity(bases[n % len(bases)], n) for n in range(start, min(start + per_file, activities))]
        name = folder / "activities" / f"part-{start // per_file:05d}.yaml"
        name.write_text(yaml.dump({"activities": chunk}, Dumper=_DUMPER, **dump), encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES), help="activity counts")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write (default: benchmarks/out)")
    parser.add_argument("--per-file", type=int, default=PER_FILE, help=f"activities per file (default {PER_FILE})")
    args = parser.parse_args()
    for size in args.sizes:
        print(generate(size, args.out, args.per_file))


if __name__ == "__main__":
    main()
