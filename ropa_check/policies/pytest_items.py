"""Policy test cases as pytest items, so that an organisation's CI tests its own rules with its other tests.

The pytest plugin (:mod:`ropa_check.pytest_plugin`) calls :func:`collect` from
its ``pytest_collect_file`` for the configured ``policies``: each policy file
becomes a pytest file whose items are its cases (and those of its ``.tests``
sibling), ``policies/x.yaml::ORG001 fire: <case name>``. A policy file that does
not load is one failing item, ``<file>::load``, with the located error: a broken
policy must not pass by collecting nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from ropa_check.policies.pack import POLICY_SUFFIXES, TESTS_SUFFIX

Vocabularies = Sequence[Mapping[str, Mapping[str, str]]]


def collect(
    file_path: Path, parent: pytest.Collector, policies: Sequence[str], vocabularies: Vocabularies = ()
) -> PolicyTestFile | None:
    """The pytest file of ``file_path`` when it is a policy file under ``policies`` (files or folders), else None."""
    if file_path.suffix not in POLICY_SUFFIXES or file_path.stem.endswith(TESTS_SUFFIX):
        return None
    here = Path(os.path.abspath(file_path))
    for raw in policies:
        root = Path(os.path.abspath(raw))
        if here == root or root in here.parents:
            found: PolicyTestFile = PolicyTestFile.from_parent(parent, path=file_path)
            found.policies = tuple(policies)
            found.vocabularies = vocabularies
            return found
    return None


class PolicyCaseFailure(Exception):
    """A case did not come out as it expects, or could not run."""


class PolicyTestFile(pytest.File):
    """One policy file: an item per test case."""

    policies: tuple[str, ...] = ()
    vocabularies: Vocabularies = ()

    def collect(self) -> Iterator[pytest.Item]:
        from ropa_check.policies.cases import cases
        from ropa_check.policies.pack import PolicyError, load_files

        try:
            # Every configured file is loaded: a case may test a policy written in another file.
            everything = load_files(list(self.policies), with_tests=True)
        except PolicyError as exc:
            yield PolicyLoadItem.from_parent(self, name="load", error=str(exc))
            return
        by_code = {p.rule.code: p for f in everything for p in f.policies}
        mine = [f for f in everything if Path(f.doc.path).resolve() == Path(self.path).resolve()]
        for case in cases(mine):
            name = f"{case.policy} {case.data['expect']}: {case.name}"
            yield PolicyCaseItem.from_parent(self, name=name, case=case, policies=by_code)


class PolicyLoadItem(pytest.Item):
    """A policy file that does not load: fails with the located error."""

    def __init__(self, *, error: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.error = error

    def runtest(self) -> None:
        raise PolicyCaseFailure(self.error)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, PolicyCaseFailure):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"{self.path.name}::load"


class PolicyCaseItem(pytest.Item):
    """One test case of a policy."""

    def __init__(self, *, case: Any, policies: Mapping[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.policies = policies

    def runtest(self) -> None:
        from ropa_check.policies.cases import run_case
        from ropa_check.policies.pack import PolicyError

        parent = self.parent
        vocabularies = parent.vocabularies if isinstance(parent, PolicyTestFile) else ()
        try:
            outcome = run_case(self.case, self.policies, vocabularies)
        except PolicyError as exc:
            raise PolicyCaseFailure(str(exc)) from None
        if not outcome.passed:
            raise PolicyCaseFailure(f"{self.case.where}: {outcome.message}")

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, PolicyCaseFailure):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return Path(self.case.doc.path), self.case.line - 1, self.name
