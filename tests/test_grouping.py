"""A gap written once is reported once, where it is written, naming the categories it covers (issue 10)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from ropa_check.cli import main
from tests.helpers import compliant, write_record

VAGUE = {"description": "så länge det är nödvändigt"}


def _record(*ids: str, waive: str | None = None) -> dict[str, Any]:
    """The compliant record whose first activity holds categories ``ids`` and a vague retention of its own."""
    data = compliant()
    activity = data["activities"][0]
    template = activity["data_categories"][0]
    activity["data_categories"] = []
    for ident in ids:
        category = {k: v for k, v in copy.deepcopy(template).items() if k != "retention"}
        category["id"] = ident
        if ident == waive:
            category["x-ropa-check"] = {"ignore": [{"codes": ["RPA402"], "reason": "approved by the DPO"}]}
        activity["data_categories"].append(category)
    activity["retention"] = VAGUE
    return data


def _findings(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> list[dict[str, Any]]:
    main([str(path), "--select", "RPA402,RPA094", "--output-format", "json", *args])
    return json.loads(capsys.readouterr().out)["findings"]


def test_an_inherited_gap_is_one_finding_where_it_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (finding,) = _findings(capsys, write_record(tmp_path, _record("a", "b")))
    assert finding["json_path"] == "$.activities[0].retention"
    assert finding["entry_path"] == "$.activities[id=medlemsregister].retention"
    assert finding["covers"] == ["a", "b"]
    assert finding["message"].startswith("retention of data categories 'a' and 'b' is not a time limit")
    assert finding["message"].endswith("(written here, on activity 'medlemsregister')")


def test_a_waiver_on_one_category_leaves_the_others_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = _findings(capsys, write_record(tmp_path, _record("a", "b", "c", waive="b")))
    active = [f for f in found if f["suppression"] is None]
    waived = [f for f in found if f["suppression"] is not None]
    assert [f["covers"] for f in active] == [["a", "c"]]
    assert [f["json_path"] for f in waived] == ["$.activities[0].data_categories[1]"]


def test_an_accepted_gap_stays_accepted_when_a_category_inherits_it_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    record = write_record(tmp_path, _record("a", "b"))
    main([str(record), "--select", "RPA402", "--create-baseline", "baseline.json"])
    capsys.readouterr()
    write_record(tmp_path, _record("c", "a", "b"))
    (finding,) = _findings(capsys, record, "--baseline", "baseline.json")
    assert finding["covers"] == ["c", "a", "b"]
    assert finding["suppression"]["kind"] == "baseline"
