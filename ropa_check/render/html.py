"""The record as one self-contained HTML file: Jinja2 with autoescape, inline CSS and SVG, no script.

Everything from the record, a file name or a plugin reaches the page escaped:
through the template's autoescape, or, in the fragments drawn here for speed
(a value cell, a table of fields, a list of findings, a data-flow picture;
tens of thousands of them in a large record, where a template macro per cell
made rendering three times slower), through :func:`_e` on every value, each
fragment then marked as markup as a whole. The page loads nothing (a
Content-Security-Policy of ``default-src 'none'`` says so to the browser as
well): no script, font, image or style sheet from anywhere, so it opens
offline and prints as it shows.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

import jinja2
from markupsafe import Markup

from ropa_check.render.flow import Graph, layout
from ropa_check.render.labels import Labels
from ropa_check.render.view import Cell, FindingView, RecordDoc, Row

ASSETS = Path(__file__).resolve().parent / "assets"
_SPECIAL = re.compile("[&<>\"']")


def _e(text: str) -> str:
    """The one escape for the fragments built here: ``& < > " '`` as character references.

    Most values have none of them; looking first is faster than replacing five times.
    """
    return html.escape(text, quote=True) if _SPECIAL.search(text) else text


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(ASSETS)),
        autoescape=True,  # every value, whatever the template name: the record's text is never markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _cell_text(c: Cell) -> str:
    text = f'<span class="v {_e(c.state)}">{"<br>".join(_e(line) for line in c.lines)}</span>'
    return text + (f'<span class="note">↳ {_e(c.note)}</span>' if c.note else "")


def cell(c: Cell) -> Markup:
    """A value: its lines, and where it is written when inherited."""
    return Markup(_cell_text(c))


def fields(rows: Iterable[Row]) -> Markup:
    """A two-column table of labelled values."""
    body = "".join(f'<tr><th scope="row">{_e(r.label)}</th><td>{_cell_text(r.cell)}</td></tr>\n' for r in rows)
    return Markup(f'<table class="fields">\n<tbody>\n{body}</tbody>\n</table>')


def _finding(f: FindingView, t: Labels, waived: bool) -> str:
    out = [
        f'<li class="finding {_e(f.severity)}">',
        f'<p class="head"><span class="badge {_e(f.severity)}">{_e(f.severity_label)}</span> <code>{_e(f.code)}</code>'
        f' <span class="name">{_e(f.name)}</span></p>',
        f'<p class="message">{_e(f.message)}</p>',
    ]
    if f.reference:
        out.append(f'<p class="reference"><span class="k">{_e(t["reference"])}:</span> {_e(f.reference)}</p>')
    out.append(f'<p class="location"><span class="k">{_e(t["location"])}:</span> <code>{_e(f.location)}</code></p>')
    if waived:
        waiver = f'<span class="k">{_e(f.waived_as)} – {_e(t["reason"])}:</span> {_e(f.reason)}'
        if f.approver:
            waiver += f'<br><span class="k">{_e(t["approver"])}:</span> {_e(f.approver)}'
        if f.expires:
            waiver += f'<br><span class="k">{_e(t["expires"])}:</span> {_e(f.expires)}'
        out.append(f'<p class="waiver">{waiver}</p>')
    out.append("</li>")
    return "\n".join(out)


def findings(items: Iterable[FindingView], t: Labels, waived: bool) -> Markup:
    """A list of findings: severity, code, message, legal reference, where; a waiver's reason, approver, expiry."""
    return Markup('<ul class="findings">\n' + "\n".join(_finding(f, t, waived) for f in items) + "\n</ul>")


def flow(graph: Graph, ident: str, t: Labels) -> Markup:
    """The data-flow picture as inline SVG, described for screen readers; ``ident`` is a unique id prefix."""
    g = layout(graph, t)
    i = _e(ident)
    out = [
        '<figure class="flow">',
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{i}-title {i}-desc" '
        f'viewBox="0 0 {g.width} {g.height}" width="{g.width}" height="{g.height}">',
        f'<title id="{i}-title">{_e(graph.title)}</title>',
        f'<desc id="{i}-desc">{_e(t["flow_desc"])}</desc>',
        f'<defs><marker id="{i}-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="8" markerHeight="8" '
        'orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" class="arrowhead"/></marker></defs>',
    ]
    out += [f'<text x="{x}" y="18" class="heading">{_e(heading)}</text>' for x, heading in g.headings]
    for a in g.arrows:
        third = " third" if a.third_country else ""
        out.append(f'<path d="{_e(a.path)}" class="edge{third}" marker-end="url(#{i}-arrow)"/>')
        if a.label:
            out.append(
                f'<text x="{a.label_x}" y="{a.label_y}" class="edge-label" text-anchor="middle">{_e(a.label)}</text>'
            )
    for b in g.boxes:
        third = " third" if b.third_country else ""
        out.append(
            f'<g class="node {_e(b.kind)}{third}"><title>{_e(b.label)}</title>'
            f'<rect x="{b.x}" y="{b.y}" width="{g.box_width}" height="{g.box_height}" rx="6"/>'
            f'<text x="{b.x + 8}" y="{b.y + 25}">{_e(b.shown)}</text></g>'
        )
    out += ["</svg>", f"<figcaption>{_e(graph.title)}</figcaption>", "</figure>"]
    return Markup("\n".join(out))


def render(doc: RecordDoc) -> str:
    """The HTML document of ``doc``."""
    t = doc.labels
    template = _environment().get_template("record.html.j2")
    return template.render(
        doc=doc,
        t=t,
        cell=cell,
        fields=fields,
        findings=lambda items, waived: findings(items, t, waived),
        flow=lambda graph, ident: flow(graph, ident, t),
    )


__all__ = ["cell", "fields", "findings", "flow", "render"]
