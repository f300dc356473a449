"""Exports are the same bytes whatever the hash seed, and an XML export never holds a
character XML 1.0 cannot carry."""

from __future__ import annotations

import os
import subprocess
import sys

import networkx as nx
import pytest

from kg.errors import UsageError
from kg.export import check_xml_chars
from kg.network import write_network

FORMATS = ["turtle", "ntriples", "nquads", "trig", "jsonld", "xml", "graphml", "gexf"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_do_not_depend_on_the_hash_seed(built, fmt):
    outputs = set()
    for seed in ("1", "2", "3"):
        done = subprocess.run([sys.executable, "-m", "kg", "--root", str(built.root), "export", "--format", fmt],
                              capture_output=True, check=True, timeout=300,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.add(done.stdout)
    assert len(outputs) == 1 and len(next(iter(outputs))) > 1000


def test_control_characters_are_refused_in_xml_and_kept_elsewhere(fresh, run):
    article = fresh.articles / "centcom-isis-2024.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nA form feed \x0c and a NUL \x00 here.\n",
                       encoding="utf-8")
    assert run(fresh, "build").exit_code == 0
    result = run(fresh, "export", "--format", "xml")
    assert result.exit_code == 2 and "holds U+000C" in result.output and "XML 1.0 cannot carry" in result.output
    result = run(fresh, "export", "--format", "nquads")
    assert result.exit_code == 0 and "\\u0000" in result.output and "\\f" in result.output


def test_graphml_and_gexf_refuse_control_characters_too():
    graph = nx.MultiDiGraph()
    graph.add_node("https://kg.example/id/person/x", label="a\x01b", kind="Person")
    for fmt in ("graphml", "gexf"):
        with pytest.raises(UsageError, match="U\\+0001"):
            check_xml_chars(write_network(graph, fmt), fmt)
