"""kg export and kg push: the graph for other stores and tools."""

from __future__ import annotations

import sys

import click

from kg.cli.common import project


@click.command()
@click.option("--format", "fmt", default="turtle", show_default=True,
              type=click.Choice(["turtle", "ntriples", "nquads", "trig", "jsonld", "xml", "graphml", "gexf"]),
              help="Output format.")
@click.option("--out", "-o", type=click.Path(dir_okay=False), help="Write to this file (atomically); default stdout.")
@click.option("--inferred", is_flag=True,
              help="Add the standard super-classes and super-properties (schema.org, ORG, PROV-O, SEM, "
                   "OWL-Time) so stores without the kg ontology still answer in those vocabularies.")
@click.option("--force", is_flag=True, help="Replace the --out file if it exists.")
@click.pass_context
def export(ctx: click.Context, fmt: str, out: str | None, inferred: bool, force: bool) -> None:
    """Export the built graph as Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML,
    GraphML or GEXF."""
    from pathlib import Path

    from kg.export import export_bytes
    from kg.files import atomic_write, refuse_overwrite

    if out:
        refuse_overwrite(Path(out), force)
    data = export_bytes(project(ctx), fmt, inferred=inferred)
    if out:
        atomic_write(Path(out), data)
        click.echo(f"wrote {out} ({len(data):,} bytes)", err=True)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


@click.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="The store's SPARQL endpoint, e.g. http://127.0.0.1:7878 (Oxigraph) or "
                   "http://localhost:3030/ds (Fuseki).")
@click.option("--store-url", metavar="URL",
              help="Its Graph Store Protocol URL, if not ENDPOINT/store (Oxigraph) .")
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=30.0, show_default=True)
@click.pass_context
def push(ctx: click.Context, endpoint: str, store_url: str | None, timeout: float) -> None:
    """Load the graph into a SPARQL 1.1 store through the Graph Store Protocol.

    Each article's named graph (and the ontology) is replaced with PUT; other graphs in
    the store are left alone.
    """
    from kg.endpoint import push_graphs

    for graph, count in push_graphs(project(ctx), endpoint, store_url, timeout):
        click.echo(f"{graph}: {count} triples")


COMMANDS = [export, push]
