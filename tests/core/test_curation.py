"""Curating entities through the core API: each operation, undo/redo across restarts,
hand edits kept, a damaged history, and a property over sequences of operations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.entities import curation
from reader.core.entities.aliases import aliases_path
from reader.core.entities.curation import (
    CurationError,
    Curator,
    history_path,
    read_history,
    redo,
    undo,
)
from reader.core.index.library import Library
from reader.core.userdata.atomicfile import backup_path


@pytest.fixture
def lib(seeds: Path) -> Iterator[Library]:
    library = Library(seeds)
    library.update()
    yield library
    library.close()


def _named(library: Library, name: str) -> list[str]:
    return [e.id for e in library.corpus_entities() if e.name == name]


def _zal(library: Library) -> str:
    (found,) = [e.id for e in library.corpus_entities() if "Zaluzhny" in {e.name, *e.aliases}]
    return found


def test_merge_joins_and_says_so(lib: Library) -> None:
    before = len(lib.corpus_entities())
    line = Curator(lib).merge("Valery Zaluzhnyi", ["Mark Milley"])
    assert line == "merged 'Mark Milley' into 'Valery Zaluzhnyi' (2 → 1 entities)"
    assert len(lib.corpus_entities()) == before - 1
    joined = lib.entity("person:valery-zaluzhnyi")
    assert joined is not None and "Mark Milley" in joined.aliases
    assert "person:mark-milley" in aliases_path(lib.root).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("into", "others", "message"),
    [
        ("Valery Zaluzhnyi", ["Zaluzhny"], "itself"),
        ("Nobody At All", ["Mark Milley"], "no entity 'Nobody At All'"),
        ("Valery Zaluzhnyi", ["Nobody"], "no entity 'Nobody'"),
        ("Valery Zaluzhnyi", [], "at least one"),
    ],
)
def test_bad_merges_are_one_line_and_change_nothing(
    lib: Library, into: str, others: list[str], message: str
) -> None:
    with pytest.raises(CurationError, match=message) as caught:
        Curator(lib).merge(into, others)
    assert "\n" not in str(caught.value)
    assert not aliases_path(lib.root).exists()
    assert not history_path(aliases_path(lib.root)).exists()


def test_block_rename_retype(lib: Library) -> None:
    curator = Curator(lib)
    assert curator.block("Mark Milley") == "blocked 'Mark Milley' (person, 2 articles)"
    assert not _named(lib, "Mark Milley")
    assert curator.rename("Kyiv", "Kyiv City") == "renamed 'Kyiv' to 'Kyiv City'"
    kyiv = lib.entity("place:kyiv")
    assert kyiv is not None and kyiv.name == "Kyiv City" and "Kyiv" in kyiv.aliases
    line = curator.retype("Kyiv City", "org")
    assert line == "retyped 'Kyiv City' from place to org"
    assert lib.entity("org:kyiv") is not None and lib.entity("place:kyiv") is None
    # The new name and type are what the file resolves afterwards, too.
    assert curator.rename("Kyiv City", "Kyiv") == "renamed 'Kyiv City' to 'Kyiv'"
    assert _named(lib, "Kyiv") == ["org:kyiv"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.retype("Kyiv", "planet"), "'planet' is not a type"),
        (lambda c: c.retype("Kyiv", "place"), "already a place"),
        (lambda c: c.rename("Kyiv", "Kyiv"), "already named"),
        (lambda c: c.rename("Kyiv", "two\nlines"), "one line"),
        (lambda c: c.block("Atlantis"), "no entity 'Atlantis'"),
        (lambda c: c.split("Valery Zaluzhnyi", ["Valery Zaluzhnyi"]), "is the name"),
        (lambda c: c.split("Valery Zaluzhnyi", ["Milley"]), "never written 'Milley'"),
    ],
)
def test_bad_operations_are_refused(lib: Library, call: object, message: str) -> None:
    with pytest.raises(CurationError, match=message):
        call(Curator(lib))  # type: ignore[operator]
    assert not aliases_path(lib.root).exists()


def test_split_moves_the_spellings_mentions_to_a_new_entity(lib: Library) -> None:
    zal_id = _zal(lib)
    whole = lib.entity(zal_id)
    assert whole is not None
    every = sorted((d, m) for d, m in lib.mentions(zal_id))
    line = Curator(lib).split("Valery Zaluzhnyi", ["Zaluzhny"])
    assert line == "split 'Zaluzhny' off 'Valery Zaluzhnyi' as a new entity (1 → 2 entities)"
    kept, new = lib.entity(zal_id), lib.entity("person:zaluzhny")
    assert kept is not None and new is not None
    assert new.name == "Zaluzhny" and "Zaluzhny" not in kept.aliases
    moved = sorted(lib.mentions(new.id))
    stayed = sorted(lib.mentions(kept.id))
    assert moved and stayed
    assert {m.text for _, m in moved} == {"Zaluzhny"}
    assert "Zaluzhny" not in {m.text for _, m in stayed}
    # Nothing lost, nothing counted twice; the counts agree with the articles.
    assert sorted(moved + stayed) == every
    assert new.mentions == len(moved) and kept.mentions == len(stayed)
    assert new.documents == sorted({d for d, _ in moved})


def test_undo_redo_survive_a_restart(seeds: Path) -> None:
    first = Library(seeds)
    first.update()
    curator = Curator(first)
    curator.merge("Valery Zaluzhnyi", ["Mark Milley"])
    curator.block("Kyiv")
    before = len(first.corpus_entities())
    first.close()

    again = Library(seeds)
    path = aliases_path(seeds)
    assert undo(path) == "undid: blocked 'Kyiv' (place, 2 articles)"
    assert len(again.corpus_entities()) == before + 1
    assert again.entity("place:kyiv") is not None
    assert [s.op for s in read_history(path).done] == ["merge"]
    assert redo(path).startswith("redid: blocked 'Kyiv'")
    again.reload_aliases()
    assert again.entity("place:kyiv") is None
    assert undo(path).startswith("undid: blocked")
    assert undo(path).startswith("undid: merged")
    assert not path.exists()  # there was no file before the first change
    with pytest.raises(CurationError, match="nothing to undo"):
        undo(path)
    again.close()


def test_a_hand_edit_is_never_undone_away(lib: Library) -> None:
    path = aliases_path(lib.root)
    curator = Curator(lib)
    curator.block("Mark Milley")
    edited = path.read_text(encoding="utf-8") + "rename:\n  Kyiv: Kyiv City  # mine\n"
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(CurationError, match="edited outside reader") as caught:
        undo(path)
    assert "\n" not in str(caught.value)
    assert path.read_text(encoding="utf-8") == edited
    # A change after the hand edit records it: undoing that change brings it back.
    lib.reload_aliases()
    curator.retype("Kyiv City", "org")
    curator.undo()
    assert path.read_text(encoding="utf-8") == edited


def test_a_damaged_history_never_blocks_the_aliases(lib: Library) -> None:
    path = aliases_path(lib.root)
    curator = Curator(lib)
    curator.block("Mark Milley")
    history_path(path).write_text("version: 1\ndone: [oops\n", encoding="utf-8")
    lib.reload_aliases()
    assert not _named(lib, "Mark Milley")  # the aliases file is used as ever
    assert read_history(path).problem
    with pytest.raises(CurationError, match="nothing to undo") as caught:
        undo(path)
    assert "\n" not in str(caught.value)
    curator.block("Kyiv")  # a new history is started, the damaged one kept
    assert curator.warning and "new history" in curator.warning
    assert backup_path(history_path(path)).read_text(encoding="utf-8").endswith("[oops\n")
    assert curator.undo().startswith("undid: blocked 'Kyiv'")


def test_history_is_bounded(lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(curation, "MAX_STEPS", 3)
    curator = Curator(lib)
    for name in ("Kyiv", "Mark Milley", "Stepan Bandera", "Putin", "Biden"):
        curator.block(name)
    done = read_history(aliases_path(lib.root)).done
    assert [s.args for s in done] == [["Stepan Bandera"], ["Putin"], ["Biden"]]


def test_a_new_change_ends_redo(lib: Library) -> None:
    curator = Curator(lib)
    curator.block("Kyiv")
    curator.undo()
    curator.block("Putin")
    with pytest.raises(CurationError, match="nothing to redo"):
        curator.redo()


# -- any sequence of operations, then as many undos --------------------------------

ORIGINAL = "# my own notes, kept byte for byte\r\nrename:\n  Biden: Joe Biden\n"

OPERATIONS = st.sampled_from(
    [
        ("merge", ("Valery Zaluzhnyi", "Mark Milley")),
        ("merge", ("Volodymyr Zelensky", "Putin", "Biden")),
        ("block", ("Kyiv",)),
        ("block", ("Stepan Bandera",)),
        ("rename", ("Kyiv", "Kyiv City")),
        ("rename", ("Valery Zaluzhnyi", "-General-")),
        ("retype", ("Kyiv", "org")),
        ("retype", ("Mark Milley", "org")),
        ("split", ("Valery Zaluzhnyi", "Zaluzhny")),
        ("split", ("Volodymyr Zelensky", "Zelenskyy", "Zelensky")),
    ]
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(OPERATIONS, max_size=6))
def test_undo_all_restores_the_bytes_and_redo_the_state(
    lib: Library, operations: list[tuple[str, tuple[str, ...]]]
) -> None:
    # One library for every example (the fixture is made once): each starts afresh.
    path = aliases_path(lib.root)
    history_path(path).unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(ORIGINAL.encode("utf-8"))
    lib.reload_aliases()
    curator = Curator(lib)
    done = 0
    for op, args in operations:
        try:
            if op == "merge":
                curator.merge(args[0], list(args[1:]))
            elif op == "split":
                curator.split(args[0], list(args[1:]))
            else:
                getattr(curator, op)(*args)
        except CurationError:
            continue  # refused (already blocked, merged away…): nothing written
        done += 1
    final = path.read_bytes()
    for _ in range(done):
        curator.undo()
    assert path.read_bytes() == ORIGINAL.encode("utf-8")
    with pytest.raises(CurationError, match="nothing to undo"):
        curator.undo()
    for _ in range(done):
        curator.redo()
    assert path.read_bytes() == final
