"""A finding's identity never depends on list order: the property that baselines and --diff-base rest on.

Hypothesis permutes, inserts into and deletes from every list of a record that
has gaps, after a baseline was made from it. The oracle does not use entry
paths: each mutation knows which old entry every new position holds, so a
finding on the mutated record is *old* when the same rule reported it on the
same original entry (counted), and *new* otherwise. Then: a new gap is never
suppressed, and an old accepted gap is never reported as new.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ropa_check.document import Document, entry_name
from ropa_check.input_errors import INPUT_CODES
from ropa_check.options import Options
from ropa_check.paths import PathPart
from ropa_check.suppress import baseline
from tests.helpers import apply_patch, check, compliant, write_record

TODAY = dt.date.fromisoformat(os.environ["ROPA_CHECK_TODAY"])
#: The compliant record with gaps in lists at several depths: activities, categories, recipients, transfers.
GAPS = [
    {"op": "remove", "path": "/activities/1/retention"},
    {"op": "replace", "path": "/activities/0/data_categories/0/retention", "value": {"description": "så länge"}},
    {"op": "replace", "path": "/activities/0/data_categories/1/retention", "value": {"description": "tills vidare"}},
    {"op": "remove", "path": "/recipients/0/contract_ref"},
    {"op": "remove", "path": "/activities/2/purposes/0/lawful_basis"},
]
Key = tuple[str, tuple[PathPart, ...]]


def _record() -> dict[str, Any]:
    return apply_patch(compliant(), GAPS)


def _lists(node: Any, path: tuple[PathPart, ...] = ()) -> Iterator[tuple[tuple[PathPart, ...], list[Any]]]:
    """Every list in the record with at least one entry, and its path."""
    if isinstance(node, list):
        if node:
            yield path, node
        for i, item in enumerate(node):
            yield from _lists(item, (*path, i))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _lists(value, (*path, key))


def _fresh(item: Any, n: int) -> Any:
    """A new entry made from ``item``: a copy with a new id or name, so that it is not the same entry.

    None for plain values (tags, references): a new one would be an unknown tag or id.
    """
    if not isinstance(item, dict):
        return None
    new = copy.deepcopy(item)
    for field in ("id", "name", "system"):
        if isinstance(new.get(field), str):
            new[field] = f"ny-{n}-{new[field]}"
            return new
    if "recipient" in new or "country" in new:  # a transfer
        new["organisation"] = f"ny-{n}"
        return new
    return None


@st.composite
def mutations(draw: st.DrawFn) -> tuple[dict[str, Any], tuple[PathPart, ...], list[int | None]]:
    """A mutated record, the list that changed, and for each new position the old index (None: inserted)."""
    data = _record()
    lists = list(_lists(data))
    path, items = lists[draw(st.integers(0, len(lists) - 1))]
    old = list(range(len(items)))
    kind = draw(st.sampled_from(["permute", "insert", "delete"]))
    if kind == "permute":
        order: list[int | None] = list(draw(st.permutations(old)))
    elif kind == "delete":
        gone = draw(st.integers(0, len(items) - 1))
        order = [i for i in old if i != gone]
    else:
        source = draw(st.integers(0, len(items) - 1))
        new = _fresh(items[source], source)
        assume(new is not None)
        at = draw(st.integers(0, len(items)))
        order = [*old[:at], None, *old[at:]]
        items.insert(at, new)
        return data, path, order
    items[:] = [items[i] for i in order if i is not None]
    return data, path, order


def _old_place(place: tuple[PathPart, ...], changed: tuple[PathPart, ...], order: list[int | None]) -> Any:
    """Where a place of the mutated record was in the original, or None for a place in an inserted entry."""
    n = len(changed)
    if place[:n] != changed or len(place) == n:
        return place
    index = place[n]
    assert isinstance(index, int)
    old = order[index]
    return None if old is None else (*changed, old, *place[n + 1 :])


def _findings(path: Path, options: Options) -> list[Any]:
    return [f for f in check(path, options=options).findings if f.code not in INPUT_CODES]


def _place(json_path: str) -> tuple[PathPart, ...]:
    """``$.a[0].b`` -> ``("a", 0, "b")`` (the record's keys are plain words)."""
    return tuple(key or int(index) for key, index in re.findall(r"\.([A-Za-z_][\w-]*)|\[(\d+)\]", json_path))


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Counter[Key]]:
    """A folder with the record and a baseline of all its findings; each finding's code and place, counted."""
    folder = tmp_path_factory.mktemp("identity")
    record = write_record(folder, _record())
    found = _findings(record, Options(today=TODAY))
    assert len(found) >= 5
    (folder / "baseline.json").write_text(baseline.render(found, str(folder / "baseline.json")), encoding="utf-8")
    return folder, Counter((f.code, _place(f.json_path)) for f in found)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation=mutations())
def test_a_new_gap_is_never_suppressed_and_an_accepted_one_never_reported_as_new(
    original: tuple[Path, Counter[Key]], mutation: tuple[dict[str, Any], tuple[PathPart, ...], list[int | None]]
) -> None:
    folder, before = original
    data, changed, order = mutation
    record = write_record(folder, data)  # under the original's name, which the baseline holds
    options = Options(today=TODAY, baseline=str(folder / "baseline.json"))
    result = check(record, options=options).findings
    assume(not any(f.code in INPUT_CODES for f in result))  # a deleted entry others refer to: nothing to compare
    found = [f for f in result if not f.code.startswith("RPA09")]
    remaining = Counter(before)
    expected_suppressed = 0
    for f in found:
        old = _old_place(_place(f.json_path), changed, order)
        k = (f.code, old)
        if old is not None and remaining[k] > 0:
            remaining[k] -= 1
            expected_suppressed += 1
        else:
            assert f.suppression is None, f"a new gap was suppressed: {f.code} at {f.entry_path}"
    assert sum(f.suppression is not None for f in found) == expected_suppressed, "an accepted gap came back as new"


def test_entry_names() -> None:
    assert entry_name({"id": "medlemsregister", "name": "x"}) == "id=medlemsregister"
    assert entry_name({"recipient": "moln", "country": "US"}) == "recipient=moln,country=US"
    assert entry_name({"name": "Acme, Inc."}) == 'name="Acme, Inc."'
    assert entry_name("national_id") == "=national_id"
    assert entry_name({"mechanism": "scc"}).startswith("#")
    doc = Document("r.yaml", {"activities": [{"id": "a", "transfers": [{"country": "US"}]}]})
    assert doc.entry_path(("activities", 0, "transfers", 0, "mechanism")) == (
        "$.activities[id=a].transfers[country=US].mechanism"
    )
    assert doc.entry_path(("activities", 3)) == "$.activities[3]"  # a place that does not exist
