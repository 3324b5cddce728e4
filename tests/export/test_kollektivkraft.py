"""Kollektivkraft AB's record (records/) in each layout, read back with openpyxl and the csv module.

Each file is compared cell by cell with the sheets the export laid out, and its
rows with the record itself, read here straight from the YAML files (not through
ropa-check), so that a value lost or moved on the way shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ropa_check.export import sheets
from ropa_check.export.layout import load
from ropa_check.options import Options
from ropa_check.pipeline import check_paths
from ropa_check.plugins import load as load_plugins

from .conftest import RECORDS, Grid, cell, export, read_csv, read_xlsx


def _activities() -> list[dict[str, Any]]:
    out = []
    for path in sorted((RECORDS / "activities").glob("*.yaml")):
        out += yaml.safe_load(path.read_text(encoding="utf-8"))["activities"]
    return out


ACTIVITIES = _activities()


def _built(template: str) -> dict[str, Grid]:
    options = Options(paths=(str(RECORDS),))
    loaded = load_plugins(options)
    result = check_paths([str(RECORDS)], [], loaded.vocabularies, options, keep_records=True)
    return {
        s.name: [["" if v is None else v for v in row] for row in s.rows]
        for s in sheets.build(result.records[0], load(template))
    }


def _trim(grid: Grid) -> Grid:
    out = [list(row) for row in grid]
    for row in out:
        while row and row[-1] == "":
            row.pop()
    while out and not out[-1]:
        out.pop()
    return out


@pytest.mark.parametrize("template", ["ico", "skr", "cnil"])
def test_the_workbook_holds_the_laid_out_cells(template: str, tmp_path: Path) -> None:
    target = tmp_path / "kollektivkraft.xlsx"
    assert export([str(RECORDS)], target, template) == 0
    read = read_xlsx(target)
    built = {name: _trim(grid) for name, grid in _built(template).items()}
    assert list(read) == list(built)
    for name in built:
        assert read[name] == built[name], name


@pytest.mark.parametrize("template", ["ico", "skr"])
def test_the_csv_holds_the_same_cells_as_the_workbook(template: str, tmp_path: Path) -> None:
    assert export([str(RECORDS)], tmp_path / "k.xlsx", template) == 0
    assert export([str(RECORDS)], tmp_path / "k.csv", template) == 0
    (sheet,) = read_xlsx(tmp_path / "k.xlsx").values()
    assert read_csv(tmp_path / "k.csv") == sheet
    assert "Kollektivkraft AB" in (tmp_path / "k.csv").read_bytes().decode("utf-8-sig")  # å, ä, ö as UTF-8


# The columns (header row, activity id, category id, activity name, category, subjects, purposes, retention).
COLUMNS = {
    "ico": (9, "AF", "AG", "AE", "E", "D", "B", "J"),
    "skr": (10, "N", "O", "A", "E", "D", "B", "J"),
}


@pytest.mark.parametrize("template", ["ico", "skr"])
def test_one_row_per_activity_and_data_category_with_its_values(template: str, tmp_path: Path) -> None:
    target = tmp_path / "k.csv"
    assert export([str(RECORDS)], target, template) == 0
    grid = read_csv(target)
    header, act_col, cat_col, name_col, category_col, subjects_col, purposes_col, retention_col = COLUMNS[template]
    expected = [(a, c) for a in ACTIVITIES for c in a.get("data_categories") or [None]]
    assert len(grid) == header + len(expected)
    for n, (activity, category) in enumerate(expected, start=header + 1):
        assert cell(grid, f"{act_col}{n}") == activity["id"]
        assert cell(grid, f"{name_col}{n}") == activity.get("name", activity["id"])
        if category is None:  # an activity with no data categories still has its row, its gap showing
            assert cell(grid, f"{cat_col}{n}") == cell(grid, f"{category_col}{n}") == ""
            continue
        assert cell(grid, f"{cat_col}{n}") == category["id"]
        assert cell(grid, f"{category_col}{n}") == category.get("name", category["id"])
        subjects = {s["id"]: s.get("name", s["id"]) for s in activity.get("data_subjects") or []}
        wanted = category.get("subjects") or list(subjects)
        assert cell(grid, f"{subjects_col}{n}").split("\n") == [subjects[s] for s in wanted]
        purposes = {p["id"]: p.get("description", p["id"]) for p in activity.get("purposes") or []}
        wanted = category.get("purposes") or list(purposes)
        assert cell(grid, f"{purposes_col}{n}").split("\n") == [purposes[p] for p in wanted]
        retention = category.get("retention") or activity.get("retention") or {}
        if "description" in retention:
            assert retention["description"] in cell(grid, f"{retention_col}{n}")


def test_cnil_has_the_list_and_one_form_per_activity(tmp_path: Path) -> None:
    target = tmp_path / "k.xlsx"
    assert export([str(RECORDS)], target, "cnil") == 0
    read = read_xlsx(target)
    names = list(read)
    assert names[0] == "2_-_Liste_des_traitements"
    assert names[1:] == [f"{n} - {a['id']}" for n, a in enumerate(ACTIVITIES, start=1)]
    listing = read[names[0]]
    assert cell(listing, "A8") == "Nom du traitement"
    for n, activity in enumerate(ACTIVITIES, start=9):
        assert cell(listing, f"A{n}") == activity.get("name", activity["id"])
        assert cell(listing, f"B{n}") == activity["id"]
    for name, activity in zip(names[1:], ACTIVITIES, strict=True):
        form = read[name]
        first = [row[0] for row in form if row]
        start = first.index("Catégories de données personnelles concernées")
        end = first.index("Catégories de personnes concernées")
        shown = [
            c
            for c in first[start:end]
            if c not in ("Catégories de données personnelles concernées", "Données sensibles")
        ]
        categories = activity.get("data_categories") or []
        special = [
            c for c in categories if any(t.startswith("special_category:") or t == "criminal" for t in c["tags"])
        ]
        ordinary = [c for c in categories if c not in special]
        assert shown == [c.get("name", c["id"]) for c in ordinary + special], name
