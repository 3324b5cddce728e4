"""``--statistics``: how often each rule fired, ruff-style ``count  CODE  name``."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from ropa_check.reporters.escape import shown
from ropa_check.result import Result


def render(result: Result, out: TextIO) -> None:
    # Codes and names come from rule plugins: shown escaped, like anything a text report did not write itself.
    counts = Counter((shown(f.code), shown(f.name)) for f in result.active)
    if not counts:
        out.write("No findings.\n")
        return
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    width = len(str(rows[0][1]))
    code_width = max(len(code) for (code, _), _ in rows)
    for (code, name), n in rows:
        out.write(f"{n:>{width}}  {code:<{code_width}}  {name}\n")
    suppressed = len(result.findings) - len(result.active)
    if suppressed:
        out.write(f"({suppressed} suppressed finding{'s' * (suppressed != 1)} not counted)\n")
