"""Read RDF files safely: Oxigraph parses them (no remote fetches), errors are located."""

from __future__ import annotations

import re
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, Store, parse

from kg.errors import InputFileError
from kg.files import read_bounded, utf8_text
from kg.project import shipped_query

MAX_BYTES = 512 << 20  # an RDF file kg reads whole (to validate it)

FORMATS = {
    ".ttl": RdfFormat.TURTLE, ".turtle": RdfFormat.TURTLE, ".trig": RdfFormat.TRIG,
    ".nt": RdfFormat.N_TRIPLES, ".nq": RdfFormat.N_QUADS, ".rdf": RdfFormat.RDF_XML,
    ".xml": RdfFormat.RDF_XML, ".owl": RdfFormat.RDF_XML, ".jsonld": RdfFormat.JSON_LD,
    ".json": RdfFormat.JSON_LD, ".n3": RdfFormat.N3,
}
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)
_POSITION = re.compile(r"line (\d+)\D+?columns? (\d+)|(\d+):(\d+)")


def load_store(path: Path) -> Store:
    """An RDF file's triples in a new in-memory Oxigraph store, all in its default graph (the
    graphs of a dataset merged: kg validates their union); the format comes from the file's
    extension."""
    name = str(path)
    fmt, data = _read(path)
    store = Store()
    try:
        if fmt.supports_datasets or fmt == RdfFormat.N3:  # (N3's formulas are graphs too)
            store.bulk_extend(Quad(q.subject, q.predicate, q.object) for q in parse(data, format=fmt, base_iri=None))
        else:  # Oxigraph reads the file itself: no Python object per triple. load, not
            # bulk_load: into a store in memory it is as fast (1.2M triples: 4.1-5.2 s against
            # 4.6-5.9 s) and holds less (530 MB against 680 MB)
            store.load(data, format=fmt)
    except SyntaxError as exc:
        _not_utf8(name, data, exc)
        line, column = _position(str(exc))
        raise InputFileError(name, f"not valid {fmt.name}: {_first_line(exc)}", line, column) from None
    except ValueError as exc:
        _not_utf8(name, data, exc)
        raise InputFileError(name, f"not valid {fmt.name}: {_first_line(exc)}") from None
    if next(iter(store), None) is None:
        raise InputFileError(name, "the graph is empty: no triples")
    # the Turtle family writes a quoted triple with '<<': without one, no need to scan the store
    maybe_quoted = b"<<" in data or fmt in (RdfFormat.RDF_XML, RdfFormat.JSON_LD)
    if maybe_quoted and store.query(shipped_query("shacl/quoted-triples.rq")):
        raise InputFileError(name, "holds RDF-star quoted triples (<< s p o >>), which kg's graphs and shapes "
                             "do not use; remove them")
    return store


def _read(path: Path) -> tuple[RdfFormat, bytes]:
    """The file's format and bytes, refused when kg cannot read it safely."""
    name = str(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise InputFileError(name, f"unknown RDF file extension '{path.suffix}' (one of: {known})")
    try:
        data = read_bounded(path, MAX_BYTES, wait=False)  # a named pipe: refused, not waited on
    except ValueError:  # also a device or a pipe that never ends
        raise InputFileError(name, f"file is over the limit of {MAX_BYTES:,} bytes") from None
    except FileNotFoundError:
        raise InputFileError(name, "file not found") from None
    except OSError as exc:
        raise InputFileError(name, f"cannot be read: {exc.strerror}") from None
    data = data.removeprefix(b"\xef\xbb\xbf")  # a byte order mark: not Turtle or N-Triples to Oxigraph
    if fmt == RdfFormat.RDF_XML and _DTD.search(data[:65536]):
        raise InputFileError(name, "RDF/XML with a DOCTYPE or ENTITY declaration is refused "
                           "(entity expansion can exhaust memory); remove the declarations")
    if fmt == RdfFormat.JSON_LD and len(data) <= JSON_CHECKED:
        _json_depth(name, data)
    return fmt, data


JSON_CHECKED = 64 * 1024 * 1024  # bytes: JSON-LD up to this size is read by json first


def _json_depth(name: str, data: bytes) -> None:
    """JSON nested thousands deep crashes the JSON-LD parser (a segmentation fault, not an
    error): Python's json reader refuses it first, with a RecursionError kg can report."""
    import json

    try:
        json.loads(data)
    except RecursionError:
        raise InputFileError(name, "JSON nested too deeply to read (more than about 1,000 levels)") from None
    except UnicodeDecodeError:
        utf8_text(data, name, InputFileError)  # raises, at the first bad byte
    except ValueError as exc:
        raise InputFileError(name, f"not valid JSON-LD: {_first_line(exc)}") from None


def _not_utf8(name: str, data: bytes, exc: Exception) -> None:
    """A parser's decoding error, said at the file's first bad byte: RDF/XML's named no place."""
    if "utf-8" in str(exc).lower():
        utf8_text(data, name, InputFileError)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _position(message: str) -> tuple[int | None, int | None]:
    match = _POSITION.search(message)
    if not match:
        return None, None
    line, column = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    return int(line), int(column)
