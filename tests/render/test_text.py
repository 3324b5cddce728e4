"""No character that hides or reorders text reaches a document, whichever field of the record carries it."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import compliant
from tests.render.conftest import render, write_record

#: A right-to-left override, an escape (terminal colour), a bell and a first-strong isolate.
UNSAFE = "\u202e\x1b[31m\x07\u2066"
_RAW = re.compile("[\u202e\x1b\x07\u2066]")
#: Fields whose values are codes, ids, dates or references by id: the format refuses such text in them.
_CODED = frozenset(
    {
        "id", "tags", "art6", "kind", "country", "mechanism", "status", "type", "duration", "review_interval",
        "residual_risk", "ground", "available", "recipients", "sources", "subjects", "purposes", "codes",
        "expires", "date", "created", "last_reviewed", "ropa_format", "language", "sub_processors",
        "collected_for", "channels", "technologies", "recipient", "provider", "screening",
    }
)  # fmt: skip


def _everywhere(value: Any, key: str | None = None) -> Any:
    """``value`` with :data:`UNSAFE` after every free-text string in it."""
    if isinstance(value, dict):
        return {k: _everywhere(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_everywhere(v, key) for v in value]
    if isinstance(value, str) and key not in _CODED:
        return value + UNSAFE
    return value


@pytest.fixture
def unsafe_record(tmp_path: Path) -> Path:
    data = _everywhere(copy.deepcopy(compliant()))
    del data["activities"][0]["purposes"][0]["lawful_basis"]  # findings, waived with unsafe text
    data["activities"][0]["x-ropa-check"] = {
        "ignore": [{"codes": ["RPA301"], "reason": "r" + UNSAFE, "approver": "a" + UNSAFE, "expires": "2027-01-31"}]
    }
    return write_record(tmp_path / "unsafe", data)


@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_field_lets_a_control_or_bidi_character_through(
    unsafe_record: Path, capsys: pytest.CaptureFixture[str], fmt: str, lang: str
) -> None:
    status, out, err = render(capsys, str(unsafe_record), "--isolated", "--format", fmt, "--lang", lang)
    assert (status, err) == (0, "")
    leaks = [out[max(0, m.start() - 60) : m.start()] for m in _RAW.finditer(out)]
    assert leaks == []
    # The characters are shown as escapes, not dropped (Markdown escapes the backslash in turn).
    assert ("Medlemsregister\\u202e" if fmt == "html" else "Medlemsregister\\\\u202e") in out


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_a_file_name_is_shown_on_one_line_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    # A line break or tab in a file's name is shown as \n, \t, not as a space that hides it; a byte that is
    # not UTF-8 as \xNN.
    data = compliant()
    folder = tmp_path / "odd"
    activities = data.pop("activities")
    write_record(folder, data)
    import yaml

    name = "new\nline\tx\udcff.yaml"
    (folder / name).write_text(yaml.safe_dump({"activities": activities[:1]}, allow_unicode=True), encoding="utf-8")
    status, out, err = render(capsys, str(folder), "--isolated", "--format", fmt)
    assert (status, err) == (0, "")
    shown = "new\\nline\\tx\\xff.yaml:" if fmt == "html" else "new\\\\nline\\\\tx\\\\xff.yaml\\:"
    assert shown in out


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_a_long_value_is_not_repeated_in_full_in_every_data_category(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    # Each data category shows its effective purposes, subjects, retention...: a 100,000-character purpose
    # inherited by 200 categories made 20 MB (a 5 MB record made gigabytes and ran out of memory). The text
    # is in full where it is written; the categories' cells show its start and say how much more there is.
    data = compliant()
    activity = data["activities"][0]
    long = "Ändamål " + "x" * 100_000
    activity["purposes"][0]["description"] = long
    activity["retention"]["start_event"] = "y" * 100_000
    activity["data_categories"] += [{"id": f"c{i}", "name": f"Kategori {i}", "tags": ["identity"]} for i in range(200)]
    folder = write_record(tmp_path / "long", data)
    status, out, err = render(capsys, str(folder), "--isolated", "--format", fmt, "--lang", "en")
    assert (status, err) == (0, "")
    assert len(out) < 2_000_000
    assert out.count(long) == 1  # in the purposes, where it is written
    assert "characters more; in full where it is written" in out
