"""Files: nothing written, deleted or read into the graph through a link out of the project,
no file replaced without --force, bounded reads, and a full disk or a read-only project is
one line with the old outputs intact."""

from __future__ import annotations

import contextlib
import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg import query as q
from kg.errors import LocatedError
from kg.facts import load_facts_file

REPO = Path(__file__).resolve().parent.parent
ARTICLE = "centcom-isis-2024"
OTHER = REPO / "bench" / "extract" / "tuning" / "articles" / "isis-leaders-2023.txt"


def _digest(folder: Path) -> dict[str, str]:
    """Every file of build/ (links as their target name) with its checksum."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            out[str(path.relative_to(folder))] = os.readlink(path)
        elif path.is_file():
            out[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _kg(root: Path, *args: str, limits=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", "--root", str(root), *args], check=False,
                          capture_output=True, text=True, timeout=600, preexec_fn=limits, env=_env(limits))


def _env(limits) -> dict[str, str] | None:
    """A process under a file size limit writes no bytecode: Python renames a .pyc cut short at
    the limit into place, and every later import of that module fails ('marshal data too short')."""
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"} if limits else None


@contextlib.contextmanager
def mounted(target: Path, *options: str):
    """A mount for the test (needs root: CI runs as root); skipped where mounting is not allowed."""
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", *options, str(target)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here: {done.stderr.decode().strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


# --- links out of the project ---------------------------------------------------------------

@pytest.fixture()
def outside(tmp_path_factory) -> Path:
    """A folder outside the project (fresh and built live in their own tmp folders)."""
    return tmp_path_factory.mktemp("outside")


def test_a_link_at_build_lock_is_not_written_through(fresh, run, outside):
    victim = outside / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    fresh.build.mkdir()
    (fresh.build / ".lock").symlink_to(victim)
    result = run(fresh, "build")
    assert result.exit_code == 2 and "build/.lock is a link" in result.output
    assert victim.read_text(encoding="utf-8") == "precious"


@pytest.mark.parametrize("aid", ["../../../outside/x", "/abs", "a/b", "..", ".hidden", "x\n"])
def test_add_id_is_a_plain_name(fresh, run, outside, aid):
    aid = aid.replace("/abs", str(outside / "abs"))
    result = run(fresh, "add", str(OTHER), "--id", aid)
    assert result.exit_code == 2 and "an article id is a plain name" in result.output
    assert not (fresh.root.parent / "outside").exists() and not list(outside.iterdir())
    assert sorted(p.name for p in fresh.articles.iterdir()) == [f"{ARTICLE}.txt"]
    assert sorted(p.name for p in fresh.facts.iterdir()) == [f"{ARTICLE}.yaml"]


@pytest.mark.parametrize("folder,name", [("articles", "new.txt"), ("facts", "new.yaml")])
def test_add_does_not_write_through_a_link(fresh, run, outside, folder, name):
    victim = outside / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (fresh.data / folder / name).symlink_to(victim)
    result = run(fresh, "add", str(OTHER), "--id", "new")
    assert result.exit_code == 2 and "leads outside the project" in result.output
    assert victim.read_text(encoding="utf-8") == "precious"


def test_an_article_linked_from_outside_is_not_read(fresh, run, outside):
    outside = outside / "outside.txt"
    shutil.copyfile(fresh.articles / f"{ARTICLE}.txt", outside)
    (fresh.articles / f"{ARTICLE}.txt").unlink()
    (fresh.articles / f"{ARTICLE}.txt").symlink_to(outside)
    result = run(fresh, "build")
    assert result.exit_code == 1
    assert f"article.file: data/articles/{ARTICLE}.txt is a link out of the project" in result.output
    assert not fresh.build.joinpath("kg.ttl").exists()


def test_a_facts_file_linked_from_outside_is_not_read(fresh, run, outside):
    outside = outside / "outside.yaml"
    (fresh.facts / f"{ARTICLE}.yaml").rename(outside)
    (fresh.facts / f"{ARTICLE}.yaml").symlink_to(outside)
    result = run(fresh, "build")
    assert result.exit_code == 1 and f"data/facts/{ARTICLE}.yaml: a link out of the project" in result.output


def test_curated_aliases_linked_from_outside_are_not_read(fresh, run, outside):
    """data/aliases.yaml as a link out of the project was read into the graph's curated
    aliases (and pushed with it), and into kg add's known entities; articles and facts files
    linked so are refused."""
    outside = outside / "aliases.yaml"
    outside.write_text("isis: [Name From Outside]\n", encoding="utf-8")
    fresh.aliases.unlink(missing_ok=True)
    fresh.aliases.symlink_to(outside)
    said = f"data/aliases.yaml: a link out of the project (to {outside.resolve()}); copy the file in instead"
    result = run(fresh, "build")
    assert result.exit_code == 1 and result.output == f"kg: error: {said}\n"
    assert not fresh.build.joinpath("kg.ttl").exists()
    result = run(fresh, "add", str(OTHER), "--id", "new")
    assert result.exit_code == 1 and said in result.output
    fresh.aliases.unlink()
    (fresh.data / "real.yaml").write_text("isis: [Name From Inside]\n", encoding="utf-8")
    fresh.aliases.symlink_to("real.yaml")  # a link inside the project is read
    result = run(fresh, "build")
    assert result.exit_code == 0, result.output
    assert "Name From Inside" in fresh.build.joinpath("kg.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize("where,kind,said", [
    ("data/facts/other.yaml", "loop", "data/facts/other.yaml: cannot be read: too many levels of symbolic links"),
    ("data/facts/other.yaml", "broken", "data/facts/other.yaml: is a broken link (to nothing.yaml)"),
    ("data/aliases.yaml", "broken", "data/aliases.yaml: is a broken link (to nothing.yaml)"),
    ("data/aliases.yaml", "loop", "data/aliases.yaml: cannot be read: too many levels of symbolic links"),
    ("ontology/shapes.ttl", "broken", "ontology/shapes.ttl: is a broken link (to nothing.yaml)"),
    ("ontology/shapes.ttl", "folder", "ontology/shapes.ttl: is a folder, not a file"),
])
def test_a_project_file_that_is_a_dead_link_or_no_file_is_an_error_naming_it(fresh, where, kind, said):
    """A facts file that was a link loop was `build: cannot write the build`; a broken or
    looping data/aliases.yaml, or an ontology/shapes.ttl that is no file, was passed over
    without a word: a build without the aliases, or checked against the shipped shapes."""
    path = fresh.root / where
    path.parent.mkdir(exist_ok=True)
    path.unlink(missing_ok=True)
    if kind == "folder":
        path.mkdir()
    else:
        path.symlink_to(path.name if kind == "loop" else "nothing.yaml")
    result = _kg(fresh.root, "build")
    assert result.returncode == 1 and result.stderr.startswith(f"kg: error: {said}"), result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr


def test_a_root_that_is_a_link_loop_is_one_line(tmp_path):
    """`--root LOOP` was a traceback (pathlib's RuntimeError: Symlink loop)."""
    loop = tmp_path / "loop"
    loop.symlink_to("loop")
    result = _kg(loop, "ask", "who led ISIS in 2019?")
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"kg: error: --root {loop}: cannot be used: a link loop\n", result.stderr


# --- nothing replaced without a word -----------------------------------------------------------

def test_add_does_not_replace_an_article_another_facts_file_quotes(fresh, run):
    (fresh.facts / f"{ARTICLE}.yaml").rename(fresh.facts / "centcom.yaml")  # still quotes ARTICLE.txt
    before = (fresh.articles / f"{ARTICLE}.txt").read_bytes()
    result = run(fresh, "add", str(OTHER), "--id", ARTICLE)
    assert result.exit_code == 2 and "already exists with another text" in result.output
    assert (fresh.articles / f"{ARTICLE}.txt").read_bytes() == before
    assert not (fresh.facts / f"{ARTICLE}.yaml").exists()
    assert run(fresh, "build").exit_code == 0


@pytest.mark.parametrize("command", [["export", "--format", "nquads"], ["extract", str(OTHER)]])
def test_out_replaces_a_file_only_with_force(built, run, tmp_path, command):
    out = tmp_path / "out.txt"
    out.write_text("precious", encoding="utf-8")
    result = run(built, *command, "--out", str(out))
    assert result.exit_code == 2 and "already exists; pass --force to replace it" in result.output
    assert out.read_text(encoding="utf-8") == "precious"
    result = run(built, *command, "--out", str(out), "--force")
    assert result.exit_code == 0 and out.read_text(encoding="utf-8") != "precious"


@pytest.mark.parametrize("command", [["export", "--format", "nquads"], ["extract", str(OTHER)]])
def test_out_never_replaces_a_link_device_or_pipe_even_with_force(built, run, tmp_path, command):
    """--force replaces a regular file; a link (say /dev/stdout), a device or a pipe stays."""
    link, pipe, target = tmp_path / "stdout", tmp_path / "pipe", tmp_path / "target.txt"
    target.write_text("precious", encoding="utf-8")
    link.symlink_to(target)
    os.mkfifo(pipe)
    for out, what in ((link, "a link"), (pipe, "a device, pipe or socket"), (Path("/dev/null"), "a device")):
        result = run(built, *command, "--out", str(out), "--force")
        assert result.exit_code == 2 and f"is {what}" in result.output, result.output
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "precious"
    assert not pipe.is_file() and Path("/dev/null").is_char_device()


# --- bounded reads -------------------------------------------------------------------------

def test_reads_are_bounded(built, tmp_path):
    """/dev/zero has no size to stat: reading it whole took 2.6 GB and a MemoryError."""
    def two_gigabytes() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    result = _kg(built.root, "extract", "/dev/zero", limits=two_gigabytes)
    assert result.returncode in (1, 2) and "over the limit of 20,971,520 bytes" in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    (tmp_path / "zero.ttl").symlink_to("/dev/zero")
    result = _kg(built.root, "validate", str(tmp_path / "zero.ttl"), limits=two_gigabytes)
    assert result.returncode == 2 and "over the limit of 536,870,912 bytes" in result.stderr


# --- a full disk, a read-only project --------------------------------------------------------

def test_read_only_project(fresh, run, tmp_path):
    assert run(fresh, "build").exit_code == 0
    before = _digest(fresh.build)
    facts = fresh.facts / f"{ARTICLE}.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("name: Islamic State\n", "name: the Islamic State\n"),
                     encoding="utf-8")
    if os.geteuid() == 0:  # root writes through permission bits: a read-only mount instead
        context = mounted(fresh.root, "-o", "bind,ro", str(fresh.root))
    else:
        context = _read_only_tree(fresh.root)
    with context:
        result = run(fresh, "build")
        assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
        assert "cannot write in" in result.output and "build" in result.output
        assert run(fresh, "ask", "who led ISIS in 2019?").exit_code == 0  # reading still works
    assert _digest(fresh.build) == before


@contextlib.contextmanager
def _read_only_tree(root: Path):
    modes = {p: p.stat().st_mode for p in [root, *root.rglob("*")] if not p.is_symlink()}
    for p, mode in modes.items():
        p.chmod(mode & ~0o222)
    try:
        yield
    finally:
        for p, mode in modes.items():
            p.chmod(mode)


def test_full_disk_keeps_the_old_build(fresh, tmp_path):
    with mounted(fresh.build, "-t", "tmpfs", "-o", "size=12m", "tmpfs"):
        assert _kg(fresh.root, "build").returncode == 0
        before = _digest(fresh.build)
        facts = fresh.facts / f"{ARTICLE}.yaml"
        facts.write_text(facts.read_text(encoding="utf-8").replace("name: Islamic State\n",
                                                                   "name: the Islamic State\n"),
                         encoding="utf-8")
        filler = fresh.build / "filler"
        with open(filler, "wb") as out, contextlib.suppress(OSError):
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        result = _kg(fresh.root, "build")
        assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1 and "no space left on device" in result.stderr.lower()
        filler.unlink()
        after = _digest(fresh.build)
        assert {k: v for k, v in after.items() if not k.startswith("cache/")} == \
               {k: v for k, v in before.items() if not k.startswith("cache/") and k != "filler"}
        assert q.run_named(q.backend(fresh), fresh, "leaders", {"org": "ISIS", "year": "2019"}).rows
        assert _kg(fresh.root, "build").returncode == 0  # room again: the build goes through


def test_a_size_limit_keeps_the_old_file(built, tmp_path):
    out = tmp_path / "graph.nq"
    out.write_text("old", encoding="utf-8")

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    result = _kg(built.root, "export", "--format", "nquads", "--out", str(out), "--force", limits=small_files)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "cannot write: file too large" in result.stderr and "the old file is unchanged" in result.stderr
    assert out.read_text(encoding="utf-8") == "old"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def _limited(size: int):
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return limit


def test_a_size_limit_on_the_copies_add_and_review_check_in_is_named(fresh, tmp_path):
    """kg add checks its draft in a scratch copy under the temporary folder, kg review its
    result in a copy beside the facts file: a failed write there said only 'kg: error: file
    too large' (exit 1), naming no file."""
    article = tmp_path / "big.txt"
    article.write_text((REPO / "data" / "articles" / f"{ARTICLE}.txt").read_text(encoding="utf-8") * 3,
                       encoding="utf-8")
    size = article.stat().st_size
    before = sorted(p.name for p in fresh.data.rglob("*"))
    result = _kg(fresh.root, "add", str(article), limits=_limited(size // 2))
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "cannot write the copy the draft is checked in: file too large" in result.stderr
    assert "TMPDIR" in result.stderr and "nothing was written" in result.stderr
    assert sorted(p.name for p in fresh.data.rglob("*")) == before

    assert _kg(fresh.root, "add", str(article)).returncode == 0
    facts = fresh.facts / "big.yaml"
    text = facts.read_text(encoding="utf-8")
    result = _kg(fresh.root, "review", str(facts), "--accept", "all", limits=_limited(len(text) // 2))
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert f"{facts}: not changed: cannot write the copy it is checked in: file too large" in result.stderr
    assert facts.read_text(encoding="utf-8") == text
    assert not [p for p in fresh.facts.iterdir() if p.name.startswith(".")]


def test_an_init_that_cannot_write_leaves_no_half_project(tmp_path):
    """A size limit (or a full disk) while kg init wrote data/aliases.yaml left data/ with an
    empty aliases file: kg build refused it ('file is empty') and kg init again refused the
    folder ('already a kg project')."""
    root = tmp_path / "p"
    args = [sys.executable, "-m", "kg", "init", str(root)]
    failed = subprocess.run(args, capture_output=True, text=True, timeout=120, preexec_fn=_limited(10),
                            env=_env(_limited))
    assert failed.returncode == 2 and failed.stderr.count("\n") == 1, failed.stderr
    assert "cannot start a project there: file too large" in failed.stderr
    assert not (root / "data").exists() and list(root.iterdir()) == []
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert _kg(root, "build").returncode == 0


def test_out_never_writes_in_the_builds_own_folders(fresh, run):
    """`kg export --out build/current/store/CURRENT --force` replaced a file of the live store:
    kg ask failed until the next build (a file of the live kg.ttl, the same)."""
    from kg.pipeline import build_project

    assert build_project(fresh).written
    live = fresh.build / "current"
    before = {p: p.read_bytes() for p in (live / "kg.ttl", live / "store" / "CURRENT")}
    for args in (["export", "--format", "ntriples", "--out", str(live / "kg.ttl"), "--force"],
                 ["export", "--out", str(live / "store" / "CURRENT"), "--force"],
                 ["graph", "draw", "--out", str(fresh.build / "cache" / "x.svg")],
                 ["extract", str(OTHER), "--out", str(live / "x.yaml")]):
        result = run(fresh, *args)
        assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
        assert "own folders (generations, store, cache): a file written there damages the build" in result.output
    assert {p: p.read_bytes() for p in before} == before and not (live / "x.yaml").exists()
    assert run(fresh, "leaders", "ISIS").exit_code == 0
    result = run(fresh, "export", "--out", str(fresh.build / "mine.ttl"))  # build/ itself: the user's too
    assert result.exit_code == 0 and (fresh.build / "mine.ttl").stat().st_size > 0


def test_a_full_disk_during_add_leaves_no_article_without_its_facts(tmp_path):
    """kg add copied the article, then failed to write its facts file (no space left): the
    article stayed in data/articles/ with no facts file, while the error said 'the old file is
    unchanged'."""
    with mounted(tmp_path / "mnt", "-t", "tmpfs", "-o", "size=1m", "tmpfs") as mnt:
        root = mnt / "p"
        assert subprocess.run([sys.executable, "-m", "kg", "init", str(root)], capture_output=True,
                              timeout=120).returncode == 0
        room = os.statvfs(mnt)
        filler = mnt / "filler"
        filler.write_bytes(b"\0" * (room.f_bavail * room.f_frsize - 4096))  # room for the article alone
        result = _kg(root, "add", str(OTHER))
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert "no space left on device" in result.stderr
        assert list((root / "data" / "articles").iterdir()) == [] and list((root / "data" / "facts").iterdir()) == []
        filler.unlink()
        assert _kg(root, "add", str(OTHER)).returncode == 0


def test_nearest_passage_in_a_large_article():
    """A quote not in a 2 MB article: its nearest passage is the one it misquotes (the time it
    takes, 0.3 s against more than 120 s before, is measured by bench/nearest.py)."""
    from kg.text import Article

    filler = (REPO / "data" / "articles" / f"{ARTICLE}.txt").read_text(encoding="utf-8")
    planted = "Officials said the convoy reached the northern checkpoint at dawn on Tuesday."
    text = (filler + "\n") * 600 + planted + "\n" + (filler + "\n") * 600
    assert len(text) > 2_000_000
    passage = Article("big", text).nearest("officials said the convoy reached the northern check point at dusk")
    assert "the convoy reached the northern checkpoint at dawn" in passage


@pytest.mark.parametrize("line,column", [
    (b'article: {id: a, file: "\xc3\xa9t\xc3\xa9 \xe9"}\n', 29),  # a byte that is not UTF-8
    (b'article: {id: a, file: "\xc3\xa9t\xc3\xa9 \x01"}\n', 29),  # a character YAML refuses
])
def test_error_columns_count_characters_not_bytes_or_a_byte_order_mark(tmp_path, line, column):
    """A column counted the bytes of the line (two for an é) and the byte order mark an
    editor writes at the file's start (three), so it pointed past the character."""
    for start in (b"", b"\xef\xbb\xbf"):
        path = tmp_path / "x.yaml"
        path.write_bytes(start + line)
        with pytest.raises(LocatedError) as caught:
            load_facts_file(path)
        assert str(caught.value).startswith(f"{path}:1:{column}: "), (start, str(caught.value))


@pytest.mark.parametrize("bad", [b"\xe9", b"\x01"])
@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_error_lines_count_every_kind_of_line_end(tmp_path, bad, newline):
    """A file saved with old Mac line ends (CR alone), which YAML reads as lines, put a bad
    byte or character on line 1 at a column past the end of the real line."""
    path = tmp_path / "x.yaml"
    path.write_bytes(newline.join([b"article:", b"  id: a", b'  file: "a' + bad + b'.txt"', b""]))
    with pytest.raises(LocatedError) as caught:
        load_facts_file(path)
    assert str(caught.value).startswith(f"{path}:3:11: "), str(caught.value)
