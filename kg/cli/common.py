"""What every command shares: the project, error handling, output options."""

from __future__ import annotations

import sys
from typing import Any

import click

from kg.errors import KgError


class KgGroup(click.Group):
    """Turns kg errors into one line on stderr and the documented exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            for line in str(exc).splitlines() or [""]:  # several errors: one line each
                click.echo(f"kg: error: {line}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:  # the machine, not kg: a full disk, a read-only folder, I/O
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"kg: error: {where}{(exc.strerror or str(exc)).lower()}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("kg: interrupted", err=True)
            sys.exit(130)


def project(ctx: click.Context):
    from kg.project import find_project

    return find_project(ctx.find_root().obj.get("root") if ctx.find_root().obj else None)


FORMATS = ("table", "csv", "tsv", "json")  # kg.output renders them


def format_option(choices: tuple[str, ...] = FORMATS, default: str = "table"):
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True, help="Output format.")


def endpoint_option():
    return click.option("--endpoint", metavar="URL",
                        help="Query this SPARQL 1.1 endpoint instead of the local build.")


def note_stale(proj, endpoint: str | None = None) -> None:
    """Say on stderr when data/ changed since the last build (local answers only)."""
    if endpoint is None:
        from kg.store import stale_inputs

        notice = stale_inputs(proj)
        if notice:
            click.echo(f"kg: {notice}", err=True)
