"""How long the "nearest passage" of a quote that is not in the article takes (kg build's
error message), for articles of about 100 KB and 2 MB.

    python bench/nearest.py            # prints one line per size: seconds, and the passage

Each size runs in its own process with a 120 s budget (slower counts as "> 120 s").
The article is the bundled one repeated with numbered paragraphs, so no passage repeats.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ARTICLE = Path(__file__).resolve().parent.parent / "data" / "articles" / "centcom-isis-2024.txt"
QUOTE = "the U.S. military said it carried out 196 missions against the group in Iraq and Syria in 2024"
SIZES = {"100 KB": 100_000, "2 MB": 2_000_000}
BUDGET = 120.0


def article(size: int) -> str:
    base, parts, n = ARTICLE.read_text(encoding="utf-8"), [], 0
    while sum(map(len, parts)) < size:
        n += 1
        parts.append(f"Part {n}.\n{base}\n")
    return "".join(parts)[:size]


def one(size: int) -> None:
    from kg.text import Article

    text = Article("bench", article(size))
    assert QUOTE not in text.text
    start = time.perf_counter()
    passage = text.nearest(QUOTE)
    print(f"{time.perf_counter() - start:.3f}\t{passage}")


def main() -> None:
    if len(sys.argv) == 2:
        one(int(sys.argv[1]))
        return
    for label, size in SIZES.items():
        try:
            done = subprocess.run([sys.executable, __file__, str(size)], capture_output=True,
                                  text=True, timeout=BUDGET, check=True)
            seconds, passage = done.stdout.strip().split("\t", 1)
            print(f"{label}: {float(seconds):.3f} s  nearest passage: \"{passage}\"")
        except subprocess.TimeoutExpired:
            print(f"{label}: > {BUDGET:.0f} s (stopped)")


if __name__ == "__main__":
    main()
