"""Rule documentation, made from the rules' own metadata: ``rules``, ``rule CODE`` and docs/rules.md."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ropa_check.plugins import RegisteredRule
from ropa_check.rule import Rule


def rule_dict(registered: RegisteredRule, *, plugin: bool = False) -> dict[str, Any]:
    rule = registered.rule
    out: dict[str, Any] = {
        "code": rule.code,
        "name": rule.name,
        "severity": str(rule.severity),
        "scope": rule.scope,
        "summary": rule.summary,
        "references": list(rule.references),
        "explanation": rule.explanation,
        "fix": rule.fix,
        "supersedes": list(rule.supersedes),
        "url": registered.url,
    }
    if plugin:
        out["plugin"] = registered.plugin
    return out


def rule_line(rule: Rule, plugin: str) -> str:
    return f"{rule.code}  {rule.severity!s:<7}  {rule.name:<40}  {rule.summary}"


def rule_text(registered: RegisteredRule) -> str:
    rule = registered.rule
    refs = "\n".join(f"- {ref}" for ref in rule.references)
    return (
        f"# {rule.code} {rule.name}\n\n"
        f"{rule.summary}\n\n"
        f"Severity: {rule.severity} · applies to: {rule.scope}\n\n"
        f"## What it checks and why\n\n{rule.explanation}\n\n"
        f"## Legal references\n\n{refs}\n\n"
        f"## How to fix\n\n{rule.fix}\n"
        + (f"\nSupersedes {', '.join(rule.supersedes)} where both report the same item.\n" if rule.supersedes else "")
        + (f"\nDocumentation: {registered.url}\n" if registered.url else "")
    )


def rules_json(rules: Sequence[RegisteredRule]) -> str:
    return json.dumps([rule_dict(r) for r in rules], indent=2, ensure_ascii=False)


def rule_json(registered: RegisteredRule) -> str:
    return json.dumps(rule_dict(registered), indent=2, ensure_ascii=False)


def markdown(rules: Sequence[RegisteredRule]) -> str:
    """docs/rules.md: an index table, then every rule in full."""
    lines = [
        "# ropa-check rules",
        "",
        "Generated from the rules' metadata by `python -m ropa_check.explain > docs/rules.md`; do not edit.",
        "A test fails when this file is stale.",
        "",
        "| Code | Name | Severity | Pack | Summary |",
        "|---|---|---|---|---|",
    ]
    for reg in rules:
        r = reg.rule
        lines.append(f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity} | {reg.plugin} | {r.summary} |")
    lines.append("")
    for reg in rules:
        r = reg.rule
        lines += [
            f"## {r.code}",
            "",
            f"**{r.name}** · {r.severity} · applies to: {r.scope} · pack: `{reg.plugin}`",
            "",
            r.summary,
            "",
            r.explanation,
            "",
            "References: " + "; ".join(r.references),
            "",
            f"Fix: {r.fix}",
            "",
            *([f"Supersedes {', '.join(r.supersedes)} where both report the same item.", ""] if r.supersedes else []),
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    from ropa_check.plugins import collect_rules, get_plugin_manager

    print(markdown(collect_rules(get_plugin_manager())), end="")
