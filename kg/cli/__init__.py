"""The `kg` command: a thin click layer over the library. Commands parse, call, print."""

from __future__ import annotations

import click

from kg.cli import ask, build, export, graph, intake, query
from kg.cli.common import KgGroup


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg", prog_name="kg")
@click.option("--root", type=click.Path(file_okay=False), envvar="KG_ROOT",
              help="The kg project folder (default: the nearest folder upward holding data/).")
@click.pass_context
def main(ctx: click.Context, root: str | None) -> None:
    """Build, check, query and explore a knowledge graph of news reporting about armed
    groups, where every fact is backed by the source's own words.

    Exit codes: 0 ok, 1 the data is wrong (e.g. validation failed), 2 the input is wrong.
    """
    ctx.obj = {"root": root}


for module in (build, query, ask, graph, export, intake):
    for command in module.COMMANDS:
        main.add_command(command)
