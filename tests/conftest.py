"""Shared fixtures: one canonical built copy of the bundled project per test session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import build_project
from kg.project import Project

REPO = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(config, items):
    """Leave out the slow pySHACL reference tests in a local run (CI sets KG_SLOW=1;
    `pytest -m slow` or any -m chooses for itself)."""
    if os.environ.get("KG_SLOW") or config.getoption("markexpr"):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


def copy_project(dest: Path) -> Project:
    shutil.copytree(REPO / "data", dest / "data")
    return Project(dest)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Project:
    """The bundled data, built once (read-only for tests: copy it to change it)."""
    project = copy_project(tmp_path_factory.mktemp("built"))
    outcome = build_project(project)
    assert outcome.report.conforms, outcome.text()
    return project


TEST_PROJECTS = sorted(p.parent for p in (REPO / "tests" / "projects").glob("*/questions.yaml"))


def from_bench(path: Path, dest: Path) -> None:
    """A test project whose `from-bench` file names articles of bench/extract/ (one a line,
    in tuning/ or heldout/): their hand-checked gold facts and texts make its data/, kept in
    one place. Named one by one, so the project stays the same as held-back sets come and go."""
    (dest / "data" / "facts").mkdir(parents=True)
    (dest / "data" / "articles").mkdir()
    (dest / "data" / "aliases.yaml").write_text("{}\n", encoding="utf-8")
    for stem in (path / "from-bench").read_text(encoding="utf-8").split():
        folder = next(REPO / "bench" / "extract" / s for s in ("tuning", "heldout")
                      if (REPO / "bench" / "extract" / s / "gold" / f"{stem}.yaml").is_file())
        shutil.copy(folder / "gold" / f"{stem}.yaml", dest / "data" / "facts")
        shutil.copy(folder / "articles" / f"{stem}.txt", dest / "data" / "articles")


@pytest.fixture(scope="session")
def projects(tmp_path_factory) -> dict[str, Project]:
    """Each project of tests/projects/, built once into a copy (read-only for tests)."""
    out = {}
    for path in TEST_PROJECTS:
        dest = tmp_path_factory.mktemp(path.name)
        if (path / "from-bench").is_file():
            from_bench(path, dest)
        else:
            shutil.copytree(path / "data", dest / "data")
        project = Project(dest)
        outcome = build_project(project)
        assert outcome.report.conforms, outcome.text()
        out[path.name] = project
    return out


@pytest.fixture()
def fresh(tmp_path) -> Project:
    """A private copy of the bundled data, not yet built."""
    return copy_project(tmp_path)


@pytest.fixture()
def run():
    """Run the kg CLI in-process: run(project, "ask", "who led ISIS in 2019?")."""
    runner = CliRunner()

    def invoke(project: Project | None, *args: str, input: str | None = None):
        root = ["--root", str(project.root)] if project else []
        return runner.invoke(main, [*root, *args], input=input, catch_exceptions=False)

    return invoke
