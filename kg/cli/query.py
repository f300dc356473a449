"""kg query: named queries from queries/, .rq files and ad hoc SPARQL."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import Seconds, endpoint_option, format_option, project, stale_check


@click.command()
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the named query (repeatable). Names and aliases are resolved.")
@click.option("--sparql", metavar="QUERY", help="Run this SPARQL SELECT or ASK query instead.")
@click.option("--list", "list_", is_flag=True, help="List the named queries with their parameters.")
@click.option("--allow-remote", is_flag=True, help="Permit SERVICE in ad hoc queries (off by default).")
@click.option("--timeout", type=Seconds(0.1, 3600), default=10.0, show_default=True,
              help="Seconds a query may run (with --endpoint: each request, all of it).")
@click.option("--memory", "memory_mb", type=click.IntRange(64, 1 << 20), default=2048,
              show_default=True, help="Megabytes a local query may use (it runs in a child process).")
@format_option()
@endpoint_option(timeout=None)
@click.pass_context
def query(ctx: click.Context, name: str | None, params: tuple[str, ...], sparql: str | None,
          list_: bool, allow_remote: bool, timeout: float, memory_mb: int, fmt: str,
          endpoint: str | None, user: str | None) -> None:
    """Run a named query (see --list), a .rq file, or --sparql "SELECT ...".

    \b
    Examples:
      kg query --list
      kg query leaders --param org=GROUP --param year=2019
      kg query statistics --param measure=missions --format csv
      kg query --sparql "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    """
    from kg import query as q
    from kg.errors import UsageError
    from kg.files import not_a_file
    from kg.output import render, render_boolean

    if list_ and (name or sparql is not None or params):  # it lists; what was asked to run would not be
        raise UsageError("--list lists the named queries: give it alone, without a NAME, --sparql or --param")
    proj = project(ctx)
    if list_:
        for nq in q.named_queries(proj).values():
            args = " ".join(f"{p.name}={p.type}" + ("?" if p.optional else "") for p in nq.params)
            click.echo(f"{nq.name:<16} {nq.title}" + (f"  [{args}]" if args else ""))
            for p in nq.params:
                if p.type in q.VOCABULARY:
                    click.echo(f"{'':<16}   {p.name}: {', '.join(q.vocabulary_values(proj, p.type))}")
        return
    if bool(name) == bool(sparql):
        raise UsageError("give a query NAME, a .rq file or --sparql \"...\" (kg query --list shows the names)")
    backend = q.backend(proj, endpoint, timeout, memory_mb, user)
    note = stale_check(proj, endpoint, background=False)  # local queries run in forked children
    if sparql is not None:
        if params:
            raise UsageError("--param goes with a named query, not with --sparql")
        result = q.run_adhoc(backend, sparql, allow_remote=allow_remote)
    elif (name or "").endswith(".rq"):  # a file: named queries are named without .rq
        why = not_a_file(Path(str(name)))
        if why == "does not exist":
            raise UsageError(f"{name}: no such query file (name a shipped or project query without .rq: "
                             "kg query --list)")
        if why:
            raise UsageError(f"{name}: {why}")
        result = q.run_file(backend, proj, Path(str(name)), q.parse_params(params), allow_remote)
    else:
        result = q.run_named(backend, proj, str(name), q.parse_params(params))
    note()
    if result.boolean is not None:
        click.echo(render_boolean(result.boolean, fmt))
    else:
        click.echo(render(result.columns, result.rows, fmt), color=True)  # values as they are (click strips ANSI)


COMMANDS = [query]
