"""The plugin manager: built-ins and packs through one hook; clashes fail loudly."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ropa_check import Problem, hookimpl, rule
from ropa_check.plugins import DEFAULT_PLUGINS, PluginError, collect_rules, get_plugin_manager
from ropa_check.rule import RuleDefinitionError


def make_rule(code: str) -> Any:
    @rule(
        code=code,
        name="test-rule",
        severity="info",
        scope="activity",
        summary="A test rule.",
        references=["GDPR Art. 5(2)"],
        fix="Nothing.",
    )
    def check(activity: Any) -> Iterator[Problem]:
        """Test."""
        yield Problem("x")

    return check


class Pack:
    def __init__(self, *codes: str) -> None:
        self.rules = [make_rule(c) for c in codes]

    @hookimpl
    def ropa_check_rules(self) -> list[Any]:
        return self.rules


def test_builtins_and_the_swedish_pack_register_through_the_same_hook() -> None:
    pm = get_plugin_manager()
    names = {impl.plugin_name for impl in pm.hook.ropa_check_rules.get_hookimpls()}
    assert set(DEFAULT_PLUGINS) <= names
    assert "se" in names  # the entry point in pyproject.toml, loaded like a third-party pack


def test_duplicate_codes_fail_at_start_up() -> None:
    pm = get_plugin_manager()
    pm.register(Pack("RPA101"), name="impostor")
    with pytest.raises(PluginError, match=r"RPA101 is registered twice.*impostor"):
        collect_rules(pm)


def test_a_plugin_returning_garbage_fails_loudly() -> None:
    class Garbage:
        @hookimpl
        def ropa_check_rules(self) -> list[Any]:
            return ["not a rule"]

    pm = get_plugin_manager()
    pm.register(Garbage(), name="garbage")
    with pytest.raises(PluginError, match=r"garbage.*not a Rule"):
        collect_rules(pm)


def test_disabled_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROPA_CHECK_DISABLED_PLUGINS", "se")
    codes = {r.rule.code for r in collect_rules(get_plugin_manager())}
    assert "RSE101" not in codes
    assert "RPA101" in codes


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"code": "rpa1"}, "not a prefix of capitals"),
        ({"name": "Not_Kebab"}, "kebab-case"),
        ({"references": []}, "legal reference"),
        ({"scope": "everything"}, "scope"),
    ],
)
def test_rule_metadata_is_validated(kwargs: dict[str, Any], message: str) -> None:
    base: dict[str, Any] = {
        "code": "TST001",
        "name": "ok-name",
        "severity": "error",
        "summary": "s",
        "references": ["GDPR Art. 30"],
        "fix": "f",
    }
    with pytest.raises(RuleDefinitionError, match=message):
        rule(**{**base, **kwargs})(lambda item: iter(()))
