"""An in-place update reports exactly what a whole build of the same files reports: each
step below changes one article (or adds or removes one), introducing or removing a violation
of a corpus-scope constraint, and the update's verdict is compared with a fresh build's."""

from __future__ import annotations

import itertools
import json
import marshal
import re
import shutil
import sqlite3

import pytest

from bench.generate import generate, write_killing_article
from kg.errors import LocatedError
from kg.pipeline import build_project
from kg.project import Project
from kg.store import chunk_keys


def fresh_verdict(project: Project, tmp_path, step: str) -> list:
    """What a whole build of the same data/ reports (no earlier build to start from)."""
    copy = tmp_path / f"fresh-{step}"
    shutil.copytree(project.root / "data", copy / "data")
    if (project.root / "ontology").is_dir():  # the project's own shapes
        shutil.copytree(project.root / "ontology", copy / "ontology")
    return build_project(Project(copy)).report.violations


def same_as_fresh(project: Project, tmp_path, step: str) -> None:
    """kg.ttl and kg.trig (parts copied from the last build's files where unchanged, kg.splice)
    and every quad of the store, its union default graph included, equal a fresh build's of
    the same data/."""
    from kg.store import open_store

    copy = tmp_path / f"fresh-{step}"
    shutil.copytree(project.root / "data", copy / "data")
    assert build_project(Project(copy)).written
    for name in ("kg.ttl", "kg.trig"):
        assert (project.build / name).read_bytes() == (copy / "build" / name).read_bytes(), (step, name)
    mine, fresh = set(open_store(project)), set(open_store(Project(copy)))
    assert mine == fresh, (step, sorted(map(str, mine - fresh))[:5], sorted(map(str, fresh - mine))[:5])


def edit(project: Project, article: str, *pairs: tuple[str, str], text: bool = True) -> None:
    """Replace in the article's facts file (and, with text, in its text: quotes follow it)."""
    paths = [project.facts / f"{article}.yaml"] + ([project.articles / f"{article}.txt"] if text else [])
    for path in paths:
        content = path.read_text()
        for old, new in pairs:
            if path.suffix == ".yaml" or old in content:
                assert old in content, (path, old)
                content = content.replace(old, new)
        path.write_text(content)


def messages(outcome) -> str:
    return " | ".join(v.line() for v in outcome.report.violations)


def test_update_in_place_reports_what_a_whole_build_reports(tmp_path):
    project = Project(generate(tmp_path / "p", articles=8, orgs=2))
    assert build_project(project).written
    originals = {p.name: p.read_text() for p in [*project.facts.iterdir(), *project.articles.iterdir()]}
    a3 = originals["a3.yaml"]
    holder = a3.split("type: leadership, person: ", 1)[1].split(",", 1)[0]
    name = a3.split(f"{{id: {holder}, type: Person, name: ", 1)[1].split(", quote", 1)[0].strip("'")
    a5 = originals["a5.yaml"]
    part = re.search(r"id: missions-a, type: statistic, measure: missions, value: (\d+)", a5).group(1)
    org, ordinal = re.search(r"organization: (\w+), role: ruler, ordinal: (\d+)", a5).groups()
    victim = re.search(r"id: capture, type: capture, victim: (\w+)", a5).group(1)
    sentence = re.search(r"quote: \['([^']*became the [^']*)'", a5).group(1)
    end = re.search(r"id: killing, type: killing, victim: \w+, date: (\d+)", originals["a7.yaml"]).group(1)

    def add_killing() -> None:  # another source kills a3's ruler before his term: a warning on a3's term
        write_killing_article(project.root, "a8", holder, name, 1980)

    def restore(*names: str) -> None:
        for n in names:
            folder = project.facts if n.endswith(".yaml") else project.articles
            (folder / n).write_text(originals[n])

    def remove_killing() -> None:
        (project.facts / "a8.yaml").unlink()
        (project.articles / "a8.txt").unlink()

    steps = [
        ("added", add_killing, ["its holder was killed in 1980"], True),
        ("unrelated", lambda: edit(project, "a6", ("occupation: engineer", "occupation: an engineer"), text=False),
         ["its holder was killed in 1980"], True),
        ("parts", lambda: edit(project, "a5", (f"value: {part}, subject", f"value: 1{part}, subject"),
                               (f"{part} of them in", f"1{part} of them in")),
         ["does not fit the total", "its holder was killed in 1980"], False),
        ("ordinal", lambda: (project.facts / "a5.yaml").write_text(
            (project.facts / "a5.yaml").read_text() +
            f"  - {{id: term2, type: leadership, person: {victim}, organization: {org}, role: ruler,"
            f" ordinal: {ordinal}, said_by: article, quote: '{sentence}',"
            " inferred: {person: planted for the test}}\n"),
         ["also held by", "does not fit the total"], False),
        ("reverted", lambda: restore("a5.yaml", "a5.txt"), ["its holder was killed in 1980"], True),
        ("death", lambda: edit(project, "a7", (f"date: {end}, part_of: op", "date: 1970, part_of: op, "
                                               "inferred: {date: planted for the test}"), text=False),
         ["after its holder was killed in 1970"], False),
        ("removed", lambda: (restore("a7.yaml"), remove_killing()), [], True),
    ]
    for step, change, expected, conforms in steps:
        change()
        outcome = build_project(project)
        assert outcome.unchanged or outcome.rechecked is not None, step  # in place, not checked whole
        for message in expected:
            assert message in messages(outcome), (step, messages(outcome))
        if not expected:
            assert "killed in" not in messages(outcome), (step, messages(outcome))
        assert outcome.report.conforms == conforms, (step, messages(outcome))
        assert outcome.written == (conforms and not outcome.unchanged), step
        assert outcome.report.violations == fresh_verdict(project, tmp_path, step), step


def test_damaged_cache_index_is_not_trusted(tmp_path):
    """The build cache's index (chunk records and fingerprints of the last build) and its
    summaries are read at most once a build; cut short or garbled, they are not trusted and
    written again, and nothing is lost."""
    from kg import chunks, corpusmemo

    project = Project(generate(tmp_path / "p", articles=4, orgs=2))
    assert build_project(project).written
    cache = project.build / "cache"
    index, summaries = cache / chunks.INDEX, cache / chunks.SUMMARIES
    assert index.is_file() and summaries.is_file() and not list(cache.glob("summary-*.json"))  # one file each
    index.write_text(index.read_text()[:1000])
    summaries.write_text(summaries.read_text()[:1000])  # an edit appends to it without reading it
    edit(project, "a2", ("occupation: engineer", "occupation: an engineer"), text=False)
    outcome = build_project(project)
    assert outcome.written and outcome.rebuilt == 1 and outcome.report.conforms
    assert "an engineer" in (project.build / "kg.ttl").read_text()
    assert build_project(project).unchanged  # the index is whole again
    assert index.read_text().count("\nc\t") == 4
    (cache / corpusmemo.MEMO).unlink()  # the next build reads every summary: the cut one is not trusted
    assert build_project(project).unchanged
    recorded = {r.summary for r in corpusmemo.read(cache, json.loads((cache / corpusmemo.MEMO).read_text())["salt"])
                .files.values()}
    assert {n for k, n in chunks.Index.read(cache, chunks.SUMMARIES).lines if k == "s"} == recorded
    same_as_fresh(project, tmp_path, "damaged index")


def test_constraint_patterns_and_their_reach():
    """Each triple pattern of a constraint comes with what ties it to ?this; a subquery's own
    variables stay its own; a property path cannot be read, so the constraint is checked whole."""
    from kg.patterns import parse, reach

    root = parse("SELECT ?this WHERE { ?this <p> ?x . FILTER NOT EXISTS { ?x <q> ?y FILTER (?y != 1) }"
                 " { SELECT ?this (COUNT(?x) AS ?n) WHERE { ?x <r> ?this } GROUP BY ?this } }", {})
    skeletons = {tp: skeleton for tp, skeleton in reach(root)}
    assert skeletons[("?x", "<q>", "?y")] == [("?this", "<p>", "?x"), ("?x", "<q>", "?y")]
    assert skeletons[("?x__1", "<r>", "?this")] == [("?this", "<p>", "?x"), ("?x__1", "<r>", "?this")]
    assert [g.kind for g in root.children] == ["exists", "subquery"]
    assert parse("SELECT ?this WHERE { ?this <p>/<q> ?x }", {}) is None
    assert parse("SELECT ?this WHERE { ?this a/rdfs:subClassOf* ?c }", {"rdfs": "R#"}) is None


def test_an_unchanged_input_file_is_not_read_again_and_every_change_is_seen(tmp_path, monkeypatch):
    """Input files are fingerprinted by size, times and inode (kg.fingerprints): a build reads
    only files whose stat data changed. Same-size edits, a modification time set back, and a
    file replaced by another are all seen."""
    import os

    from kg import chunks, fingerprints

    monkeypatch.setattr(fingerprints, "RACY_NS", 0)  # files written by the test count as settled at once
    project = Project(generate(tmp_path / "p", articles=4, orgs=2))
    assert build_project(project).written
    index = chunks.Index.read(project.build / "cache")
    recorded = {name for kind, name in index.lines if kind == "f"}
    assert recorded == {f"data/facts/a{i}.yaml" for i in range(4)} | {f"article:a{i}.txt" for i in range(4)}

    facts = project.facts / "a2.yaml"
    before = facts.stat()
    edit(project, "a2", ("occupation: engineer,", "occupation: Engineer,"), text=False)  # same size
    os.utime(facts, ns=(before.st_atime_ns, before.st_mtime_ns))  # the time set back too
    assert facts.stat().st_size == before.st_size and facts.stat().st_mtime_ns == before.st_mtime_ns
    outcome = build_project(project)
    assert outcome.written and outcome.rebuilt == 1
    assert '"Engineer"' in (project.build / "kg.ttl").read_text()

    article = project.articles / "a1.txt"
    replacement = article.with_name("a1.new")
    text, old = article.read_text(), article.stat()
    replacement.write_text(text[:-1] + ("." if text[-1] != "." else ","))  # the same size
    os.utime(replacement, ns=(old.st_atime_ns, old.st_mtime_ns))  # and the same time
    os.replace(replacement, article)  # an editor's save: another inode
    assert build_project(project).rebuilt == 1
    assert build_project(project).unchanged


def test_a_file_hashed_right_after_a_write_is_not_remembered(tmp_path):
    """A write in the same clock tick as the hashing could leave the times as recorded: such a
    file is hashed again by the next build instead of being trusted."""
    import os
    import time

    from kg import chunks, fingerprints

    path = tmp_path / "f.yaml"
    path.write_text("a")
    index = chunks.Index()
    first = fingerprints.sha256(str(path), "f", index)
    assert index.get("f", "f") is None  # just written: racy
    settled = time.time_ns() - 2 * fingerprints.RACY_NS
    os.utime(path, ns=(settled, settled))
    assert fingerprints.sha256(str(path), "f", index) == first
    assert index.get("f", "f") is None  # setting the time back is itself a change of the status-change time


def test_a_settled_file_is_hashed_once_and_then_known_by_its_stat_data(tmp_path, monkeypatch):
    """The record is found by its JSON text (not parsed): a second look does not read the file."""
    import os
    import time

    from kg import chunks, fingerprints

    path = tmp_path / "f.yaml"
    path.write_text("a")
    settled = time.time_ns() - 2 * fingerprints.RACY_NS
    os.utime(path, ns=(settled, settled))
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)  # its status-change time was just set
    index = chunks.Index()
    first = fingerprints.sha256(str(path), "f", index)
    assert index.get("f", "f") == [*fingerprints.stamp(str(path)), first]

    def unread(path: str) -> str:
        raise AssertionError(f"{path} read again")

    monkeypatch.setattr(fingerprints, "file_sha256", unread)
    assert fingerprints.sha256(str(path), "f", index) == first
    index.put("f", "f", [*fingerprints.stamp(str(path))[:3], 0, first])  # another inode: read
    with pytest.raises(AssertionError, match="read again"):
        fingerprints.sha256(str(path), "f", index)


def test_the_cache_index_is_appended_to_and_rewritten_when_mostly_unused(tmp_path, monkeypatch):
    """An edit appends the entries it changed to the cache index instead of rewriting it; a
    line cut short (a build killed while appending) is not trusted; and once more than a
    quarter of its lines are replaced entries, the index is written whole again."""
    from kg import chunks, fingerprints

    # every file's fingerprint recorded at once: otherwise they come in the first build run
    # two seconds after the files were written, and the count of lines depends on the clock
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)
    project = Project(generate(tmp_path / "p", articles=8, orgs=2))
    assert build_project(project).written
    path, summaries = project.build / "cache" / chunks.INDEX, project.build / "cache" / chunks.SUMMARIES
    entries = 8 * 3  # at most: a chunk record per article, a fingerprint per file of data/
    before, summarized = path.read_text(), summaries.read_text()
    edit(project, "a3", ("occupation: engineer,", "occupation: an engineer,"), text=False)
    assert build_project(project).rebuilt == 1
    after = path.read_text()
    assert after.startswith(before) and after.count("\n") > before.count("\n")  # appended
    assert summaries.read_text().startswith(summarized)  # the edited file's summary appended
    assert summaries.read_text().count("\n") == summarized.count("\n") + 1

    path.write_text(after[:-5])  # the last line cut short
    cut = after[:-5].rsplit("\n", 1)[1]
    assert cut.startswith("f\t")  # the edited file's fingerprint: entries are appended in sorted order
    outcome = build_project(project)
    assert outcome.unchanged and outcome.report.conforms
    again = path.read_text()
    assert again.endswith("\n") and not again.startswith(after)  # written whole again
    assert cut not in again.split("\n") and cut.split("\t")[1] in again  # the cut line not kept: made again

    lines = []
    for step in range(6):  # each edit replaces a summary, a chunk record and a fingerprint
        edit(project, "a3", ("an engineer,", "the engineer,") if step % 2 == 0 else ("the engineer,", "an engineer,"),
             text=False)
        assert build_project(project).written
        lines.append(path.read_text().count("\n") - 1)
        assert lines[-1] <= entries + entries // 4 + 3, lines
    assert any(b < a for a, b in itertools.pairwise(lines)), lines  # rewritten whole at least once


def test_a_store_updated_in_place_holds_what_a_fresh_build_loads(tmp_path):
    """After each edit that updates the store in place (a fact changed, an article removed,
    one added back), its named graphs and its union default graph are a fresh build's: a
    triple another article also states stays in the union, and one no graph has is gone."""
    project = Project(generate(tmp_path / "p", articles=8, orgs=2))
    assert build_project(project).written
    removed = {p: p.read_bytes() for p in (project.facts / "a7.yaml", project.articles / "a7.txt")}

    edit(project, "a3", ("occupation: engineer,", "occupation: an engineer,"), text=False)
    assert build_project(project).rebuilt == 1
    same_as_fresh(project, tmp_path, "fact")
    for path in removed:
        path.unlink()
    assert build_project(project).written
    same_as_fresh(project, tmp_path, "removed")
    for path, data in removed.items():
        path.write_bytes(data)
    assert build_project(project).rebuilt == 1
    same_as_fresh(project, tmp_path, "added")


def test_the_extra_graphs_are_kept_by_what_they_are_made_of(tmp_path):
    """The ontology's and the curated aliases' graphs are made once and kept in the build
    cache: an edit reuses them, new curated aliases or a damaged record make them again, and
    every build's files and store equal a fresh build's."""
    from kg import extras

    project = Project(generate(tmp_path / "p", articles=4, orgs=2))
    assert build_project(project).written
    record = project.build / "cache" / extras.RECORD
    key = json.loads(record.read_text())["key"]

    edit(project, "a2", ("occupation: engineer,", "occupation: an engineer,"), text=False)
    assert build_project(project).rebuilt == 1
    assert json.loads(record.read_text())["key"] == key
    same_as_fresh(project, tmp_path, "fact")
    org = re.search(r"\{id: (org0), type: ArmedGroup", (project.facts / "a0.yaml").read_text()).group(1)
    project.aliases.write_text(f"{org}: [The Curated Name]\n", encoding="utf-8")
    assert build_project(project).written
    assert json.loads(record.read_text())["key"] != key and "The Curated Name" in (project.build / "kg.ttl").read_text()
    same_as_fresh(project, tmp_path, "aliases")
    record.write_text('{"key": "garbled')
    edit(project, "a2", ("occupation: an engineer,", "occupation: engineer,"), text=False)
    assert build_project(project).rebuilt == 1
    same_as_fresh(project, tmp_path, "damaged")


def test_a_damaged_cached_chunk_is_built_again_when_its_files_are_needed(tmp_path):
    """The live generation's chunks are not looked at on disk by an edit that updates the
    store in place (it does not read them); a build that loads the store anew checks them,
    and builds again one whose cached files are gone or cut short."""
    project = Project(generate(tmp_path / "p", articles=8, orgs=2))
    assert build_project(project).written
    cache, victim = project.build / "cache", chunk_keys(project)["a5"]
    (cache / f"{victim}.nq").write_bytes(b"")
    (cache / f"{victim}.ttl").unlink()
    edit(project, "a3", ("occupation: engineer,", "occupation: an engineer,"), text=False)
    outcome = build_project(project)
    assert outcome.written and outcome.rebuilt == 1 and outcome.report.conforms
    for article in ("a0", "a1", "a2"):  # more than a quarter of the articles: the store is loaded anew
        edit(project, article, ("occupation: engineer,", "occupation: an engineer,"), text=False)
    outcome = build_project(project)
    assert outcome.written and outcome.rebuilt == 4 and outcome.report.conforms  # a5's chunk too
    assert (cache / f"{victim}.nq").stat().st_size > 0
    same_as_fresh(project, tmp_path, "loaded anew")


def test_a_build_that_reuses_the_last_cross_file_tables_writes_what_a_fresh_build_writes(tmp_path):
    """When no file's definitions changed, the last build's cross-file tables and chunk keys
    are reused (kg.corpusmemo): after each edit the graph equals a fresh build's, a broken
    reference in the changed file is still a located error, and a changed definition takes
    the whole path."""
    from kg import chunks, corpusmemo
    from kg.errors import LocatedErrors

    project = Project(generate(tmp_path / "p", articles=6, orgs=2))
    assert build_project(project).written
    memo = project.build / "cache" / corpusmemo.MEMO
    assert memo.is_file()

    edit(project, "a3", ("occupation: engineer,", "occupation: an engineer,"), text=False)  # a fact only
    tables, mark = project.build / "cache" / corpusmemo.TABLES, json.loads(memo.read_text())["mark"]
    stored = tables.read_bytes()
    outcome = build_project(project)
    assert outcome.written and outcome.rebuilt == 1
    assert tables.read_bytes() == stored and json.loads(memo.read_text())["mark"] == mark  # not written again
    indexed = {name for kind, name in chunks.Index.read(project.build / "cache", chunks.SUMMARIES).lines if kind == "s"}
    recorded = corpusmemo.read(project.build / "cache", json.loads(memo.read_text())["salt"])
    assert recorded is not None and len(recorded.files) == 6
    assert {r.summary for r in recorded.files.values()} <= indexed  # kept for the next whole check
    same_as_fresh(project, tmp_path, "fact")

    # tables of another build (one stopped between writing them and the memo), or a damaged
    # file: the memo is not trusted, and the whole path writes both again
    salt = json.loads(memo.read_text())["salt"]
    con = sqlite3.connect(tables)
    with con:
        con.execute("UPDATE mark SET value = 'another'")
    con.close()
    assert corpusmemo.read(project.build / "cache", salt) is None
    edit(project, "a3", ("occupation: an engineer,", "occupation: engineer,"), text=False)
    assert build_project(project).written and corpusmemo.read(project.build / "cache", salt) is not None
    tables.write_bytes(b"not a database")
    assert corpusmemo.read(project.build / "cache", salt) is None
    edit(project, "a3", ("occupation: engineer,", "occupation: an engineer,"), text=False)
    assert build_project(project).written and corpusmemo.read(project.build / "cache", salt) is not None
    same_as_fresh(project, tmp_path, "tables written again")

    facts = project.facts / "a4.yaml"
    good = facts.read_text()
    speaker = re.search(r"type: statement, speaker: (\w+)", good).group(1)
    facts.write_text(good.replace(f"statement, speaker: {speaker}", "statement, speaker: nobody-defined", 1))
    with pytest.raises(LocatedErrors) as raised:
        build_project(project)
    error = str(raised.value)
    assert "data/facts/a4.yaml:" in error and "'nobody-defined' is not a defined entity" in error
    facts.write_text(good)

    org = re.search(r"\{id: org0, type: ArmedGroup, name: '([^']+)', ", good).group(0)
    short = org.split("name: '")[1].split(" of ")[-1].rstrip("', ")
    facts.write_text(good.replace(org, f"{org}aliases: ['{short}'], ", 1))  # a definition other files share
    outcome = build_project(project)
    assert outcome.written and outcome.rebuilt > 1  # every article that names the group
    assert f'"{short}"' in (project.build / "kg.ttl").read_text()
    same_as_fresh(project, tmp_path, "definition")


def test_the_tables_an_added_file_extends_are_the_tables_a_whole_check_makes(tmp_path):
    """An added file that only adds ids or repeats what the tables hold extends the last
    build's tables (kg.corpusmemo) to exactly what check_corpus makes of every file; one that
    changes an entry another file reads (a new alias of a shared person) is left to the whole
    check; and after each, the build's files equal a fresh build's."""
    from kg import corpusmemo, vocabulary
    from kg.corpus import check_corpus, summarize
    from kg.facts import load_facts_file

    project = Project(generate(tmp_path / "p", articles=6, orgs=2))
    assert build_project(project).written
    a3 = (project.facts / "a3.yaml").read_text()
    holder = a3.split("type: leadership, person: ", 1)[1].split(",", 1)[0]
    name = a3.split(f"{{id: {holder}, type: Person, name: ", 1)[1].split(", quote", 1)[0].strip("'")
    vocab = vocabulary.load(project)

    def summaries() -> list:
        return [summarize(load_facts_file(p, f"data/facts/{p.name}", vocab)) for p in sorted(project.facts.iterdir())]

    def memo_tables() -> object:
        cache = project.build / "cache"
        memo = corpusmemo.read(cache, json.loads((cache / corpusmemo.MEMO).read_text())["salt"])
        added = [s for s in summaries() if s.label not in memo.files]
        return corpusmemo.tables_if_unchanged([(None, s.label, "", s) for s in added], memo)

    write_killing_article(project.root, "a8", holder, name, 1980)  # repeats a known person, adds a killing
    tables = memo_tables()
    assert tables is not None
    assert tables == check_corpus(summaries(), {})
    assert build_project(project).rebuilt == 1
    write_killing_article(project.root, "a10", "someone-new", "Ona Newman", 1981)  # a new id
    (project.facts / "a10.yaml").write_text((project.facts / "a10.yaml").read_text().replace(
        "type: killing,", "type: killing, event: a-new-killing,"))  # and a new event key
    assert build_project(project).rebuilt == 1
    tables = memo_tables()  # read back from the tables' file, with what each added file added
    assert tables == check_corpus(summaries(), {})
    assert "someone-new" in tables.entities and "a-new-killing" in tables.events
    fresh = tmp_path / "fresh-added"
    shutil.copytree(project.root / "data", fresh / "data")
    build_project(Project(fresh))
    for out in ("kg.ttl", "kg.trig"):
        assert (project.build / out).read_bytes() == (fresh / "build" / out).read_bytes()

    alias = f"{name.split()[0]} the Elder"
    text = (project.facts / "a8.yaml").read_text().replace("a8", "a9")
    defined = f"name: '{name}', aliases: ['{alias}'], quote: ['{name}', '{alias}']"
    (project.facts / "a9.yaml").write_text(text.replace(f"name: '{name}', quote: '{name}'", defined))
    (project.articles / "a9.txt").write_text(f"{name} was killed in 1980. He was called {alias}.\n")
    assert memo_tables() is None  # the person's names change for every article that names him
    outcome = build_project(project)
    assert outcome.written and outcome.rebuilt > 1


def test_tables_that_cannot_be_written_are_a_write_error_naming_the_file(tmp_path):
    """SQLite's errors while the tables are stored (a full disk, a file damaged since it was
    read) reach the build as the write errors they are (one line, kg.pipeline), not as
    sqlite3's exceptions."""
    from kg import corpusmemo
    from kg.corpus import summarize
    from kg.facts import load_facts_file

    project = Project(generate(tmp_path / "p", articles=6, orgs=2))
    assert build_project(project).written
    cache = project.build / "cache"
    memo = corpusmemo.read(cache, json.loads((cache / corpusmemo.MEMO).read_text())["salt"])
    write_killing_article(project.root, "a6", "someone-new", "Ona Newman", 1981)
    added = summarize(load_facts_file(project.facts / "a6.yaml", "data/facts/a6.yaml"))
    tables = corpusmemo.tables_if_unchanged([(None, added.label, "", added)], memo)
    assert tables is not None and "someone-new" in tables.entities
    (cache / corpusmemo.TABLES).write_bytes(b"damaged since it was read " * 100)
    with pytest.raises(OSError, match="corpus-tables.sqlite: file is not a database"):
        corpusmemo.write(cache, memo, tables, memo)


def test_tables_damaged_where_the_mark_still_reads_are_built_again(tmp_path):
    """A tables' file whose mark reads but whose entries do not (a disk error in one page):
    the build that finds it builds again without it, as a fresh build, and leaves a memo the
    next build can read."""
    from kg import corpusmemo

    project = Project(generate(tmp_path / "p", articles=6, orgs=2))
    assert build_project(project).written
    cache = project.build / "cache"
    salt = json.loads((cache / corpusmemo.MEMO).read_text())["salt"]
    tables = cache / corpusmemo.TABLES
    data = bytearray(tables.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # page 2: the entries' root (the mark's table is page 3)
    tables.write_bytes(bytes(data))
    assert corpusmemo.read(cache, salt) is not None  # the mark still reads
    edit(project, "a3", ("occupation: engineer,", "occupation: an engineer,"), text=False)
    assert build_project(project).written
    assert corpusmemo.read(cache, salt) is not None
    same_as_fresh(project, tmp_path, "tables damaged")


def test_files_added_at_once_are_built_by_workers_that_read_the_last_builds_tables(tmp_path, monkeypatch):
    """Enough added files for worker processes, none changing what another file reads: the
    workers get the last build's tables (kg.corpusmemo.Table, read from the cache's file, with
    what the added files add), and the build equals a fresh one."""
    from kg import chunks, corpusmemo
    from kg.pipeline import PARALLEL_FROM

    project = Project(generate(tmp_path / "p", articles=2 * PARALLEL_FROM + 4, orgs=3))
    held = tmp_path / "held"
    held.mkdir()
    added = [f"a{i}" for i in range(PARALLEL_FROM + 4, 2 * PARALLEL_FROM + 4)]
    for name in added:
        for path in (project.facts / f"{name}.yaml", project.articles / f"{name}.txt"):
            path.rename(held / path.name)
    assert build_project(project, workers=2).written
    for path in held.iterdir():
        path.rename((project.facts if path.suffix == ".yaml" else project.articles) / path.name)
    sent = []
    build = chunks.Workers.build

    def build_and_note(self, jobs, tables, progress=None):
        sent.append(tables.entities)
        return build(self, jobs, tables, progress)

    monkeypatch.setattr(chunks.Workers, "build", build_and_note)  # the real build, its tables noted
    outcome = build_project(project, workers=2)
    assert outcome.written and outcome.rebuilt == len(added)
    assert len(sent) == 1 and isinstance(sent[0], corpusmemo.Table)
    same_as_fresh(project, tmp_path, "added at once")


def test_a_file_edited_while_the_build_reads_it_is_never_cached_under_its_old_bytes(tmp_path):
    """An article hashed for its chunk key and edited before its chunk is built: the build
    says so and keeps nothing of it, and once the edit is undone the build equals a fresh one
    (the chunk of the edited text was cached under the old text's key)."""
    from kg.errors import LocatedErrors

    project = Project(generate(tmp_path / "p", articles=6, orgs=2))
    assert build_project(project, workers=1).written
    for i in range(6):
        edit(project, f"a{i}", ("occupation: engineer,", "occupation: an engineer,"), text=False)
    last = project.articles / "a5.txt"
    original = last.read_text()
    edited = "An editor added this opening sentence.\n" + original

    def edit_during_the_build(*_: object) -> None:  # called after each chunk; a5's is built last
        last.write_text(edited)

    with pytest.raises((LocatedError, LocatedErrors)) as raised:
        build_project(project, workers=1, progress=edit_during_the_build)
    assert "data/facts/a5.yaml" in str(raised.value) and "changed while kg build was reading it" in str(raised.value)
    last.write_text(original)
    assert build_project(project, workers=1).written
    fresh = tmp_path / "fresh"
    shutil.copytree(project.root / "data", fresh / "data")
    assert build_project(Project(fresh)).written
    assert (project.build / "kg.ttl").read_bytes() == (fresh / "build" / "kg.ttl").read_bytes()


def test_a_file_edited_after_the_build_read_it_is_reported_as_changed_since_the_build(tmp_path):
    """data/'s stamps are recorded as the build read each file: an unchanged article's facts
    file edited while other articles are built (its cached chunk is used) makes `kg ask` say
    that data/ changed since the build, and the next build picks the edit up."""
    from kg.store import stale_inputs

    project = Project(generate(tmp_path / "p", articles=6, orgs=2))
    assert build_project(project, workers=1).written
    edit(project, "a2", ("occupation: engineer,", "occupation: an engineer,"), text=False)
    other = project.facts / "a4.yaml"

    def edit_during_the_build(*_: object) -> None:  # called once a2's chunk is built
        other.write_text(other.read_text().replace("occupation: engineer,", "occupation: an engineer,"))

    assert build_project(project, workers=1, progress=edit_during_the_build).rebuilt == 1
    note = stale_inputs(project)
    assert note is not None and "facts/a4.yaml" in note, note
    assert build_project(project, workers=1).rebuilt == 1
    assert stale_inputs(project) is None


def test_two_added_files_with_one_article_id_are_refused(tmp_path):
    """Files added together are checked against each other too, not only against the last build."""
    from kg.errors import LocatedErrors

    project = Project(generate(tmp_path / "p", articles=4, orgs=2))
    assert build_project(project).written
    a1 = (project.facts / "a1.yaml").read_text()
    holder = a1.split("type: leadership, person: ", 1)[1].split(",", 1)[0]
    name = a1.split(f"{{id: {holder}, type: Person, name: ", 1)[1].split(", quote", 1)[0].strip("'")
    write_killing_article(project.root, "a8", holder, name, 1980)
    (project.facts / "a9.yaml").write_text((project.facts / "a8.yaml").read_text())  # article id a8 again
    with pytest.raises(LocatedErrors) as raised:
        build_project(project)
    assert "article id 'a8' is also used by data/facts/a8.yaml" in str(raised.value)


def test_an_article_rebuilt_alone_is_checked_against_the_core_shapes_as_in_a_whole_build(tmp_path):
    """A build of a few articles screens them with the compiled shapes' queries (no rdflib,
    no pySHACL) and runs pyshacl-turbo only when the screen finds something: a project's own
    core shape broken by one changed fact is reported as a whole build reports it."""
    from pathlib import Path

    project = Project(generate(tmp_path / "p", articles=8, orgs=2))
    shipped = (Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl").read_text(encoding="utf-8")
    (project.root / "ontology").mkdir()
    (project.root / "ontology" / "shapes.ttl").write_text(shipped + """
kgs:ShortOccupation a sh:NodeShape ; sh:targetClass kgo:Description ;
    sh:property [ sh:path kgo:occupation ; sh:maxLength 9 ; sh:message "an occupation of at most nine characters" ] .
""", encoding="utf-8")
    assert build_project(project).report.conforms
    for step, conforms in (("broken", False), ("mended", True)):
        edit(project, "a3", *(("occupation: engineer", "occupation: an engineer"),) if not conforms
             else (("occupation: an engineer", "occupation: engineer"),), text=False)
        outcome = build_project(project)
        assert outcome.rebuilt == (0 if conforms else 1), step  # the mended article's chunk is still cached
        assert outcome.report.conforms == conforms, (step, messages(outcome))
        assert (project.build / "cache" / "shapes-screen.json").is_file()
        assert outcome.report.violations == fresh_verdict(project, tmp_path, step), step
        if not conforms:
            assert "an occupation of at most nine characters" in messages(outcome)


def test_a_damaged_shapes_screen_is_made_again(tmp_path):
    """build/cache/shapes-screen.json is made again when it is not a list of query texts and
    the class tree's text."""
    from kg.validate import SCREEN

    project = Project(generate(tmp_path / "p", articles=8, orgs=2))
    assert build_project(project).written
    number = int(re.search(r"a reported ([\d,]+) fighters", (project.articles / "a5.txt").read_text())
                 .group(1).replace(",", ""))

    def change_a_figure(new: int) -> None:  # a new chunk each time: a5's figure of fighters
        nonlocal number
        edit(project, "a5", (f"a reported {number:,}", f"a reported {new:,}"), (f"value: {number},", f"value: {new},"))
        number = new

    change_a_figure(number + 1)
    assert build_project(project).written
    screen = project.build / "cache" / SCREEN
    good = json.loads(screen.read_text(encoding="utf-8"))
    older = {k: v for k, v in good.items() if k != "classes"}  # a record made before the class tree was kept
    for damaged in ("{", json.dumps({**good, "queries": "SELECT"}), json.dumps({**good, "queries": [1]}), "[]",
                    json.dumps({**good, "classes": 1}), json.dumps(older)):
        screen.write_text(damaged, encoding="utf-8")
        change_a_figure(number + 1)
        outcome = build_project(project)
        assert outcome.written and outcome.rebuilt == 1, damaged
        assert json.loads(screen.read_text(encoding="utf-8")) == good


def test_an_update_in_place_deletes_the_chunk_it_replaced(tmp_path):
    """The cache keeps the live generation's chunks: an update in place deletes the files of
    the chunk it replaced without listing the whole cache."""
    project = Project(generate(tmp_path / "p", articles=8, orgs=2))
    assert build_project(project).written

    def chunks() -> dict[str, str]:
        return json.loads((project.build / "manifest.json").read_text(encoding="utf-8"))["chunks"]

    before = chunks()
    edit(project, "a3", ("occupation: engineer", "occupation: an engineer"), text=False)
    outcome = build_project(project)
    assert outcome.written and outcome.rechecked is not None  # in place
    after = chunks()
    [changed] = [article for article in after if after[article] != before[article]]
    cache = project.build / "cache"
    assert not list(cache.glob(before[changed] + ".*"))
    assert all((cache / f"{key}{ext}").is_file() for key in after.values() for ext in (".json", ".nq", ".ttl"))


def test_a_whole_build_leaves_the_shapes_screen_for_the_next_edit(tmp_path):
    """A build whose articles are built in worker processes (pyshacl-turbo there) still makes
    the screen, so that the first edit after it does not pay for compiling the shapes."""
    from kg.validate import SCREEN

    project = Project(generate(tmp_path / "p", articles=20, orgs=2))
    outcome = build_project(project, workers=2)
    assert outcome.written and outcome.rebuilt == 20
    assert json.loads((project.build / "cache" / SCREEN).read_text(encoding="utf-8"))["queries"]


def test_a_tampered_manifest_names_no_file_outside_the_cache(tmp_path):
    """The chunks an update in place deletes are the manifest's hexadecimal keys only: a key
    that is a path leads nowhere."""
    project = Project(generate(tmp_path / "p", articles=8, orgs=2))
    assert build_project(project).written
    bystander = project.root / "kept.json"
    bystander.write_text("{}", encoding="utf-8")
    manifest_path = project.build / "current" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["chunks"]["a3"] = "../../kept"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    assert "a3" not in chunk_keys(project)  # nor does kg push send the file it names
    edit(project, "a3", ("occupation: engineer", "occupation: an engineer"), text=False)
    assert build_project(project).written
    assert bystander.read_text(encoding="utf-8") == "{}"


def test_a_fact_edited_in_an_unchanged_article_reuses_its_sentences(tmp_path):
    """The sentences of an article are kept with its chunk: a fact edited while the article
    stays the same is built without splitting the article (here without pysbd importable at
    all), and writes what a fresh build writes; an edited article is split again."""
    import subprocess
    import sys

    project = Project(generate(tmp_path / "p", articles=6, orgs=2))
    assert build_project(project).written
    cache = project.build / "cache"
    keys = json.loads((project.build / "manifest.json").read_text(encoding="utf-8"))["chunks"]
    assert all((cache / f"{key}.segments").is_file() for key in keys.values())

    edit(project, "a3", ("occupation: engineer,", "occupation: an engineer,"), text=False)
    no_pysbd = "import sys; sys.modules['pysbd'] = None; from kg.cli import main; main()"
    run = subprocess.run([sys.executable, "-c", no_pysbd, "--root", str(project.root), "build"],
                         capture_output=True, text=True)
    assert run.returncode == 0 and "1 article(s) rebuilt" in run.stdout, run
    same_as_fresh(project, tmp_path, "fact")

    key = json.loads((project.build / "manifest.json").read_text(encoding="utf-8"))["chunks"]["a3"]
    kept = json.loads((cache / f"{key}.segments").read_text(encoding="utf-8"))
    kept["segments"] = [[kind, n, start + 5, end + 5] for kind, n, start, end in kept["segments"]]
    (cache / f"{key}.segments").write_text(json.dumps(kept), encoding="utf-8")  # damaged: not trusted
    edit(project, "a3", ("occupation: an engineer,", "occupation: engineer,"), text=False)
    assert build_project(project).rebuilt == 1
    same_as_fresh(project, tmp_path, "damaged")

    text = project.articles / "a3.txt"
    text.write_text("A line of its own.\n\n" + text.read_text())  # every sentence moves and renumbers
    outcome = build_project(project)
    assert outcome.written and outcome.rebuilt == 1
    same_as_fresh(project, tmp_path, "article")


def test_the_vocabulary_is_read_from_the_last_builds_record_while_the_file_is_unchanged(tmp_path):
    """The build keeps the vocabulary's tables in build/cache/, with the file's stamp (a cold
    kg ask reads them instead of parsing the file): used while the file is the one read, not
    once it is edited or the record is damaged, and written again by the next build."""
    from kg import vocabulary

    project = Project(generate(tmp_path / "p", articles=2, orgs=1))
    own = project.root / "ontology" / "vocabulary.ttl"
    own.parent.mkdir()
    shutil.copy(vocabulary.path_of(None), own)
    assert build_project(project).written
    record = project.build / "cache" / vocabulary.RECORD
    parsed = vocabulary._read(own)
    vocabulary._LOADED.clear()
    assert vocabulary.load(project) == parsed

    data = marshal.loads(record.read_bytes())
    data["tables"]["roles"][0][2] = "recorded"  # the record, not the file, is what load returns
    record.write_bytes(marshal.dumps(data))
    vocabulary._LOADED.clear()
    assert vocabulary.load(project).roles[data["tables"]["roles"][0][0]].pref == "recorded"

    own.write_text(own.read_text() + "\n")  # edited: another stamp
    vocabulary._LOADED.clear()
    assert vocabulary.load(project) == vocabulary._read(own)
    for damaged in (marshal.dumps(data)[:40], b"", b"\xff\x00garbage"):  # cut short, empty, not marshal
        record.write_bytes(damaged)
        vocabulary._LOADED.clear()
        assert vocabulary.load(project) == vocabulary._read(own)
    record.write_bytes(marshal.dumps({**data, "python": [2, 7, 18]}))  # another Python's record
    vocabulary._LOADED.clear()
    assert vocabulary.load(project) == vocabulary._read(own)

    assert build_project(project).written
    assert marshal.loads(record.read_bytes())["key"][1:] == [own.stat().st_mtime_ns, own.stat().st_size]
