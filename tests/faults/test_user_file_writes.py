"""Writing the user's files and exports without damage.

Symlinked data files stay symlinks (their target updated, its mode kept); special files
are never replaced; an export writes into FIFOs and devices, follows symlinks, refuses
folders and sockets, and says "no space left on device" in one line; lock-file failures
name the lock file; a tag or note starting with "-" is accepted on the command line.
"""

from __future__ import annotations

import os
import socket
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.bookmarks import BookmarkStore, bookmarks_path
from reader.core.entities.aliases import add_block, aliases_path, read_aliases
from reader.core.userdata.atomicfile import LockError, NotAFileError, atomic_write_text, backup_path
from reader.core.userdata.exportfile import ExportError, write_export
from reader.core.userdata.state import CorpusState

TEXT = "The quick brown fox jumps over the lazy dog near the old harbour wall.\n"


def linked(path: Path, dotfiles: Path, content: str, mode: int = 0o640) -> Path:
    """``path`` made a symlink to a file of the same name in ``dotfiles``."""
    dotfiles.mkdir(parents=True, exist_ok=True)
    real = dotfiles / path.name
    real.write_text(content, encoding="utf-8")
    real.chmod(mode)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(real)
    return real


def no_temp_files(*folders: Path) -> None:
    for folder in folders:
        assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_symlinked_bookmarks_file_stays_a_symlink(tmp_path: Path) -> None:
    path = tmp_path / "data" / "bookmarks.yaml"
    real = linked(path, tmp_path / "dotfiles", "version: 1\nbookmarks: []\n")
    store = BookmarkStore(path=path)
    store.add("doc", TEXT, 4, 9, note="fox")
    store.add("doc", TEXT, 10, 15)
    assert path.is_symlink() and path.resolve() == real.resolve()
    assert [b.quote for b in BookmarkStore(path=real).bookmarks] == ["quick", "brown"]
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert backup_path(path).exists() and not backup_path(path).is_symlink()
    assert len(BookmarkStore(path=backup_path(path)).bookmarks) == 1
    no_temp_files(path.parent, real.parent)


def test_a_symlinked_aliases_file_stays_a_symlink(tmp_path: Path) -> None:
    path = aliases_path(tmp_path / "corpus")
    real = linked(path, tmp_path / "dotfiles", "block: [Salvator]\n", mode=0o644)
    add_block(path, "Azov")
    assert path.is_symlink()
    assert read_aliases(real)[0].block == ["Salvator", "Azov"]
    assert stat.S_IMODE(real.stat().st_mode) == 0o644
    assert backup_path(path).read_text() == "block: [Salvator]\n"
    no_temp_files(path.parent, real.parent)


def test_a_symlinked_state_file_stays_a_symlink(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path = CorpusState(corpus).path
    real = linked(path, tmp_path / "dotfiles", "last_document: a\n")
    CorpusState(corpus).save("b", 3)
    assert path.is_symlink() and CorpusState(corpus).last_document == "b"
    assert "last_document: b" in real.read_text()


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_an_atomic_write_never_replaces_a_special_file(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "bookmarks.yaml"
    os.mkfifo(path) if kind == "fifo" else path.mkdir()
    before = stat.S_IFMT(path.lstat().st_mode)
    with pytest.raises(NotAFileError) as error:
        atomic_write_text(path, "x")
    assert str(path) in str(error.value) and "\n" not in str(error.value)
    assert stat.S_IFMT(path.lstat().st_mode) == before
    no_temp_files(tmp_path)


# -- export targets ----------------------------------------------------------------------


def test_export_writes_into_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read)
    reader.start()
    write_export(fifo, "a,b\r\nc,d\r\n")
    reader.join(timeout=30)
    assert received == [b"a,b\r\nc,d\r\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_export_to_dev_null_leaves_the_device(tmp_path: Path) -> None:
    write_export(Path("/dev/null"), "x\n")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    link = tmp_path / "null-link"
    link.symlink_to("/dev/null")
    write_export(link, "x\n")
    assert link.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_export_to_a_full_device_is_one_line() -> None:
    with pytest.raises(ExportError) as error:
        write_export(Path("/dev/full"), "x" * 100_000)
    assert str(error.value) == "cannot write /dev/full: no space left on device"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_export_follows_a_symlink_and_keeps_the_file_mode(tmp_path: Path) -> None:
    real = tmp_path / "synced" / "cites.md"
    real.parent.mkdir()
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "cites.md"
    link.symlink_to(real)
    write_export(link, "new\n")
    assert link.is_symlink() and real.read_text() == "new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    no_temp_files(tmp_path, real.parent)
    dangling = tmp_path / "later.md"
    dangling.symlink_to(tmp_path / "synced" / "later.md")
    write_export(dangling, "made\n")
    assert dangling.is_symlink() and (tmp_path / "synced" / "later.md").read_text() == "made\n"


def test_a_new_export_gets_the_umask_mode(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        write_export(tmp_path / "new.csv", "x\n")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o640


def test_export_refuses_folders_and_sockets(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        write_export(tmp_path, "x")
    path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        with pytest.raises(ExportError, match="is a socket"):
            write_export(path, "x")
        assert stat.S_ISSOCK(path.lstat().st_mode)
    finally:
        server.close()


# -- the command line ----------------------------------------------------------------------

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(make_corpus: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> Run:
    corpus = make_corpus({"alpha.txt": "Alpha harbour report\n\n" + TEXT})

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([*args, "--corpus", str(corpus)])
        out, err = capsys.readouterr()
        return code, out, err

    run.corpus = corpus  # type: ignore[attr-defined]
    return run


def test_tags_and_notes_may_start_with_a_dash(cli: Run) -> None:
    code, out, err = cli(
        "bookmarks", "add", "alpha", "--quote", "brown fox", "--tag", "-2+3", "--note", "- see p. 4"
    )
    assert code == 0, err
    code, out, err = cli("bookmarks", "list", "--tag", "-2+3", "--json")
    assert code == 0 and '"-2+3"' in out and "- see p. 4" in out
    with pytest.raises(SystemExit) as error:  # a real option after --note is still one
        cli("bookmarks", "add", "alpha", "--quote", "fox", "--note", "--json")
    assert error.value.code == 2


def test_cli_export_to_special_targets(cli: Run, tmp_path: Path) -> None:
    assert cli("bookmarks", "add", "alpha", "--quote", "lazy dog")[0] == 0
    code, out, _ = cli("bookmarks", "export", "-o", "/dev/stdout")
    assert code == 0 and "lazy dog" in out
    if Path("/dev/full").exists():
        code, _, err = cli("bookmarks", "export", "-o", "/dev/full")
        assert (
            code == 2 and err.strip() == "reader: cannot write /dev/full: no space left on device"
        )
    code, _, err = cli("bookmarks", "export", "-o", str(tmp_path))
    assert code == 2 and "folder" in err and err.count("\n") == 1


def test_an_unusable_lock_file_is_named(cli: Run) -> None:
    corpus: Path = cli.corpus  # type: ignore[attr-defined]
    lock = bookmarks_path(corpus).with_name("bookmarks.yaml.lock")
    lock.mkdir(parents=True)  # root may write anywhere; a folder in its place fails for all
    code, _, err = cli("bookmarks", "add", "alpha", "--quote", "lazy dog")
    assert code == 2 and err.count("\n") == 1
    assert f"cannot use the lock file {lock}: is a directory" in err

    aliases_lock = aliases_path(corpus).with_name("aliases.yaml.lock")
    aliases_lock.mkdir()
    with pytest.raises(LockError) as error:
        add_block(aliases_path(corpus), "Azov")
    assert str(error.value) == f"cannot use the lock file {aliases_lock}: is a directory"
