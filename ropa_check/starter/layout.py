"""What ``init`` writes, and where: the record's files, the schema, the pre-commit configuration, the workflow."""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass

from ropa_check.starter import activities, organisation, project
from ropa_check.starter.text import Audience, fill, quoted

RECORD = "records"
SCHEMA = "schemas/ropa-record.schema.json"
PRE_COMMIT = ".pre-commit-config.yaml"
WORKFLOW = ".github/workflows/ropa-check.yml"


@dataclass(frozen=True)
class Starter:
    """What the starter is for: the organisation, its country, the language of the comments."""

    org: str
    country: str
    lang: str
    eea: bool
    today: dt.date
    source: project.Source


def files(starter: Starter, schema_text: str) -> dict[str, str]:
    """Each file's path (relative, with '/') and text, in the order they are listed."""
    audience = Audience(starter.lang, starter.country, starter.eea)
    record: dict[str, str] = {
        f"{RECORD}/organisation.yaml": organisation.ORGANISATION,
        f"{RECORD}/recipients.yaml": organisation.RECIPIENTS,
    }
    for activity in activities.ACTIVITIES:
        record[f"{RECORD}/activities/{activity.names[starter.lang]}.yaml"] = activity.template()
    values = {
        "ORG": quoted(starter.org),
        "COUNTRY": quoted(starter.country),
        "TODAY": starter.today.isoformat(),
        "LANG": starter.lang,
    }
    written = {
        path: fill(template, audience, {**values, "SCHEMA": _relative(SCHEMA, path)})
        for path, template in record.items()
    }
    written[SCHEMA] = schema_text
    written[PRE_COMMIT] = fill(
        project.PRE_COMMIT,
        audience,
        {"HOOK_REPO": quoted(starter.source.repo), "HOOK_REV": quoted(starter.source.rev)},
    )
    written[WORKFLOW] = fill(
        project.WORKFLOW, audience, {"INSTALL": project.yaml_single_quoted(starter.source.install_command())}
    )
    return written


def _relative(target: str, start: str) -> str:
    """``target`` as seen from the file ``start`` (both relative to the same folder), for the editor modeline."""
    return posixpath.relpath(target, posixpath.dirname(start))


__all__ = ["PRE_COMMIT", "RECORD", "SCHEMA", "WORKFLOW", "Starter", "files"]
