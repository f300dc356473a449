"""kg graph: explore the graph as a network (networkx)."""

from __future__ import annotations

import json

import click

from kg.cli.common import format_option, project


@click.group()
def graph() -> None:
    """Explore the graph as a network: neighbours, paths, centrality, pictures."""


@graph.command()
@click.argument("name")
@format_option(("table", "json"))
@click.pass_context
def neighbours(ctx: click.Context, name: str, fmt: str) -> None:
    """What NAME (a name, alias or IRI) is directly related to."""
    from kg.network import find
    from kg.network import neighbours as near
    from kg.output import table
    from kg.store import open_store

    proj = project(ctx)
    store = open_store(proj)
    edges = near(store, find(store, proj, name))
    if fmt == "json":
        click.echo(json.dumps([e.__dict__ for e in edges], indent=2, ensure_ascii=False))
    else:
        click.echo(table(["dir", "relation", "node", "kind"],
                         [[e.direction, e.predicate, e.label, e.kind] for e in edges]))


@graph.command()
@click.argument("source")
@click.argument("target")
@click.pass_context
def path(ctx: click.Context, source: str, target: str) -> None:
    """The shortest chain of relations from SOURCE to TARGET."""
    from kg.network import find
    from kg.network import path as shortest
    from kg.store import open_store

    proj = project(ctx)
    store = open_store(proj)  # one store for the whole answer: opening one costs 10-15 ms
    steps = shortest(store, find(store, proj, source, "SOURCE"), find(store, proj, target, "TARGET"))
    if not steps:
        click.echo("no path: the two are not connected in the graph")
        return
    for label, predicate, arrow in steps:
        click.echo(label)
        if predicate:
            click.echo(f"  {arrow} {predicate}")


@graph.command()
@click.option("--top", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--measure", type=click.Choice(["betweenness", "degree"]), default="betweenness",
              show_default=True)
@format_option(("table", "json"))
@click.pass_context
def central(ctx: click.Context, top: int, measure: str, fmt: str) -> None:
    """The most central entities and facts."""
    from kg.network import ranking
    from kg.output import table

    rows = ranking(project(ctx), top, measure)
    if fmt == "json":
        click.echo(json.dumps([{"label": n, "kind": k, "score": s} for n, k, s in rows], indent=2))
    else:
        click.echo(table(["node", "kind", measure], [[n, k, f"{s:.4f}"] for n, k, s in rows]))


@graph.command()
@click.option("--out", "-o", required=True, type=click.Path(dir_okay=False),
              help="A .png, .svg or .html file (HTML is self-contained and interactive).")
@click.option("--force", is_flag=True, help="Replace the --out file if it exists.")
@click.pass_context
def draw(ctx: click.Context, out: str, force: bool) -> None:
    """Draw the network: node kinds coloured, succession shown, labels readable."""
    from pathlib import Path

    from kg.draw import draw as render
    from kg.files import refuse_overwrite
    from kg.network import load_network

    path_, proj = Path(out), project(ctx)
    refuse_overwrite(path_, force, proj.build)
    render(load_network(proj), path_)
    click.echo(f"wrote {out}", err=True)


COMMANDS = [graph]
