"""Benchmark of organisation policies (issue 13): 100 policies over the 10,000-activity record.

    python benchmarks/generate.py 10000     # once, if benchmarks/out/10000 is missing
    python benchmarks/policies.py           # writes benchmarks/out/policies/ and prints the farm-bench command

The 100 policies mix the scopes as a real policy set would, weighted towards
the largest (40 on data categories, 30 on activities, 20 on transfers, 10 on
recipients), and use every kind of test: tags with their hierarchy, durations,
membership with country groups, existence, regular expressions, references to
recipients and to the activity. Target: the check with them takes at most 1.25x
the check without them (farm-bench --vs pairs the two runs).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
OUT = HERE / "out" / "policies"
RECORD = HERE / "out" / "10000"

_CATEGORY = [
    {"all": [{"field": "tags", "has": "national_id"}, {"field": "retention.duration", "above": "P{n}Y"}]},
    {"all": [{"field": "tags", "has": "special_category"}, {"field": "activity.dpia.status", "not_in": ["done"]}]},
    {"any": [{"field": "recipients.country", "not_in": ["EEA"]}, {"field": "retention.duration", "exists": False}]},
    {
        "all": [
            {"field": "purposes.tags", "has": "direct_marketing"},
            {"field": "lawful_basis.art6", "equals": "consent"},
        ]
    },
    {"none": [{"field": "retention.start_event", "matches": ".*avslut.*|.*lämnar.*|v{n}"}]},
]
_ACTIVITY = [
    {"all": [{"field": "purposes.tags", "has": "analytics"}, {"field": "transfers", "exists": True}]},
    {"none": [{"field": "owner", "exists": True}, {"field": "business_function", "equals": "Team {n}"}]},
    {
        "all": [
            {"field": "data_categories.tags", "has_all": ["identity", "contact"]},
            {"field": "large_scale.approx_subjects", "above": 100000},
        ]
    },
    {
        "any": [
            {"field": "recipients.kind", "equals": "controller"},
            {"field": "retention.duration", "at_least": "P{n}Y"},
        ]
    },
    {
        "all": [
            {"field": "data_subjects.tags", "has": "child"},
            {"field": "dpia.status", "not_in": ["done", "approved"]},
        ]
    },
]
_TRANSFER = [
    {"all": [{"field": "activity.purposes.tags", "has": "direct_marketing"}, {"field": "country", "not_in": ["EEA"]}]},
    {"all": [{"field": "recipient.kind", "equals": "processor"}, {"field": "tia_ref", "exists": False}]},
]
_RECIPIENT = [
    {
        "all": [
            {"field": "kind", "equals": "processor"},
            {"none": [{"field": "contract_ref", "matches": "https://avtal.*|DPA-{n}"}]},
        ]
    },
    {"all": [{"field": "country", "not_in": ["EEA", "ADEQUATE"]}, {"field": "dpf_certified", "equals": False}]},
]


def _fill(condition: Any, n: int) -> Any:
    if isinstance(condition, dict):
        return {k: _fill(v, n) for k, v in condition.items()}
    if isinstance(condition, list):
        return [_fill(v, n) for v in condition]
    if isinstance(condition, str):
        return condition.replace("{n}", str(n))
    return condition


def policies() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    plan = [
        ("category", _CATEGORY, 40),
        ("activity", _ACTIVITY, 30),
        ("transfer", _TRANSFER, 20),
        ("recipient", _RECIPIENT, 10),
    ]
    for scope, templates, count in plan:
        for i in range(count):
            n = len(out) + 1
            when = _fill(templates[i % len(templates)], 2 + i // len(templates))
            if scope == "transfer":
                when = {
                    "all": [
                        *when["all"][:1],
                        {"field": "country", "not_equals": "X" + "ABCDEFGHIJ"[i % 10]},
                        *when["all"][1:],
                    ]
                }
            # House rules find exceptions: every test above is evaluated, and the last one lets about 1 item
            # in 100 through, so that the policies' findings do not outnumber the built-in rules' many times over.
            rare = {"field": "id" if scope in ("activity",) else "activity.id", "matches": f".*{n % 100:02d}"}
            if scope == "recipient":
                rare = {"field": "id", "matches": f".*-{n % 10}$"}
            when = {"all": [when, rare]}
            out.append(
                {
                    "code": f"BEN{n:03d}",
                    "name": f"bench-{scope}-{n}",
                    "severity": "warning",
                    "scope": scope,
                    "message": f"bench policy {n} on {{{scope}.{'country' if scope == 'transfer' else 'id'}}}",
                    "references": ["Benchmark house rule"],
                    "fix": "Nothing: a benchmark.",
                    "when": when,
                }
            )
    return out


def main() -> int:
    if not RECORD.is_dir():
        print(f"{RECORD} is missing: run python benchmarks/generate.py 10000 first", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "policies.yaml").write_text(yaml.safe_dump({"policies": policies()}, sort_keys=False), encoding="utf-8")
    (OUT / "with.toml").write_text('policies = ["policies.yaml"]\n', encoding="utf-8")
    (OUT / "without.toml").write_text("", encoding="utf-8")
    exe = Path(sys.executable).parent / "ropa-check"
    base = f"{exe} check {RECORD} --quiet --exit-zero --config"
    print(f"farm-bench -n 5 --timeout 900 --vs '{base} {OUT / 'without.toml'}' -- {base} {OUT / 'with.toml'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
