"""In an archive, a read command's update indexes the changed articles and leaves the steps
over the whole corpus (the corpus entity merge, the near-duplicate groups) for later, and
says so; the commands that show those make them first (cli/context.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import article
from conftest import run_main as run
from reader.cli import context
from reader.core.index import freshness
from reader.core.index.library import Library
from reader.core.index.query_check import names_entities

NOTE = "reader: note: the corpus entities and the near-duplicate groups do not include"
BODY = (
    "Chancellor Gordon Brown told MPs in London that the economy grew by 3% last year, "
    "and that the Treasury expected growth to slow in the months ahead."
)


def entity_names(capsys: pytest.CaptureFixture[str], root: Path) -> set[str]:
    code, out, err = run(capsys, "entities", "--json", "--corpus", str(root))
    assert code == 0, err
    assert NOTE not in err  # made before the answer, so nothing is left to say
    return {row["name"] for row in json.loads(out)}


def owed(root: Path) -> list[str]:
    library = Library(root)
    try:
        return library.owed()
    finally:
        library.close()


@pytest.fixture
def corpus(
    make_corpus: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    monkeypatch.setattr(freshness, "SLACK_NS", 0)  # a test's folders are young
    root = make_corpus(
        {
            "a.txt": article("Budget day", BODY),
            "b.txt": article("Markets", "Shares fell in Frankfurt as the euro rose."),
        }
    )
    code, _, err = run(capsys, "index", "--corpus", str(root))
    assert code == 0, err
    return root


@pytest.fixture
def archive(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The corpus, taken for an archive: its two articles are DEFER_FROM here."""
    monkeypatch.setattr(context, "DEFER_FROM", 2)
    return corpus


def add_article(root: Path, name: str, title: str, body: str) -> None:
    (root / name).write_text(article(title, body), encoding="utf-8")


def added_and_left(
    capsys: pytest.CaptureFixture[str], root: Path, name: str, body: str, word: str
) -> None:
    """An article added, then a search of ``word``: the corpus-wide steps are left."""
    add_article(root, name, "Added", body)
    code, _, err = run(capsys, "search", word, "--corpus", str(root))
    assert code == 0 and NOTE in err
    assert owed(root) == ["corpus entities", "near-duplicate groups"]


def test_an_archive_answers_with_the_new_article_and_leaves_the_corpus_steps(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = archive
    add_article(corpus, "c.txt", "Kyiv talks", "Valerii Zaluzhnyi met envoys in Kyiv on Monday.")
    code, out, err = run(capsys, "search", "Zaluzhnyi", "--json", "--corpus", str(corpus))
    assert code == 0, err
    assert [hit["id"] for hit in json.loads(out)["hits"]] == ["c"]  # searchable at once
    assert NOTE in err and "reader index makes them" in err
    assert owed(corpus) == ["corpus entities", "near-duplicate groups"]
    # Said again by the next read command, while it is so; and nothing scanned again.
    code, _, err = run(capsys, "list", "--json", "--corpus", str(corpus))
    assert code == 0 and NOTE in err
    # The command that shows them makes them first.
    assert "Valerii Zaluzhnyi" in entity_names(capsys, corpus)
    assert owed(corpus) == []
    code, _, err = run(capsys, "search", "economy", "--json", "--corpus", str(corpus))
    assert code == 0 and NOTE not in err


def test_reader_index_makes_what_was_left(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    added_and_left(capsys, archive, "c.txt", "Valerii Zaluzhnyi met envoys.", "Zaluzhnyi")
    code, _, err = run(capsys, "index", "--corpus", str(archive))
    assert code == 0, err
    assert owed(archive) == []
    code, _, err = run(capsys, "search", "Zaluzhnyi", "--corpus", str(archive))
    assert code == 0 and NOTE not in err


def test_duplicates_are_grouped_before_they_are_shown(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    added_and_left(capsys, archive, "copy-of-a.txt", BODY, "economy")
    code, out, err = run(capsys, "duplicates", "--json", "--corpus", str(archive))
    assert code == 0, err
    assert NOTE not in err
    groups = json.loads(out)["groups"]
    assert [sorted(a["id"] for a in g["articles"]) for g in groups] == [["a", "copy-of-a"]]
    assert owed(archive) == []


def test_curating_finds_a_name_only_the_new_article_has(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    added_and_left(capsys, archive, "c.txt", "Valerii Zaluzhnyi met envoys.", "envoys")
    code, out, err = run(
        capsys, "entities", "--corpus", str(archive), "rename", "Valerii Zaluzhnyi", "Zaluzhnyi"
    )
    assert code == 0, err
    assert out.startswith("renamed 'Valerii Zaluzhnyi' to 'Zaluzhnyi'")
    assert owed(archive) == []


def test_compare_pairs_names_by_current_corpus_ids(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    added_and_left(
        capsys, archive, "c.txt", "Mr Brown said the Treasury expected growth.", "Treasury"
    )
    code, out, err = run(capsys, "compare", "a", "c", "--json", "--corpus", str(archive))
    assert code == 0, err
    shared = json.loads(out)["shared_entities"]
    assert "Gordon Brown" in {entity["name"] for entity in shared}  # "Mr Brown" in c
    assert NOTE not in err and owed(archive) == []


def test_an_entity_field_search_finds_the_new_article(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``person:"Gordon Brown"`` is answered from the merge's list of his articles: the
    merge is made first, so an article added since is in it. Plain words need no merge."""
    corpus = archive
    add_article(corpus, "c.txt", "Talks", "Gordon Brown met envoys in Kyiv on Monday.")
    code, out, err = run(capsys, "search", "Gordon Brown", "--json", "--corpus", str(corpus))
    assert code == 0 and NOTE in err
    assert sorted(hit["id"] for hit in json.loads(out)["hits"]) == ["a", "c"]
    add_article(corpus, "d.txt", "More talks", "Gordon Brown met envoys in Lviv on Tuesday.")
    query = 'person:"Gordon Brown"'
    code, out, err = run(capsys, "search", query, "--json", "--corpus", str(corpus))
    assert code == 0, err
    assert sorted(hit["id"] for hit in json.loads(out)["hits"]) == ["a", "c", "d"]
    assert NOTE not in err and owed(corpus) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('person:"Gordon Brown"', True),
        ("Person:Brown", True),
        ("economy AND (org:BBC OR x)", True),
        ("-place:Kyiv economy", True),
        ("entity:Kyiv", True),
        ("economy", False),
        ('"person: Brown"', False),  # inside quotes: words
        ("title:person", False),
        ("http://example.com/person:x", False),
    ],
)
def test_which_queries_name_an_entity_field(query: str, expected: bool) -> None:
    assert names_entities(query) is expected


def test_a_corpus_under_the_archive_size_makes_every_step_at_once(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_article(corpus, "c.txt", "Kyiv talks", "Valerii Zaluzhnyi met envoys in Kyiv on Monday.")
    code, _, err = run(capsys, "search", "Zaluzhnyi", "--corpus", str(corpus))
    assert code == 0 and NOTE not in err
    assert owed(corpus) == []


def test_a_first_index_makes_its_corpus_entities_even_when_asked_to_leave_them(
    make_corpus: Callable[..., Path],
) -> None:
    root = make_corpus({"a.txt": article("Budget day", BODY)})
    library = Library(root)
    try:
        report = library.update(whole_corpus=False, warm=False)
        assert report.deferred == [] and library.owed() == []
        assert "Gordon Brown" in {e.name for e in library.corpus_entities()}
    finally:
        library.close()
