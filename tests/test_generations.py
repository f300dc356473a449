"""Build outputs switch as one generation, damaged outputs are noticed and rebuilt, readers
keep working while builds replace the store, and a build never reaches out of the project."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg import query as q
from kg.pipeline import build_project
from kg.project import Project
from kg.store import open_store

from .conftest import copy_project


def kg(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", "--root", str(root), *args], capture_output=True, text=True,
                          check=False)


NAMES = ["name: Islamic State\n", "name: Islamic State group\n"]
LATER = "\nA later line.\n"


def edit(project: Project, old: str, new: str) -> None:
    """Switch the bundled article between two versions (a line added at its end or not):
    the quotes stand where they stood, the graph changes."""
    article = project.articles / "centcom-isis-2024.txt"
    text = article.read_text(encoding="utf-8").removesuffix(LATER)
    article.write_text(text + (LATER if new == NAMES[1] else ""), encoding="utf-8")


def test_truncated_turtle_is_noticed_and_rebuilt(fresh):
    assert build_project(fresh).written
    good = (fresh.build / "kg.ttl").read_bytes()
    with open(fresh.build / "kg.ttl", "r+b") as handle:  # through the links, into the generation
        handle.truncate(len(good) // 2)
    outcome = build_project(fresh)
    assert outcome.written and not outcome.unchanged
    assert any("damaged" in note and "kg.ttl" in note for note in outcome.notes), outcome.notes
    assert (fresh.build / "kg.ttl").read_bytes() == good


def test_changed_bytes_of_the_same_size_are_noticed(fresh):
    assert build_project(fresh).written
    good = (fresh.build / "kg.trig").read_bytes()
    (fresh.build / "kg.trig").write_bytes(good.replace(b"Islamic State", b"Islamic Stage", 1))
    outcome = build_project(fresh)
    assert outcome.written and (fresh.build / "kg.trig").read_bytes() == good


def test_an_output_touched_but_not_changed_is_not_taken_for_damaged(fresh):
    """kg.ttl and kg.trig are recorded with a digest of their parts' digests (known without
    reading 110 MB back at a million triples): a file whose time changed is read at its parts'
    places and found intact, while changed bytes of the same size are found above."""
    assert build_project(fresh).written
    manifest = json.loads((fresh.build / "manifest.json").read_text(encoding="utf-8"))
    assert all(manifest["files"][name][2].startswith("parts:") for name in ("kg.ttl", "kg.trig"))
    for name in ("kg.ttl", "kg.trig"):
        os.utime(fresh.build / name, ns=(1, 1))
    outcome = build_project(fresh)
    assert outcome.unchanged and outcome.notes == [], outcome.notes


def test_a_file_put_in_place_of_an_output_link_is_neither_served_nor_kept(fresh, run):
    """build/kg.ttl is a link into the live generation; a file or link put in its place is
    not what kg export serves, and the next build points it back."""
    assert build_project(fresh).written
    good = (fresh.build / "kg.ttl").read_bytes()
    (fresh.build / "kg.ttl").unlink()
    (fresh.build / "kg.ttl").write_text('<http://example.org/a> <http://example.org/b> "planted" .\n')
    result = run(fresh, "export", "--format", "turtle")
    assert result.exit_code == 0 and "planted" not in result.output and "Islamic State" in result.output
    assert build_project(fresh).unchanged
    assert (fresh.build / "kg.ttl").is_symlink() and (fresh.build / "kg.ttl").read_bytes() == good


def test_truncated_store_file_is_noticed_and_rebuilt(fresh):
    assert build_project(fresh).written
    sst = max((fresh.build / "store").glob("*.sst"), key=lambda p: p.stat().st_size)
    with open(sst, "r+b") as handle:
        handle.truncate(sst.stat().st_size // 3)
    result = kg(fresh.root, "build")
    assert result.returncode == 0 and "damaged" in result.stdout and sst.name in result.stdout, result
    rows = q.run_named(open_store(fresh), fresh, "leaders", {"org": "ISIS", "year": "2019"}).rows
    assert rows


def test_no_op_build_says_up_to_date(fresh):
    assert kg(fresh.root, "build").returncode == 0
    again = kg(fresh.root, "build")
    assert again.returncode == 0, again
    assert "up to date" in again.stdout and "validation failed" not in again.stdout, again.stdout


def test_generations_switch_as_one_and_the_previous_is_kept(fresh):
    assert build_project(fresh).written
    first = (fresh.build / "current").resolve()
    turtle = (first / "kg.ttl").read_bytes()
    reader = open_store(fresh)  # a reader holding the live generation
    edit(fresh, "name: Islamic State\n", "name: Islamic State group\n")
    assert build_project(fresh).written
    second = (fresh.build / "current").resolve()
    assert second != first and first.is_dir()  # kept for readers that opened it
    for name in ("kg.ttl", "kg.trig", "store", "manifest.json"):
        assert (fresh.build / name).resolve().parent == second
    assert q.run_named(reader, fresh, "leaders", {"org": "ISIS", "year": "2019"}).rows
    del reader
    edit(fresh, "name: Islamic State group\n", "name: Islamic State\n")
    assert build_project(fresh).written
    # the edit undone: the first generation's name again, made anew (the old folder moved
    # aside and deleted in the background), and the one it replaced kept for its readers
    assert (fresh.build / "current").resolve() == first and second.is_dir()
    assert (fresh.build / "kg.ttl").read_bytes() == turtle
    assert build_project(fresh).unchanged
    assert not list(fresh.build.glob(".trash-*"))  # what the background left, the next build removes


@pytest.mark.slow
def test_ask_while_building_never_fails(fresh):
    """Readers open and query the store in a loop while builds replace it (the store a
    reader holds is never deleted under it)."""
    assert build_project(fresh).written
    script = ("import sys\nfrom pathlib import Path\nfrom kg.project import Project\nfrom kg.store import open_store\n"
              "from kg import query as q\np = Project(Path(sys.argv[1]))\nfails = 0\n"
              "for i in range(400):\n"
              "    try:\n"
              "        s = open_store(p)\n"
              "        assert q.run_named(s, p, 'leaders', {'org': 'ISIS', 'year': '2019'}).rows\n"
              "        del s\n"
              "    except Exception as exc:\n"
              "        fails += 1; print(type(exc).__name__, exc, file=sys.stderr)\n"
              "print(fails)\n")
    reader = subprocess.Popen([sys.executable, "-c", script, str(fresh.root)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    names = NAMES
    builds = 0
    while reader.poll() is None and builds < 12:
        edit(fresh, names[builds % 2], names[(builds + 1) % 2])
        assert kg(fresh.root, "build", "--no-validate").returncode == 0
        builds += 1
    out, err = reader.communicate()
    assert builds >= 2 and out.strip() == "0", err[-2000:]


def test_build_folder_linking_out_of_the_project_is_refused(fresh, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere")
    (outside / "cache").mkdir(parents=True)
    (outside / "store-precious").mkdir()
    (outside / "cache" / "notes.txt").write_text("keep me")
    (fresh.root / "build").symlink_to(outside)
    result = kg(fresh.root, "build")
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result
    assert "outside the project" in result.stderr and "Traceback" not in result.stderr
    assert (outside / "cache" / "notes.txt").read_text() == "keep me" and (outside / "store-precious").is_dir()


@pytest.fixture()
def small_disk(tmp_path):
    """A 6 MB file system of its own (tmpfs), to fill up."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)],
                      capture_output=True, check=False).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk_during_a_build_is_one_line_and_keeps_the_old_output(small_disk):
    project = copy_project(small_disk)
    assert kg(project.root, "build").returncode == 0
    before = (project.build / "kg.ttl").read_bytes()
    free = shutil.disk_usage(small_disk).free
    with open(small_disk / "filler", "wb") as handle:  # leave a few kilobytes
        handle.write(b"\0" * max(0, free - 48 * 1024))
    edit(project, "name: Islamic State\n", "name: Islamic State group\n")
    result = kg(project.root, "build")
    assert result.returncode == 2, result
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert "No space left" in result.stderr or "space" in result.stderr
    os.remove(small_disk / "filler")
    assert (project.build / "kg.ttl").read_bytes() == before
    asked = kg(project.root, "ask", "who led ISIS in 2019?")
    assert asked.returncode == 0 and "Baghdadi" in asked.stdout


def test_ask_and_query_say_when_data_changed_since_the_build(fresh):
    assert kg(fresh.root, "build").returncode == 0
    quiet = kg(fresh.root, "ask", "who led ISIS in 2019?")
    assert quiet.returncode == 0 and quiet.stderr == ""
    edit(fresh, "name: Islamic State\n", "name: Islamic State group\n")
    for args in (("ask", "who led ISIS in 2019?"), ("query", "leaders", "-p", "org=ISIS", "-p", "year=2019")):
        result = kg(fresh.root, *args)
        assert result.returncode == 0 and "data/ changed since the last build" in result.stderr, result
        assert "centcom-isis-2024.txt" in result.stderr
    assert kg(fresh.root, "build").returncode == 0
    assert kg(fresh.root, "ask", "who led ISIS in 2019?").stderr == ""
    # a build of an older kg, without inputs.stamps: the manifest's stamps are read instead
    (fresh.build / "current" / "inputs.stamps").unlink()
    assert kg(fresh.root, "ask", "who led ISIS in 2019?").stderr == ""
    edit(fresh, "name: Islamic State group\n", "name: Islamic State\n")
    assert "data/ changed since the last build" in kg(fresh.root, "ask", "who led ISIS in 2019?").stderr


def test_data_stamps_are_recorded_and_read_back_whatever_the_file_names():
    from kg.store import read_stamps, stamps_record

    stamps = {"facts/b c.yaml": [12, 1_732_000_000_123_456_789], "articles/é 2.txt": [0, 0],
              "facts/a\\xff.yaml": [7, 1], "aliases.yaml": [3, 4]}
    record = stamps_record(stamps)
    assert read_stamps(record) == stamps and list(read_stamps(record)) == list(stamps)  # in its order
    assert read_stamps(stamps_record({})) == {}
    for damaged in (record + b"1", record[:-1], record.replace(b" 4 ", b" 5 ", 1), b"kg-stamps 2 x\n",
                    b"12 1 facts/a.yaml\0"):  # the last: an older kg's record, read from its manifest
        assert read_stamps(damaged) is None, damaged  # a damaged record gives no stamps


def test_data_listed_unchanged_gives_the_record_the_build_wrote(fresh, tmp_path):
    """kg ask compares data/ with the build's record as bytes listed the quick way: they must be
    the bytes stamps_record makes, whatever the names, or every answer pays the slow path."""
    from kg.store import INPUTS, _listed_record, input_stamps, stamps_record

    assert build_project(fresh).written
    assert _listed_record(fresh) == (fresh.build / "current" / INPUTS).read_bytes()
    odd = Project(tmp_path / "odd")
    for folder, names in ((odd.facts, ["b c.yaml", "é.yaml", "a\udcff.yaml"]), (odd.articles, [])):
        folder.mkdir(parents=True)
        for name in names:
            (folder / name).write_bytes(b"x" * len(name))
    for aliases in (False, True):  # with and without data/aliases.yaml
        if aliases:
            odd.aliases.write_text("{}\n")
        assert _listed_record(odd) == stamps_record(input_stamps(odd)), aliases
    before = _listed_record(odd)
    (odd.facts / "é.yaml").write_bytes(b"changed")
    assert _listed_record(odd) == stamps_record(input_stamps(odd)) != before


def test_the_data_changed_notice_is_the_same_from_a_child_a_thread_or_this_process(fresh, capsys, monkeypatch):
    """kg ask checks data/ in a forked child when data/ holds thousands of files and the
    process has no other thread, else in a thread; kg query in the process itself: the same
    notice each way."""
    import threading

    from kg.cli import common

    assert build_project(fresh).report.conforms
    edit(fresh, "name: Islamic State\n", "name: Islamic State group\n")
    notes = []
    assert not common._many_inputs(fresh)  # one article: a thread
    common.stale_check(fresh)()
    notes.append(capsys.readouterr().err)
    monkeypatch.setattr(common, "FORK_FROM", 0)  # as if data/ held thousands of files
    assert common._many_inputs(fresh) and common._alone()  # so this check runs in a forked child
    common.stale_check(fresh)()
    notes.append(capsys.readouterr().err)
    common.stale_check(fresh, background=False)()
    notes.append(capsys.readouterr().err)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not common._alone()  # another thread alive: no fork, a thread
        common.stale_check(fresh)()
    finally:
        stop.set()
        other.join()
    notes.append(capsys.readouterr().err)
    assert len(set(notes)) == 1 and "data/ changed since the last build" in notes[0], notes
    assert "centcom-isis-2024.txt" in notes[0]


def test_a_data_file_whose_name_is_not_utf8_is_stamped_and_named(fresh):
    """An article's stamp is written and compared like any other (JSON writers refuse the
    lone surrogates Python decodes such a name to): named as \\xNN, no traceback."""
    assert kg(fresh.root, "build").returncode == 0
    try:
        with open(os.fsencode(fresh.articles) + b"/stray\xff.txt", "wb") as handle:
            handle.write(b"Not an article of the project.\n")
    except OSError:
        pytest.skip("this file system refuses a name that is not UTF-8")
    asked = kg(fresh.root, "ask", "who led ISIS in 2019?")
    assert asked.returncode == 0 and "Baghdadi" in asked.stdout, asked
    assert "articles/stray\\xff.txt" in asked.stderr and "Traceback" not in asked.stderr, asked.stderr
    assert kg(fresh.root, "build").returncode == 0
    assert kg(fresh.root, "ask", "who led ISIS in 2019?").stderr == ""
    # a facts file: its name becomes the article's and its graph's, so it is refused in one line
    with open(os.fsencode(fresh.facts) + b"/stray\xff.yaml", "wb") as handle:
        handle.write((fresh.facts / "centcom-isis-2024.yaml").read_bytes())
    refused = kg(fresh.root, "build")
    assert refused.returncode != 0 and refused.stderr.count("\n") == 1, refused
    assert "data/facts/stray\\xff.yaml: the file name is not UTF-8" in refused.stderr, refused.stderr


def test_a_second_project_in_the_same_process_gets_its_own_shapes(tmp_path):
    """Caches are per project: building one project and then another whose own shapes
    require more reports the second one's violations."""
    first = copy_project(tmp_path / "first")
    assert build_project(first).report.conforms
    second = copy_project(tmp_path / "second")
    (second.root / "ontology").mkdir()
    shapes = (Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl").read_text(encoding="utf-8")
    shapes += ("\nkgs:NeedsPublished a sh:NodeShape ; sh:targetClass kgo:Article ;\n"
               "    sh:property [ sh:path <https://schema.org/datePublished> ; sh:minCount 1 ;"
               " sh:message \"an article needs its publication date\" ] .\n")
    (second.root / "ontology" / "shapes.ttl").write_text(shapes, encoding="utf-8")
    outcome = build_project(second)
    assert not outcome.report.conforms
    assert any("publication date" in v.message for v in outcome.report.violations)


def test_shards_built_apart_merge_into_the_same_graph(tmp_path):
    """Each machine builds its share of the chunks; their caches copied together build the
    same graph as one machine, without rebuilding any article."""
    from bench.generate import generate

    roots = [tmp_path / name for name in ("one", "two", "merged", "whole")]
    for root in roots:
        generate(root, articles=20, orgs=4)
    for k, root in enumerate(roots[:2], start=1):
        result = kg(root, "build", "--shard", f"{k}/2", "-j", "1")
        assert result.returncode == 0 and "merge" in result.stdout, result
        assert not (root / "build" / "kg.ttl").exists()
    merged = roots[2] / "build" / "cache"
    merged.mkdir(parents=True)
    for root in roots[:2]:
        for entry in (root / "build" / "cache").iterdir():
            shutil.copy(entry, merged / entry.name)
    outcome = build_project(Project(roots[2]))
    assert outcome.written and outcome.rebuilt == 0
    assert build_project(Project(roots[3])).written
    for name in ("kg.ttl", "kg.trig"):
        assert (roots[2] / "build" / name).read_bytes() == (roots[3] / "build" / name).read_bytes()
    assert kg(roots[0], "build", "--shard", "3/2").returncode == 2


def test_a_build_imports_no_kg_module_its_chunk_keys_leave_out(fresh):
    """Chunk keys cover the kg modules kg.pipeline imports, and what they import, read from
    their code: safe only while a build (every chunk rebuilt in its own process, validated by
    each engine) imports no other kg module."""
    import kg
    from kg.chunks import _code_files

    covered = {".".join(["kg", *Path(name).with_suffix("").parts]).removesuffix(".__init__")
               for name in _code_files(Path(kg.__file__).parent)}
    assert {"kg", "kg.pipeline", "kg.chunks", "kg.store", "kg.validate"} <= covered, covered
    assert not {"kg.ask", "kg.extract", "kg.network", "kg.cli", "kg.query"} & covered, covered
    code = ("import shutil, sys; from pathlib import Path; from kg.pipeline import build_project; "
            "from kg.project import Project; project = Project(Path(sys.argv[1]))\n"
            "for engine in ('sparql', 'turbo', 'pyshacl'):\n"
            "    shutil.rmtree(project.build, ignore_errors=True)\n"
            "    assert build_project(project, engine=engine, workers=1).written\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('kg'))))")
    out = subprocess.run([sys.executable, "-c", code, str(fresh.root)], capture_output=True, text=True, check=True)
    loaded = out.stdout.split()
    assert "kg.chunks" in loaded and "kg.validate" in loaded, loaded  # a real build ran
    assert not [m for m in loaded if m not in covered], loaded


def test_the_modules_a_build_can_import_are_read_from_their_imports(tmp_path):
    """Absolute and relative imports, at module level or in a function, of a module or of a
    name in one, listed across lines, after a one-line block or a ';'; a module nothing reaches
    from the entry is left out."""
    from kg.chunks import _code_files

    files = {"__init__.py": "", "pipeline.py": "from kg import b\nfrom kg.sub.c import name\n",
             "b.py": "def f():\n    from . import d\n", "sub/__init__.py": "from .. import e\n",
             "sub/c.py": "name = 1\n", "d.py": "import kg.f\nif True: from kg.g import x\n",
             "e.py": "from kg import (  # two\n    h as hh,  # the first, h\n    i,\n)\n",
             "f.py": "", "g.py": "x = 1; import kg.j as jj, kg.k\n", "h.py": "from kg import \\\n    l\n",
             "i.py": "", "j.py": "", "k.py": "", "l.py": "", "unused.py": "import kg.b\n"}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert list(_code_files(tmp_path)) == sorted(set(files) - {"unused.py"})


def test_the_code_digest_is_kept_with_the_stat_data_of_what_it_read(tmp_path):
    """A build reads kg's code and its libraries' metadata only when a file or a folder on
    sys.path is not as the last build found it; then the digest is made again from the files."""
    import time

    from kg.chunks import CODE, code_digest

    made = code_digest.__wrapped__  # without the per-process memo
    real = made()
    for _ in range(4):  # not kept while a file is younger than the racy window (2 s)
        assert made(tmp_path) == real
        if (tmp_path / CODE).exists():
            break
        time.sleep(1)
    record = json.loads((tmp_path / CODE).read_text(encoding="utf-8"))
    assert any(stamp[0] == "pipeline.py" for stamp in record["stamps"])
    (tmp_path / CODE).write_text(json.dumps({**record, "digest": "kept"}), encoding="utf-8")
    assert made(tmp_path) == "kept"  # every stamp as recorded: nothing read again
    record["stamps"][0][1] += 1  # a file of another size than the one hashed
    (tmp_path / CODE).write_text(json.dumps({**record, "digest": "kept"}), encoding="utf-8")
    assert made(tmp_path) == real


def test_a_store_loaded_in_many_batches_holds_what_one_batch_does(tmp_path, monkeypatch):
    """The bulk load streams each article's named graphs and union-graph triples together, in
    batches of files: however the files fall into batches, the store holds each chunk's quads
    in its graphs and their triples in the default graph."""
    from pyoxigraph import DefaultGraph, Quad, RdfFormat, parse

    from bench.generate import generate
    from kg import store as kgstore

    roots = [tmp_path / "one", tmp_path / "many"]
    for root in roots:
        generate(root, articles=6, orgs=2)
    assert build_project(Project(roots[0]), validate=False).written
    monkeypatch.setattr(kgstore, "BATCH_BYTES", 1)  # every file a batch of its own
    assert build_project(Project(roots[1]), validate=False).written
    held = []
    for root in roots:
        store = open_store(Project(root))
        held.append(set(store))
        del store
    assert held[0] == held[1]
    cache = roots[1] / "build" / "cache"
    for nq in cache.glob("*.nq"):
        assert set(parse(path=str(nq), format=RdfFormat.N_QUADS)) <= held[1]
        triples = parse(path=str(nq.with_suffix(".nt")), format=RdfFormat.N_TRIPLES)
        assert {Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in triples} <= held[1]
