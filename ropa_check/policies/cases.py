"""Policy tests: records for which a policy must fire, and records for which it must not.

A case is ``{name, policy, expect: fire | pass, record | record_file}``, with
``count`` (exactly so many findings) and ``at`` (entry paths that must each
have one) for ``fire``. An inline ``record`` is one record file's content,
checked where it is written, so a mistake in it is reported at its line in the
policy file; an ``organisation`` block is added when it has none. Only the
case's own policy runs on it, through the same engine as a check.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from ropa_check.document import Document
from ropa_check.finding import Finding
from ropa_check.paths import Path
from ropa_check.plugins import RegisteredRule
from ropa_check.policies.pack import PLUGIN_NAME, Policy, PolicyError, PolicyFile, located

Vocabularies = Sequence[Mapping[str, Mapping[str, str]]]


@dataclass(frozen=True)
class Case:
    """One test case, where it is written and what it expects."""

    doc: Document
    path: Path
    data: Mapping[str, Any]

    @property
    def name(self) -> str:
        return str(self.data["name"])

    @property
    def policy(self) -> str:
        return str(self.data["policy"])

    @property
    def line(self) -> int:
        return self.doc.position(self.path)[0]

    @property
    def where(self) -> str:
        return f"{self.doc.path}:{self.line}"


@dataclass(frozen=True)
class Outcome:
    """What running a case showed: passed or not, and why not."""

    case: Case
    passed: bool
    message: str = ""


def cases(files: Sequence[PolicyFile]) -> list[Case]:
    """Every test case of ``files``, in file order."""
    return [Case(doc, path, data) for f in files for doc, path, data in f.cases]


def run_case(case: Case, policies: Mapping[str, Policy], vocabularies: Vocabularies = ()) -> Outcome:
    """Run one case. Raises :class:`PolicyError` when the case cannot be run (bad record, unknown policy)."""
    policy = policies.get(case.policy)
    if policy is None:
        from ropa_check.suggest import did_you_mean

        hint = did_you_mean(case.policy, policies) or f" (policies: {', '.join(sorted(policies)) or 'none'})"
        raise located(case.doc, (*case.path, "policy"), f"no policy {case.policy}{hint}")
    registered = RegisteredRule(policy.rule, PLUGIN_NAME)
    if "record" in case.data:
        findings = _inline(case, registered, vocabularies)
    else:
        findings = _from_file(case, registered, vocabularies)
    failures = [f for f in findings if f.code != policy.rule.code]
    if failures:
        # A policy that fails while it runs (a project tag in no vocabulary) cannot pass or fail a case.
        raise PolicyError(f"{case.where}: case '{case.name}': {failures[0].message}")
    return _judge(case, findings)


def _judge(case: Case, findings: Sequence[Finding]) -> Outcome:
    code = case.policy
    shown = "; ".join(f"line {f.line}: {f.message}" for f in findings[:3])
    if case.data["expect"] == "pass":
        if findings:
            return Outcome(case, False, f"{code} must not fire, and fired {len(findings)}x: {shown}")
        return Outcome(case, True)
    if not findings:
        return Outcome(case, False, f"{code} must fire, and did not")
    count = case.data.get("count")
    if count is not None and len(findings) != count:
        return Outcome(case, False, f"{code} must fire {count}x, and fired {len(findings)}x: {shown}")
    places = {f.entry_path for f in findings}
    missing = [p for p in case.data.get("at") or () if p not in places]
    if missing:
        return Outcome(case, False, f"{code} must fire at {missing[0]}, and fired at: {', '.join(sorted(places))}")
    return Outcome(case, True)


def _inline(case: Case, registered: RegisteredRule, vocabularies: Vocabularies) -> list[Finding]:
    from ropa_check import engine, validate
    from ropa_check.record import build

    prefix = (*case.path, "record")
    data = dict(case.data["record"])
    data.setdefault("organisation", {"controller": {"name": "Policy test case"}})
    n = len(prefix)
    doc = Document(
        case.doc.path,
        data,
        positions={p[n:]: v for p, v in case.doc.positions.items() if p[:n] == prefix},
        key_positions={p[n:]: v for p, v in case.doc.key_positions.items() if p[:n] == prefix},
        text=case.doc.text,
    )
    model, errors = validate.validate(doc)
    if model is None:
        raise _record_error(case, errors)
    record, errors = build([(doc, model)], vocabularies)
    if errors:
        raise _record_error(case, errors)
    try:
        return engine.run(record, [registered], timeout=None)
    finally:
        record.release()


def _from_file(case: Case, registered: RegisteredRule, vocabularies: Vocabularies) -> list[Finding]:
    from ropa_check.input_errors import INPUT_CODES
    from ropa_check.options import Options
    from ropa_check.pipeline import check_paths

    target = FsPath(case.doc.path).parent / str(case.data["record_file"])
    if not target.exists():
        raise located(case.doc, (*case.path, "record_file"), f"record file or folder {target} does not exist")
    result = check_paths([str(target)], [registered], vocabularies, Options(waivers=False, paths=(str(target),)))
    errors = [f for f in result.findings if f.code in INPUT_CODES and f.code != "RPA011"]
    if errors:
        raise _record_error(case, errors)
    return [f for f in result.findings if f.code == registered.rule.code or f.code == "RPA011"]


def _record_error(case: Case, errors: Sequence[Finding]) -> PolicyError:
    first = errors[0]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return PolicyError(
        f"{first.file}:{first.line}:{first.column}: case '{case.name}': the record cannot be checked: "
        f"{first.code} {first.message}{more}"
    )
