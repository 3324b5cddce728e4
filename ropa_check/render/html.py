"""The record as one self-contained HTML file: Jinja2 with autoescape, inline CSS and SVG, no script.

Everything from the record, a file name or a plugin reaches the page only
through the template's autoescape, which no value can turn off (nothing is
marked safe). The page loads nothing (a Content-Security-Policy of
``default-src 'none'`` says so to the browser as well): no script, font,
image or style sheet from anywhere, so it opens offline and prints as it shows.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from ropa_check.render.flow import layout
from ropa_check.render.view import RecordDoc

ASSETS = Path(__file__).resolve().parent / "assets"


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(ASSETS)),
        autoescape=True,  # every value, whatever the template name: the record's text is never markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(doc: RecordDoc) -> str:
    """The HTML document of ``doc``."""
    template = _environment().get_template("record.html.j2")
    return template.render(doc=doc, t=doc.labels, layout=lambda graph: layout(graph, doc.labels))


__all__ = ["render"]
