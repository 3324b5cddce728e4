"""The record as GitHub-flavoured Markdown: the same content as the HTML, Mermaid for the data flow.

Record text is escaped for Markdown by :func:`md` (every character that could
start emphasis, a link, a heading, a table cell or raw HTML is written as a
backslash escape or an entity) and for Mermaid by
:func:`ropa_check.render.flow.mermaid_text`, so that a record's text can
neither break out of a table, a code fence or a diagram, nor become HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ropa_check.render.flow import mermaid
from ropa_check.render.labels import Labels
from ropa_check.render.view import Cell, FindingView, RecordDoc, Row, TransferDoc

#: ASCII punctuation CommonMark lets a backslash escape, less what is harmless in running text; ``:`` so
#: that no URL scheme is linked, ``@`` and ``#`` too (GitHub makes mentions and issue links after parsing,
#: which an escape may not stop: docs/render.md says so).
_ESCAPED = re.compile(r"([\\`*_{}\[\]()#+!|~>$:@-])")
_PLAIN = re.compile(r"(?:[^\W_]|[ ,.'/])*")  # letters and digits (not "_", which emphasises) and the like
_BREAK = re.compile(r"\r\n|\r|\n")
#: GitHub (cmark-gfm) links a bare "www.example.org" as it links a URL; a backslash before its first dot
#: stops it (the scheme of "https://" is stopped by escaping its colon, as ``_ESCAPED`` does).
_WWW = re.compile(r"(www)\.", re.IGNORECASE)


def md(text: str) -> str:
    """``text`` as literal Markdown text, on one line (line breaks become ``<br>``, usable in a table cell)."""
    if _PLAIN.fullmatch(text):  # most values: letters, digits, spaces, commas and full stops
        return _WWW.sub(r"\1\\.", text) if "." in text else text
    escaped = _ESCAPED.sub(r"\\\1", text).replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return _BREAK.sub("<br>", _WWW.sub(r"\1\\.", escaped))


def _cell(c: Cell) -> str:
    text = "<br>".join(md(line) for line in c.lines)
    if c.state == "missing":
        text = f"**{text}**"
    if c.note:
        text += f"<br>*↳ {md(c.note)}*"
    return text


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    head = list(header)
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return [*out, ""]


def _fields(rows: Iterable[Row], t: Labels) -> list[str]:
    return _table((t["field"], t["value"]), ((md(r.label), _cell(r.cell)) for r in rows))


def _findings(items: Iterable[FindingView], t: Labels, *, waived: bool) -> list[str]:
    out = []
    for f in items:
        line = f"- **{md(f.severity_label)}** {md(f.code)} {md(f.message)}"
        if f.reference:
            line += f"<br>{md(t['reference'])}: {md(f.reference)}"
        line += f"<br>{md(t['location'])}: {md(f.location)}"
        if waived:
            line += f"<br>{md(f.waived_as)} – {md(t['reason'])}: {md(f.reason)}"
            if f.approver:
                line += f"; {md(t['approver'])}: {md(f.approver)}"
            if f.expires:
                line += f"; {md(t['expires'])}: {md(f.expires)}"
        out.append(line)
    return [*out, ""]


def _destination(tr: TransferDoc, t: Labels) -> str:
    return tr.destination + (f" ({t['third_country']})" if tr.third_country else "")


def render(doc: RecordDoc) -> str:
    """The Markdown document of ``doc``."""
    t = doc.labels
    out = [
        f"# {md(doc.title)}",
        "",
        f"*{md(t['title_art'])}* · {md(t['as_of'])} {doc.as_of} · "
        + md(t["generated_by"].format(version=doc.version, files=t.count("file", doc.files))),
        "",
        f"## {md(t['organisation'])} ({md(t['organisation_art'])})",
        "",
        *_fields(doc.organisation, t),
        f"## {md(t['summary'])}",
        "",
        *_table((md(label) for label, _ in doc.summary), [[str(n) for _, n in doc.summary]]),
    ]
    if not doc.show_findings:
        out += [md(t["findings_omitted"]), ""]
    out += [f"## {md(t['activities'])}", ""]
    header = [t["activity"], t["purposes"], t["data_categories"], t["recipients"], t["transfers"], t["dpia_status"]]
    if doc.show_findings:
        header.append(t["findings"])
    rows = []
    for a in doc.activities:
        row = [
            f"[{md(a.name)}](#{a.anchor}) `{a.id}`",
            str(len(a.purposes)),
            md(", ".join(c.name for c in a.categories)) if a.categories else f"**{md(t['not_stated'])}**",
            md(a.recipients.text),
            md(", ".join(_destination(tr, t) for tr in a.transfers)) or "–",
            md(a.dpia_status),
        ]
        if doc.show_findings:
            n = a.counts
            row.append(", ".join(md(t.count(severity, n[severity])) for severity in ("error", "warning", "info")))
        rows.append(row)
    out += _table((md(h) for h in header), rows)
    out += [f"### {md(t['record_flow'])}", "", "```mermaid", mermaid(doc.graph, t), "```", ""]
    for a in doc.activities:
        out += [f'<a id="{a.anchor}"></a>', "", f"## {md(a.name)} (`{a.id}`)", ""]
        out += [f"### {md(t['overview'])}", "", *_fields(a.overview, t)]
        out += [f"### {md(t['purposes'])} ({md(t['purposes_art'])})", ""]
        out += _fields(a.purposes, t) if a.purposes else [f"**{md(t['not_stated'])}**", ""]
        out += [f"### {md(t['data_subjects'])} ({md(t['data_subjects_art'])})", ""]
        out += _fields(a.data_subjects, t) if a.data_subjects else [f"**{md(t['not_stated'])}**", ""]
        out += [f"### {md(t['data_categories'])} ({md(t['data_categories_art'])})", ""]
        if a.categories:
            out += _table(
                (
                    md(t["category"]),
                    md(t["data_subjects"]),
                    md(t["purposes"]),
                    f"{md(t['lawful_basis'])} ({md(t['lawful_basis_art'])})",
                    f"{md(t['retention'])} ({md(t['retention_art'])})",
                    f"{md(t['recipients'])} ({md(t['recipients_art'])})",
                    md(t["sources"]),
                    md(t["special"]),
                ),
                (
                    (
                        f"{md(c.name)}<br>`{c.id}`" + (f"<br>{md(', '.join(c.tags))}" if c.tags else ""),
                        _cell(c.subjects),
                        _cell(c.purposes),
                        _cell(c.lawful_basis),
                        _cell(c.retention),
                        _cell(c.recipients),
                        _cell(c.sources),
                        _cell(c.special),
                    )
                    for c in a.categories
                ),
            )
        else:
            out += [f"**{md(t['not_stated'])}**", ""]
        out += _fields(
            [
                Row(f"{t['recipients']} ({t['recipients_art']})", a.recipients),
                Row(f"{t['retention']} ({t['retention_art']})", a.retention),
                Row(f"{t['security_measures']} ({t['security_measures_art']})", a.security),
            ],
            t,
        )
        out += [f"### {md(t['transfers'])} ({md(t['transfers_art'])})", ""]
        if a.transfers:
            out += _table(
                (md(t["country"]), md(t["recipient"]), md(t["mechanism"]), md(t["other_fields"])),
                (
                    (
                        md(tr.destination) + (f" **({md(t['third_country'])})**" if tr.third_country else ""),
                        md(tr.recipient) or "–",
                        md(tr.mechanism),
                        md(tr.details) or "–",
                    )
                    for tr in a.transfers
                ),
            )
        else:
            out += [md(a.no_transfers), ""]
        out += [f"### {md(t['dpia'])} ({md(t['dpia_art'])})", "", f"{md(t['dpia_status'])}: {md(a.dpia_status)}", ""]
        if a.dpia:
            out += _fields(a.dpia, t)
        if a.other:
            out += [f"### {md(t['other_fields'])}", "", *_fields(a.other, t)]
        out += [f"### {md(t['data_flow'])}", "", "```mermaid", mermaid(a.graph, t), "```", ""]
        if doc.show_findings:
            out += [f"### {md(t['findings'])}", ""]
            out += _findings(a.findings, t, waived=False) if a.findings else [md(t["no_findings"]), ""]
            if a.waived:
                out += [f"#### {md(t['waived_findings'])}", "", *_findings(a.waived, t, waived=True)]
    out += [f"## {md(t['recipients_register'])} ({md(t['recipients_art'])})", ""]
    out += _table(
        (md(t["id"]), md(t["name"]), md(t["kind"]), md(t["country"]), md(t["other_fields"])),
        ((f"`{r[0]}`", md(r[1]), md(r[2]), md(r[3]), md(r[4]) or "–") for r in doc.recipients),
    )
    out += [f"## {md(t['sources_register'])}", ""]
    out += _table(
        (md(t["id"]), md(t["name"]), md(t["kind"]), md(t["other_fields"])),
        ((f"`{s[0]}`", md(s[1]), md(s[2]), md(s[3]) or "–") for s in doc.sources),
    )
    if doc.processor_activities:
        out += [f"## {md(t['processor_activities'])} ({md(t['processor_activities_art'])})", ""]
        for name, rows_ in doc.processor_activities:
            out += [f"### {md(name)}", "", *_fields(rows_, t)]
    if doc.show_findings:
        out += [f"## {md(t['record_findings'])}", ""]
        out += _findings(doc.record_findings, t, waived=False) if doc.record_findings else [md(t["no_findings"]), ""]
        if doc.record_waived:
            out += [f"### {md(t['waived_findings'])}", "", *_findings(doc.record_waived, t, waived=True)]
    return "\n".join(out).rstrip("\n") + "\n"


__all__ = ["md", "render"]
