"""The published JSON Schema (draft 2020-12), generated from the pydantic models."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

# A name, not an address: nothing is published at a URL, and editors find the schema by the modeline's path.
SCHEMA_ID = "urn:ropa-check:schema:record:1"
SCHEMA_FILE = "schemas/ropa-record.schema.json"
#: The vocabulary each model's ``tags`` take.
TAGGED = {"Purpose": "purpose", "DataSubject": "data_subject", "DataCategory": "data_category"}
#: Extra vocabularies: name (``purpose``, ...) to tag to description, as rule packs and ``vocabularies:`` give them.
Vocabularies = Sequence[Mapping[str, Mapping[str, str]]]


def record_schema(extra: Vocabularies = ()) -> dict[str, Any]:
    """The JSON Schema of one record file.

    ``extra`` are a project's own vocabularies (its packs', its ``vocabularies:``
    blocks), offered with the shipped tags; without them the schema is the
    published one, the same for every project.
    """
    from ropa_check.format.model import FORMAT_VERSION, RecordFile

    generated = RecordFile.model_json_schema(by_alias=True)
    _tags_with_descriptions(generated["$defs"], extra)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "description": (
            f"One file of a GDPR Art. 30 record of processing activities, ropa-check format v{FORMAT_VERSION}. "
            "A record is one file or a folder of files; entries refer to each other by id. "
            "Generated from ropa_check.format.model by `ropa-check schema`; do not edit."
        ),
        **generated,
    }


def _tags_with_descriptions(definitions: dict[str, Any], extra: Vocabularies) -> None:
    """Each known tag as a constant with its description, for completion in an editor.

    A tag of another rule pack or another file is still valid by the pattern;
    ropa-check itself reports a tag no vocabulary knows.
    """
    from ropa_check.vocabularies import shipped

    vocabularies = {name: dict(tags) for name, tags in shipped().items()}
    for more in extra:
        for name in TAGGED.values():
            # A later vocabulary's description wins, as when a record is checked.
            vocabularies[name].update(more.get(name, {}))
    for model, vocabulary in TAGGED.items():
        tags = definitions[model]["properties"]["tags"]
        own = {**tags["items"], "description": "A rule pack's or the project's own tag (`vocabularies:`)."}
        known = [{"const": tag, "description": text} for tag, text in sorted(vocabularies[vocabulary].items())]
        tags["items"] = {"anyOf": [*known, own]}


def render(extra: Vocabularies = ()) -> str:
    """The schema as ``ropa-check schema`` prints it and ``init`` writes it (``extra``: see :func:`record_schema`)."""
    return json.dumps(record_schema(extra), indent=2, ensure_ascii=False) + "\n"
