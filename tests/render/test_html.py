"""The HTML document: escaped record text, no way to load anything, every Art. 30 field, findings beside."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ropa_check.cli import main
from tests.helpers import ROOT
from tests.render.conftest import BIDI, IMAGE, SCRIPT, render


@pytest.fixture
def kollektivkraft(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    status, out, err = render(capsys, "records", "--format", "html", "-o", "-")
    assert (status, err) == (0, "")
    return out


def test_record_text_is_text_never_markup(hostile_record: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, html, _ = render(capsys, str(hostile_record), "--isolated", "--format", "html")
    assert status == 0
    # The page has no script element and no element made from the record; what was written is shown as text.
    assert "<script" not in html
    assert "<img" not in html
    assert "</textarea>" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&lt;/textarea&gt;&lt;img src=x onerror=&#34;window.__pwned = 2&#34;&gt;" in html
    # A waiver's reason and approver are the record's text too.
    assert "accepted &lt;script&gt;" in html
    assert "DPO &lt;dpo@x&gt;" in html
    # A bidirectional override would reorder what the reader sees: it is shown as an escape.
    assert "\u202e" not in html
    assert "Moln \\u202eAB\\u202c ]]&gt;" in html
    assert BIDI not in html
    assert IMAGE not in html
    assert SCRIPT not in html


def test_the_page_can_load_nothing(kollektivkraft: str) -> None:
    # No script, style sheet, font, image or frame from anywhere; the policy tells the browser so as well.
    assert re.search(r"<(script|link|img|iframe|object|embed|base)\b", kollektivkraft) is None
    assert re.search(r"\b(src|srcset)=", kollektivkraft) is None
    assert "url(http" not in kollektivkraft
    assert "@import" not in kollektivkraft
    hrefs = re.findall(r'href="([^"]*)"', kollektivkraft)
    assert hrefs
    assert all(h.startswith("#") for h in hrefs)
    assert "content=\"default-src 'none'; style-src 'unsafe-inline'" in kollektivkraft


def test_every_activity_and_art30_field_is_there(kollektivkraft: str) -> None:
    import yaml

    html = kollektivkraft
    for path in sorted((ROOT / "records" / "activities").glob("*.yaml")):
        for activity in yaml.safe_load(path.read_text(encoding="utf-8"))["activities"]:
            section = _section(html, f"activity-{activity['id']}")
            assert activity["name"] in section
            for category in activity.get("data_categories", []):
                assert category["name"] in section
            for heading in (
                "Ändamål",
                "Kategorier av registrerade",
                "Kategorier av personuppgifter",
                "Mottagare",
                "Överföringar till tredjeland",
                "Tidsfrister för radering",
                "Säkerhetsåtgärder",
                "Rättslig grund",
                "Konsekvensbedömning",
                "Dataflöde",
                "Anmärkningar",
            ):
                assert heading in section, (activity["id"], heading)
    assert "Kollektivkraft AB" in _section(html, "organisation")
    assert "Datainspektionen" in _section(html, "organisation")


def test_an_inherited_value_says_where_it_is_written(kollektivkraft: str) -> None:
    section = _section(kollektivkraft, "activity-medlemsregister")
    # The categories inherit the activity's retention (line 46) and the organisation's security measures.
    assert "ärvt från behandlingen, rad 46" in section
    assert "från organisationsblocket (records/organisation.yaml, rad 18)" in section


def test_findings_beside_each_activity_with_their_references(
    kollektivkraft: str, capsys: pytest.CaptureFixture[str]
) -> None:
    section = _section(kollektivkraft, "activity-medlemsregister")
    assert 'class="findings-part"' in section
    assert "RPA301" in section
    assert "GDPR Art. 6(1)" in section
    assert "RSE101" in section  # the Swedish pack's finding, cited as the pack cites it
    # The summary counts what `ropa-check records` reports, on the same day.
    capsys.readouterr()
    main(["records", "-q"])
    said = re.search(r"\((\d+) errors, (\d+) warnings, (\d+) info\)", capsys.readouterr().out)
    assert said is not None
    counts = dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", _section(kollektivkraft, "summary")))
    assert (counts["Fel"], counts["Varningar"], counts["Noteringar"]) == said.groups()


def test_waived_findings_show_reason_approver_and_expiry(
    hostile_record: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, html, _ = render(capsys, str(hostile_record), "--isolated", "--format", "html", "--lang", "en")
    assert status == 0
    section = _section(html, "activity-medlemsregister")
    waived = section[section.index("Waived findings") :]
    assert waived.count("RPA301") == 2
    assert "waiver – Reason:</span> accepted" in waived
    assert "Approved by:</span> DPO &lt;dpo@x&gt;" in waived
    assert "Expires:</span> 2027-01-31" in waived
    counts = dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", _section(html, "summary")))
    assert counts["Waived"] == "2"
    assert counts["Errors"] == "0"


def test_no_findings_renders_the_record_alone(kollektivkraft: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, html, _ = render(capsys, "records", "--format", "html", "--no-findings")
    assert status == 0
    assert re.search(r"\bR(PA|SE)\d{3}\b", html) is None
    assert '<aside class="findings-part"' not in html
    assert "Anmärkningar visas inte" in html
    assert "Medlemsregistrering och Mina sidor" in html


def test_transfers_and_third_countries_are_marked(compliant_record: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, html, _ = render(capsys, str(compliant_record), "--isolated", "--format", "html", "--lang", "en")
    assert status == 0
    section = _section(html, "activity-webbanalys")
    assert 'US <strong class="third">(third country)</strong>' in section
    # The flow picture marks the country in words and draws the transfer mechanism on its arrow.
    svg = section[section.index("<svg") : section.index("</svg>")]
    assert "US (third country)" in svg
    assert 'class="node country third"' in svg
    assert "EU-U.S. Data Privacy Framework (Art. 45)" in svg or "standard contractual clauses" in svg


def test_labels_follow_the_controller_country_unless_asked(
    compliant_record: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.helpers import compliant
    from tests.render.conftest import write_record

    _, swedish, _ = render(capsys, str(compliant_record), "--isolated", "--format", "html")
    _, english, _ = render(capsys, str(compliant_record), "--isolated", "--format", "html", "--lang", "en")
    assert '<html lang="sv">' in swedish
    assert "Register över behandling" in swedish
    assert '<html lang="en">' in english
    assert "Record of processing activities" in english
    german = compliant()
    german["organisation"]["controller"]["country"] = "DE"
    _, html, _ = render(capsys, str(write_record(tmp_path / "de", german)), "--isolated", "--format", "html")
    assert '<html lang="en">' in html


def _section(html: str, anchor: str) -> str:
    """The section with id ``anchor``, up to the next section."""
    start = re.search(rf'<section (class="[^"]*" )?id="{re.escape(anchor)}"', html)
    assert start is not None, anchor
    end = html.find("<section", start.end())
    return html[start.start() : end if end != -1 else len(html)]


def test_the_organisation_block_says_what_art30_1_a_needs_and_is_missing(kollektivkraft: str) -> None:
    rows = dict(
        re.findall(
            r'<tr><th scope="row">([^<]+)</th><td><span class="v (\w+)">', _section(kollektivkraft, "organisation")
        )
    )
    assert rows["Personuppgiftsansvarig: namn"] == "own"
    # Kollektivkraft's privacy policy gives no address, e-mail or telephone and no DPO; as a Swedish company
    # it needs no representative (Art. 27(1)), which is not shown as a gap.
    assert rows["Företrädare (art. 27)"] == "none"
    for missing in (
        "Personuppgiftsansvarig: kontaktuppgifter",
        "Dataskyddsombud (art. 37)",
        "Registret: ansvarig",
        "Registret: senast granskat",
    ):
        assert rows[missing] == "missing", missing
    assert rows["Registret: version"] == "own"


@pytest.mark.parametrize(
    ("country", "state", "text"),
    [
        ("SE", "none", "not required (controller established in the EEA, Art. 27(1))"),
        ("US", "missing", "not stated"),
        (None, "missing", "not stated"),
    ],
)
def test_a_representative_is_missing_only_where_art27_asks_for_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], country: str | None, state: str, text: str
) -> None:
    # Art. 27(1) binds controllers not established in the Union (as RPA104 checks): for one in the EEA the
    # document must not show the representative as a gap the authority would read as one.
    from tests.helpers import compliant
    from tests.render.conftest import write_record

    data = compliant()
    if country is None:
        del data["organisation"]["controller"]["country"]
    else:
        data["organisation"]["controller"]["country"] = country
    folder = write_record(tmp_path / "rep", data)
    status, html, _ = render(capsys, str(folder), "--isolated", "--format", "html", "--lang", "en", "--no-findings")
    assert status == 0
    row = r'<tr><th scope="row">([^<]+)</th><td><span class="v (\w+)">([^<]*)<'
    rows = {label: (st, value) for label, st, value in re.findall(row, _section(html, "organisation"))}
    assert rows["Representative (Art. 27)"] == (state, text)
