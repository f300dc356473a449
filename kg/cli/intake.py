"""kg extract, kg add, kg conflicts: more articles, kept apart and reconciled."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli.common import endpoint_option, format_option, project


@click.command()
@click.argument("article", type=click.Path(dir_okay=False))
@click.option("--out", "-o", type=click.Path(dir_okay=False), help="Write the draft here (default: stdout).")
@click.option("--id", "aid", help="The article id (default: from the file name).")
@click.option("--force", is_flag=True, help="Replace the --out file if it exists.")
@click.pass_context
def extract(ctx: click.Context, article: str, out: str | None, aid: str | None, force: bool) -> None:
    """Draft a facts file for ARTICLE (a .txt file), offline, for review.

    Entities, roles, named operations, killings, captures and statistics are drafted with
    their quotes and offsets, marked `draft: true`, linked to the project's entities.
    """
    from kg.errors import UsageError
    from kg.extract import to_yaml
    from kg.files import atomic_write, refuse_overwrite
    from kg.intake import extract as draft_of

    if out:
        refuse_overwrite(Path(out), force)
    try:
        proj = project(ctx)
    except UsageError:
        proj = None  # outside a project: nothing to link to
    text = to_yaml(draft_of(proj, Path(article), aid))
    if out:
        atomic_write(Path(out), text.encode("utf-8"))
        click.echo(f"wrote {out}", err=True)
    else:
        click.echo(text, nl=False)


@click.command()
@click.argument("article", type=click.Path(dir_okay=False))
@click.option("--accept", is_flag=True,
              help="Take the drafted items as they are (scripted use); items drafted for review stay drafts.")
@click.option("--id", "aid", help="The article id (default: from the file name).")
@click.option("--force", is_flag=True, help="Draft an article added before again (replaces its facts file).")
@click.pass_context
def add(ctx: click.Context, article: str, accept: bool, aid: str | None, force: bool) -> None:
    """Copy ARTICLE into data/articles/ and draft its facts in data/facts/; then review the
    draft (kg review FILE, or pass --accept) and run kg build."""
    from kg.intake import add as add_article

    added = add_article(project(ctx), Path(article), accept, aid, force)
    click.echo(f"added {added.article}: {added.drafted} drafted item(s) in {added.facts_file}")
    if added.dropped:
        click.echo(f"  left out: {added.dropped} item(s) the build would reject (listed at the top of the file)")
    if added.held:
        click.echo(f"  kept as drafts: {added.held} item(s) with a review: reason")
    click.echo(f"  already known: {', '.join(added.known) or '(none)'}")
    click.echo(f"  new: {', '.join(added.new) or '(none)'}")
    for line in added.review:
        click.echo(f"  review: {line}")
    click.echo("  accepted as drafted; run: kg build" if added.accepted
               else f"  drafts stay out of the graph until reviewed: kg review {added.facts_file}, then kg build")


@click.command()
@format_option(("table", "json"))
@endpoint_option()
@click.pass_context
def conflicts(ctx: click.Context, fmt: str, endpoint: str | None) -> None:
    """List figures and leadership facts that two sources state differently.

    Both versions stay in the graph, each attributed to its source; kg ask answers with both.
    """
    from kg.intake import conflicts as find
    from kg.output import table
    from kg.query import backend

    proj = project(ctx)
    rows = find(backend(proj, endpoint), proj)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif not rows:
        click.echo("no conflicts: the sources agree wherever they overlap")
    else:
        click.echo(table(["kind", "what", "one source says", "source", "another says", "source"],
                         [[r["kind"], r["what"], r["a"], r["source_a"], r["b"], r["source_b"]] for r in rows]))


COMMANDS = [extract, add, conflicts]
