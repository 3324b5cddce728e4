"""Coverage-guided fuzzing of the loader and validator with atheris (libFuzzer).

Any bytes, read as YAML and as JSON, must give either a document or located
errors: never an exception, never both, never a position before line 1,
column 1. A loaded document also goes through validation, whose error mapping
walks the data.

    pip install atheris
    python fuzz/fuzz_loader.py -atheris_runs=100000 fuzz/corpus-work/   # a corpus folder it may write to
    python fuzz/fuzz_loader.py -max_total_time=3600 -jobs=2 fuzz/corpus-work/

A crash is written to ``crash-<sha1>`` in the working folder; re-run it with
``python fuzz/fuzz_loader.py crash-<sha1>``.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["ropa_check", "yaml"]):
    from ropa_check import loader, validate


def check_one(data: bytes) -> None:
    """The property: a document xor errors, every error located."""
    for json_syntax in (False, True):
        doc, errors = loader.loads(data, "fuzz.yaml", json_syntax=json_syntax)
        if (doc is None) == (not errors):
            raise AssertionError(f"loads returned document={doc is not None} with {len(errors)} errors")
        findings = errors
        if doc is not None:
            _, findings = validate.validate(doc)
        for finding in findings:
            if finding.line < 1 or finding.column < 1 or not finding.json_path.startswith("$"):
                raise AssertionError(f"badly located finding: {finding}")


def main() -> None:
    atheris.Setup(sys.argv, check_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
