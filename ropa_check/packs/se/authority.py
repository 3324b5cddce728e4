"""RSE7xx: the Swedish supervisory authority's name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ropa_check import Problem, rule
from ropa_check.packs.se._common import swedish
from ropa_check.phrases import find
from ropa_check.types import Path, Record, Ref


@rule(
    code="RSE701",
    name="authority-named-datainspektionen",
    severity="warning",
    scope="record",
    summary="The record names Datainspektionen, which has been Integritetsskyddsmyndigheten (IMY) since "
    "1 January 2021.",
    references=(
        "Integritetsskyddsmyndigheten (IMY), formerly Datainspektionen (renamed 1 January 2021)",
        "GDPR Art. 13(2)(d)",
        "GDPR Art. 14(2)(e)",
    ),
    fix="Write 'Integritetsskyddsmyndigheten (IMY)' (and correct the privacy notice, where complaints are directed).",
)
def authority_named_datainspektionen(record: Record) -> Iterator[Problem]:
    """Datainspektionen was renamed Integritetsskyddsmyndigheten (IMY) on
    1 January 2021. A record, or the notice it reflects, that still names
    Datainspektionen as the authority tells people to complain (Art. 13(2)(d),
    14(2)(e)) to an authority that no longer exists under that name. Text that
    says "formerly Datainspektionen" (tidigare) is not reported. In the record
    this is a warning; in a privacy notice it would be an error.

    Example that fires: `supervisory_authority: Datainspektionen`.
    """
    if not swedish(record):
        return
    for doc in record.documents:
        if "datainspektionen" not in doc.text.casefold():
            continue  # most files never name it: skip walking their values
        for path, text in _strings(doc.data, ()):
            if find(text, "datainspektionen") and not find(text, "former_name_marker"):
                yield Problem(
                    f"'{text.strip()[:80]}' names Datainspektionen, which has been Integritetsskyddsmyndigheten "
                    "(IMY) since 1 January 2021",
                    at=Ref(doc, path),
                )


def _strings(node: Any, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, (*path, i))
