"""The benchmark's 100 policies (benchmarks/policies.py) load: a benchmark of policies that fail to load would
measure nothing."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import yaml

from ropa_check.policies.pack import load_files
from tests.helpers import ROOT


def test_the_benchmark_policies_load(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_policies", ROOT / "benchmarks" / "policies.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    policies = module.policies()
    assert Counter(p["scope"] for p in policies) == {"category": 40, "activity": 30, "transfer": 20, "recipient": 10}
    path = tmp_path / "policies.yaml"
    path.write_text(yaml.safe_dump({"policies": policies}, sort_keys=False), encoding="utf-8")
    (loaded,) = load_files([str(path)])
    assert len(loaded.policies) == 100
