"""Content hashes of a build's input files, remembered with each file's size, times and inode
so that a file whose stat data did not change is not read again (git's index does the same).

A write changes the modification time, a rename the inode, and setting the modification time
back changes the status-change time: an unchanged record means unchanged bytes. A file hashed
less than RACY_NS after its last change is not remembered, because a second write within the
same clock tick would leave its times as they were.
"""

from __future__ import annotations

import os
import time
from typing import Any

from kg.splice import sha256 as file_sha256

RACY_NS = 2_000_000_000
KIND = "f"  # the records' kind in the build cache's index (kg.chunks.Index)


def stamp(path: str) -> list[int]:
    """The stat data that tells a file changed: size, modification and status-change times, inode."""
    st = os.stat(path)
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def settled(stamp: list[int]) -> bool:
    """The file was last changed more than RACY_NS ago: what was read under this stamp may be
    remembered."""
    return time.time_ns() - max(stamp[1], stamp[2]) > RACY_NS


def sha256(path: str, label: str, index: Any) -> str:
    """The SHA-256 (hex) of the file at `path`, from `index` (a kg.chunks.Index) when its
    stat data is the one recorded under `label`; OSError when it cannot be read."""
    now = stamp(path)
    index.files.add(label)
    index.stamps[path] = now
    # the record's JSON text is compared, not parsed: a build does this for every input file
    record, head = index.text(KIND, label), f'[{now[0]},{now[1]},{now[2]},{now[3]},"'
    if record is not None and record.startswith(head) and len(record) == len(head) + 66 and record[-2:] == '"]':
        return record[len(head):-2]
    digest = file_sha256(path)
    # the stamp taken before reading: a write during the read leaves a record that no longer matches
    if settled(now):
        index.put(KIND, label, [*now, digest])
    return digest


def changed_since(path: str, sha: str) -> bool:
    """The file's bytes are no longer those hashed as `sha` (or it is gone): read again, never
    from the records, to tell whether it changed while the build read it."""
    try:
        return file_sha256(path) != sha
    except OSError:
        return True
