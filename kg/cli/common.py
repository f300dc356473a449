"""What every command shares: the project, error handling, output options."""

from __future__ import annotations

import contextlib
import errno
import io
import sys
from collections.abc import Callable
from typing import Any

import click

from kg.errors import KgError, LocatedErrors, UsageError, one_line, shortened


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


class _StdoutFailed(UsageError):
    """Writing to standard output failed; a reader that stopped reading (`| head`) is no
    error to report: a quiet exit 141, as a program killed by SIGPIPE."""

    def __init__(self, exc: OSError) -> None:
        self.quiet = exc.errno == errno.EPIPE
        if self.quiet:
            self.exit_code = 141
        super().__init__(f"standard output: cannot write: {(exc.strerror or str(exc)).lower()} "
                         "(the output is incomplete; write to a file with --out where the command has it)")


class _Guarded:
    """A standard stream whose failed writes (`> /dev/full`, a full disk, a closed pipe) are
    handled: on standard output one error naming it (the bare OSError named no file); on
    standard error dropped, as there is nowhere left to say so, and the exit code stays the
    command's own (a written --out file with a failed `wrote` note exited 1). click probes a
    stream with empty writes and ignores their errors: nothing is remembered between writes."""

    def __init__(self, stream: Any, fd: int) -> None:
        self._stream, self._fd = stream, fd

    def write(self, data: Any) -> Any:
        try:
            return self._stream.write(data)
        except OSError as exc:
            return self._failed(exc)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            self._failed(exc)

    def _failed(self, exc: OSError) -> None:
        if self._fd == 1:
            raise _StdoutFailed(exc) from None
        _silence(2)  # what it still holds goes nowhere at exit, instead of failing again

    @property
    def buffer(self) -> _Guarded:  # kg export writes bytes
        return _Guarded(self._stream.buffer, self._fd)

    def __getattr__(self, name: str) -> Any:  # encoding, isatty, fileno...: the stream's own
        return getattr(self._stream, name)


def _silence(fd: int) -> None:
    import os

    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)


def _stand_in_for_closed_streams() -> None:
    if sys.stdout is None:
        sys.stdout = _Closed("output")
    elif not isinstance(sys.stdout, _Guarded | _Closed):
        sys.stdout = _Guarded(sys.stdout, 1)  # type: ignore[assignment]
    if sys.stderr is not None and not isinstance(sys.stderr, _Guarded):
        sys.stderr = _Guarded(sys.stderr, 2)  # type: ignore[assignment]
    if sys.stdin is None:
        sys.stdin = _Closed("input")


def _usage_error(exc: click.UsageError, command: str = "kg") -> None:
    """A wrong option or argument as one line, as kg's other input errors (click printed
    three: its usage, where to find help, the error), saying where the full usage is."""
    message = exc.format_message().rstrip(".")
    command = exc.ctx.command_path if exc.ctx else command
    click.echo(f"kg: error: {shortened(one_line(message[:1].lower() + message[1:]))} "
               f"(see {command} --help)", err=True)
    sys.exit(exc.exit_code)


class KgGroup(click.Group):
    """Turns kg errors into one line on stderr and the documented exit code."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:  # the options before the command (--root) are parsed here
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise  # `kg` alone: the help, as click shows it
        except click.UsageError as exc:
            _usage_error(exc, info_name or "kg")
            raise  # not reached: for the type checker

    def invoke(self, ctx: click.Context) -> Any:
        try:
            _stand_in_for_closed_streams()
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:  # a command's options and arguments
            _usage_error(exc)
        except KgError as exc:
            if isinstance(exc, _StdoutFailed):  # what it holds unwritten must not fail again at exit
                _silence(1)
            if getattr(exc, "quiet", False):
                sys.exit(exc.exit_code)
            # several errors: one line each; a line break inside one (a value quoted) is shown escaped
            lines = [str(e) for e in exc.errors] if isinstance(exc, LocatedErrors) else [str(exc)]
            for line in lines or [""]:
                click.echo(f"kg: error: {shortened(one_line(line))}", err=True)
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

    given = ctx.find_root().obj or {}
    return find_project(given.get("root"), given.get("root_from_env", False))


FORMATS = ("table", "csv", "tsv", "json")  # kg.output renders them


def out_file(out: str | None) -> str | None:
    """The file an --out option names; None for standard output, which '-' names as in
    most tools (it wrote a file called '-'). An empty name names no file."""
    if out == "-":
        return None
    if out == "":
        raise UsageError("--out '': give a file name, or - (or no --out) for standard output")
    return out


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
    return what says so on stderr. In the background the check runs while the command
    answers: in a thread, or, when data/ holds thousands of files and this process has no
    other thread, in a forked child. It stats every input file: 38,000 files take 0.1 s, and
    a thread gets the GIL back after each stat only when the answering thread lets go of it,
    so much of it came after the answer.
    Not where queries run in a forked child (kg query's limits): a thread alive at a fork may
    hold a lock the child then waits for."""
    if endpoint is not None:
        return lambda: None
    from kg.store import stale_inputs

    if not background:
        return lambda: _say(stale_inputs(proj))
    forked = _forked(lambda: stale_inputs(proj)) if _many_inputs(proj) and _alone() else None
    if forked is not None:
        return forked
    import threading

    found: list[str | None] = []
    worker = threading.Thread(target=lambda: found.append(stale_inputs(proj)), daemon=True)
    worker.start()

    def note() -> None:
        worker.join()
        _say(found[0] if found else None)

    return note


def _say(notice: str | None) -> None:
    if notice:
        click.echo(f"kg: {notice}", err=True)


FORK_FROM = 200_000  # bytes of the last build's inputs.stamps, about 6,000 files (33 bytes each)


def _many_inputs(proj) -> bool:
    """Enough files in data/ that a forked child pays (its fork costs about 15 ms; a thread
    costs about 1 µs a file more): 3,600 files were as fast in a thread, 38,000 took 0.04 s
    less in a child (0.21 s against 0.25 s for all of `kg ask`)."""
    from kg.store import CURRENT, INPUTS

    try:
        return (proj.build / CURRENT / INPUTS).stat().st_size >= FORK_FROM
    except OSError:
        return False


def _alone() -> bool:
    """No other thread: forking is safe (no lock can be held by a thread the child lacks)."""
    import os

    threading = sys.modules.get("threading")
    return hasattr(os, "fork") and (threading is None or threading.active_count() == 1)


def _forked(check: Callable[[], str | None]) -> Callable[[], None] | None:
    """Run check in a forked child; what it returns comes back through a pipe. A child that
    fails says nothing through it: the check then runs here. None when no child can start."""
    import os

    try:
        read, write = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:  # out of processes or memory
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the child: no cleanup of the parent's objects, no flush of its buffers
        code = 1
        try:
            os.close(read)
            os.write(write, (check() or "").encode("utf-8", "surrogateescape"))
            code = 0
        finally:
            os._exit(code)
    os.close(write)

    def note() -> None:
        with os.fdopen(read, "rb") as pipe:
            told = pipe.read()
        _, status = os.waitpid(pid, 0)
        _say(told.decode("utf-8", "surrogateescape") if status == 0 else check())

    return note
