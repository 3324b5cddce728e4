"""Kollektivkraft AB's record, written from its privacy policy, yields the gaps the policy has.

The expected codes follow §6 of the legal catalogue (shared/domain/legal-rules.md),
item by item. A change in what the record yields is a change in what ropa-check
tells its first user, so it must be made here on purpose.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest

from ropa_check.loader import load
from ropa_check.result import Result
from tests.helpers import RECORDS, ROOT, check

EXPECTED = {
    # §6.1 no per-purpose lawful basis: once per purpose, naming its categories (issue 10: a gap written once
    # is reported once; it was 18, once per category); §6.2 contract/legal obligation cannot carry marketing,
    # analytics or disclosure, nor children's or contact persons' data (RPA303); whether it carries
    # personalisation is a question for a note (RPA308, EDPB Guidelines 2/2019 para 57); §6.3 legal
    # obligation without a statute
    "RPA301": 12,
    "RPA303": 8,
    "RPA308": 1,
    "RPA302": 1,
    # Art. 6(4) (issue 10, format 1.1): "analysera insamlad data" reuses data collected for customer service,
    # the newsletter, orders and membership, with neither consent, a law nor a compatibility assessment
    "RPA312": 1,
    # §6.4 members' personnummer; and whether they serve as member numbers is not said
    "RSE101": 1,
    "RSE104": 1,
    # §6.5 children: their personnummer, safeguards, and the parent as the source
    "RSE102": 1,
    "RPA721": 1,
    "RPA723": 1,
    # §6.6 sole traders' organisation numbers are personnummer (an error now: the subjects are tagged sole traders)
    "RSE103": 1,
    # §6.7 payment remarks and Kronofogden debts: credit information handling (not Art. 10); their accuracy is
    # no longer reported, since they come from a credit agency and a public register (KuL 7-8 §§ bind those)
    "RSE502": 1,
    # §6.8 credit assessment is scoring; automated decisions not declared
    "RPA811": 1,
    # §6.9 "så länge det är nödvändigt" for every category: once per activity where it is written (was 19)
    "RPA402": 9,
    # §6.10 cookies and IP addresses without consent; personalisation without a way to object, where the
    # basis is not stated, so whether Art. 21(1) applies is unknown (RPA815, a warning; RPA814 was an error)
    "RPA901": 3,
    "RPA815": 1,
    # §6.11 "anonymous" behaviour analytics of identifiable visitors
    "RPA903": 1,
    # §6.12 sources: generic names, no Art. 14 route, combined datasets, partner data
    "RPA222": 4,
    "RPA223": 5,
    "RPA224": 2,
    "RPA912": 2,
    # §6.13-14 marketing partners (role unknown, so whether the disclosure needs a basis is never checked:
    # RPA309) and credit agencies (no disclosure basis)
    "RPA502": 1,
    "RPA503": 2,
    "RPA306": 1,
    "RPA309": 1,
    # §6.15 suppliers: no Art. 28 contract, no sub-processors, countries unknown
    "RPA511": 1,
    "RPA512": 1,
    "RPA609": 3,
    # §6.16 complaints to "Datainspektionen"
    "RSE701": 1,
    # §6.17 DPIA: IMY's list (two or more criteria) and undocumented screening. On-site personalisation
    # alone meets one WP248 criterion (WP248's own example), and a personnummer is not settled as
    # criterion 4, so anpassad-upplevelse and medlemsregister leave RSE401 (4 -> 2); medlemsregister "may
    # meet two" (RPA801), and anpassad-upplevelse's screening is still undocumented (RPA803 6 -> 7)
    "RSE401": 2,
    "RPA801": 1,
    "RPA803": 7,
    # §6.18 direct marketing: no objection mechanism, e-mail marketing without consent
    "RPA911": 3,
    "RSE801": 1,
    # the policy's list of rights leaves out restriction (Art. 13(2)(b), 18)
    "RPA922": 1,
    # §6.19 DPO: no designation and no assessment
    "RPA112": 1,
    # §6.21 membership may reveal Art. 9 data: not for a for-profit company (Art. 9(2)(d)), so no RPA702
    # §6.22 controller contact, TOMs only as a vague sentence, no breach register, record metadata
    "RPA102": 1,
    "RPA131": 1,
    "RPA132": 1,
    "RPA122": 1,
    # the policy's vague purposes; "säkerhet" named as a use without subjects or data
    "RPA203": 2,
    "RPA211": 1,
    "RPA212": 1,
    # recipients not named for personalisation, analytics and security
    "RPA501": 3,
    # profiling, tracking and marketing activities state no scale (a note, issue 10)
    "RPA809": 4,
}


@pytest.fixture(scope="module")
def result() -> Result:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return check("records")
    finally:
        os.chdir(cwd)


def test_the_record_yields_exactly_the_policys_gaps(result: Result) -> None:
    assert not result.input_failed
    assert dict(Counter(f.code for f in result.findings)) == EXPECTED


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("RPA711", "payment remarks and Kronofogden debts are not Art. 10 criminal-offence data"),
        ("RPA712", "nothing is tagged criminal"),
        ("RPA606", "no Privacy Shield or Safe Harbour transfer is claimed"),
        ("RPA101", "the controller is named"),
        ("RPA702", "a for-profit company's membership reveals no political, religious or union aim"),
        ("RPA814", "no basis is stated, so Art. 21(1) may not apply: RPA815 warns instead"),
        ("RSE503", "the payment remarks come from a credit agency and a public register"),
    ],
)
def test_what_must_not_fire(result: Result, code: str, why: str) -> None:
    assert [f for f in result.findings if f.code == code] == [], why


def test_every_finding_points_into_the_record(result: Result) -> None:
    docs = {}
    for f in result.findings:
        assert f.file.startswith("records/"), f
        path = ROOT / f.file
        if f.file not in docs:
            doc, errors = load(path)
            assert doc is not None, errors
            docs[f.file] = doc
        lines = docs[f.file].text.splitlines()
        assert 1 <= f.line <= len(lines), f
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1, f
        assert f.json_path.startswith("$"), f
        assert f.reference, f


def test_the_record_is_in_swedish_with_english_keys() -> None:
    text = (RECORDS / "activities" / "medlemsregister.yaml").read_text(encoding="utf-8")
    assert "Medlemsregistrering och Mina sidor" in text
    assert "data_categories:" in text
