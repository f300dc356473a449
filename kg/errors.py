"""Errors kg raises. The CLI maps them to exit codes: DataError 1, UsageError 2."""

from __future__ import annotations


class KgError(Exception):
    """Base of every error kg reports to a user (never shown as a traceback)."""

    exit_code = 2


class UsageError(KgError):
    """The user's input is wrong: an argument, a question, a query, a path."""

    exit_code = 2


class DataError(KgError):
    """The data is wrong: a facts file, an article, a graph that does not validate."""

    exit_code = 1


def one_line(text: str) -> str:
    """A message on one line: line breaks and other control characters of the values it quotes
    are shown escaped ('\\n'), never sent to the terminal."""
    if text.isprintable():  # most text, at C speed (a 4 MB value took 11 s character by character)
        return text
    return "".join(c if c.isprintable() or c == " " else _escaped(c) for c in text)


def _escaped(char: str) -> str:
    """A character as an escape; a byte of an argument or file name that is not UTF-8 (which
    Python holds as a lone surrogate, U+DC80-U+DCFF) as the byte it was: \\xff, not \\udcff."""
    if "\udc80" <= char <= "\udcff":
        return f"\\x{ord(char) - 0xDC00:02x}"
    return repr(char)[1:-1]


MAX_SHOWN = 600  # characters of an error line shown: its start (where, what) and end (how to fix)


def shortened(line: str) -> str:
    """An error line that quotes a huge value (a 4 MB name, a 10 MB argument) as its start
    and end, with the number of characters left out between."""
    if len(line) <= MAX_SHOWN:
        return line
    cut = len(line) - MAX_SHOWN
    return f"{line[:MAX_SHOWN // 2]} …[{cut:,} characters]… {line[-MAX_SHOWN // 2:]}"


class Located(Exception):
    """A place in a file: `file:line:column: field: message`."""

    def __init__(
        self,
        path: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path, self.line, self.column, self.field = path, line, column, field
        self.message = message
        where = path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        text = f"{where}: {field}: {message}" if field else f"{where}: {message}"
        super().__init__(one_line(text))

    def __reduce__(self):  # errors cross process boundaries in parallel builds
        return (type(self), (self.path, self.message, self.line, self.column, self.field))


class LocatedError(Located, DataError):
    """A data error at a place in a project file (exit 1)."""


class InputFileError(Located, UsageError):
    """A file the user named on the command line cannot be read as what it should be (exit 2)."""


class NotBuiltError(UsageError):
    """The project has no built graph yet."""


class QueryError(UsageError):
    """A SPARQL query is malformed, refused, too slow or its parameters are wrong."""


class EndpointError(KgError):
    """A SPARQL endpoint could not be reached or answered with an error."""

    exit_code = 1


class LocatedErrors(DataError):
    """Every located data error found in one go (a file's, or a whole build's)."""

    def __init__(self, errors: list[LocatedError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))

    def __reduce__(self):  # errors cross process boundaries in parallel builds
        return (type(self), (self.errors,))
