"""A tag outside the shipped vocabularies may be the project's own: it is checked against each record's."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa_check.cli import main
from tests.policies.helpers import valid_policy, write_policies

RECORD = """\
organisation: {{controller: {{name: Test AB, country: SE}}}}
{vocabularies}activities:
  - id: lojalitet
    data_categories: [{{id: poang, tags: [bonus_points]}}]
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_policies(
        tmp_path,
        valid_policy(scope="category", when={"field": "tags", "has": "bonus_points"}, message="{category.id}"),
    )
    (tmp_path / "ropa-check.toml").write_text('policies = ["policy.yaml"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_project_tag_known_to_the_record(project: Path, capsys) -> None:
    text = RECORD.format(vocabularies="vocabularies: {data_category: {bonus_points: Loyalty points}}\n")
    (project / "r.yaml").write_text(text, encoding="utf-8")
    assert main(["check", "r.yaml", "--select", "ORG", "-o", "concise"]) == 0  # ORG100 is a warning
    assert "r.yaml:5:23: ORG100 poang" in capsys.readouterr().out


def test_a_tag_in_no_vocabulary_of_the_record_stops_the_check(project: Path, capsys) -> None:
    (project / "r.yaml").write_text(
        RECORD.format(vocabularies="").replace("bonus_points]", "contact]"), encoding="utf-8"
    )
    status = main(["check", "r.yaml", "--select", "ORG", "-o", "concise"])
    out, _ = capsys.readouterr()
    assert status == 2
    assert "RPA011" in out
    assert "policy.yaml:13:5: data category tag 'bonus_points' is in no vocabulary of this record" in out
