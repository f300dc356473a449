"""kg init, kg build, kg validate."""

from __future__ import annotations

import json

import click

from kg.cli.common import format_option, project


@click.command()
@click.argument("directory", type=click.Path(file_okay=False))
def init(directory: str) -> None:
    """Start a kg project in DIRECTORY: data/articles/, data/facts/, data/aliases.yaml."""
    from kg.project import init_project

    proj = init_project(directory)
    click.echo(f"started a kg project in {proj.root}\n"
               f"  put articles in {proj.articles}/ and facts files in {proj.facts}/, then: kg build")


ENGINE = click.option("--engine", type=click.Choice(["sparql", "turbo", "pyshacl"]), default="sparql",
                      show_default=True,
                      help="SHACL engine: the shapes compiled to SPARQL (fastest on large graphs; pyshacl-turbo for "
                           "shapes outside the compiled subset), pyshacl-turbo, or pySHACL (the reference; slow on "
                           "large graphs).")


@click.command()
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (faster; not for publishing).")
@ENGINE
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None,
              help="Processes for building articles (default: one per core).")
@click.option("--shard", metavar="K/N", callback=lambda c, p, v: _shard(v),
              help="Build only every Nth article from the Kth into build/cache/ (one machine's part of a "
                   "large collection; merge the caches and run kg build).")
@format_option(("table", "json"))
@click.pass_context
def build(ctx: click.Context, no_validate: bool, engine: str, jobs: int | None, shard: tuple[int, int] | None,
          fmt: str) -> None:
    """Check the facts and their quotes, build the graph, validate it and write build/.

    Writes build/kg.ttl (all graphs merged), build/kg.trig (one named graph per article)
    and build/store (an indexed Oxigraph store for queries). A failed build leaves the
    previous output as it was.
    """
    from kg.pipeline import build_project

    outcome = build_project(project(ctx), validate=not no_validate, engine=engine, progress=_progress(),
                            workers=jobs, shard=shard)
    if fmt == "json":
        click.echo(json.dumps(outcome.summary(), indent=2))
    else:
        click.echo(outcome.text())
    if outcome.report and not outcome.report.conforms:
        ctx.exit(1)


def _shard(value: str | None) -> tuple[int, int] | None:
    """K/N (1-based K) as (K-1, N)."""
    if value is None:
        return None
    k, _, n = value.partition("/")
    if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise click.BadParameter(f"'{value}': write K/N with 1 <= K <= N, e.g. 2/4")
    return int(k) - 1, int(n)


def _progress():
    """Progress on stderr for long builds: a live line on a terminal, a line every few
    seconds otherwise (logs, CI). Quiet for builds of a few articles."""
    import sys
    import time

    start = time.monotonic()
    last = [0.0]
    tty = sys.stderr.isatty()

    def report(done: int, total: int, facts: int, triples: int) -> None:
        now = time.monotonic() - start
        if total < 50 or (not tty and now - last[0] < 5 and done < total):
            return
        last[0] = now
        text = f"built {done:,}/{total:,} articles, {facts:,} facts, {triples:,} triples ({now:.0f}s)"
        click.echo(("\r" + text + ("\n" if done == total else "")) if tty else text, err=True, nl=not tty)

    return report


@click.command()
@click.argument("graph", required=False, type=click.Path(dir_okay=False))
@ENGINE
@format_option(("table", "json"))
@click.pass_context
def validate(ctx: click.Context, graph: str | None, engine: str, fmt: str) -> None:
    """Check a graph against the SHACL shapes (default: the built graph).

    GRAPH may be any RDF file (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD).
    Exit 0 when it conforms, 1 on violations, 2 when the file cannot be read.
    """
    from pathlib import Path

    from kg.pipeline import validate_graph

    report = validate_graph(project(ctx), Path(graph) if graph else None, engine)
    if fmt == "json":
        click.echo(json.dumps({"conforms": report.conforms,
                               "violations": [v.__dict__ for v in report.violations]}, indent=2))
    else:
        for v in report.violations:
            click.echo(v.line())
        click.echo("conforms" if report.conforms else f"{len(report.violations)} violation(s)")
    if not report.conforms:
        ctx.exit(1)


COMMANDS = [init, build, validate]
