"""Data-flow pictures: subjects -> activity -> recipients -> countries, third countries and mechanisms marked."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from ropa_check.options import Options
from ropa_check.pipeline import check_paths
from ropa_check.render.flow import COUNTRIES, RECIPIENTS, SUBJECTS, activity_graph, layout, mermaid, record_graph
from ropa_check.render.labels import Labels
from tests.helpers import ALL_RULES, VOCABULARIES, compliant
from tests.render.conftest import write_record

EN = Labels("en")


def _record(tmp_path: Path, data: dict[str, Any]) -> Any:
    folder = write_record(tmp_path / "record", data)
    result = check_paths([str(folder)], ALL_RULES, VOCABULARIES, Options(), keep_records=True)
    assert not result.input_failed, result.findings
    return result.records[0]


def _activity(record: Any, ident: str) -> Any:
    return next(a for a in record.activities if a.id == ident)


def test_a_transfer_goes_through_its_recipient_to_a_marked_third_country(tmp_path: Path) -> None:
    graph = activity_graph(_activity(_record(tmp_path, compliant()), "webbanalys"), EN)
    nodes = {n.key: n for n in graph.nodes.values()}
    assert nodes["country:US"].label == "US (third country)"
    assert nodes["country:US"].third_country
    assert nodes["recipient:analysverktyg"].column == RECIPIENTS
    edge = graph.edges[("recipient:analysverktyg", "country:US")]
    assert edge.label == "standard contractual clauses (Art. 46(2)(c))"
    assert edge.third_country
    assert [n.column for n in nodes.values() if n.key.startswith("subject:")] == [SUBJECTS]


@pytest.mark.parametrize(
    ("extra", "edge", "label", "third"),
    [
        # Stored abroad by a processor: activity -> provider -> country, no mechanism stated.
        (
            {"data_location": [{"system": "CRM", "country": "IN", "provider": "it-leverantor"}]},
            ("recipient:it-leverantor", "country:IN"),
            "",
            True,
        ),
        # A transfer to an international organisation, no recipient: activity -> organisation -> country.
        (
            {"transfers": [{"organisation": "WHO", "country": "CH", "mechanism": "adequacy"}]},
            ("organisation:WHO", "country:CH"),
            "adequacy decision (Art. 45)",
            True,
        ),
        # A transfer inside the EEA is not marked.
        (
            {"transfers": [{"country": "DE", "mechanism": "art46_other"}]},
            ("activity:medlemsregister", "country:DE"),
            "another Art. 46 safeguard",
            False,
        ),
    ],
)
def test_storage_places_and_transfers_without_a_recipient(
    tmp_path: Path, extra: dict[str, Any], edge: tuple[str, str], label: str, third: bool
) -> None:
    data = copy.deepcopy(compliant())
    data["activities"][0].update(extra)
    graph = activity_graph(_activity(_record(tmp_path, data), "medlemsregister"), EN)
    assert graph.edges[edge].label == label
    assert graph.nodes[edge[1]].column == COUNTRIES
    assert graph.nodes[edge[1]].third_country is third


def test_the_whole_record_joins_subjects_of_the_same_name(tmp_path: Path) -> None:
    data = copy.deepcopy(compliant())
    name = data["activities"][0]["data_subjects"][0]["name"]
    data["activities"][1]["data_subjects"][0]["name"] = name
    graph = record_graph(_record(tmp_path, data), EN)
    subject = f"subject:{name}"
    assert {s for s, _ in graph.edges if s == subject} == {subject}
    assert sum(1 for s, _ in graph.edges if s == subject) == 2  # one box, an arrow to each activity


def test_layout_keeps_every_box_inside_the_picture(tmp_path: Path) -> None:
    graph = record_graph(_record(tmp_path, compliant()), EN)
    placed = layout(graph, EN)
    assert len(placed.boxes) == len(graph.nodes)
    assert len(placed.arrows) == len(graph.edges)
    for box in placed.boxes:
        assert box.x >= 0
        assert box.x + placed.box_width <= placed.width
        assert box.y >= 0
        assert box.y + placed.box_height <= placed.height
        assert len(box.shown) <= 26
    assert mermaid(graph, EN).startswith("flowchart LR\n")
