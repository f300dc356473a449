"""Safe file access: atomic writes, bounded reads, nothing through a link out of the project.

A reader sees the old complete file or the new one, never a torn one. A full disk or a
read-only folder is one line that names the file, and the old file stays. A path that is, or
passes through, a symbolic link leading outside the project is refused for writing, deleting
and reading into the graph (a project folder is input: its links are too).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kg.errors import Located, LocatedError, UsageError


def inside(root: Path, path: Path) -> bool:
    """`path`, with every link on the way followed, is `root` or lies under it."""
    real_root, real = root.resolve(), path.resolve()
    return real == real_root or real_root in real.parents


def utf8_name(name: str) -> str:
    """A file name as valid UTF-8 text: bytes that are not UTF-8 (decoded by Python as lone
    surrogates, which UTF-8 writers and JSON refuse) as \\xNN. An ASCII name is returned as
    it is, without encoding (every name under data/ passes here)."""
    if name.isascii():
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def utf8_text(data: bytes, name: str, error: type[Located] = LocatedError) -> str:
    """`data` decoded as UTF-8; otherwise `error` at the first bad byte's line and column,
    naming the byte and its offset (Python's codec message names neither file nor line)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[:exc.start].decode("utf-8")  # all good up to the first bad byte
        line, column = line_column(before, len(before))
        raise error(name, f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start:,}); "
                    "save the file as UTF-8", line, column) from None


_NOT_UTF8 = re.compile("[\udc80-\udcff]")  # how Python holds an argument's bytes that are not UTF-8


def utf8_argument(text: str, what: str) -> str:
    """`text` (a query, a value given as an argument) when it is UTF-8; otherwise a UsageError
    naming the first byte that is not (Oxigraph failed with Python's codec message)."""
    bad = _NOT_UTF8.search(text)
    if bad is None:
        return text
    raise UsageError(f"{what}: not UTF-8 (byte 0x{ord(bad.group()) - 0xDC00:02x} at character {bad.start() + 1:,}); "
                     "give it as UTF-8 text")


def line_column(text: str, at: int) -> tuple[int, int]:
    """The line and column (from 1) of text[at] as an editor shows them: in characters, not
    bytes, lines ended by LF, CRLF or CR alone, and without the byte order mark some editors
    write first and none shows."""
    start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1  # CR alone ends a line too (YAML)
    if start == 0 and text.startswith("\ufeff"):
        start = 1
    breaks = text.count("\n", 0, at) + text.count("\r", 0, at) - text.count("\r\n", 0, at)
    return breaks + 1, at - start + 1


def not_a_file(path: Path) -> str | None:
    """Why `path` cannot be read as a file, worded to follow its name ("is a folder, not a
    file"); None for a regular file. A folder, pipe or broken link each said "does not exist",
    and reading a pipe would block."""
    if "\0" in str(path):  # from a YAML escape ("a\0.txt"): stat() raises ValueError, not OSError
        return "holds a NUL character (U+0000), which no file name can"
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return f"is a broken link (to {os.readlink(path)})" if path.is_symlink() else "does not exist"
    except OSError as exc:
        return f"cannot be read: {why_not_written(exc)}"
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    return None if stat.S_ISREG(mode) else "is a device, pipe or socket, not a regular file"


def within(root: Path, path: Path, what: str = "") -> Path:
    """`path` if it stays inside the project `root`; otherwise a UsageError naming the link."""
    if not inside(root, path):
        raise UsageError(f"{what or path}: leads outside the project (to {path.resolve()}); kg does "
                         "not write, delete or read through a link out of the project")
    return path


def refuse_overwrite(path: Path, force: bool, build: Path | None = None) -> None:
    """An --out file that exists is replaced only with --force, and only when it is a regular
    file: a link, device or pipe would be replaced by a file (/dev/stdout, /dev/null...).
    Never a file in the folders of `build` (a project's build/): they are the build's own."""
    if build is not None and inside(build, path.parent) and path.parent.resolve() != build.resolve():
        raise UsageError(f"{path}: inside {build}'s own folders (generations, store, cache): a file "
                         "written there damages the build; choose another --out path")
    what = "a link" if path.is_symlink() else None if not path.exists() or path.is_file() else \
        "a folder" if path.is_dir() else "a device, pipe or socket"
    if what:
        raise UsageError(f"{path} is {what}, not a regular file: kg replaces only regular files "
                         "(choose another --out path)")
    if not force and path.exists():
        raise UsageError(f"{path} already exists; pass --force to replace it")


def atomic_write(path: Path, data: bytes, root: Path | None = None) -> None:
    """Write to a temporary file beside `path`, fsync, then rename over it (a link at `path`
    is replaced, never written through). With `root`, the folder must be inside it."""
    with atomic_stream(path, root) as out:
        out.write(data)


@contextlib.contextmanager
def atomic_stream(path: Path, root: Path | None = None) -> Iterator[BinaryIO]:
    """Like atomic_write, for output written piece by piece."""
    folder = path.parent
    if root is not None:
        within(root, folder, str(folder))
    if not folder.is_dir():
        raise UsageError(f"{path}: folder {folder} does not exist (create it first)")
    try:
        import tempfile  # only writers pay for it (kg ask reads)

        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(f"{path}: cannot write in {folder}: {why_not_written(exc)}") from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {why_not_written(exc)} (the old file is unchanged)") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def why_not_written(exc: OSError) -> str:
    """Why a write failed, in words: EFBIG says no more than 'file too large'."""
    if exc.errno == errno.EFBIG:
        return "file too large (a size limit of this process or file system)"
    return (exc.strerror or str(exc)).lower()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def read_bounded(path: Path, limit: int, wait: bool = True) -> bytes:
    """At most `limit` bytes of a file; a longer one (also a device or pipe that never ends,
    whose size stat() does not tell) raises ValueError. OSErrors are the caller's to word.
    With wait=False a named pipe is refused (OSError) instead of waiting for a writer: a
    project file (data/aliases.yaml, queries/x.rq) that is a pipe hung kg build and kg ask."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | (0 if wait else os.O_NONBLOCK))
    if not wait:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            os.close(fd)
            raise OSError(errno.EINVAL, "a named pipe, not a regular file", str(path))
        os.set_blocking(fd, True)
    data = bytearray()
    with os.fdopen(fd, "rb") as handle:
        while chunk := handle.read(min(1 << 20, limit + 1 - len(data))):
            data += chunk
            if len(data) > limit:
                raise ValueError(f"is larger than {limit:,} bytes")
    return bytes(data)


@contextlib.contextmanager
def locked(folder: Path, root: Path | None = None) -> Iterator[None]:
    """One writer at a time per build folder; a second build waits for the first. The lock
    file is opened without following a link and without truncating anything."""
    if root is not None:
        within(root, folder, str(folder))
    lock = folder / ".lock"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UsageError(f"{lock} is a link (to {lock.resolve()}); kg does not write through "
                             "links: remove it") from None
        raise UsageError(f"cannot write in {folder}: {why_not_written(exc)}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
