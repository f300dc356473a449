"""Read YAML as plain strings, lists and dicts that remember where each value was.

PyYAML's loaders guess types the YAML 1.1 way (`NO` is false, `012` is 10), keep the last of
two equal keys and expand aliases without limit. kg reads the node tree instead: every
scalar stays the string that was written (the facts schema converts it, with a located
error), a repeated key and any alias are errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kg.errors import LocatedError

MAX_BYTES = 20 * 1024 * 1024
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Loc:
    path: str
    line: int
    column: int


class Node:
    """Base of located values."""

    loc: Loc


class Str(str, Node):
    def __new__(cls, value: str, loc: Loc) -> Str:
        obj = super().__new__(cls, value)
        obj.loc = loc
        return obj


class Seq(list, Node):
    def __init__(self, items: list[Any], loc: Loc) -> None:
        super().__init__(items)
        self.loc = loc


class Map(dict, Node):
    def __init__(self, loc: Loc) -> None:
        super().__init__()
        self.loc = loc
        self.key_locs: dict[str, Loc] = {}


def _loc(path: str, mark: Any) -> Loc:
    return Loc(path, mark.line + 1, mark.column + 1)


def read_text(path: Path, label: str | None = None) -> str:
    """A UTF-8 text file, with located errors for every way reading it can fail."""
    from kg.files import not_a_file, read_bounded, utf8_text

    name = label or str(path)
    try:
        data = read_bounded(path, MAX_BYTES, wait=False)
    except ValueError:  # also a device or a pipe that never ends: stat() cannot tell
        raise LocatedError(name, f"file is over the limit of {MAX_BYTES:,} bytes (split it)") from None
    except FileNotFoundError:
        raise LocatedError(name, (not_a_file(path) if path.is_symlink() else None) or "file not found") from None
    except IsADirectoryError:
        raise LocatedError(name, "is a folder, not a file") from None
    except PermissionError:
        raise LocatedError(name, "cannot be read: permission denied") from None
    except OSError as exc:
        raise LocatedError(name, f"cannot be read: {(exc.strerror or str(exc)).lower()}") from None
    # an editor's byte order mark is no character of the text (an article's offsets counted it)
    return utf8_text(data, name).removeprefix("\ufeff")


def load(path: Path, label: str | None = None) -> Any:
    """Parse one YAML file into Map/Seq/Str (None for empty values)."""
    name = label or str(path)
    text = read_text(path, name)
    if not text.strip():
        raise LocatedError(name, "file is empty")
    _check_characters(name, text)
    try:
        # an alias is written *name, a tag !name: without either character there is none
        for event in yaml.parse(text, Loader=_Loader) if "*" in text or "!" in text else ():
            _refuse_alias_or_tag(name, event)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        found = exc.problem_mark or exc.context_mark
        where = _loc(name, found) if found else Loc(name, 0, 0)
        problem = exc.problem or exc.context or "invalid YAML"
        raise LocatedError(name, f"YAML syntax error: {problem}", where.line, where.column) from None
    except yaml.YAMLError as exc:
        raise LocatedError(name, f"YAML error: {exc}") from None
    return _convert(root, name)


_TEXT_TAGS = (None, "!", "tag:yaml.org,2002:str")  # none, or one that says "text": how kg reads every value


def _refuse_alias_or_tag(name: str, event: yaml.Event) -> None:
    """An alias repeats a value (without limit: a billion laughs); a tag asks for a type or an
    object (`!!python/object`, `!!int`, a custom `!secret`) that kg would not make, and read
    the value as plain text without a word."""
    if isinstance(event, yaml.AliasEvent):
        problem = f"YAML alias *{event.anchor} is not allowed; write the value out"
    elif isinstance(event, yaml.NodeEvent) and getattr(event, "tag", None) not in _TEXT_TAGS:
        tag = str(getattr(event, "tag", "")).replace("tag:yaml.org,2002:", "!!", 1)
        problem = f"YAML tag {tag} is not allowed: kg reads every value as plain text; remove the tag"
    else:
        return
    mark = _loc(name, event.start_mark)
    raise LocatedError(name, problem, mark.line, mark.column)


# What YAML 1.1 allows in a file (its c-printable), less the line breaks editors do not show as
# breaks: NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR ended a comment or a plain value in the
# middle of a line, and moved every line number after them.
# Written as the characters refused rather than as the complement of those allowed: the same
# set, compiled in 0.7 ms instead of 15 (every kg build that reads a facts file compiles it).
_NOT_ALLOWED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_BREAK_NAMES = {"\x85": "NEXT LINE", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}


def _check_characters(name: str, text: str) -> None:
    """The first character PyYAML would refuse (it gave a byte position in "<unicode string>")
    or read as a line break, at its line and column."""
    bad = _NOT_ALLOWED.search(text)
    if bad is None:
        return
    from kg.files import line_column

    at, char = bad.start(), bad.group()
    line, column = line_column(text, at)
    what = f"U+{ord(char):04X}" + (f" ({_BREAK_NAMES[char]}, a line break to YAML)" if char in _BREAK_NAMES else "")
    raise LocatedError(name, f"the character {what} is not allowed here: remove it, or write it as an "
                       f"escape (\\u{ord(char):04x}) in a double-quoted string", line, column)


def _convert(node: yaml.Node | None, path: str) -> Any:
    if node is None:
        return None
    loc = _loc(path, node.start_mark)
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.value in ("", "~", "null", "Null", "NULL"):
            return None
        return Str(node.value, loc)
    if isinstance(node, yaml.SequenceNode):
        return Seq([_convert(item, path) for item in node.value], loc)
    result = Map(loc)
    for key_node, value_node in node.value:
        key = _convert(key_node, path)
        key_loc = _loc(path, key_node.start_mark)
        if not isinstance(key, str):
            raise LocatedError(path, "a key must be a plain name", key_loc.line, key_loc.column)
        if key in result:
            first = result.key_locs[key]
            raise LocatedError(
                path, f"duplicate key '{key}' (first at line {first.line}); remove one",
                key_loc.line, key_loc.column,
            )
        result[str(key)] = _convert(value_node, path)
        result.key_locs[str(key)] = key_loc
    return result
