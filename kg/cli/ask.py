"""kg ask, kg show, kg leaders: plain questions answered with the sources' words."""

from __future__ import annotations

import click

from kg.cli.common import endpoint_option, format_option, project, reader, stale_check


@click.command()
@click.argument("question")
@format_option(("text", "json"), default="text")
@endpoint_option()
@click.pass_context
def ask(ctx: click.Context, question: str, fmt: str, endpoint: str | None, user: str | None,
        timeout: float) -> None:
    """Answer a plain QUESTION from the graph, with the evidence.

    \b
    Examples (names as the project's sources give them):
      kg ask "who led GROUP in 2019?"
      kg ask "how many missions were carried out in PLACE in 2024?"
      kg ask "which operation killed PERSON?"
    Status not_stated when the sources do not say; exit 2 when not understood,
    with questions about the project's own graph.
    """
    from kg.ask import ask as answer

    proj = project(ctx)
    note = stale_check(proj, endpoint)
    result = answer(question, reader(proj, endpoint, user, timeout), proj)
    note()
    if fmt == "json":
        click.echo(_json(result.to_json()))
    else:
        click.echo(result.text())
    if result.status == "not_understood":
        ctx.exit(2)


@click.command()
@click.argument("name")
@format_option(("text", "json"), default="text")
@endpoint_option()
@click.pass_context
def show(ctx: click.Context, name: str, fmt: str, endpoint: str | None, user: str | None,
         timeout: float) -> None:
    """Everything the graph says about NAME, with evidence."""
    from kg.ask import show as profile

    proj = project(ctx)
    note = stale_check(proj, endpoint)
    result = profile(name, reader(proj, endpoint, user, timeout), proj)
    note()
    click.echo(_json(result.to_json()) if fmt == "json" else result.text())


@click.command()
@click.argument("org")
@format_option(("table", "json"))
@endpoint_option()
@click.pass_context
def leaders(ctx: click.Context, org: str, fmt: str, endpoint: str | None, user: str | None,
            timeout: float) -> None:
    """The succession of ORG as a timeline: ordinal, name, from, to, how it ended."""
    from kg.ask import leaders as timeline
    from kg.output import table

    proj = project(ctx)
    note = stale_check(proj, endpoint)
    label, rows = timeline(org, reader(proj, endpoint, user, timeout), proj)
    note()
    headers = ["#", "name", "from", "to", "how it ended", "role"]
    if fmt == "json":
        click.echo(_json({"organization": label, "terms": [dict(zip(headers, r, strict=True)) for r in rows]}))
    else:
        click.echo(f"{label}\n" + table(headers, rows))


COMMANDS = [ask, show, leaders]


def _json(data: object) -> str:
    """Indented JSON, as json.dumps(indent=2) writes it."""
    import orjson  # here, not at the top: a text answer needs no JSON library

    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
