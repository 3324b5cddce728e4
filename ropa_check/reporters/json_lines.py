"""One JSON object per finding per line (``--output-format json-lines``), for streaming tools and jq."""

from __future__ import annotations

import json
from typing import TextIO

from ropa_check.reporters.json_report import finding_dict
from ropa_check.result import Result


def render(result: Result, out: TextIO) -> None:
    for f in result.findings:
        out.write(json.dumps(finding_dict(f), ensure_ascii=False) + "\n")
