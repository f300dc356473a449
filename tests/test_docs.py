"""The README tells the truth about the code: every command and option `kg --help` lists is
documented, and the figures it gives (question counts, export formats) are the code's."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import yaml

from kg.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands() -> list[tuple[str, click.Command]]:
    ctx = click.Context(main)
    out = []
    for name in sorted(COMMANDS):
        command = main.get_command(ctx, name)
        assert command is not None, name
        out.append((name, command))
        if isinstance(command, click.Group):
            out += [(f"{name} {sub}", command.get_command(ctx, sub)) for sub in sorted(command.list_commands(ctx))]
    return out


@pytest.mark.parametrize("name,command", commands(), ids=[n for n, _ in commands()])
def test_every_command_and_option_is_in_the_readme(name, command):
    assert f"kg {name}" in README, f"`kg {name}` is not in the README"
    assert command.help, f"kg {name} has no help text"
    for param in command.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--") and opt not in ("--help",):
                assert opt in README, f"kg {name} {opt} is not in the README"


def test_question_counts_are_the_files():
    bundled = len(yaml.safe_load((ROOT / "tests" / "questions.yaml").read_text(encoding="utf-8")))
    assert f"`tests/questions.yaml` ({bundled} questions)" in README
    for path in sorted((ROOT / "tests" / "projects").glob("*/questions.yaml")):
        n = len(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert f"`tests/projects/{path.parent.name}/questions.yaml` ({n} questions)" in README


def test_export_formats_are_the_code():
    from kg.export import RDF_FORMATS

    formats = [*RDF_FORMATS, "graphml", "gexf"]
    listed = re.search(r"kg export --format ([a-z\\|]+)", README)
    assert listed, "README names the export formats as `kg export --format a|b|...`"
    assert set(listed.group(1).replace("\\", "").split("|")) == set(formats)
