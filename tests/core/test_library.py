"""The persistent index: incremental updates, repairs, lookups and search with spans."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import article
from reader.core.index import library as library_module
from reader.core.index.library import AmbiguousDocument, DocumentNotFound, Library
from reader.core.index.query import QueryError
from reader.core.userdata import paths

PROSE = (
    "The council met on Monday to discuss the budget for the coming year and the "
    "repairs that the old bridge needs before winter."
)


@pytest.fixture
def lib(seeds: Path) -> Iterator[Library]:
    library = Library(seeds)
    library.update()
    yield library
    library.close()


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    import reader.core.corpus.parse as parse_module  # the library imports it on first use

    real = parse_module.parse_text

    def spy(raw: str, *, fallback_title: str = "Untitled", furniture: object = None) -> object:
        calls.append(fallback_title)
        return real(raw, fallback_title=fallback_title, furniture=furniture)  # type: ignore[arg-type]

    monkeypatch.setattr(parse_module, "parse_text", spy)
    return calls


def test_index_lives_in_the_overridden_cache_dir(seeds: Path, isolated_dirs: Path) -> None:
    library = Library(seeds)
    assert library.cache == paths.corpus_cache_dir(seeds)
    assert library.cache.is_relative_to(isolated_dirs / "cache")
    library.close()


def test_first_update_adds_every_seed(seeds: Path) -> None:
    library = Library(seeds)
    report = library.update()
    assert (report.added, report.updated, report.removed, report.unchanged) == (3, 0, 0, 0)
    assert report.skipped == [] and report.warnings == []
    assert [s.id for s in library.summaries()] == [
        "000_3019f73ddaac25aa",
        "001_21c52abc1f1fddb1",
        "002_ceb5c5920158999b",
    ]
    library.close()


def test_indexing_never_touches_the_source_files(seeds: Path) -> None:
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in seeds.iterdir()}
    library = Library(seeds)
    library.update()
    library.update(rebuild=True)
    library.search("Zelensky")
    library.close()
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in seeds.iterdir()}
    assert after == before


def test_second_update_parses_nothing(
    lib: Library, seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = count_parses(monkeypatch)
    report = lib.update()
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 3)
    assert calls == []
    assert not report.changed


def test_touched_but_unchanged_file_is_not_reparsed(
    lib: Library, seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = next(seeds.glob("001_*"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    calls = count_parses(monkeypatch)
    report = lib.update()
    assert calls == []
    assert (report.added, report.updated, report.unchanged) == (0, 0, 3)
    # The new mtime is remembered, so the next run does not even hash it.
    hashed: list[bytes] = []
    real = hashlib.sha256

    def counting(data: bytes) -> Any:
        hashed.append(data)
        return real(data)

    monkeypatch.setattr(hashlib, "sha256", counting)
    lib.update()
    assert hashed == []


def test_changed_added_and_removed_files(
    lib: Library, seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed = next(seeds.glob("000_*"))
    changed.write_text(article("A Rewritten Title", PROSE), encoding="utf-8")
    next(seeds.glob("002_*")).unlink()
    (seeds / "sub").mkdir()
    (seeds / "sub" / "new.md").write_text(article("Brand New", PROSE), encoding="utf-8")
    calls = count_parses(monkeypatch)
    report = lib.update()
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 1)
    assert sorted(calls) == ["000 3019f73ddaac25aa", "new"]
    assert [s.id for s in lib.summaries()] == [
        "000_3019f73ddaac25aa",
        "001_21c52abc1f1fddb1",
        "sub/new",
    ]
    assert lib.search("Rewritten").hits[0].id == "000_3019f73ddaac25aa"
    assert lib.search("genocide").total == 0  # the removed file left the index too
    assert lib.search("bridge").total == 2


def test_an_update_names_its_steps_over_the_whole_corpus(seeds: Path) -> None:
    """``on_stage`` hears of each step after the articles that reads every article (they
    take minutes at archive scale whatever changed), and of none when nothing changed."""
    lib = Library(seeds)
    stages: list[str] = []
    lib.on_stage = stages.append
    try:
        lib.update(warm=False)  # a first index: the merge was fed as articles came
        assert stages == ["grouping the near-duplicates of 3 articles", "storing the name lookups"]
        stages.clear()
        changed = next(seeds.glob("000_*"))
        changed.write_text(article("A Rewritten Title", PROSE), encoding="utf-8")
        lib.update(warm=False)
        assert stages == [
            "merging the corpus entities of 3 articles",
            "grouping the near-duplicates of 3 articles",
            "storing the name lookups",
        ]
        stages.clear()
        lib.update(warm=False)
        assert stages == []
        # An update that reads the corpus entities for its process (the TUI's) names the
        # same steps.
        changed.write_text(article("Rewritten Again", PROSE), encoding="utf-8")
        lib.update()
        assert stages == [
            "merging the corpus entities of 3 articles",
            "grouping the near-duplicates of 3 articles",
            "storing the name lookups",
        ]
    finally:
        lib.close()


def test_ids_are_stable_across_runs_and_rebuilds(seeds: Path) -> None:
    first = Library(seeds)
    first.update()
    ids = [s.id for s in first.summaries()]
    first.close()
    (seeds / "aaa.txt").write_text(article("First In Order", PROSE), encoding="utf-8")
    second = Library(seeds)
    second.update(rebuild=True)
    assert [s.id for s in second.summaries() if s.id != "aaa"] == ids
    second.close()


def test_resolve_ids_prefixes_and_paths(lib: Library, seeds: Path) -> None:
    assert lib.resolve("000") == "000_3019f73ddaac25aa"
    assert lib.resolve("001_21c52abc1f1fddb1") == "001_21c52abc1f1fddb1"
    assert lib.resolve(str(next(seeds.glob("002_*")))) == "002_ceb5c5920158999b"
    with pytest.raises(AmbiguousDocument, match="several"):
        lib.resolve("00")
    with pytest.raises(DocumentNotFound):
        lib.resolve("999")
    with pytest.raises(DocumentNotFound):
        lib.resolve("")


def test_document_round_trip_from_the_catalog(lib: Library) -> None:
    doc = lib.document("002_ceb5c5920158999b")
    assert doc is not None
    assert doc.meta.title == "Russian troops out—Stop the genocide"
    assert doc.meta.url == "https://internationalviewpoint.org/spip.php?article8368"
    assert doc.words == len(doc.text.split())
    assert any(s.style == "bold" for s in doc.styles)
    assert lib.document("nope") is None


def test_skipped_and_decoded_files_are_reported(make_corpus: Callable[..., Path]) -> None:
    root = make_corpus(
        {
            "good.txt": article("Good One", PROSE),
            "empty.txt": "",
            "binary.txt": b"\x00\x01\x02binary\x00" * 50,
            "latin.txt": article("Caf\xe9 Society", PROSE).encode("cp1252"),
        }
    )
    library = Library(root)
    report = library.update()
    assert sorted((s.rel, s.reason) for s in report.skipped) == [
        ("binary.txt", "binary file"),
        ("empty.txt", "empty file"),
    ]
    assert len(report.warnings) == 1 and report.warnings[0].startswith("latin.txt: not UTF-8")
    assert [s.id for s in library.summaries()] == ["good", "latin"]
    assert library.document("latin").meta.title == "Café Society"  # type: ignore[union-attr]
    # Accent folding: the plain spelling finds the accented title.
    assert [h.id for h in library.search("title:cafe").hits] == ["latin"]
    library.close()


def test_format_change_rebuilds_with_a_reason(lib: Library, seeds: Path) -> None:
    lib.catalog.set_meta("format", "schema=0;parser=0")
    report = lib.update()
    assert report.rebuilt is not None and "format changed" in report.rebuilt
    assert report.added == 3
    assert lib.search("Zelensky").total == 3


def test_corrupt_index_is_rebuilt(lib: Library, seeds: Path) -> None:
    cache = lib.cache
    lib.close()
    for file in (cache / "index").iterdir():
        file.write_bytes(b"garbage" * 10)
    again = Library(seeds)
    report = again.update()
    assert report.rebuilt is not None and report.rebuilt.startswith("index damaged")
    assert report.added == 3
    assert again.search("Zelensky").total == 3
    again.close()


def test_missing_index_files_are_rebuilt(lib: Library, seeds: Path) -> None:
    cache = lib.cache
    lib.close()
    for file in (cache / "index").iterdir():
        file.unlink()
    again = Library(seeds)
    report = again.update()
    assert report.rebuilt == "index files missing"
    assert again.search("genocide").total == 1
    again.close()


def test_search_waits_for_a_rebuild_in_progress(lib: Library) -> None:
    """A rebuild empties the index and refills it; a search from another process in
    the meantime waits for it instead of answering from part of the index."""
    import threading

    from reader.core.userdata.atomicfile import locked

    answers: list[int] = []
    with locked(lib.cache / "rebuild"):  # as `reader index --rebuild` holds it
        thread = threading.Thread(target=lambda: answers.append(lib.search("Zaluzhnyi").total))
        thread.start()
        thread.join(0.5)
        assert thread.is_alive() and not answers  # waiting
    thread.join(10)
    assert answers and answers[0] > 0


def test_busy_catalog_is_never_deleted(
    lib: Library, seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'database is locked' means another process is using it, not that it is damaged:
    deleting its files then corrupted the other process's open database."""
    cache = lib.cache
    lib.close()
    before = (cache / "catalog.sqlite").stat().st_ino

    def busy(_path: Path) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(library_module, "Catalog", busy)
    with pytest.raises(sqlite3.OperationalError):
        Library(seeds)
    monkeypatch.undo()
    assert (cache / "catalog.sqlite").stat().st_ino == before
    again = Library(seeds)
    assert again.update().rebuilt is None
    assert len(again.summaries()) == 3
    again.close()


def test_corrupt_catalog_is_rebuilt_with_a_warning(lib: Library, seeds: Path) -> None:
    cache = lib.cache
    lib.close()
    (cache / "catalog.sqlite").write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(str(cache / "catalog.sqlite") + suffix).unlink(missing_ok=True)
    again = Library(seeds)
    report = again.update()
    assert report.rebuilt is not None and report.rebuilt.startswith("catalog unreadable")
    assert report.warnings == []  # said once, as the reason of the rebuild
    assert len(again.summaries()) == 3
    again.close()
    with sqlite3.connect(cache / "catalog.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_cancelled_update_stops_and_resumes(seeds: Path) -> None:
    library = Library(seeds)
    report = library.update(cancelled=lambda: True)
    assert report.cancelled and report.added == 0
    report = library.update()
    assert report.added == 3
    library.close()


def test_progress_reports_every_file(seeds: Path) -> None:
    seen: list[tuple[int, int]] = []
    library = Library(seeds)
    library.update(progress=lambda done, total, _name: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    library.close()


def test_two_libraries_on_one_corpus_see_each_others_updates(seeds: Path) -> None:
    one, two = Library(seeds), Library(seeds)
    one.update()
    assert two.search("genocide").total == 1
    (seeds / "extra.txt").write_text(article("Genocide Report", PROSE), encoding="utf-8")
    one.update()
    two.refresh()
    assert two.search("genocide").total == 2
    assert two.resolve("extra") == "extra"
    one.close()
    two.close()


# -- search -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ('"artillery and potentially"', {"001"}),
        ("Zaluzhny AND Hersh", {"001"}),
        ("Hersh OR genocide", {"001", "002"}),
        ("Zelensky NOT Hersh", {"000", "002"}),
        ("NOT Hersh", {"000", "002"}),
        ("title:purge", {"001"}),
        ("author:Weiss", {"000"}),
        ("author:melanovski", {"000", "001"}),
        ("source:viewpoint", {"002"}),
        ("source:wsws", set()),
        ("Zalu*", {"000", "001"}),
        ("Zaluzni~2", {"000", "001"}),
        ("date:[2024-01-01 to 2024-02-01]", {"000", "002"}),
        ("date:[2024-02-02 to 2024-12-31]", {"001"}),
        ("soldier", {"000", "001", "002"}),  # stemming: soldiers
        ("400,000", {"000", "001"}),
        ("tag:ukraine", {"002"}),
        ("Title:Purge", {"001"}),
    ],
)
def test_query_language(lib: Library, query: str, ids: set[str]) -> None:
    results = lib.search(query)
    assert {h.id[:3] for h in results.hits} == ids
    assert results.total == len(ids)


@pytest.mark.parametrize(
    "query", ['"unclosed', "(a", "foo:bar", "", "   ", "AND", "NOT", "date:[x to y]", "["]
)
def test_malformed_queries_raise_one_line(lib: Library, query: str) -> None:
    with pytest.raises(QueryError) as caught:
        lib.search(query)
    message = str(caught.value)
    assert message and "\n" not in message and "Traceback" not in message


def test_hits_carry_snippets_and_positions(lib: Library) -> None:
    results = lib.search("soldiers")
    assert results.query == "soldiers"
    assert results.hits[0].score >= results.hits[-1].score > 0
    for hit in results.hits:
        doc = lib.document(hit.id)
        assert doc is not None
        assert hit.positions, hit.id
        for start, end in hit.positions:
            assert doc.text[start:end].lower() in ("soldier", "soldiers")
        assert 1 <= len(hit.snippets) <= 3
        for snippet in hit.snippets:
            assert snippet.highlights
            for start, end in snippet.highlights:
                assert snippet.text[start:end].lower() in ("soldier", "soldiers")
            assert "\n" not in snippet.text


def test_negated_terms_are_not_highlighted(lib: Library) -> None:
    results = lib.search("Zelensky NOT Hersh")
    for hit in results.hits:
        for snippet in hit.snippets:
            for start, end in snippet.highlights:
                # Other spellings of the same person are marked too (entity aliases).
                assert snippet.text[start:end] in ("Zelensky", "Zelenskyy")


def test_search_json_shape(lib: Library) -> None:
    data = lib.search("genocide", limit=1).to_json()
    assert set(data) == {"query", "total", "hits"}
    (hit,) = data["hits"]
    assert set(hit) == {"id", "title", "score", "snippets"}
    assert set(hit["snippets"][0]) == {"text", "highlights"}


def test_limit(lib: Library) -> None:
    results = lib.search("Ukraine", limit=2)
    assert results.total == 3
    assert len(results.hits) == 2


def test_find_hits_spans_the_whole_text(lib: Library) -> None:
    doc = lib.document("000_3019f73ddaac25aa")
    assert doc is not None
    spans = lib.find_hits("Zaluzhnyi", doc.text)
    exact = [(a, b) for a, b in spans if doc.text[a:b] == "Zaluzhnyi"]
    assert len(exact) == doc.text.count("Zaluzhnyi")
    # The other spellings of the same person are hits too (entity aliases).
    assert {doc.text[a:b] for a, b in spans} - {"Zaluzhnyi"} <= {"Zaluzhny", "Zeluzhnyi"}
