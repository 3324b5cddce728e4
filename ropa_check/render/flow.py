"""Data-flow pictures: data subjects -> activity -> recipients -> countries, drawn without a script.

:func:`activity_graph` and :func:`record_graph` work out the graph from the
record; :func:`layout` places it in columns for an inline SVG (the HTML
template draws it), and :func:`mermaid` writes it as a Mermaid flowchart for
Markdown. A country outside the EEA is marked as a third country in words as
well as by its outline (colour alone would not reach every reader), and the
transfer mechanism is written on the edge that goes there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ropa_check.adequacy import third_country
from ropa_check.render.labels import Labels
from ropa_check.render.text import clean

SUBJECTS, ACTIVITY, RECIPIENTS, COUNTRIES = range(4)
_BOX_WIDTH, _BOX_HEIGHT, _COLUMN_GAP, _ROW_GAP, _TOP = 190, 40, 56, 12, 34
#: The most characters a box shows; the whole text is in its tooltip and in the document.
_SHOWN = 26


@dataclass(frozen=True, slots=True)
class Node:
    """One box: a group of data subjects, an activity, a recipient or a country."""

    key: str
    column: int
    label: str
    third_country: bool = False


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    label: str = ""
    third_country: bool = False


@dataclass
class Graph:
    """Boxes in four columns and the arrows between them."""

    title: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str], Edge] = field(default_factory=dict)

    def node(self, key: str, column: int, label: str, *, third: bool = False) -> str:
        self.nodes.setdefault(key, Node(key, column, label, third))
        return key

    def edge(self, source: str, target: str, label: str = "", *, third: bool = False) -> None:
        old = self.edges.get((source, target))
        if old is None or (label and not old.label):
            self.edges[(source, target)] = Edge(source, target, label, third or (old is not None and old.third_country))


def _country(graph: Graph, code: str, t: Labels) -> str:
    third = third_country(code)
    label = f"{code} ({t['third_country']})" if third else code
    return graph.node(f"country:{code}", COUNTRIES, label, third=third)


def _add_activity(graph: Graph, activity: Any, t: Labels, *, subjects_by_name: bool) -> None:
    """The activity's subjects, recipients, transfers and storage places, with the arrows between them."""
    m = activity.model
    me = graph.node(f"activity:{m.id}", ACTIVITY, clean(m.name or m.id))
    for s in m.data_subjects or ():
        name = clean(s.name or s.id)
        key = f"subject:{name}" if subjects_by_name else f"subject:{s.id}"
        graph.edge(graph.node(key, SUBJECTS, name), me)
    known = activity.record.recipients
    ids: dict[str, None] = dict.fromkeys(m.recipients or ())
    for category in m.data_categories or ():
        ids.update(dict.fromkeys(category.recipients or ()))
    for rid in ids:
        if rid not in known:
            continue
        r = known[rid].model
        node = graph.node(f"recipient:{rid}", RECIPIENTS, _recipient_label(r, t))
        graph.edge(me, node)
        if r.country:
            graph.edge(node, _country(graph, r.country, t), third=third_country(r.country))
    for tr in m.transfers or ():
        mechanism = t.value("mechanism", tr.mechanism) if tr.mechanism else t["not_stated"]
        start = me
        if tr.recipient is not None and tr.recipient in known:
            r = known[tr.recipient].model
            start = graph.node(f"recipient:{tr.recipient}", RECIPIENTS, _recipient_label(r, t))
            graph.edge(me, start)
        elif tr.organisation is not None:
            start = graph.node(f"organisation:{tr.organisation}", RECIPIENTS, clean(tr.organisation))
            graph.edge(me, start)
        if tr.country is not None:
            graph.edge(start, _country(graph, tr.country, t), mechanism, third=third_country(tr.country))
    for loc in m.data_location or ():
        if loc.country is None:
            continue
        start = me
        if loc.provider is not None and loc.provider in known:
            r = known[loc.provider].model
            start = graph.node(f"recipient:{loc.provider}", RECIPIENTS, _recipient_label(r, t))
            graph.edge(me, start)
        graph.edge(start, _country(graph, loc.country, t), third=third_country(loc.country))


def _recipient_label(r: Any, t: Labels) -> str:
    name = clean(r.name or r.id)
    return f"{name} ({t.value('kind', r.kind)})" if r.kind else name


def activity_graph(activity: Any, t: Labels) -> Graph:
    """The data flow of one activity."""
    graph = Graph(f"{t['data_flow']}: {clean(activity.model.name or activity.model.id)}")
    _add_activity(graph, activity, t, subjects_by_name=False)
    return graph


def record_graph(record: Any, t: Labels) -> Graph:
    """The data flow of the whole record; data subjects of the same name are one box."""
    graph = Graph(t["record_flow"])
    for activity in record.activities:
        _add_activity(graph, activity, t, subjects_by_name=True)
    return graph


# ------------------------------------------------------------------ SVG


@dataclass(frozen=True, slots=True)
class Box:
    x: int
    y: int
    label: str
    shown: str
    kind: str
    third_country: bool


@dataclass(frozen=True, slots=True)
class Arrow:
    path: str
    label: str
    label_x: int
    label_y: int
    third_country: bool


@dataclass(frozen=True, slots=True)
class Layout:
    """A graph placed for drawing: boxes and arrows in SVG user units."""

    width: int
    height: int
    box_width: int
    box_height: int
    headings: tuple[tuple[int, str], ...]
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]


_KINDS = ("subject", "activity", "recipient", "country")


def layout(graph: Graph, t: Labels) -> Layout:
    """Place the graph's boxes in their columns, top to bottom, each column centred on the tallest."""
    columns: list[list[Node]] = [[], [], [], []]
    for node in graph.nodes.values():
        columns[node.column].append(node)
    used = [i for i, col in enumerate(columns) if col]
    tallest = max((len(col) for col in columns), default=1)
    height = _TOP + tallest * (_BOX_HEIGHT + _ROW_GAP) + _ROW_GAP
    places: dict[str, tuple[int, int]] = {}
    boxes = []
    x_of = {c: i * (_BOX_WIDTH + _COLUMN_GAP) + 4 for i, c in enumerate(used)}
    for c in used:
        col = columns[c]
        top = _TOP + (tallest - len(col)) * (_BOX_HEIGHT + _ROW_GAP) // 2
        for i, node in enumerate(col):
            x, y = x_of[c], top + i * (_BOX_HEIGHT + _ROW_GAP)
            places[node.key] = (x, y)
            shown = node.label if len(node.label) <= _SHOWN else node.label[: _SHOWN - 1] + "…"
            boxes.append(Box(x, y, node.label, shown, _KINDS[node.column], node.third_country))
    arrows = []
    for edge in graph.edges.values():
        (x1, y1), (x2, y2) = places[edge.source], places[edge.target]
        sx, sy, ex, ey = x1 + _BOX_WIDTH, y1 + _BOX_HEIGHT // 2, x2 - 6, y2 + _BOX_HEIGHT // 2
        bend = (ex - sx) // 2
        path = f"M{sx},{sy} C{sx + bend},{sy} {ex - bend},{ey} {ex},{ey}"
        arrows.append(Arrow(path, edge.label, (sx + ex) // 2, (sy + ey) // 2 - 4, edge.third_country))
    headings_for = (t["flow_subjects"], t["flow_activity"], t["flow_recipients"], t["flow_countries"])
    if len(used) and graph.title == t["record_flow"]:
        headings_for = (t["flow_subjects"], t["activities"], t["flow_recipients"], t["flow_countries"])
    width = len(used) * (_BOX_WIDTH + _COLUMN_GAP) - _COLUMN_GAP + 8 if used else 8
    return Layout(
        width=max(width, 8),
        height=height,
        box_width=_BOX_WIDTH,
        box_height=_BOX_HEIGHT,
        headings=tuple((x_of[c], headings_for[c]) for c in used),
        boxes=tuple(boxes),
        arrows=tuple(arrows),
    )


# ------------------------------------------------------------------ Mermaid

#: Characters that end or change a quoted Mermaid label, or the Markdown code fence around it,
#: written as Mermaid's entity codes (``#quot;``), which it shows as the character.
_MERMAID_UNSAFE = re.compile(r"[\"#&<>`|\[\]{}%;\\\n\r\t]")


def mermaid_text(text: str) -> str:
    """``text`` for a quoted Mermaid label: no character that could end the label, the diagram or the fence."""
    return _MERMAID_UNSAFE.sub(lambda m: f"#{ord(m.group())};" if m.group() not in "\n\r\t" else " ", text)


def mermaid(graph: Graph, t: Labels) -> str:
    """The graph as a Mermaid flowchart (left to right), third countries outlined in red and named so."""
    ids = {key: f"n{i}" for i, key in enumerate(graph.nodes)}
    lines = ["flowchart LR"]
    for key, node in graph.nodes.items():
        shape = ('(["', '"])') if node.column == ACTIVITY else ('["', '"]')
        lines.append(f"  {ids[key]}{shape[0]}{mermaid_text(node.label)}{shape[1]}")
    for edge in graph.edges.values():
        label = f'|"{mermaid_text(edge.label)}"|' if edge.label else ""
        lines.append(f"  {ids[edge.source]} -->{label} {ids[edge.target]}")
    third = [ids[k] for k, n in graph.nodes.items() if n.third_country]
    if third:
        lines.append("  classDef third stroke:#b00020,stroke-width:3px")
        lines.append(f"  class {','.join(third)} third")
    return "\n".join(lines)


__all__ = ["Graph", "Layout", "activity_graph", "layout", "mermaid", "mermaid_text", "record_graph"]
