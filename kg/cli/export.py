"""kg export and kg push: the graph for other stores and tools."""

from __future__ import annotations

import sys

import click

from kg.cli.common import Seconds, out_file, project
from kg.errors import UsageError


@click.command()
@click.option("--format", "fmt", default="turtle", show_default=True,
              type=click.Choice(["turtle", "ntriples", "nquads", "trig", "jsonld", "xml", "graphml", "gexf"]),
              help="Output format.")
@click.option("--out", "-o", type=click.Path(dir_okay=False), help="Write to this file (atomically); default stdout.")
@click.option("--inferred", is_flag=True,
              help="Add the standard super-classes and super-properties (schema.org, ORG, PROV-O, SEM, "
                   "OWL-Time) so stores without the kg ontology still answer in those vocabularies.")
@click.option("--force", is_flag=True, help="Replace the --out file if it exists.")
@click.option("--schema-org", type=click.Choice(["https", "http"]), default="https", show_default=True,
              help="How schema.org terms are written: https://schema.org/ (kg's own) or "
                   "http://schema.org/ (what much published data and many queries use).")
@click.pass_context
def export(ctx: click.Context, fmt: str, out: str | None, inferred: bool, force: bool,
           schema_org: str) -> None:
    """Export the built graph as Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML,
    GraphML or GEXF. N-Quads and TriG also carry the lookup-key graphs that
    `kg ask --endpoint` uses, for stores loaded with their own bulk loader."""
    from pathlib import Path

    from kg.export import export_bytes
    from kg.files import atomic_write, refuse_overwrite

    if fmt in ("graphml", "gexf"):  # graph tools' formats: no RDF terms to infer or rewrite
        for name, given in (("--inferred", inferred), ("--schema-org", schema_org != "https")):
            if given:
                raise UsageError(f"{name} applies to the RDF formats, not --format {fmt}")
    out = out_file(out)
    proj = project(ctx)
    if out:
        refuse_overwrite(Path(out), force, proj.build)
    data = export_bytes(proj, fmt, inferred=inferred, schema_org=schema_org)
    if out:
        atomic_write(Path(out), data)
        click.echo(f"wrote {out} ({len(data):,} bytes)", err=True)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


@click.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="The store's SPARQL query endpoint: http://host:7878 (Oxigraph), "
                   "http://host:8890/sparql (Virtuoso), http://host:3030/ds/sparql (Fuseki).")
@click.option("--store-url", metavar="URL",
              help="Its Graph Store Protocol URL, if not the usual one for that endpoint "
                   "(/store, /sparql-graph-crud, /ds/data).")
@click.option("--update-url", metavar="URL",
              help="Its SPARQL Update URL, if not the usual one (/update, /sparql, /ds/update).")
@click.option("--user", metavar="NAME[:PASSWORD]",
              help="Credentials (HTTP basic or digest, as the store asks); a missing password is "
                   "read from KG_ENDPOINT_PASSWORD or ~/.netrc. Default: KG_ENDPOINT_USER, then ~/.netrc.")
@click.option("--all", "everything", is_flag=True,
              help="Send every graph, not only those changed since the last push to this store.")
@click.option("--timeout", type=Seconds(0.1, 86400), default=600.0, show_default=True,
              help="Seconds each request may take, all of it.")
@click.option("--verbose", "-v", is_flag=True, help="List the graphs added, replaced and removed.")
@click.pass_context
def push(ctx: click.Context, endpoint: str, store_url: str | None, update_url: str | None,
         user: str | None, everything: bool, timeout: float, verbose: bool) -> None:
    """Load the built graph into a SPARQL 1.1 store: one named graph per article, plus the
    ontology, the curated aliases and the lookup keys `kg ask --endpoint` uses.

    Only graphs changed since the last push to that store are sent; graphs it already has
    are replaced all at once (temporary graphs, then one SPARQL Update); other graphs in the
    store are left alone.
    """
    from kg.push import push as send

    report = send(project(ctx), endpoint, store_url, update_url, timeout, user, everything,
                  note=lambda line: click.echo(f"kg: {line}", err=True))
    if verbose:
        for what, graphs in (("added", report.added), ("replaced", report.replaced), ("removed", report.removed)):
            for graph in graphs:
                click.echo(f"{what} {graph}")
    click.echo(report.text())


COMMANDS = [export, push]
