"""Fides' own sample project imported: it loads, and its declarations become activities with mapped tags."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from .conftest import FIDES_SAMPLE


def _activity(folder: Path, ident: str) -> dict:
    data = yaml.safe_load((folder / "activities" / f"{ident}.yaml").read_text(encoding="utf-8"))
    return data["activities"][0]


def test_the_fides_sample_imports_and_loads(tmp_path: Path, run_import, run_check) -> None:
    out = tmp_path / "record"
    status, stdout, stderr = run_import(FIDES_SAMPLE, "-o", out, "--report", tmp_path / "report.json")
    assert status == 0, stderr
    assert "Imported 6 activities" in stdout
    status, text = run_check(out)
    assert status in (0, 1), text  # never 2: the imported record loads
    # The gaps Fides' evaluate does not report: no lawful basis, no retention, on every declaration.
    assert "RPA301" in text
    assert "RPA401" in text
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["written"]["activities"] == 6
    policy = [n for n in report["notes"] if "policy 'sample_policy'" in n["message"]]
    assert policy
    assert policy[0]["where"] == "sample_policy.yml:2"


@pytest.mark.parametrize(
    ("activity", "purpose_tags", "category", "category_tags", "subject_tags"),
    [
        ("cookie_house", ["service_improvement"], "user.device.cookie_id", ["cookie_id"], ["customer"]),
        ("cookie_house_postgresql_database", [], "user.financial", ["financial"], ["customer"]),
        (
            "cookie_house_marketing_system",
            ["personalisation"],
            "user.device.cookie_id",
            ["cookie_id"],
            ["customer"],
        ),
        (
            "cookie_house_customer_database",
            ["personalisation"],
            "user.contact",
            ["contact"],
            ["customer"],
        ),
    ],
)
def test_declarations_map_to_tags(
    tmp_path: Path, run_import, activity, purpose_tags, category, category_tags, subject_tags
) -> None:
    out = tmp_path / "record"
    assert run_import(FIDES_SAMPLE, "-o", out)[0] == 0
    data = _activity(out, activity)
    assert data["purposes"][0].get("tags", []) == purpose_tags
    categories = {c["id"]: c for c in data["data_categories"]}
    assert categories[category].get("tags", []) == category_tags
    assert [t for s in data["data_subjects"] for t in s.get("tags", [])] == subject_tags


def test_egress_to_another_system_is_an_internal_recipient(tmp_path: Path, run_import) -> None:
    out = tmp_path / "record"
    assert run_import(FIDES_SAMPLE, "-o", out)[0] == 0
    recipients = yaml.safe_load((out / "recipients.yaml").read_text(encoding="utf-8"))["recipients"]
    assert {r["id"]: r["kind"] for r in recipients} == {
        "cookie-house": "internal",
        "cookie-house-customer-database": "internal",
    }
    assert _activity(out, "cookie_house_marketing_system")["recipients"] == ["cookie-house-customer-database"]
    assert "recipients" not in _activity(out, "cookie_house")  # Fides says nothing: a gap, not "none"


def test_unknown_keys_are_located_warnings(tmp_path: Path, run_import) -> None:
    source = tmp_path / "fides"
    shutil.copytree(FIDES_SAMPLE, source)
    systems = source / "sample_systems.yml"
    systems.write_text(
        systems.read_text(encoding="utf-8").replace(
            "    system_type: Application\n", "    system_type: Application\n    sytem_owner: someone\n", 1
        ),
        encoding="utf-8",
    )
    status, _, stderr = run_import(source, "-o", tmp_path / "record")
    assert status == 0
    assert "sample_systems.yml:6: warning: unknown key 'sytem_owner' in a Fides system" in stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("system:\n  - fides_key: a\n    fides_key: b\n", "sample.yml:3:5: "),
        ("system: [", "sample.yml:"),
        ("just: text\n", "sample.yml:1: not a Fides manifest"),
        ("system: {a: 1}\n", "'system' must be a list"),
    ],
)
def test_broken_manifests_are_located_errors(tmp_path: Path, run_import, text: str, message: str) -> None:
    source = tmp_path / "fides"
    source.mkdir()
    (source / "sample.yml").write_text(text, encoding="utf-8")
    status, _, stderr = run_import(source, "-o", tmp_path / "record")
    assert status == 2
    assert message in stderr
    assert "Traceback" not in stderr
    assert not (tmp_path / "record").exists()


def test_a_full_declaration_carries_basis_retention_transfers_and_dpia(tmp_path: Path, run_import, run_check) -> None:
    manifest = {
        "system": [
            {
                "fides_key": "crm",
                "name": "CRM",
                "third_country_transfers": ["USA"],
                "legal_basis_for_transfers": "SCCs",
                "data_protection_impact_assessment": {"is_required": True, "progress": "Complete", "link": "DPIA-1"},
                "privacy_declarations": [
                    {
                        "data_use": "essential.service",
                        "data_categories": ["user.health_and_medical", "user.name"],
                        "data_subjects": ["patient"],
                        "legal_basis_for_processing": "Contract",
                        "special_category_legal_basis": "Explicit consent",
                        "retention_period": "30",
                    }
                ],
            }
        ]
    }
    source = tmp_path / "crm.yml"
    source.write_text(yaml.safe_dump(manifest), encoding="utf-8")
    out = tmp_path / "record"
    assert run_import(source, "-o", out)[0] == 0
    activity = _activity(out, "crm")
    assert activity["purposes"][0]["lawful_basis"] == {"art6": "contract"}
    assert activity["retention"] == {"duration": "P30D"}
    assert activity["transfers"] == [{"country": "US", "mechanism": "scc"}]
    assert activity["dpia"] == {"required": True, "status": "done", "ref": "DPIA-1"}
    health = next(c for c in activity["data_categories"] if c["id"] == "user.health_and_medical")
    assert health["tags"] == ["special_category:health"]
    assert health["art9_condition"] == "Explicit consent"
    name = next(c for c in activity["data_categories"] if c["id"] == "user.name")
    assert "art9_condition" not in name
    assert run_check(out)[0] in (0, 1)


def test_datasets_and_custom_taxonomy_entries_are_reported(tmp_path: Path, run_import) -> None:
    source = tmp_path / "fides"
    shutil.copytree(FIDES_SAMPLE, source)
    (source / "extra.yml").write_text(
        "dataset:\n  - fides_key: shop_db\n    collections: []\n"
        "data_category:\n  - fides_key: user.custom\n    name: Custom\n",
        encoding="utf-8",
    )
    status, _, stderr = run_import(source, "-o", tmp_path / "record")
    assert status == 0
    assert "extra.yml:2: lost: Fides dataset 'shop_db': read only as the data location" in stderr
    assert "extra.yml:5: lost: Fides data_category 'user.custom': a custom taxonomy entry" in stderr


def test_a_folder_given_by_mistake_is_refused_quickly(tmp_path: Path, run_import, monkeypatch) -> None:
    from ropa_check.importing import fides

    monkeypatch.setattr(fides, "MAX_ENTRIES", 50)
    for index in range(60):
        (tmp_path / f"note-{index}.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "skipped.yml").write_text("system: [", encoding="utf-8")
    status, _, stderr = run_import(tmp_path, "-o", tmp_path.parent / "record")
    assert status == 2
    assert "holds more than 50 files and folders" in stderr


@pytest.mark.parametrize(
    "data_use",
    [
        # "Uses limited data for the purpose of serving content": not tailored to a person, no evaluation (WP248).
        "personalize.content.limited",
        # "Personalizes the system": settings such as a language, not content or offers tailored to a person.
        "personalize.system",
        # The parent holds both of these, so it says no more than they do.
        "personalize",
    ],
)
def test_a_data_use_that_does_not_evaluate_people_is_not_personalisation(
    tmp_path: Path, run_import, data_use: str
) -> None:
    source = tmp_path / "fides"
    source.mkdir()
    (source / "systems.yml").write_text(
        "system:\n- fides_key: shop\n  name: Shop\n  privacy_declarations:\n"
        f"  - {{name: p, data_use: {data_use}, data_categories: [user.contact], data_subjects: [customer]}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "record"
    assert run_import(source, "-o", out)[0] == 0
    assert "tags" not in _activity(out, "shop")["purposes"][0]


def test_a_special_category_basis_goes_on_the_special_categories_only(tmp_path: Path, run_import) -> None:
    # processes_special_category_data says the declaration has some; the Art. 9 condition lifts the prohibition
    # for those, and an e-mail address beside health data rests on no Art. 9 condition.
    source = tmp_path / "fides"
    source.mkdir()
    (source / "systems.yml").write_text(
        "system:\n- fides_key: clinic\n  name: Clinic\n  privacy_declarations:\n"
        "  - name: care\n    data_use: essential.service\n    data_subjects: [patient]\n"
        "    data_categories: [user.contact.email, user.health_and_medical]\n"
        "    processes_special_category_data: true\n"
        "    special_category_legal_basis: Provision of health care or treatment\n",
        encoding="utf-8",
    )
    out = tmp_path / "record"
    assert run_import(source, "-o", out)[0] == 0
    categories = {c["id"]: c for c in _activity(out, "clinic")["data_categories"]}
    assert categories["user.health_and_medical"]["art9_condition"] == "Provision of health care or treatment"
    assert "art9_condition" not in categories["user.contact.email"]


def test_no_third_parties_is_not_no_recipients(tmp_path: Path, run_import) -> None:
    # A processor is no third party (GDPR Art. 4(10)) but is a recipient (Art. 4(9): "whether a third party or
    # not"), so data_shared_with_third_parties: false does not say there are no recipients: recipients: [] would
    # silence the rule that asks for them.
    source = tmp_path / "fides"
    source.mkdir()
    (source / "systems.yml").write_text(
        "system:\n- fides_key: shop\n  name: Shop\n  privacy_declarations:\n"
        "  - name: p\n    data_use: essential.service\n    data_categories: [user.contact]\n"
        "    data_subjects: [customer]\n    data_shared_with_third_parties: false\n",
        encoding="utf-8",
    )
    out = tmp_path / "record"
    status, _, stderr = run_import(source, "-o", out)
    assert status == 0, stderr
    assert "recipients" not in _activity(out, "shop")
    assert "systems.yml:9: unplaced: no third parties (Art. 4(10)) is not no recipients" in stderr
