"""Where a kg project lives: a folder with data/, found like git finds its repository."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import NamedTuple

from kg.errors import UsageError

PACKAGE_DIR = Path(__file__).resolve().parent


def shipped_dir(name: str) -> Path:
    """The ontology/ or queries/ folder that ships with kg (in the wheel or the checkout)."""
    inside = PACKAGE_DIR / "_shipped" / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name


@functools.cache
def shipped_query(name: str) -> str:
    """The text of one of kg's own queries, under queries/ (e.g. 'network/edges.rq')."""
    return (shipped_dir("queries") / name).read_text(encoding="utf-8")


class Project(NamedTuple):  # NamedTuple: immutable, and ten times cheaper to define than a dataclass
    """A kg project folder: data/, queries/, ontology/ and build/."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def articles(self) -> Path:
        return self.data / "articles"

    @property
    def facts(self) -> Path:
        return self.data / "facts"

    @property
    def aliases(self) -> Path:
        return self.data / "aliases.yaml"

    @property
    def build(self) -> Path:
        return self.root / "build"

    def resource(self, folder: str, name: str) -> Path:
        """A project's own ontology/ or queries/ file overrides the shipped one."""
        own = self.root / folder / name
        if own.is_file():
            return own
        if os.path.lexists(own):  # a folder, a pipe or a dead link there was passed over for the shipped file
            from kg.errors import LocatedError
            from kg.files import not_a_file

            raise LocatedError(f"{folder}/{name}", not_a_file(own) or "not a regular file")
        return shipped_dir(folder) / name

    def query_dirs(self) -> list[Path]:
        """Shipped queries first, then the project's own (later names override)."""
        dirs = [shipped_dir("queries")]
        own = self.root / "queries"
        if own.is_dir() and own.resolve() != dirs[0].resolve():
            dirs.append(own)
        return dirs


def find_project(root: str | os.PathLike[str] | None = None, from_env: bool = False) -> Project:
    """--root, then KG_ROOT, then the nearest folder upward that holds data/. `from_env`:
    `root` is KG_ROOT's value (click reads it for --root), which errors name."""
    given = root or os.environ.get("KG_ROOT")
    named = f"KG_ROOT={given}" if from_env or not root else f"--root {given}"
    if given:
        try:
            path = Path(given).resolve()
        except (OSError, RuntimeError):  # RuntimeError: a link loop, to Python before 3.13
            raise UsageError(f"{named}: cannot be used: a link loop") from None
        if not (path / "data").is_dir():
            raise UsageError(f"{named}: no data/ folder there (start one with: kg init {given})")
        return Project(path)
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data").is_dir():
            return Project(folder)
    raise UsageError(
        f"no kg project here: no data/ folder in {here} or above "
        "(use --root DIR, set KG_ROOT, or start one with: kg init DIR)"
    )


def init_project(path: str | os.PathLike[str]) -> Project:
    """Start an empty project: data/articles, data/facts and a README of the layout."""
    import shutil
    import tempfile

    from kg.files import why_not_written

    root = Path(path)
    if (root / "data").exists():
        raise UsageError(f"{root}: already a kg project (data/ exists)")
    if (root / "data").is_symlink():
        raise UsageError(f"{root}: cannot start a project there: data is a broken link (to "
                         f"{os.readlink(root / 'data')}); remove it")
    made = None
    try:  # made aside, then renamed into place: a full disk left a half project init refused to redo
        if not root.exists():
            root.mkdir(parents=True)
        made = Path(tempfile.mkdtemp(dir=root, prefix=".kg-init-"))
        (made / "data" / "articles").mkdir(parents=True)
        (made / "data" / "facts").mkdir()
        (made / "data" / "aliases.yaml").write_text(
            "# Other names of entities, for lookup only (not claims of any source).\n"
            "# entity-id: [Alias, Another alias]\n{}\n",
            encoding="utf-8",
        )
        (made / "data").rename(root / "data")
    except OSError as exc:  # the OS named data/articles, a path the user did not give
        raise UsageError(f"{root}: cannot start a project there: {why_not_written(exc)}") from None
    finally:
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)
    return Project(root.resolve())
