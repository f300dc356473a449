"""kg.ttl and kg.trig are a shared head followed by every article's cached part, in article
order. Writing a new generation's file copies the runs of parts the previous generation's file
already holds from it inside the kernel (os.copy_file_range), and reads only the parts that
changed: an incremental build at a million triples does not read and write 110 MB in Python.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path
from typing import Any, NamedTuple


class Part(NamedTuple):
    key: str  # the chunk key
    path: str  # the cached part (a plain string: there is one per article)
    size: int
    digest: str = ""  # the part's SHA-256 (hex), from its chunk record


PARTS = "parts:"  # marks a digest made of the head's and the parts' digests (parts_digest)


def parts_digest(digests: list[str]) -> str:
    """A file's digest made of the SHA-256 (hex) of its head and of each part, in order: known
    when the file is written without reading it back (a million triples are 110 MB of kg.ttl
    and kg.trig), and checked by reading the file cut at the same places (cut_digest)."""
    h = hashlib.sha256()
    for digest in digests:
        h.update(bytes.fromhex(digest))
    return PARTS + h.hexdigest()


def cut_digest(path: Path, sizes: list[int]) -> str | None:
    """The parts digest of the file read in pieces of `sizes` bytes (None when it is not
    exactly that long)."""
    digests = []
    with open(path, "rb") as handle:
        for size in sizes:
            data = handle.read(size)
            if len(data) != size:
                return None
            digests.append(hashlib.sha256(data).hexdigest())
        if handle.read(1):
            return None
    return parts_digest(digests)


def layout(head: int, parts: list[Part]) -> dict[str, tuple[int, int]]:
    """Chunk key -> (offset, size) in a file of a head of `head` bytes and `parts`."""
    out, offset = {}, head
    for part in parts:
        out[part.key] = (offset, part.size)
        offset += part.size
    return out


def previous_layout(path: Path, previous: dict, name: str, ext: str, sizes: dict[str, dict[str, int]],
                    cache: Path) -> dict[str, tuple[int, int]] | None:
    """Where the live generation's file `name` holds each chunk's part (None when unknown, or
    when the file is not exactly its head and parts: then nothing is copied from it)."""
    head, chunks = previous.get("heads", {}).get(name), previous.get("chunks")
    if not isinstance(head, int) or not isinstance(chunks, dict):
        return None
    parts = []
    base = os.path.join(cache, "")  # joined by hand below: a part per article
    for _, key in sorted(chunks.items()):  # the order the parts were written in
        size = sizes.get(key, {}).get(ext)
        part = base + key + ext
        try:
            size = size if size is not None else os.stat(part).st_size
        except OSError:
            return None
        parts.append(Part(key, part, size))
    try:
        if path.stat().st_size != head + sum(p.size for p in parts):
            return None
    except OSError:
        return None
    return layout(head, parts)


def write(path: Path, head: bytes, parts: list[Part], old: Path | None = None,
          old_layout: dict[str, tuple[int, int]] | None = None) -> list[Any]:
    """Write head then parts to path, copying from `old` each part `old_layout` places there;
    [size, mtime_ns, digest] of the result for the manifest: a parts digest when every part's
    digest is known, else the file's SHA-256."""
    runs: list[tuple[int, int] | str] = []  # (offset, length) in old, or a part to read
    for part in parts:
        where = old_layout.get(part.key) if old_layout else None
        if where is None or where[1] != part.size:
            runs.append(part.path)
        elif runs and isinstance(runs[-1], tuple) and sum(runs[-1]) == where[0]:
            runs[-1] = (runs[-1][0], runs[-1][1] + where[1])  # adjacent: one copy
        else:
            runs.append(where)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)  # the umask decides, as open() does
    try:
        _write_all(fd, head)
        source = os.open(old, os.O_RDONLY) if old is not None and any(isinstance(r, tuple) for r in runs) else None
        try:
            for run in runs:
                if isinstance(run, tuple):
                    _copy(source, fd, *run)  # type: ignore[arg-type]
                else:
                    with open(run, "rb") as handle:
                        _write_all(fd, handle.read())
        finally:
            if source is not None:
                os.close(source)
    finally:
        os.close(fd)
    st = path.stat()
    known = all(part.digest for part in parts)
    digest = parts_digest([hashlib.sha256(head).hexdigest(), *(p.digest for p in parts)]) if known else sha256(path)
    return [st.st_size, st.st_mtime_ns, digest]


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _copy(source: int, target: int, offset: int, length: int) -> None:
    """Append `length` bytes of `source` from `offset` to `target`."""
    end = offset + length
    while offset < end:
        try:
            done = os.copy_file_range(source, target, end - offset, offset)
        except (AttributeError, OSError):  # not Linux, or a file system without it
            done = 0
        if done == 0:
            data = os.pread(source, min(end - offset, 1 << 24), offset)
            if not data:
                raise OSError(f"the previous build's file ended {end - offset} bytes early")
            _write_all(target, data)
            done = len(data)
        offset += done


def sha256(path: str | Path) -> str:
    """A regular file's SHA-256 (hex), read in blocks; OSError for anything else. Opened without
    blocking: a named pipe in data/articles/ hung the build, waiting for a writer."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    os.set_blocking(fd, True)
    h = hashlib.sha256()
    with os.fdopen(fd, "rb") as handle:
        while block := handle.read(1 << 20):
            h.update(block)
    return h.hexdigest()
