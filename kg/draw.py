"""Pictures of the network: PNG/SVG with matplotlib, and a self-contained interactive HTML
page (inline SVG and a few lines of script; nothing fetched from a CDN)."""

from __future__ import annotations

import html
import json
from itertools import pairwise
from pathlib import Path

import networkx as nx

from kg.errors import UsageError
from kg.files import atomic_write
from kg.names import gaps

COLOURS = {
    "Person": "#e15759", "ArmedGroup": "#4e79a7", "MilitaryCommand": "#59a14f", "ArmedForce": "#8cd17d",
    "Coalition": "#b6992d", "NewsAgency": "#9d7660", "Organization": "#4e79a7", "Country": "#f28e2b",
    "Region": "#ffbe7d", "Place": "#ffbe7d", "LeadershipTerm": "#b07aa1", "MilitaryOperation": "#76b7b2",
    "Killing": "#ff9da7", "Capture": "#ff9da7", "Captivity": "#ff9da7", "Campaign": "#76b7b2",
    "Statement": "#d4a6c8", "Statistic": "#bab0ac", "Projection": "#bab0ac", "Period": "#d7d7d7",
    "Partnership": "#a0cbe8", "Description": "#e8e8e8", "HeadlineClaim": "#e8e8e8",
}
LEGEND = [("person", "Person"), ("armed group", "ArmedGroup"), ("military / force", "MilitaryCommand"),
          ("coalition", "Coalition"), ("place", "Country"), ("leadership term", "LeadershipTerm"),
          ("operation / campaign", "MilitaryOperation"), ("killing / capture", "Killing"), ("statement", "Statement"),
          ("partnership", "Partnership"), ("statistic", "Statistic")]


def succession_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    """(earlier term, next known term, the holders not named between them: '2nd–4th' or '')
    for each organisation and role."""
    lines: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for node, data in graph.nodes(data=True):
        if data.get("kind") == "LeadershipTerm" and data.get("ordinal"):
            lines.setdefault((data.get("organization", ""), data.get("role", "")), []).append((int(data["ordinal"]), node))
    out = []
    for terms in lines.values():
        terms.sort()
        out += [(a, b, gaps([na, nb])) for (na, a), (nb, b) in pairwise(terms)]
    return out


# Left out of the static picture so its labels stay readable (the HTML page keeps them).
CLUTTER = {"Statistic", "Projection", "Period", "Description", "HeadlineClaim"}


def story(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Who did what to whom: entities, terms, events, partnerships."""
    keep = [n for n, d in graph.nodes(data=True) if d["kind"] not in CLUTTER]
    sub = graph.subgraph(keep).copy()
    sub.remove_nodes_from([n for n in list(sub.nodes) if sub.degree(n) == 0])
    return sub


def layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    simple: nx.Graph = nx.Graph(graph.to_undirected())
    pos = nx.spring_layout(simple, seed=7, k=2.2 / max(1, len(simple)) ** 0.5, iterations=300)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def draw(graph: nx.MultiDiGraph, out: Path) -> None:
    try:
        import numpy  # noqa: F401  (networkx's layouts need it)
    except ImportError:
        raise UsageError("drawing needs the draw extra: pip install 'kg[draw]' (numpy, matplotlib)") from None
    suffix = out.suffix.lower()
    if suffix == ".html":
        atomic_write(out, html_page(graph).encode("utf-8"))
    elif suffix in (".png", ".svg"):
        atomic_write(out, _matplotlib(graph, suffix[1:]))
    else:
        raise UsageError(f"--out {out}: write a .png, .svg or .html file")


def _matplotlib(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise UsageError("drawing needs the draw extra: pip install 'kg[draw]' (numpy, matplotlib)") from None
    import io
    import textwrap

    graph = story(graph)
    pos = layout(graph)
    fig, ax = plt.subplots(figsize=(20, 15), dpi=110)
    ax.set_axis_off()
    nx.draw_networkx_edges(graph, pos, ax=ax, edge_color="#999999", arrows=True, arrowsize=8, width=0.8,
                           node_size=900, connectionstyle="arc3,rad=0.05")
    succession = succession_edges(graph)
    if succession:
        nx.draw_networkx_edges(nx.DiGraph([(a, b) for a, b, _ in succession]), pos, ax=ax, edge_color="#6a3d9a",
                               width=3, style="dashed", arrows=True, arrowsize=22, node_size=1400)
        for a, b, gap in succession:
            (xa, ya), (xb, yb) = pos[a], pos[b]
            ax.text(max(xa, xb) + 0.16, (ya + yb) / 2, "succeeded by" + (f"\n({gap} not named)" if gap else ""),
                    color="#6a3d9a", fontsize=10, ha="center", fontweight="bold",
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "#6a3d9a", "alpha": 0.9})
    colours = [COLOURS.get(graph.nodes[n]["kind"], "#cccccc") for n in graph.nodes]
    sizes = [1400 if graph.nodes[n]["kind"] in ("Person", "ArmedGroup", "LeadershipTerm") else 700 for n in graph.nodes]
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_color=colours, node_size=sizes, edgecolors="#333333", linewidths=0.6)
    for node, (x, y) in pos.items():
        label = "\n".join(textwrap.wrap(graph.nodes[node]["label"], 28)[:3])
        ax.text(x, y - 0.035, label, fontsize=7.5, ha="center", va="top",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75})
    handles = [plt.Line2D([], [], marker="o", ls="", markersize=10, markerfacecolor=COLOURS[k], markeredgecolor="#333")
               for _, k in LEGEND]
    handles.append(plt.Line2D([], [], color="#6a3d9a", lw=3, ls="--"))
    ax.legend(handles, [name for name, _ in LEGEND] + ["succession"], loc="lower left", fontsize=10, frameon=True)
    ax.set_title("kg: who did what to whom (statistics, periods and evidence omitted: see the HTML page)", fontsize=14)
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, bbox_inches="tight", metadata={"Software": None} if fmt == "png" else {"Date": None})
    plt.close(fig)
    return buf.getvalue()


def html_page(graph: nx.MultiDiGraph) -> str:
    """One file: the network as SVG, click a node to see and highlight its neighbours."""
    pos = layout(graph)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    width, height, pad = 1400, 1000, 60

    def scale(x: float, y: float) -> tuple[float, float]:
        sx = pad + (x - min(xs)) / ((max(xs) - min(xs)) or 1) * (width - 2 * pad)
        sy = pad + (max(ys) - y) / ((max(ys) - min(ys)) or 1) * (height - 2 * pad)
        return round(sx, 1), round(sy, 1)

    ids = {n: f"n{i}" for i, n in enumerate(sorted(graph.nodes))}
    parts = []
    for a, b, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["predicate"])):
        (x1, y1), (x2, y2) = scale(*pos[a]), scale(*pos[b])
        extra = ' class="extra"' if {graph.nodes[a]["kind"], graph.nodes[b]["kind"]} & CLUTTER else ""
        parts.append(f'<line{extra} x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" data-a="{ids[a]}" data-b="{ids[b]}">'
                     f'<title>{html.escape(data["predicate"])}</title></line>')
    for a, b, gap in succession_edges(graph):
        (x1, y1), (x2, y2) = scale(*pos[a]), scale(*pos[b])
        parts.append(f'<line class="succ" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"><title>succeeded by'
                     f'{f" (the {gap} are not named in the sources)" if gap else ""}</title></line>')
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        x, y = scale(*pos[node])
        label = html.escape(data["label"])
        short = html.escape(data["label"] if len(data["label"]) <= 34 else data["label"][:33] + "…")
        extra = " extra" if data["kind"] in CLUTTER else ""
        parts.append(f'<g class="node{extra}" id="{ids[node]}" data-iri="{html.escape(node)}" data-kind="{data["kind"]}">'
                     f'<circle cx="{x}" cy="{y}" r="9" fill="{COLOURS.get(data["kind"], "#ccc")}"><title>{label}</title></circle>'
                     f'<text x="{x}" y="{y + 21}">{short}</text></g>')
    neighbours = {ids[n]: sorted({ids[m] for m in nx.all_neighbors(graph, n)}) for n in graph.nodes}
    legend = "".join(f'<span><i style="background:{COLOURS[k]}"></i>{html.escape(name)}</span>' for name, k in LEGEND)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kg network</title>
<style>
body{{font:14px system-ui,sans-serif;margin:0;display:flex}} #side{{width:330px;padding:12px;border-right:1px solid #ddd;height:100vh;overflow:auto;box-sizing:border-box}}
svg{{flex:1;height:100vh}} line{{stroke:#aaa;stroke-width:1}} line.succ{{stroke:#6a3d9a;stroke-width:3;stroke-dasharray:8 5}}
.node text{{font-size:10px;text-anchor:middle;fill:#333;pointer-events:none}} .node circle{{stroke:#333;cursor:pointer}}
.dim{{opacity:.15}} body.story .extra{{display:none}} .hot line,line.hot{{stroke:#d62728;stroke-width:2}} #legend span{{display:inline-block;margin:2px 8px 2px 0}}
#legend i{{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px}}
</style></head><body class="story">
<div id="side"><h3>kg network</h3><p>Click a node to see its neighbours. Dashed purple: succession.</p>
<label><input type="checkbox" id="stats"> show statistics, periods, descriptions, headlines</label>
<div id="legend">{legend}</div><h4 id="title"></h4><ul id="list"></ul></div>
<svg viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">{''.join(parts)}</svg>
<script>
const N={json.dumps(neighbours)};
document.getElementById('stats').addEventListener('change',e=>document.body.classList.toggle('story',!e.target.checked));
const label=id=>document.getElementById(id).querySelector('title').textContent;
document.querySelectorAll('.node').forEach(g=>g.addEventListener('click',()=>{{
  const keep=new Set([g.id,...N[g.id]]);
  document.querySelectorAll('.node').forEach(n=>n.classList.toggle('dim',!keep.has(n.id)));
  document.querySelectorAll('line[data-a]').forEach(l=>{{const on=l.dataset.a===g.id||l.dataset.b===g.id;
    l.classList.toggle('hot',on);l.classList.toggle('dim',!on);}});
  document.getElementById('title').textContent=label(g.id)+' ('+g.dataset.kind+')';
  const ul=document.getElementById('list');ul.innerHTML='';
  N[g.id].forEach(id=>{{const li=document.createElement('li');li.textContent=label(id);ul.appendChild(li);}});
}}));
</script></body></html>
"""
