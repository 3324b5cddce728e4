"""`ropa-check diff` on Kollektivkraft's record: the Done-means change, moves that are no change, exit codes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.changes.conftest import Run, change_the_processing, edit
from tests.helpers import git


def risks(report: dict[str, Any]) -> dict[tuple[str, str, tuple[str, ...]], list[str]]:
    """(change, kind, key) -> its risk classes, for the changes that have any."""
    return {
        (c["change"], c["kind"], tuple(c["key"])): [r["class"] for r in c["risks"]]
        for c in report["changes"]
        if c["risks"]
    }


def test_done_means_us_recipient_longer_retention_dpia_reference_removed(repo: Path, run: Run) -> None:
    change_the_processing(repo)
    status, report, _ = run("--output-format", "json")
    assert status == 0
    assert risks(report) == {
        ("added", "third_country", ("nyhetsbrev", "US")): ["third-country"],
        ("changed", "retention", ("nyhetsbrev", "e-post")): ["longer-retention"],
        ("changed", "dpia", ("anpassad-upplevelse",)): ["dpia"],
    }
    by_kind = {c["kind"]: c for c in report["changes"]}
    retention = by_kind["retention"]
    assert retention["fields"] == [{"field": "duration", "old": "P2Y", "new": "P5Y"}]
    assert (retention["file"], retention["line"]) == ("records/activities/nyhetsbrev.yaml", 25)
    assert "2 years -> 5 years" in retention["risks"][0]["reason"]
    assert retention["risks"][0]["references"] == ["GDPR Art. 5(1)(e)"]
    dpia = by_kind["dpia"]
    assert dpia["fields"] == [{"field": "ref", "old": "DPIA-2025-03", "new": None}]
    assert dpia["risks"][0]["references"] == ["GDPR Art. 35(1)", "GDPR Art. 35(11)"]
    country = by_kind["third_country"]
    # Chapter V allows a transfer on an adequacy decision, appropriate safeguards or, in specific
    # situations, a derogation: the reason must not say that only the first two will do.
    assert country["risks"][0]["references"] == ["GDPR Art. 44", "GDPR Art. 45", "GDPR Art. 46", "GDPR Art. 49"]
    assert "recipient us-analys" in country["risks"][0]["reason"]
    assert "derogation" in country["risks"][0]["reason"]
    # The recipient itself and its use by the newsletter are changes too, without a risk of their own
    # (a processor: no controller-recipient).
    assert {(c["change"], c["kind"], tuple(c["key"])) for c in report["changes"]} == {
        ("added", "recipient", ("us-analys",)),
        ("added", "activity_recipient", ("nyhetsbrev", "us-analys")),
        ("added", "third_country", ("nyhetsbrev", "US")),
        ("changed", "retention", ("nyhetsbrev", "e-post")),
        ("changed", "dpia", ("anpassad-upplevelse",)),
    }
    # The same engine as the check: the undocumented transfer, the processor's missing contract and
    # sub-processors, and the DPIA screening that the finished DPIA no longer answers, are introduced.
    assert sorted((f["code"], f["activity"]) for f in report["findings"]["introduced"]) == [
        ("RPA511", None),
        ("RPA512", None),
        ("RPA601", "nyhetsbrev"),
        ("RPA803", "anpassad-upplevelse"),
    ]
    assert report["findings"]["fixed"] == []


def test_done_means_between_two_refs_in_text(repo: Path, run: Run) -> None:
    change_the_processing(repo)
    git(repo, "commit", "-q", "-am", "change the processing")
    git(repo, "checkout", "-q", "main")  # HEAD given as a ref: the working tree does not matter
    status, text, _ = run("main", "feature", "--fail-on-risk", "longer-retention")
    assert status == 1
    assert text.startswith("ropa-check diff: main (")
    assert "records/activities/nyhetsbrev.yaml:25: changed retention of data category 'e-post' of activity" in text
    assert "    duration: P2Y -> P5Y\n" in text
    for risk in ("! third-country:", "! longer-retention:", "! dpia:"):
        assert risk in text
    assert text.rstrip().endswith("findings: 4 introduced, 0 fixed.")


def test_the_summary_counts_in_words_that_agree_with_the_numbers(repo: Path, run: Run) -> None:
    edit(repo / "records" / "activities" / "nyhetsbrev.yaml", "duration: P2Y", "duration: P3Y")
    status, text, _ = run()
    assert status == 0
    assert text.splitlines()[-1] == (
        "1 change (0 added, 0 removed, 1 changed), 1 with risks (longer-retention 1); findings: 0 introduced, 0 fixed."
    )


def test_unchanged_record_has_no_changes(repo: Path, run: Run) -> None:
    status, report, _ = run("--output-format", "json", "--fail-on-risk", "any")
    assert status == 0
    assert report["changes"] == []
    assert report["findings"] == {"introduced": [], "fixed": []}
    assert report["base"]["files"] == report["head"]["files"]


def test_renamed_split_merged_and_reordered_files_are_no_change(repo: Path, run: Run) -> None:
    records = repo / "records"
    git(repo, "mv", "records/activities/nyhetsbrev.yaml", "records/activities/newsletter.yaml")
    # Split the recipients over two files, and merge two activity files into one.
    text = (records / "recipients.yaml").read_text(encoding="utf-8")
    head, last = text.split("  - id: leverantorer\n")
    (records / "recipients.yaml").write_text(head, encoding="utf-8")
    (records / "more-recipients.yaml").write_text("recipients:\n  - id: leverantorer\n" + last, encoding="utf-8")
    lagkrav = (records / "activities" / "lagkrav.yaml").read_text(encoding="utf-8")
    body = lagkrav.split("activities:\n", 1)[1]
    sakerhet = records / "activities" / "sakerhet.yaml"
    sakerhet.write_text(sakerhet.read_text(encoding="utf-8") + body, encoding="utf-8")
    (records / "activities" / "lagkrav.yaml").unlink()
    # Lines move: a comment on top of a file, categories in another order.
    medlem = records / "activities" / "medlemsregister.yaml"
    edit(
        medlem,
        "      - id: personnummer\n        name: Personnummer\n        tags: [national_id]\n"
        "        subjects: [medlemmar]\n",
        "",
    )
    edit(
        medlem,
        "      - id: barns-namn\n",
        "      - id: personnummer\n        name: Personnummer\n"
        "        tags: [national_id]\n        subjects: [medlemmar]\n      - id: barns-namn\n",
    )
    status, report, _ = run("--output-format", "json")
    assert status == 0
    assert report["changes"] == []
    assert report["findings"] == {"introduced": [], "fixed": []}
    assert "records/more-recipients.yaml" in report["head"]["files"]


def test_removed_activity_whose_categories_remain_and_new_sensitive_categories(repo: Path, run: Run) -> None:
    activities = repo / "records" / "activities"
    # Visitor analytics is deleted, but customer service still holds its behavioural data.
    (activities / "besokaranalys.yaml").unlink()
    edit(
        activities / "kundservice.yaml",
        "    data_categories:\n",
        "    data_categories:\n      - id: beteendedata\n        tags: [behavioural]\n"
        "      - id: halsa\n        name: Hälsouppgifter\n        tags: [special_category:health, criminal]\n",
    )
    status, report, _ = run("--output-format", "json", "--fail-on-risk", "orphaned-data,special-category")
    assert status == 1
    found = risks(report)
    assert found[("removed", "activity", ("besokaranalys",))] == ["orphaned-data"]
    assert found[("added", "data_category", ("kundservice", "halsa"))] == ["special-category", "criminal-offence"]
    removed = next(c for c in report["changes"] if c["change"] == "removed")
    # A removal is located on the old side, and its purposes and categories are not listed one by one.
    assert (removed["file"], removed["line"]) == ("records/activities/besokaranalys.yaml", 6)
    assert "beteendedata" in removed["risks"][0]["reason"]
    assert [c for c in report["changes"] if c["change"] == "removed"] == [removed]


def test_basis_changed_to_legitimate_interests_and_controller_recipient(repo: Path, run: Run) -> None:
    activities = repo / "records" / "activities"
    edit(activities / "lagkrav.yaml", "art6: legal_obligation", "art6: legitimate_interests")
    edit(
        repo / "records" / "activities" / "nyhetsbrev.yaml",
        "recipients: [leverantorer]",
        "recipients: [leverantorer, kreditupplysningsforetag]",
    )
    status, report, _ = run("--output-format", "json")
    assert status == 0
    found = {(c["kind"], r) for c in report["changes"] for r in (x["class"] for x in c["risks"])}
    assert ("lawful_basis", "lawful-basis") in found
    assert ("activity_recipient", "controller-recipient") in found
    basis = next(c for c in report["changes"] if c["kind"] == "lawful_basis")
    assert basis["risks"][0]["references"] == ["GDPR Art. 6(1)(f)", "GDPR Art. 21(1)"]
    # Art. 13(1)(e) and 14(1)(e) ask for "the recipients or categories of recipients", not each recipient by name.
    recipient = next(c for c in report["changes"] if c["kind"] == "activity_recipient")
    assert "told of the recipients or categories of recipients" in recipient["risks"][0]["reason"]


def test_basis_changed_to_consent_cites_what_consent_is_and_how_it_is_shown_and_withdrawn(repo: Path, run: Run) -> None:
    edit(repo / "records" / "activities" / "lagkrav.yaml", "art6: legal_obligation", "art6: consent")
    status, report, _ = run("--output-format", "json", "--fail-on-risk", "lawful-basis")
    assert status == 1
    basis = next(c for c in report["changes"] if c["kind"] == "lawful_basis")
    (risk,) = basis["risks"]
    assert "freely given, specific and informed consent, which may be withdrawn at any time" in risk["reason"]
    assert risk["references"] == ["GDPR Art. 4(11)", "GDPR Art. 6(1)(a)", "GDPR Art. 7(1)", "GDPR Art. 7(3)"]


def test_head_that_does_not_load_is_exit_2_with_its_load_errors(repo: Path, run: Run) -> None:
    (repo / "records" / "activities" / "nyhetsbrev.yaml").write_text("activities: [\n", encoding="utf-8")
    status, report, err = run("--output-format", "json")
    assert status == 2
    assert report["compared"] is False
    assert report["changes"] == []
    errors = report["head"]["load_errors"]
    # The syntax error, and what follows from the file not loading (another file's reference to it).
    assert {(e["file"], e["code"]) for e in errors} >= {("records/activities/nyhetsbrev.yaml", "RPA001")}
    assert "Traceback" not in err


def test_base_that_does_not_load_is_listed_and_the_rest_compared(repo: Path, run: Run) -> None:
    broken = repo / "records" / "activities" / "nyhetsbrev.yaml"
    good = broken.read_text(encoding="utf-8")
    broken.write_text("activities: [\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    git(repo, "checkout", "-q", "-b", "fix")
    broken.write_text(good, encoding="utf-8")
    status, report, _ = run("feature", "--output-format", "json")
    assert status == 0
    assert report["compared"] is True
    assert "records/activities/nyhetsbrev.yaml" in [e["file"] for e in report["base"]["load_errors"]]
    assert ("added", "activity", ["nyhetsbrev"]) in [(c["change"], c["kind"], c["key"]) for c in report["changes"]]


def test_two_folders(repo: Path, run: Run, tmp_path: Path) -> None:
    old = tmp_path / "old"
    git(repo, "worktree", "add", "-q", str(old), "main")
    change_the_processing(repo)
    status, report, _ = run(str(old / "records"), "records", "--output-format", "json")
    assert status == 0
    assert {r for c in report["changes"] for r in (x["class"] for x in c["risks"])} == {
        "third-country",
        "longer-retention",
        "dpia",
    }
    assert run(str(old / "records"), "--output-format", "json")[0] == 2  # a folder and a ref: usage error


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--fail-on-risk", "thirdcountry"), "did you mean 'third-country'"),
        (("no-such-branch",), "'no-such-branch' is neither a folder nor a commit"),
        (("main", "--output-format", "yaml"), "invalid choice"),
    ],
)
def test_usage_errors_exit_2(repo: Path, run: Run, args: tuple[str, ...], message: str) -> None:
    status, out, err = run(*args)
    assert status == 2
    assert message in err
    assert out == ""


def test_never_writes_into_the_work_tree_or_the_repository(repo: Path, run: Run, tmp_path: Path) -> None:
    change_the_processing(repo)
    before = {p: p.stat().st_mtime_ns for p in repo.rglob("*")}
    status, _, _ = run("--output-format", "markdown", "-o", str(tmp_path / "comment.md"))
    assert status == 0
    assert {p: p.stat().st_mtime_ns for p in repo.rglob("*")} == before
    assert (tmp_path / "comment.md").read_text(encoding="utf-8").startswith("<!-- ropa-check diff -->\n")
    # A report in a record's folder would be read as a record file by the next run: refused.
    status, _, err = run("--output-format", "json", "-o", "records/diff.json")
    assert status == 2
    assert "records/diff.json" in err
    assert not (repo / "records" / "diff.json").exists()


def test_outside_a_repository(tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    status, _, err = run("main")
    assert status == 2
    assert "git repository" in err or "neither a folder nor a commit" in err


def test_text_output_escapes_record_text(repo: Path, run: Run) -> None:
    with (repo / "records" / "recipients.yaml").open("a", encoding="utf-8") as fh:
        fh.write('  - id: ny\n    name: "x\\n::warning::owned\\u001b[2J ##[error]no"\n    kind: processor\n')
    status, out, _ = run()
    assert status == 0
    assert "    name: x\\n::warning::owned\\x1b[2J ##\\[error]no\n" in out
    assert "\x1b" not in out
    assert not [line for line in out.splitlines() if line.lstrip().startswith("::")]


def test_markdown_draws_the_changed_data_flow_with_the_new_recipient_marked(repo: Path, run: Run) -> None:
    change_the_processing(repo)
    status, comment, _ = run("--output-format", "markdown")
    assert status == 0
    assert "<summary>Data flows that changed (1)</summary>" in comment
    flow = comment.split("```mermaid\n", 1)[1].split("\n```", 1)[0]
    assert flow.startswith("flowchart LR\n")
    new = [line for line in flow.splitlines() if "(new)" in line]
    # The US recipient and its country are new; the activity and the old recipient are not.
    assert len(new) == 2
    assert any("US" in line or "United States" in line for line in new)
    assert "classDef third" in flow  # the third country is outlined


def test_markdown_draws_no_flow_when_no_recipient_or_transfer_changed(repo: Path, run: Run) -> None:
    edit(repo / "records" / "activities" / "nyhetsbrev.yaml", "duration: P2Y", "duration: P5Y")
    _, comment, _ = run("--output-format", "markdown")
    assert "mermaid" not in comment
