"""One JSON object per finding per line (``--output-format json-lines``), for streaming tools and jq."""

from __future__ import annotations

import json
from typing import TextIO

from ropa_check.reporters.escape import json_text
from ropa_check.reporters.json_report import finding_dict
from ropa_check.result import Result


def render(result: Result, out: TextIO) -> None:
    for f in result.findings:
        # One physical line each: U+2028, U+0085 and the rest are written as \uXXXX (see escape.json_text).
        out.write(json_text(json.dumps(finding_dict(f), ensure_ascii=False)) + "\n")
