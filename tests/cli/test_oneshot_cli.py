"""Read commands answer from the index at once when the corpus is unchanged, and update
it first when a cheap check (folder times, file stats) finds a change."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import article
from conftest import run_main as run
from reader.cli.parser import SUBCOMMANDS, build_parser
from reader.core.corpus import loader
from reader.core.entities.aliases import FILE_NAME, aliases_path
from reader.core.entities.keys import fold
from reader.core.entities.model import NAMED_TYPES
from reader.core.entities.terms import STOP_WORDS
from reader.core.index import freshness, library, name_filter
from reader.core.index.catalog import Catalog
from reader.core.userdata.paths import corpus_cache_dir, corpus_data_dir

Scans = list[Path]


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> Iterator[Scans]:
    """Every full scan of a corpus folder, counted; and folder times trusted at once (a
    test's folders are younger than the slack a real file system's granularity needs)."""
    calls: Scans = []
    real = loader.scan

    def counting(root: Path) -> loader.ScanResult:
        calls.append(root)
        return real(root)

    monkeypatch.setattr(loader, "scan", counting)
    monkeypatch.setattr(freshness, "SLACK_NS", 0)
    yield calls


def ids(capsys: pytest.CaptureFixture[str], root: Path) -> list[str]:
    code, out, err = run(capsys, "list", "--json", "--corpus", str(root))
    assert code == 0, err
    return [row["id"] for row in json.loads(out)]


@pytest.fixture
def corpus(make_corpus: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> Path:
    root = make_corpus(
        {
            "a.txt": article("Alpha economy", "The economy grew in spring."),
            "news/b.txt": article("Beta", "Markets fell in autumn."),
        }
    )
    code, _, err = run(capsys, "index", "--corpus", str(root))
    assert code == 0, err
    return root


def test_unchanged_corpus_is_not_scanned(
    corpus: Path, scans: Scans, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "index", "--corpus", str(corpus))  # recorded with the slack patched
    scans.clear()
    for argv in (
        ("search", "economy", "--json"),
        ("list", "--json"),
        ("show", "a"),
        ("duplicates", "--json"),
        ("bookmarks", "list", "--json"),
    ):
        code, out, err = run(capsys, *argv, "--corpus", str(corpus))
        assert code == 0, (argv, err)
        assert err == ""
    assert scans == []
    code, out, _ = run(capsys, "search", "economy", "--json", "--corpus", str(corpus))
    assert [hit["id"] for hit in json.loads(out)["hits"]] == ["a"]


def test_reader_index_always_scans(
    corpus: Path, scans: Scans, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "index", "--corpus", str(corpus))
    run(capsys, "index", "--corpus", str(corpus))
    assert len(scans) == 2


@pytest.mark.parametrize(
    "change",
    ["add", "remove", "rename", "add folder", "add in subfolder", "edit in place"],
)
def test_a_change_is_seen_and_answered(
    corpus: Path, scans: Scans, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    run(capsys, "index", "--corpus", str(corpus))
    scans.clear()
    assert ids(capsys, corpus) == ["a", "news/b"]
    assert scans == []
    expected = {
        "add": ["a", "c", "news/b"],
        "remove": ["a"],
        "rename": ["a", "news/renamed"],
        "add folder": ["a", "new/d", "news/b"],
        "add in subfolder": ["a", "news/b", "news/e"],
        "edit in place": ["a", "news/b"],
    }[change]
    if change == "add":
        (corpus / "c.txt").write_text(article("Gamma", "The economy again."), encoding="utf-8")
    elif change == "remove":
        (corpus / "news" / "b.txt").unlink()
    elif change == "rename":
        (corpus / "news" / "b.txt").rename(corpus / "news" / "renamed.txt")
    elif change == "add folder":
        (corpus / "new").mkdir()
        (corpus / "new" / "d.txt").write_text(article("Delta", "The economy."), "utf-8")
    elif change == "add in subfolder":
        (corpus / "news" / "e.txt").write_text(article("Epsilon", "The economy."), "utf-8")
    else:
        # Written in place: the folder's times do not change, the file's size does.
        with open(corpus / "news" / "b.txt", "a", encoding="utf-8") as handle:
            handle.write("\nThe economy recovered in winter.\n")
    assert ids(capsys, corpus) == expected
    assert len(scans) == 1
    if change == "edit in place":
        _, out, _ = run(capsys, "search", "winter", "--json", "--corpus", str(corpus))
        assert [hit["id"] for hit in json.loads(out)["hits"]] == ["news/b"]
    # Updated and recorded again: the next command does not scan.
    assert ids(capsys, corpus) == expected
    assert len(scans) == 1


def test_readerignore_change_is_seen(
    corpus: Path, scans: Scans, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "index", "--corpus", str(corpus))
    (corpus / ".readerignore").write_text("news/\n", encoding="utf-8")
    assert ids(capsys, corpus) == ["a"]


def test_edits_in_place_are_not_looked_for_in_big_corpora(
    corpus: Path, scans: Scans, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above STAT_FILES_UPTO only folders are checked (the README says so): an edit in
    place waits for `reader index`, which checks every file."""
    run(capsys, "index", "--corpus", str(corpus))
    monkeypatch.setattr(freshness, "STAT_FILES_UPTO", 1)
    with open(corpus / "a.txt", "a", encoding="utf-8") as handle:
        handle.write("\nA winter paragraph.\n")
    scans.clear()
    _, out, _ = run(capsys, "search", "winter", "--json", "--corpus", str(corpus))
    assert json.loads(out)["hits"] == [] and scans == []
    run(capsys, "index", "--corpus", str(corpus))
    _, out, _ = run(capsys, "search", "winter", "--json", "--corpus", str(corpus))
    assert [hit["id"] for hit in json.loads(out)["hits"]] == ["a"]


def test_a_folder_changed_during_the_scan_is_not_trusted(
    corpus: Path, scans: Scans, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder whose time is within the slack of the scan may change again unseen
    (coarse file system clocks): the next command updates rather than trust it."""
    monkeypatch.setattr(freshness, "SLACK_NS", 3600 * 10**9)
    run(capsys, "index", "--corpus", str(corpus))
    scans.clear()
    ids(capsys, corpus)
    assert len(scans) == 1


def test_skipped_files_are_still_mentioned(
    make_corpus: Callable[..., Path], scans: Scans, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_corpus({"a.txt": article("A", "Text."), "empty.txt": ""})
    run(capsys, "index", "--corpus", str(root))
    scans.clear()
    _, _, err = run(capsys, "list", "--corpus", str(root))
    assert scans == []
    assert err == "reader: 1 file skipped (reader index lists them)\n"


def test_stale_read_only_index_says_so_in_one_line(
    corpus: Path, scans: Scans, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "index", "--corpus", str(corpus))
    # Unchanged and read-only: answered without a word.
    monkeypatch.setattr(library, "_unwritable", lambda folder: "read-only file system")
    code, _, err = run(capsys, "list", "--json", "--corpus", str(corpus))
    assert (code, err) == (0, "")
    (corpus / "c.txt").write_text(article("Gamma", "More."), encoding="utf-8")
    code, out, err = run(capsys, "list", "--json", "--corpus", str(corpus))
    assert code == 0
    assert [row["id"] for row in json.loads(out)] == ["a", "news/b"]
    cache = corpus_cache_dir(corpus.resolve())
    assert err == (
        f"reader: warning: cannot update the index in {cache} (read-only file system); "
        "using it as last built (files were added, removed or renamed)\n"
    )


def test_snapshot_survives_odd_folder_names(
    make_corpus: Callable[..., Path], scans: Scans, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_corpus({"a.txt": article("A", "Text.")})
    odd = Path(os.fsdecode(bytes(root) + b"/caf\xe9"))
    odd.mkdir()
    (odd / "b.txt").write_text(article("B", "Text."), encoding="utf-8")
    run(capsys, "index", "--corpus", str(root))
    scans.clear()
    assert len(ids(capsys, root)) == 2
    assert scans == []
    (odd / "c.txt").write_text(article("C", "Text."), encoding="utf-8")
    assert len(ids(capsys, root)) == 3


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


def test_parser_builds_only_the_command_run() -> None:
    assert _commands(build_parser("search")) == ["search"]
    assert _commands(build_parser()) == list(SUBCOMMANDS)


def test_aliases_file_name_agrees(tmp_path: Path) -> None:
    assert name_filter.ALIASES_FILE == FILE_NAME
    assert corpus_data_dir(tmp_path) / name_filter.ALIASES_FILE == aliases_path(tmp_path)


def test_a_one_shot_search_does_not_build_the_name_index(
    seeds: Path,
    scans: Scans,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Words that name no entity, and words that name one, are answered from the name
    lookups stored in the catalog: the same answers as the full index, never built."""
    run(capsys, "index", "--corpus", str(seeds))
    code, before, _ = run(capsys, "search", "Zaluzhnyi", "--json", "--corpus", str(seeds))
    built: list[int] = []
    from reader.core.entities import terms

    real = terms.AliasIndex.__init__

    def counting(self: terms.AliasIndex, entities: object) -> None:
        built.append(1)
        real(self, entities)  # type: ignore[arg-type]

    monkeypatch.setattr(terms.AliasIndex, "__init__", counting)
    code, _, err = run(capsys, "search", "economy", "--json", "--corpus", str(seeds))
    assert code == 0, err
    assert built == []
    code, after, _ = run(capsys, "search", "Zaluzhnyi", "--json", "--corpus", str(seeds))
    code, _, err = run(capsys, "search", "person:Zaluzhny", "--json", "--corpus", str(seeds))
    assert code == 0, err
    assert built == []
    assert after == before
    catalog = Catalog(corpus_cache_dir(seeds.resolve()) / "catalog.sqlite")
    assert catalog.get_meta(name_filter.META_KEY) is not None
    catalog.close()


_TEXT = st.text(st.characters(codec="utf-8"), max_size=60)


@given(_TEXT, _TEXT)
def test_plain_search_output_is_what_rich_printed(title: str, text: str) -> None:
    """Off a terminal, search results are written without Rich: the same text Rich wrote."""
    import contextlib
    import io

    from reader.cli import cmd_search
    from reader.core.index.catalog import DocSummary
    from reader.core.index.library import Hit, SearchResults
    from reader.core.index.snippets import Snippet

    summary = DocSummary("a/b", title, (), None, None, None, "/c/a/b.txt", 3, ())
    hit = Hit("a/b", summary, 1.5, (Snippet(text, ((0, min(2, len(text))),), 0),))
    results = SearchResults(f"q {title}", 1, (hit,))
    outputs = []
    for write in (cmd_search._write_plain, cmd_search._print_styled):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            write(results)
        outputs.append(buffer.getvalue())
    assert outputs[0] == outputs[1]


def test_name_filter_never_hides_an_expansion(seeds: Path) -> None:
    """Every word the stored keys say names nothing expands to itself alone in the full
    name index (every word of the demo articles, each spelling's words, misspellings)."""
    import re

    from reader.core.index.library import Library

    lib = Library(seeds)
    lib.update()
    state = lib._corpus()
    assert lib._entities_from is not None
    found = name_filter.NameFilter.load(lib.catalog, lib._entities_from, lib._corpus)
    assert found is not None
    words = {w for doc in lib.summaries() for w in re.findall(r"\w+", lib.text(doc.id) or "")}
    spellings = {s for e in state.entities for s in (e.name, *e.aliases)}
    words |= spellings | {w for s in spellings for w in s.split()}
    words |= {w[:-1] + "y" for w in list(words) if len(w) > 4}  # Zaluzhnyi → Zaluzhny
    hidden = 0
    for word in sorted(words):
        if not found.may_name(word):
            hidden += 1
            assert state.expand(word) == [word], word
    named = {s for e in state.entities if e.type in NAMED_TYPES for s in (e.name, *e.aliases)}
    # Every spelling names its entity, but a stop word ("US") never expands.
    assert [s for s in named if s.strip() and not found.may_name(s)] == [
        s for s in named if fold(s) in STOP_WORDS
    ]
    assert hidden > 100  # the filter does answer for most words
    lib.close()
