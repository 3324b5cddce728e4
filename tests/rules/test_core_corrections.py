"""Issue 10: what the data-driven cases cannot pin (severities, messages, references, dates, the adequacy data)."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from ropa_check.adequacy import load
from ropa_check.options import Options
from ropa_check.result import Result
from tests.helpers import ALL_RULES, apply_patch, check, compliant, write_record

RULES = {r.rule.code: r.rule for r in ALL_RULES}


def _run(tmp_path: Path, patch: list[dict[str, Any]], today: str | None = None) -> Result:
    record = write_record(tmp_path, apply_patch(compliant(), patch))
    options = Options(today=dt.date.fromisoformat(today)) if today else None
    return check(record, options=options)


def _messages(result: Result, code: str) -> list[str]:
    return [f.message for f in result.findings if f.code == code]


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        ("RPA113", "warning"),  # Art. 37(1)(b), (c): core activities and large scale are judgements
        ("RPA114", "error"),  # Art. 37(1)(a): a public authority always needs a DPO
        ("RPA221", "warning"),  # Art. 30 does not list sources
        ("RPA225", "error"),  # Art. 14(2)(f) where the data come from someone else
        ("RPA303", "error"),
        ("RPA308", "warning"),  # EDPB Guidelines 2/2019 para 57; the pre-contract limb
        ("RPA404", "warning"),  # Art. 30(1)(f) is met by a concrete time limit
        ("RPA608", "error"),
        ("RPA610", "warning"),
        ("RPA814", "error"),
        ("RPA815", "warning"),
        ("RPA901", "error"),  # ePrivacy Art. 5(3): consent to the access
        ("RPA904", "warning"),  # the basis of the later processing is regulator doctrine
        ("RPA921", "warning"),
    ],
)
def test_severity(code: str, severity: str) -> None:
    assert RULES[code].severity.value == severity


@pytest.mark.parametrize("code", ["RPA302", "RPA404"])
def test_core_fixes_name_no_national_statute(code: str) -> None:
    text = RULES[code].fix + " ".join(RULES[code].references)
    assert "Bokföringslagen" not in text
    assert "kap." not in text


def test_rpa224_does_not_cite_further_processing() -> None:
    rule = RULES["RPA224"]
    assert not any("6(4)" in ref for ref in rule.references)
    assert {"GDPR Art. 6(1)", "GDPR Art. 14(1)", "GDPR Art. 5(1)(a)"} <= set(rule.references)
    assert "compatib" not in rule.fix


@pytest.mark.parametrize("code", ["RPA091", "RPA122"])
def test_keeping_the_record_current_cites_art_24_1(code: str) -> None:
    references = RULES[code].references
    assert any("Art. 24(1)" in ref for ref in references)
    assert not any("30(3)" in ref for ref in references)


def test_rpa604_says_korea_covers_public_authorities() -> None:
    explanation = " ".join(RULES["RPA604"].explanation.split())
    assert "commercial operators and public authorities subject to the Personal Information Protection Act" in (
        explanation
    )


def test_rpa814_cites_21_1_not_all_of_21() -> None:
    assert "GDPR Art. 21(1)" in RULES["RPA814"].references
    assert "GDPR Art. 21" not in RULES["RPA814"].references


def test_adequacy_data_names_the_brazil_and_epo_decisions() -> None:
    table = load()
    brazil = table.decision("BR")
    assert brazil is not None
    assert "(EU) 2026/179" in brazil.decision
    assert "28.1.2026" in brazil.decision
    epo = table.organisation("European Patent Organisation")
    assert epo is not None
    assert "(EU) 2025/1382" in epo.decision
    assert epo.full
    assert table.organisation("epo") is epo
    assert table.organisation("World Health Organization") is None
    uk = table.decision("GB")
    assert uk is not None
    assert uk.valid_until == dt.date(2031, 12, 27)


UK_ADEQUACY = [
    {"op": "replace", "path": "/activities/3/transfers/0", "value": {"country": "GB", "mechanism": "adequacy"}}
]


def test_rpa603_uk_decision_in_force_on_its_last_day(tmp_path: Path) -> None:
    assert _messages(_run(tmp_path, UK_ADEQUACY, today="2031-12-27"), "RPA603") == []


def test_rpa603_uk_decision_past_valid_until(tmp_path: Path) -> None:
    (message,) = _messages(_run(tmp_path, UK_ADEQUACY, today="2031-12-28"), "RPA603")
    assert "United Kingdom" in message
    assert "2031-12-27" in message


def test_rpa606_says_invalid_once(tmp_path: Path) -> None:
    patch = [{"op": "replace", "path": "/activities/3/transfers/0/mechanism", "value": "privacy_shield"}]
    (message,) = _messages(_run(tmp_path, patch), "RPA606")
    assert message == (
        "the transfer relies on the EU–US Privacy Shield, which the Court of Justice declared invalid on "
        "16 July 2020 (C-311/18)"
    )


def test_rpa812_names_what_is_missing(tmp_path: Path) -> None:
    patch = [
        {
            "op": "add",
            "path": "/activities/1/automated_decision",
            "value": {"exists": True, "legal_or_similar_effect": True},
        }
    ]
    (message,) = _messages(_run(tmp_path, patch), "RPA812")
    assert "no an" not in message
    assert "an Art. 22(2) exception (art22_exception)" in message
    assert "safeguards" in message
    assert "logic_info" in message


def test_rpa911_says_the_mechanism_is_missing_when_the_right_is_listed(tmp_path: Path) -> None:
    patch = [{"op": "remove", "path": "/activities/2/direct_marketing/objection_mechanism"}]
    (message,) = _messages(_run(tmp_path, patch), "RPA911")
    assert "records no way to object" not in message
    assert "rights include objection" in message
    assert "direct_marketing.objection_mechanism" in message


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        ("RPA246", "error"),  # Art. 30(2)(a): the processor's own name and contact details
        ("RPA247", "error"),  # Art. 30(2)(a): a representative or designated DPO the record shows
        ("RPA248", "warning"),  # whether Art. 3(2) reaches the controller acted for is its matter
        ("RPA312", "error"),  # Art. 6(4): reuse the record shows, neither consent nor law nor assessment
    ],
)
def test_severity_of_the_duties_added_last(code: str, severity: str) -> None:
    assert RULES[code].severity.value == severity


def test_rpa312_cites_art_6_4_and_recital_50() -> None:
    assert {"GDPR Art. 6(4)", "GDPR recital 50"} <= set(RULES["RPA312"].references)


MARKET_ANALYSIS = [
    {
        "op": "add",
        "path": "/activities/-",
        "value": {
            "id": "marknadsanalys",
            "purposes": [
                {
                    "id": "marknadstrender",
                    "description": "Att analysera medlemmarnas uppgifter för att förstå marknadstrender.",
                    "tags": ["market_research"],
                    "lawful_basis": {"art6": "legitimate_interests", "legitimate_interest": "x", "lia_ref": "y"},
                }
            ],
            "data_subjects": [{"id": "medlemmar", "tags": ["member"]}],
            "data_categories": [
                {"id": "kontakt", "tags": ["contact"], "further_processing": {"collected_for": ["medlemsregister"]}}
            ],
            "recipients": [],
            "retention": {"duration": "P1Y", "start_event": "analysens slut"},
        },
    }
]


def test_rpa312_names_the_origin_and_the_purpose(tmp_path: Path) -> None:
    (message,) = _messages(_run(tmp_path, MARKET_ANALYSIS), "RPA312")
    assert "collected for activity 'medlemsregister'" in message
    assert "purpose 'marknadstrender' (legitimate interests)" in message
    assert "compatibility_assessment_ref" in message


def _without_basis(assessment: str | None) -> list[dict[str, Any]]:
    activity = copy.deepcopy(MARKET_ANALYSIS[0]["value"])
    del activity["purposes"][0]["lawful_basis"]
    if assessment is not None:
        activity["data_categories"][0]["further_processing"]["compatibility_assessment_ref"] = assessment
    return [{**MARKET_ANALYSIS[0], "value": activity}]


def test_compatible_reuse_rests_on_the_collections_basis(tmp_path: Path) -> None:
    # Recital 50: assessed as compatible, the reuse needs no basis of its own.
    (tmp_path / "assessed").mkdir()
    (tmp_path / "unassessed").mkdir()
    assessed = _run(tmp_path / "assessed", _without_basis("BED-2026-04"))
    assert not [f for f in assessed.findings if f.code in ("RPA301", "RPA312") and f.activity == "marknadsanalys"]
    # Without the assessment, the new purpose needs its own basis, and the reuse is unassessed.
    unassessed = _run(tmp_path / "unassessed", _without_basis(None))
    codes = {f.code for f in unassessed.findings if f.activity == "marknadsanalys"}
    assert {"RPA301", "RPA312"} <= codes


def test_further_processing_names_activities_of_the_record(tmp_path: Path) -> None:
    patch = [*MARKET_ANALYSIS]
    patch.append(
        {
            "op": "replace",
            "path": "/activities/4/data_categories/0/further_processing/collected_for",
            "value": ["medlemsregistret"],
        }
    )
    result = _run(tmp_path, patch)
    (finding,) = [f for f in result.findings if f.code == "RPA005"]
    assert finding.json_path == "$.activities[4].data_categories[0].further_processing.collected_for[0]"
    assert "unknown activity 'medlemsregistret'" in finding.message
    assert "medlemsregister" in finding.message  # the nearest known id


def test_rpa812_names_the_art22_3_rights_left_out(tmp_path: Path) -> None:
    patch = [
        {
            "op": "add",
            "path": "/activities/1/automated_decision",
            "value": {
                "exists": True,
                "legal_or_similar_effect": True,
                "art22_exception": "contract",
                "logic_info": "y",
            },
        },
        {"op": "replace", "path": "/activities/1/rights/available", "value": ["access", "human_intervention"]},
    ]
    (message,) = _messages(_run(tmp_path, patch), "RPA812")
    assert "expressing a point of view, contesting the decision" in message
    assert "human intervention" not in message


UK_SUB_PROCESSOR = [
    {
        "op": "replace",
        "path": "/recipients/0/sub_processors",
        "value": [{"name": "Cloud Ltd", "country": "GB", "mechanism": "adequacy"}],
    },
    {"op": "add", "path": "/recipients/0/sub_processor_authorisation", "value": "DPA bilaga 3"},
]


def test_rpa615_uk_decision_in_force_on_its_last_day(tmp_path: Path) -> None:
    assert _messages(_run(tmp_path, UK_SUB_PROCESSOR, today="2031-12-27"), "RPA615") == []


def test_rpa615_uk_decision_past_valid_until(tmp_path: Path) -> None:
    (message,) = _messages(_run(tmp_path, UK_SUB_PROCESSOR, today="2031-12-28"), "RPA615")
    assert "sub-processor 'Cloud Ltd'" in message
    assert "United Kingdom applied until 2031-12-27" in message


def test_format_1_1_example_is_clean_and_uses_the_additions() -> None:
    from tests.helpers import ROOT

    example = ROOT / "docs" / "examples" / "format-1.1" / "record.yaml"
    assert check(example).findings == []
    text = example.read_text(encoding="utf-8")
    for addition in ("processor:", "representative:", "dpo:", "further_processing:", "compatibility_assessment_ref:"):
        assert addition in text


def test_rpa246_reports_the_processor_block_once(tmp_path: Path) -> None:
    patch = [
        {"op": "add", "path": "/organisation/processor", "value": {"name": "Exempel Drift AB"}},
        {"op": "remove", "path": "/organisation/controller/email"},
        {"op": "remove", "path": "/organisation/controller/phone"},
        {"op": "remove", "path": "/organisation/controller/address"},
        {
            "op": "add",
            "path": "/processor_activities/-",
            "value": {
                "id": "kallelser",
                "controllers": [{"name": "Lokalföreningen Syd", "email": "styrelsen@syd.exempel.se"}],
                "processing_categories": ["utskick av kallelser"],
            },
        },
    ]
    (message,) = _messages(_run(tmp_path, patch), "RPA246")
    assert message == (
        "the record of processing for controllers (2 processor activities) gives the processor no contact details "
        "(address, email or phone) (organisation.processor)"
    )
