"""What every command shares: the project, error handling, output options."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from typing import Any

import click

from kg.errors import KgError, UsageError


class _Closed(io.TextIOBase):
    """A standard stream the process was started without (`>&-`, some services): using it is
    an error at once, never output silently lost."""

    encoding, errors = "utf-8", "strict"

    def __init__(self, name: str) -> None:
        self.stream = name
        self.buffer = self  # binary writers (kg export) reach the same refusal

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise UsageError(f"standard {self.stream} is closed: nothing can be printed (redirect it, or write "
                         "to a file with --out where the command has it)")

    def read(self, size: int | None = -1) -> str:
        raise UsageError(f"standard {self.stream} is closed: nothing can be read (give the answers as "
                         "options, e.g. kg review --accept ID)")

    readline = read  # type: ignore[assignment]

    def flush(self) -> None:
        pass


def _stand_in_for_closed_streams() -> None:
    if sys.stdout is None:
        sys.stdout = _Closed("output")
    if sys.stdin is None:
        sys.stdin = _Closed("input")


class KgGroup(click.Group):
    """Turns kg errors into one line on stderr and the documented exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            _stand_in_for_closed_streams()
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
        except (RecursionError, MemoryError) as exc:  # input nested too deeply, or too large
            click.echo(f"kg: error: the input is too large or too deeply nested to process ({type(exc).__name__})",
                       err=True)
            sys.exit(1)


class Seconds(click.FloatRange):
    """A number of seconds in a range; NaN is no number (FloatRange lets it through)."""

    name = "seconds"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        seconds = super().convert(value, param, ctx)
        if seconds != seconds:
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        return seconds


def project(ctx: click.Context):
    from kg.project import find_project

    return find_project(ctx.find_root().obj.get("root") if ctx.find_root().obj else None)


FORMATS = ("table", "csv", "tsv", "json")  # kg.output renders them


def format_option(choices: tuple[str, ...] = FORMATS, default: str = "table"):
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True, help="Output format.")


def reader(proj, endpoint: str | None, user: str | None, timeout: float):
    """What kg ask, show, leaders and conflicts read: the local build, or --endpoint with
    each request bounded by --timeout."""
    from kg.query import backend

    return backend(proj, endpoint, timeout, user=user) if endpoint else backend(proj)


def endpoint_option(timeout: float | None = 30.0):
    """--endpoint URL, --user for it, and --timeout (unless the command has its own)."""
    options = [
        click.option("--endpoint", metavar="URL",
                     help="Query this SPARQL 1.1 endpoint instead of the local build."),
        click.option("--user", metavar="NAME[:PASSWORD]",
                     help="Credentials for --endpoint (HTTP basic or digest, as it asks); a missing "
                          "password is read from KG_ENDPOINT_PASSWORD or ~/.netrc. Default: "
                          "KG_ENDPOINT_USER, then ~/.netrc."),
    ]
    if timeout is not None:
        options.append(click.option("--timeout", type=Seconds(0.1, 3600), default=timeout,
                                    show_default=True,
                                    help="Seconds each request to --endpoint may take, all of it."))

    def decorate(command):
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def stale_check(proj, endpoint: str | None = None, background: bool = True) -> Callable[[], None]:
    """Start checking whether data/ changed since the last build (local answers only) and
    return what says so on stderr. In the background the check runs in a thread while the
    command answers: it stats every input file, which releases the GIL (at 38,000 files,
    80 ms of a cold ask). Not where queries run in a forked child (kg query's limits): a
    thread alive at a fork may hold a lock the child then waits for."""
    if endpoint is not None:
        return lambda: None
    from kg.store import stale_inputs

    found: list[str | None] = []
    if background:
        import threading

        worker = threading.Thread(target=lambda: found.append(stale_inputs(proj)), daemon=True)
        worker.start()

    def note() -> None:
        if background:
            worker.join()
        else:
            found.append(stale_inputs(proj))
        if found and found[0]:
            click.echo(f"kg: {found[0]}", err=True)

    return note
