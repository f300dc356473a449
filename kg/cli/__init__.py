"""The `kg` command: a thin click layer over the library. Commands parse, call, print.

Command modules are imported only when their command runs, so `kg ask` pays for nothing else.
"""

from __future__ import annotations

import importlib

import click

from kg.cli.common import KgGroup

COMMANDS = {
    "init": "build", "build": "build", "validate": "build",
    "query": "query",
    "ask": "ask", "show": "ask", "leaders": "ask",
    "graph": "graph",
    "export": "export", "push": "export",
    "extract": "intake", "add": "intake", "conflicts": "intake", "review": "intake",
}


class LazyGroup(KgGroup):
    """click's lazy-loading group pattern: name -> module, imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = COMMANDS.get(name)
        if module is None:
            return None
        return getattr(importlib.import_module(f"kg.cli.{module}"), name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg", prog_name="kg")
@click.option("--root", type=click.Path(file_okay=False), envvar="KG_ROOT",
              help="The kg project folder (default: the nearest folder upward holding data/).")
@click.pass_context
def main(ctx: click.Context, root: str | None) -> None:
    """Build, check, query and explore a knowledge graph of news reporting about armed
    groups, where every fact is backed by the source's own words.

    Exit codes: 0 ok, 1 the data is wrong (e.g. validation failed), 2 the input is wrong.
    """
    from_env = ctx.get_parameter_source("root") == click.core.ParameterSource.ENVIRONMENT
    ctx.obj = {"root": root, "root_from_env": from_env}
