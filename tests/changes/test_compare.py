"""Comparing as data: inherited values, grouped changes, what only follows from a bigger change."""

from __future__ import annotations

from pathlib import Path

from tests.changes.conftest import VAGUE, Run, edit
from tests.helpers import git

MEDLEM = Path("records") / "activities" / "medlemsregister.yaml"


def test_an_activity_retention_is_one_change_for_all_its_categories(repo: Path, run: Run) -> None:
    edit(repo / MEDLEM, VAGUE, "    retention:\n      duration: P3Y\n      start_event: medlemskapets slut\n")
    status, report, _ = run("--output-format", "json")
    assert status == 0
    (change,) = report["changes"]
    assert (change["change"], change["kind"], change["key"]) == (
        "changed",
        "retention",
        ["medlemsregister", "barns-namn"],
    )
    assert sorted(k[1] for k in [change["key"], *change["also"]]) == [
        "barns-namn",
        "barns-personnummer",
        "namn-och-kontakt",
        "personnummer",
    ]
    # From words to a concrete period is no longer retention: no risk.
    assert change["risks"] == []
    assert "retention of data categories" in change["description"]


def test_a_value_moved_from_the_activity_to_its_categories_is_no_change(repo: Path, run: Run) -> None:
    path = repo / "records" / "activities" / "nyhetsbrev.yaml"
    edit(path, "    retention:\n      duration: P2Y\n      start_event: avregistrering\n", "")
    edit(
        path,
        "        tags: [contact]\n",
        "        tags: [contact]\n        retention: {duration: P24M, start_event: avregistrering}\n",
    )
    status, report, _ = run("--output-format", "json")
    assert status == 0
    # P24M is not P2Y as text, and is the same data: the value changed, its length did not.
    (change,) = report["changes"]
    assert change["fields"] == [{"field": "duration", "old": "P2Y", "new": "P24M"}]
    assert change["risks"] == []


def test_shorter_retention_and_a_fixed_period_dropped(repo: Path, run: Run) -> None:
    path = repo / "records" / "activities" / "nyhetsbrev.yaml"
    edit(path, "duration: P2Y", "duration: P1Y")
    assert run("--output-format", "json")[1]["changes"][0]["risks"] == []
    edit(
        path,
        "      duration: P1Y\n      start_event: avregistrering\n",
        "      criteria: tills prenumerationen avslutas\n      review_interval: P1Y\n",
    )
    (change,) = run("--output-format", "json")[1]["changes"]
    assert [r["class"] for r in change["risks"]] == ["longer-retention"]
    assert "no longer states a fixed period" in change["risks"][0]["reason"]


def test_new_activity_lists_its_parts_with_their_risks(repo: Path, run: Run) -> None:
    (repo / "records" / "activities" / "skola.yaml").write_text(
        "activities:\n"
        "  - id: skola\n"
        "    purposes: [{id: undervisning, tags: [education]}]\n"
        "    data_subjects: [{id: elever, tags: [child]}]\n"
        "    data_categories:\n"
        "      - {id: elevnummer, tags: [national_id]}\n"
        "    recipients: [kreditupplysningsforetag]\n"
        "    retention: {duration: P1Y, start_event: skolstart}\n",
        encoding="utf-8",
    )
    status, report, _ = run("--output-format", "json", "--fail-on-risk", "children")
    assert status == 1
    kinds = [(c["kind"], [r["class"] for r in c["risks"]]) for c in report["changes"]]
    assert kinds == [
        ("activity", []),
        ("purpose", []),
        ("data_subject", ["children"]),
        ("data_category", ["national-id", "children"]),
        ("activity_recipient", ["controller-recipient"]),
    ]
    # No separate "retention added" or "lawful basis added" for the new categories.
    assert report["summary"]["added"] == 5


def test_transfer_mechanism_changed(repo: Path, run: Run) -> None:
    path = repo / "records" / "activities" / "nyhetsbrev.yaml"
    edit(
        path,
        "    recipients: [leverantorer]\n",
        "    recipients: [leverantorer]\n    transfers:\n"
        "      - {recipient: leverantorer, country: US, mechanism: dpf}\n",
    )
    edit(repo / "records" / "recipients.yaml", "    kind: processor\n", "    kind: processor\n    country: US\n")
    git(repo, "commit", "-qam", "hosted in the US under the DPF")
    edit(path, "mechanism: dpf", "mechanism: scc")
    status, report, _ = run("HEAD", "--output-format", "json", "--fail-on-risk", "transfer-mechanism")
    assert status == 1
    (change,) = report["changes"]
    assert change["kind"] == "transfer"
    assert change["key"] == ["nyhetsbrev", "recipient=leverantorer,country=US"]
    assert [r["class"] for r in change["risks"]] == ["transfer-mechanism"]
