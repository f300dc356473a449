"""kg's sentence spans equal pysbd's own on every kind of text (kg only finds them faster)."""

from __future__ import annotations

import random
from pathlib import Path

import pysbd

from kg.text import _segmenter

REPO = Path(__file__).resolve().parent.parent
PIECES = [
    "Mr. Smith went.",
    " ",
    "  ",
    "\n",
    "U.S. forces",
    "e.g. this",
    'He said: "Go."',
    "Hi!",
    "...",
    "A.",
    "3.5 km",
    "\u00a0",
    "Dr. No. ",
    "x",
    "(1) first. (2) second.",
    "ISIS. ISIS. ISIS.",
]


def texts() -> list[str]:
    out = []
    for path in sorted((REPO / "data" / "articles").glob("*.txt")) + sorted(
        (REPO / "bench" / "extract").rglob("*.txt")
    ):
        out += path.read_text(encoding="utf-8").splitlines(keepends=True)
    rng = random.Random(7)
    out += ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12))) for _ in range(1500)]
    return out


def test_spans_equal_pysbd():
    reference = pysbd.Segmenter(language="en", clean=False, char_span=True)
    fast = _segmenter()
    for text in texts():
        expected = [(s.sent, s.start, s.end) for s in reference.segment(text)]
        assert [(s.sent, s.start, s.end) for s in fast.segment(text)] == expected, repr(text)


def test_a_huge_line_is_cut_into_pieces_pysbd_splits_in_bounded_time():
    """pysbd's time grows faster than a line's length (190 kB with no full stop took a minute):
    a line is cut after a sentence end, else at a space, into pieces of at most LONG characters."""
    from kg.text import LONG, Article

    words = " ".join(f"word{i}" for i in range(20000)) + "\n"
    segments = Article("a", words).segments
    assert segments[0].start == 0 and segments[-1].end >= len(words) - 1
    assert all(a.end <= b.start for a, b in zip(segments, segments[1:], strict=False))
    assert max(s.end - s.start for s in segments) <= LONG
    prose = "The group claimed the attack. Officials said eight people were killed. " * 100 + "\n"
    cut = Article("b", prose).segments
    assert len(cut) == 200 and all(prose[s.start:s.end].rstrip().endswith(".") for s in cut)
