"""A damaged, full or read-only cache: repaired or explained in one line, and reader
keeps answering (the cache holds only what reader derives from the corpus files).

Damage is made the way disks and people make it: random bytes at random offsets,
truncation, empty files, deleted files, in every kind of index file and in the middle
of the catalog. A full disk is a tiny tmpfs and a read-only cache a read-only bind
mount, both in a private mount namespace (``unshare -Urm``; skipped where that is not
allowed), and also emulated in-process so every machine runs those paths.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import signal
import sqlite3
import subprocess
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.faults.faultkit import QUERIES, copy_cache, damage, in_namespace, write_corpus

from conftest import READER, progress_line, run_reader
from reader.core.index import library as library_module
from reader.core.index.cachehealth import CacheUnwritable
from reader.core.index.library import Library
from reader.core.userdata import paths


@dataclass
class Pristine:
    root: Path
    cache: Path  # a healthy cache, copied for each test
    ids: list[str]
    totals: dict[str, int]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pristine]:
    base = tmp_path_factory.mktemp("pristine")
    with pytest.MonkeyPatch.context() as env:
        for name in ("config", "data", "cache"):
            env.setenv(f"READER_{name.upper()}_DIR", str(base / name))
        root = base / "corpus"
        ids = write_corpus(root, 60)
        cache = base / "healthy-cache"
        # Two updates: an index of two generations, more than one segment file.
        hidden = [root / f"{i}.txt" for i in ids[40:]]
        for path in hidden:
            path.rename(path.with_suffix(".hold"))
        library = Library(root, cache)
        library.update()
        for path in hidden:
            path.with_suffix(".hold").rename(path)
        library.update()
        totals = {q: library.search(q).total for q in QUERIES}
        library.close()
        assert all(totals.values())
        yield Pristine(root, cache, ids, totals)


def cache_for(pristine: Pristine) -> Path:
    """This test's copy of the healthy cache, where the CLI looks for it."""
    target = paths.corpus_cache_dir(pristine.root)
    copy_cache(pristine.cache, target)
    return target


def assert_answers(library: Library, pristine: Pristine) -> None:
    assert [s.id for s in library.summaries()] == pristine.ids
    assert {q: library.search(q).total for q in QUERIES} == pristine.totals


def index_files(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "index").iterdir() if "WRITELOCK" not in p.name)


# -- the index ---------------------------------------------------------------------

HOWS = ["flip", "truncate", "empty", "delete"]


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("which", ["toc", "segment", "random"])
def test_damaged_index_file_is_rebuilt_by_the_next_update(
    pristine: Pristine, which: str, how: str
) -> None:
    rng = random.Random(f"{which}-{how}")
    cache = cache_for(pristine)
    files = index_files(cache)
    if which == "toc":
        target = next(p for p in files if p.suffix == ".toc")
    elif which == "segment":
        target = max(files, key=lambda p: p.stat().st_size)
    else:
        target = rng.choice(files)
    damage(target, how, rng)
    library = Library(pristine.root)
    report = library.update()
    assert report.rebuilt is not None
    assert report.rebuilt.startswith(("index damaged", "index unreadable", "index files")), (
        report.rebuilt
    )
    assert "\n" not in report.rebuilt
    assert_answers(library, pristine)
    library.close()
    # Repaired for good: the next run finds nothing to do.
    again = Library(pristine.root)
    report = again.update(verify=True)
    assert report.rebuilt is None and not report.changed
    again.close()


def test_a_search_that_meets_damage_rebuilds_then_answers(pristine: Pristine) -> None:
    """Damage no update looked for (same size and mtime): the search that fails on it
    rebuilds the index under the update lock, says so once, and answers."""
    cache = cache_for(pristine)
    segment = max(index_files(cache), key=lambda p: p.stat().st_size)
    stat = segment.stat()
    with open(segment, "r+b") as handle:  # a segment's directory is at its end
        handle.seek(stat.st_size // 2)
        handle.write(random.Random(1).randbytes(stat.st_size - stat.st_size // 2))
    os.utime(segment, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    library = Library(pristine.root)
    told: list[str] = []
    library.on_repair = told.append
    results = library.search(QUERIES[0])
    assert results.total == pristine.totals[QUERIES[0]]
    assert len(told) == 1 and told[0].startswith("index damaged"), told
    assert_answers(library, pristine)
    assert len(told) == 1
    library.close()


def test_reader_index_reads_every_file_against_its_checksum(pristine: Pristine) -> None:
    cache = cache_for(pristine)
    segment = max(index_files(cache), key=lambda p: p.stat().st_size)
    damage(segment, "flip", random.Random(2), keep_mtime=True)  # bit rot: stat unchanged
    result = run_reader("index", "--corpus", str(pristine.root))
    assert result.returncode == 0, result.stderr
    assert "rebuilt: index damaged" in result.stdout
    assert "checksum differs" in result.stdout
    assert "Traceback" not in result.stderr
    library = Library(pristine.root)
    assert_answers(library, pristine)
    library.close()


def test_damage_met_by_one_process_is_repaired_by_the_next(pristine: Pristine) -> None:
    """A process that meets damage and cannot repair it (killed, say) leaves a note in
    the catalog; the next update rebuilds even if its own checks pass."""
    cache_for(pristine)
    library = Library(pristine.root)
    problem = library.diagnose(zlib.error("Error -3 while decompressing data"))
    assert problem is not None and problem.startswith("index damaged")
    library.close()
    again = Library(pristine.root)
    report = again.update()
    assert report.rebuilt == problem
    assert_answers(again, pristine)
    assert again.update().rebuilt is None
    again.close()


def test_a_bug_is_not_taken_for_damage(pristine: Pristine, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error of a kind damage does not raise, on an index whose files are sound,
    is raised as it is: rebuilding would not cure it."""
    cache_for(pristine)
    library = Library(pristine.root)
    library.update()
    import reader.core.index.hits as hits_module

    def broken(*_args: object, **_kwargs: object) -> None:
        raise TypeError("a bug")

    monkeypatch.setattr(hits_module, "hit_spans", broken)
    told: list[str] = []
    library.on_repair = told.append
    with pytest.raises(TypeError, match="a bug"):
        library.search(QUERIES[0])
    assert told == []
    library.close()


@pytest.mark.parametrize("command", ["search", "list", "similar"])
def test_cli_commands_answer_over_a_damaged_index(pristine: Pristine, command: str) -> None:
    cache = cache_for(pristine)
    damage(next(p for p in index_files(cache) if p.suffix == ".seg"), "truncate", random.Random(3))
    args = {
        "search": ["search", QUERIES[0], "--json"],
        "list": ["list"],
        "similar": ["similar", pristine.ids[0]],
    }[command]
    result = run_reader(*args, "--corpus", str(pristine.root))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: warning: index damaged"), lines
    if command == "list":
        assert [line.split("\t")[0] for line in result.stdout.splitlines()] == pristine.ids


# -- the catalog -------------------------------------------------------------------


def damage_catalog_middle(cache: Path, seed: int) -> None:
    """Random bytes over pages in the middle of the file (page 1, the header, intact)."""
    path = cache / "catalog.sqlite"
    for suffix in ("-wal", "-shm"):
        assert not Path(str(path) + suffix).exists()  # all in the main file
    data = bytearray(path.read_bytes())
    page = 4096
    pages = len(data) // page
    assert pages > 8
    rng = random.Random(seed)
    for number in range(pages // 3, 2 * pages // 3):
        data[number * page : (number + 1) * page] = rng.randbytes(page)
    path.write_bytes(bytes(data))


def malformed(cache: Path) -> bool:
    try:
        with sqlite3.connect(cache / "catalog.sqlite") as db:
            return bool(db.execute("PRAGMA quick_check").fetchone() != ("ok",))
    except sqlite3.DatabaseError:
        return True


@pytest.mark.parametrize(
    "args",
    [["index"], ["index", "--rebuild"], ["list"], ["search", QUERIES[1]]],
    ids=["index", "rebuild", "list", "search"],
)
def test_a_catalog_damaged_in_the_middle_is_rebuilt(pristine: Pristine, args: list[str]) -> None:
    cache = cache_for(pristine)
    damage_catalog_middle(cache, seed=len(args))
    assert malformed(cache)
    result = run_reader(*args, "--corpus", str(pristine.root))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) <= 1, warnings
    if args[0] == "index":
        said = [line for line in result.stdout.splitlines() if line.startswith("rebuilt:")]
        assert len(said) == 1 and said[0].startswith("rebuilt: catalog damaged ("), said
        assert said[0].endswith(")")  # the whole reason on that one line
    assert not malformed(cache)
    library = Library(pristine.root)
    assert_answers(library, pristine)
    library.close()


def test_busy_catalog_is_still_never_taken_for_damage(pristine: Pristine) -> None:
    cache_for(pristine)
    library = Library(pristine.root)
    assert library.diagnose(sqlite3.OperationalError("database is locked")) is None
    library.close()


# -- a full disk -------------------------------------------------------------------


class _FullDisk:
    """A file that takes ``room`` bytes, then fails as a full disk does."""

    def __init__(self, inner: object, room: int) -> None:
        self._inner = inner
        self._room = room

    def write(self, data: bytes) -> int:
        self._room -= len(data)
        if self._room < 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self._inner.write(data)  # type: ignore[attr-defined, no-any-return]

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)


def test_a_full_disk_says_so_and_searches_go_on(
    pristine: Pristine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = tmp_path / "corpus"
    write_corpus(root, 12)
    library = Library(root)
    library.update()
    before = library.search(QUERIES[0]).total
    folder = library.cache / "index"
    committed = sorted(os.listdir(folder))
    write_corpus(root / "more", 12, seed=8)

    from whoosh.filedb.filestore import FileStorage

    real = FileStorage.create_file

    def full(self: FileStorage, name: str, *args: object, **kwargs: object) -> object:
        handle = real(self, name, *args, **kwargs)
        handle.file = _FullDisk(handle.file, 2000)
        return handle

    monkeypatch.setattr(FileStorage, "create_file", full)
    with pytest.raises(CacheUnwritable) as raised:
        library.update()
    message = str(raised.value)
    assert message == f"cannot write the index in {library.cache}: no space left on device"
    assert library.search(QUERIES[0]).total == before  # the last committed index
    # The segment the commit was writing is gone: on a full disk its part would hold on
    # to what room there is until a later commit succeeded.
    assert sorted(os.listdir(folder)) == committed
    monkeypatch.undo()
    report = library.update()  # room again: carries on, nothing to repair
    assert report.rebuilt is None and report.added == 12
    library.close()


def test_a_full_disk_for_real(tmp_path: Path) -> None:
    """A disk that fills during an update: one line with the real cause, and searches
    answer from the index as last committed."""
    root = tmp_path / "corpus"
    write_corpus(root, 5)
    extra = tmp_path / "extra"  # moved in once the first five are indexed
    write_corpus(extra, 400, seed=8)
    cache = tmp_path / "tiny"  # room for the first five with their metadata, not for 400
    cache.mkdir()
    env = {**os.environ, "READER_CACHE_DIR": str(cache), "COLUMNS": "200"}
    search = f"{READER} search --corpus {root} 'kalo OR merso OR dranqui' --json"
    done = in_namespace(
        f"mount -t tmpfs -o size=600k tmpfs {cache} || exit 99\n"
        f"{READER} index --corpus {root} >/dev/null 2>&1; echo first=$?\n"
        f"{search} > {tmp_path}/before.json 2>/dev/null\n"
        f"mv {extra} {root}/more\n"
        f"{READER} index --corpus {root}; echo index=$?\n"
        f"{search} > {tmp_path}/after.json; echo search=$?\n",
        env,
    )
    if "index=" not in done.stdout:
        pytest.skip(f"no tmpfs in a namespace here: {done.stderr.strip()}")
    assert "first=0" in done.stdout, (done.stdout, done.stderr)
    assert "index=1" in done.stdout, (done.stdout, done.stderr)
    assert "search=0" in done.stdout, (done.stdout, done.stderr)
    before = (tmp_path / "before.json").read_text()
    assert json.loads(before)["total"] > 0
    assert (tmp_path / "after.json").read_text() == before  # as last committed
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert "This writer is closed" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if not progress_line(line)]
    assert errors[0].startswith("reader: cannot write the index in "), errors
    assert errors[0].endswith(": no space left on device"), errors
    assert len(errors) == 2 and "no space left on device" in errors[1], errors


def test_a_disk_already_full_when_a_command_starts(tmp_path: Path) -> None:
    """A disk filled after the index was built: SQLite cannot grow the catalog's WAL
    index and says "disk I/O error", not "disk full". Searches still answer from the
    index, `reader index` says the real cause in one line, and once room is made the
    update goes through."""
    root = tmp_path / "corpus"
    write_corpus(root, 5)
    cache = tmp_path / "tiny"
    cache.mkdir()
    env = {**os.environ, "READER_CACHE_DIR": str(cache), "COLUMNS": "200"}
    search = f"{READER} search --corpus {root} 'kalo OR merso OR dranqui' --json"
    done = in_namespace(
        f"mount -t tmpfs -o size=2m tmpfs {cache} || exit 99\n"
        f"{READER} index --corpus {root} >/dev/null 2>&1; echo first=$?\n"
        f"{search} > {tmp_path}/before.json 2>/dev/null\n"
        f"dd if=/dev/zero of={cache}/filler bs=4k 2>/dev/null\n"
        f"echo changed >> {next(iter(sorted(root.rglob('*.txt'))))}\n"
        f"{search} > {tmp_path}/full.json; echo search=$?\n"
        f"{READER} index --corpus {root}; echo index=$?\n"
        f"rm {cache}/filler\n"
        f"{READER} index --corpus {root} >/dev/null 2>&1; echo again=$?\n",
        env,
    )
    if "index=" not in done.stdout:
        pytest.skip(f"no tmpfs in a namespace here: {done.stderr.strip()}")
    assert "first=0" in done.stdout, (done.stdout, done.stderr)
    assert "search=0" in done.stdout, (done.stdout, done.stderr)
    assert "index=1" in done.stdout, (done.stdout, done.stderr)
    assert "again=0" in done.stdout, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    before = json.loads((tmp_path / "before.json").read_text())
    assert before["total"] > 0
    assert json.loads((tmp_path / "full.json").read_text())["total"] == before["total"]
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert any("no space left on device" in line for line in lines), lines
    assert all(line.startswith("reader: ") for line in lines), lines


def test_an_io_error_is_blamed_on_the_disk_only_when_it_is_full(tmp_path: Path) -> None:
    from reader.core.index.cachehealth import disk_problem

    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = 4874  # SQLITE_IOERR_SHMSIZE
    assert disk_problem(error, tmp_path) is None  # room left: a failing device, said as it is
    assert disk_problem(error) is None


# -- a read-only cache ---------------------------------------------------------------


def test_a_read_only_cache_is_read_not_written(
    pristine: Pristine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Emulated (the real mount is the next test): the cache is opened read-only, the
    index is not updated, nothing in the cache changes, and searches answer."""
    cache = cache_for(pristine)
    (pristine.root / "zz-new.txt").write_text("New one\n\nkalo kalo merso\n", encoding="utf-8")
    try:
        # SQLite's -wal/-shm aside: a read-only connection makes them where the folder
        # takes writes, as here where it only seems read-only.
        def state() -> dict[Path, int]:
            return {
                p: p.stat().st_mtime_ns
                for p in cache.rglob("*")
                if not p.name.endswith(("-wal", "-shm"))
            }

        before = state()
        monkeypatch.setattr(library_module, "_unwritable", lambda _folder: "read-only file system")
        library = Library(pristine.root)
        report = library.update()
        assert report.read_only == "read-only file system"
        assert not report.changed
        assert_answers(library, pristine)
        library.close()
        assert state() == before
    finally:
        (pristine.root / "zz-new.txt").unlink()


def test_a_read_only_mount_for_real(pristine: Pristine, tmp_path: Path) -> None:
    cache = cache_for(pristine)
    listed = tmp_path / "list.out"
    (pristine.root / "zz-new.txt").write_text("New one\n\nkalo kalo merso\n", encoding="utf-8")
    try:
        done = in_namespace(
            f"mount --bind {cache} {cache} && mount -o remount,ro,bind {cache} || exit 99\n"
            f"{READER} search --corpus {pristine.root} {QUERIES[0]} --json; echo search=$?\n"
            f"{READER} list --corpus {pristine.root} > {listed}; echo list=$?\n"
            f"{READER} show --corpus {pristine.root} {pristine.ids[0]} >/dev/null; echo show=$?\n"
            f"{READER} index --corpus {pristine.root}; echo index=$?\n",
            {**os.environ, "COLUMNS": "200"},
        )
    finally:
        (pristine.root / "zz-new.txt").unlink()
    if "search=" not in done.stdout:
        pytest.skip(f"no read-only bind mount here: {done.stderr.strip()}")
    for command in ("search", "list", "show"):
        assert f"{command}=0" in done.stdout, (command, done.stdout, done.stderr)
    assert f'"total": {pristine.totals[QUERIES[0]]}' in done.stdout
    # As last built: the file added since is not there.
    assert [line.split("\t")[0] for line in listed.read_text().splitlines()] == pristine.ids
    assert "index=1" in done.stdout
    lines = done.stderr.strip().splitlines()
    assert "Traceback" not in done.stderr and "catalog.lock" not in done.stderr
    # One line per command: three "cannot update" warnings, then the index error.
    assert len(lines) == 4, lines
    assert all("read-only file system" in line for line in lines), lines
    assert lines[-1].startswith(f"reader: cannot update the index in {cache}")


# -- kill -9 ---------------------------------------------------------------------------


def listed_ids(root: Path) -> list[str]:
    result = run_reader("list", "--corpus", str(root))
    assert result.returncode == 0, result.stderr
    return [line.split("\t")[0] for line in result.stdout.splitlines()]


def _wait_until_updating(process: subprocess.Popen[bytes], lock: Path) -> None:
    """Return once ``process`` holds the update lock (or has ended, or 60 s passed)."""
    import fcntl

    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        try:
            with open(lock, "rb") as handle:
                fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except FileNotFoundError:
            pass
        except BlockingIOError:
            return  # held: the update is running
        time.sleep(0.005)


@pytest.mark.slow
def test_kill_9_at_random_moments_of_reader_index(tmp_path: Path) -> None:
    rng = random.Random(20261202)
    root = tmp_path / "corpus"
    write_corpus(root, 300, seed=11)
    env = {**os.environ, "COLUMNS": "200"}
    cache = paths.corpus_cache_dir(root.resolve())
    killed = 0
    for round_number in range(4):
        # Give each run work to do: change, add and remove some files.
        files = sorted(root.glob("*.txt"))
        for path in rng.sample(files, 20):
            path.write_text(path.read_text(encoding="utf-8") + "\nkalo vintas\n", encoding="utf-8")
        for path in rng.sample(files, 5):
            path.unlink()
        write_corpus(root / f"round{round_number}", 10, seed=round_number)
        command = [str(READER), "index", "--corpus", str(root)]
        if round_number == 2:
            command.append("--rebuild")
        process = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its extraction workers die with it
        )
        # The random moment of the kill: a little after the run took the update lock
        # (it is then reading, indexing or committing), whatever the machine's load.
        _wait_until_updating(process, cache / "update.lock")
        time.sleep(rng.uniform(0.0, 0.3))
        killed += process.poll() is None
        with contextlib.suppress(ProcessLookupError):  # it may have finished
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

        after = run_reader("index", "--corpus", str(root))
        assert after.returncode == 0, (round_number, after.stderr)
        assert "Traceback" not in after.stderr
        noise = [line for line in after.stderr.splitlines() if not progress_line(line)]
        repairs = [line for line in after.stdout.splitlines() if line.startswith("rebuilt:")]
        assert len(noise) + len(repairs) <= 1, (noise, repairs)
        expected = sorted(str(p.relative_to(root).with_suffix("")) for p in root.rglob("*.txt"))
        assert listed_ids(root) == expected
        search = run_reader("search", "--corpus", str(root), "kalo", "--json")
        assert search.returncode == 0 and search.stderr == "", search.stderr
    assert killed >= 1  # at least one kill landed while it was indexing


def test_only_the_cache_s_disk_is_blamed(tmp_path: Path) -> None:
    from reader.core.index.cachehealth import disk_problem

    cache = tmp_path / "cache"
    full = OSError(errno.ENOSPC, "No space left on device", str(cache / "index" / "x.seg"))
    assert disk_problem(full, cache) == "no space left on device"
    elsewhere = OSError(errno.EACCES, "Permission denied", str(tmp_path / "corpus" / "a.txt"))
    assert disk_problem(elsewhere, cache) is None
    assert disk_problem(sqlite3.OperationalError("database or disk is full"), cache) is None
    nameless = OSError(errno.EROFS, "Read-only file system")
    assert disk_problem(nameless, cache) == "read-only file system"


def test_damage_repaired_by_another_process_is_not_rebuilt_twice(pristine: Pristine) -> None:
    """Two processes meet the same damage; the second to get the lock uses the first
    one's rebuild (a rebuild of a big corpus takes minutes)."""
    cache = cache_for(pristine)
    damage_catalog_middle(cache, seed=5)
    one, two = Library(pristine.root), Library(pristine.root)
    error = sqlite3.DatabaseError("database disk image is malformed")
    error.sqlite_errorcode = 11
    problem = one.diagnose(error)
    assert problem is not None and two.diagnose(error) == problem
    assert one.repair(problem).rebuilt == problem
    report = two.repair(problem)
    assert report.rebuilt is None and not report.changed
    assert_answers(two, pristine)
    one.close()
    two.close()


@pytest.mark.parametrize("how", ["flip", "truncate", "empty", "delete"])
def test_a_catalog_damaged_anywhere_costs_one_warning(pristine: Pristine, how: str) -> None:
    cache = cache_for(pristine)
    damage(cache / "catalog.sqlite", how, random.Random(how))
    result = run_reader("search", QUERIES[2], "--json", "--corpus", str(pristine.root))
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if not progress_line(line)]
    assert len(lines) <= 1, lines
    assert f'"total": {pristine.totals[QUERIES[2]]}' in result.stdout
