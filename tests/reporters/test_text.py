"""The full text report's source excerpt: long lines are cut around the finding's column."""

from __future__ import annotations

import pytest

from ropa_check.reporters.text import SOURCE_WIDTH, source_window


@pytest.mark.parametrize(
    ("length", "column"),
    [(10, 1), (10, 10), (SOURCE_WIDTH, 60), (SOURCE_WIDTH + 1, 1), (5000, 2500), (5000, 4990), (3_000_000, 17)],
)
def test_the_caret_points_at_the_same_character(length: int, column: int) -> None:
    line = "".join(chr(ord("a") + i % 26) for i in range(length))
    shown, caret = source_window(line, column)
    assert len(shown) <= SOURCE_WIDTH + 2  # and an ellipsis at either end
    assert shown[caret - 1] == line[column - 1]
    assert shown.startswith("…") == (length > SOURCE_WIDTH and caret != column)


def test_short_lines_are_shown_whole() -> None:
    assert source_window("  - id: x", 5) == ("  - id: x", 5)
