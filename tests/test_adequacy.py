"""The shipped EEA and adequacy list: dated, sourced, and read as data."""

from __future__ import annotations

import datetime as dt

import pytest

from ropa_check.adequacy import load, third_country


def test_list_is_dated_and_sourced() -> None:
    table = load()
    assert dt.date.fromisoformat(table.as_of) >= dt.date(2026, 1, 1)
    assert "Commission" in table.source


def test_eea_is_eu27_plus_three() -> None:
    eea = load().eea
    assert len(eea) == 30
    assert {"IS", "LI", "NO", "SE", "GR"} <= eea  # NO must not have been read as false


@pytest.mark.parametrize(("country", "outside"), [("SE", False), ("EL", False), ("US", True), ("unknown", False)])
def test_third_country(country: str, outside: bool) -> None:
    assert third_country(country) is outside


@pytest.mark.parametrize(("country", "full"), [("CH", True), ("GB", True), ("CA", False), ("US", False)])
def test_scope(country: str, full: bool) -> None:
    decision = load().decision(country)
    assert decision is not None
    assert decision.full is full


def test_no_decision_for_india() -> None:
    assert load().decision("IN") is None
