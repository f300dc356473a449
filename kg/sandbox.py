"""Run work in a child process under a memory limit and a deadline.

A query engine may need unbounded memory (a cross product sorted before its LIMIT), and
Oxigraph aborts the whole process when an allocation fails: there is no exception to catch,
and a thread running a query cannot be stopped. A child process can be given an address-space
limit (RLIMIT_AS) and be killed at the deadline; the parent reports either in one line.
"""

from __future__ import annotations

import faulthandler
import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass

from kg.errors import KgError, QueryError

_OK, _ERROR = b"0", b"1"
_OUT_OF_MEMORY = 3  # the child's exit status after a MemoryError


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0  # seconds
    memory_mb: int = 2048  # address space of the child process


def run(work: Callable[[], bytes], limits: Limits) -> bytes:
    """work() in a forked child; its bytes, or its KgError raised again here."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(work, write_end, limits)
    os.close(write_end)
    try:
        data, finished = _read(read_end, time.monotonic() + limits.timeout)
    finally:
        os.close(read_end)
    if not finished:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if not finished:
        raise QueryError(f"query took longer than {limits.timeout:g}s and was stopped; narrow it "
                         "or raise --timeout")
    if data[:1] == _OK and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        return data[1:]
    if data[:1] == _ERROR:
        raise pickle.loads(data[1:])  # written by our own child: a KgError
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGSEGV:  # its stack overflowed
        raise QueryError("query crashed the engine, as groups or expressions nested thousands deep do; "
                         "write it with less nesting")
    if os.WIFSIGNALED(status) or os.WEXITSTATUS(status) == _OUT_OF_MEMORY:
        raise QueryError(f"query needed more than {limits.memory_mb:,} MB of memory and was "
                         "stopped; narrow it (LIMIT does not bound what ORDER BY or GROUP BY "
                         "hold) or raise --memory")
    raise QueryError(f"query process failed (exit status {os.WEXITSTATUS(status)})")


def _read(fd: int, deadline: float) -> tuple[bytes, bool]:
    """Everything the child writes, and whether it finished before the deadline."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return b"", False
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)


def _child(work: Callable[[], bytes], fd: int, limits: Limits) -> None:
    status = 1
    try:
        # a failed native allocation prints a panic on stderr and aborts (and faulthandler,
        # when on, dumps the stack): the parent reports it in its own words instead
        faulthandler.disable()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        limit = limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        try:
            payload = _OK + work()
        except MemoryError:
            status = _OUT_OF_MEMORY
            raise
        except KgError as exc:
            payload = _ERROR + pickle.dumps(exc)
        except Exception as exc:  # noqa: BLE001 (reported in one line, like every error)
            payload = _ERROR + pickle.dumps(QueryError(f"query failed: {type(exc).__name__}: {exc}"))
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view):]
        status = 0
    finally:
        os._exit(status)  # no atexit handlers, no flushing of the parent's buffers
