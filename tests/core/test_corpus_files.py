"""Every file of the corpus is indexed or reported: short articles, odd names,
.readerignore, links, UTF-16/32."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.core.corpus.loader import scan
from reader.core.index.library import Library, UpdateReport

MakeCorpus = Callable[..., Path]


@pytest.fixture
def opened() -> Iterator[Callable[[Path], Library]]:
    libraries: list[Library] = []

    def open_(root: Path) -> Library:
        libraries.append(Library(root))
        return libraries[-1]

    yield open_
    for library in libraries:
        library.close()


def reasons(report: UpdateReport) -> dict[str, str]:
    return {s.rel: s.reason for s in report.skipped}


# -- short articles ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "title"),
    [
        ("a.txt", "Just one paragraph of text here.\n", "Just one paragraph of text here."),
        ("b.txt", "Title only\n", "Title only"),
        ("c.txt", "x", "x"),
        ("d.md", "---\ntitle: Front\n---\n", "Front"),
        ("no_title-here.md", "---\ndate: 2024-01-02\n---\n", "no title here"),
    ],
)
def test_short_files_are_documents(
    make_corpus: MakeCorpus,
    opened: Callable[[Path], Library],
    name: str,
    content: str,
    title: str,
) -> None:
    root = make_corpus({name: content, "long.txt": "Long\n\nA body with some words.\n"})
    library = opened(root)
    report = library.update()
    assert (report.added, report.skipped) == (2, [])
    doc_id = name.rsplit(".", 1)[0]
    summary = library.catalog.summary(doc_id)
    assert summary is not None and summary.title == title
    assert library.resolve(doc_id) == doc_id
    assert library.entities(doc_id) == []  # extracted (nothing), not missing


def test_the_four_silent_drops_of_the_issue(
    make_corpus: MakeCorpus, opened: Callable[[Path], Library]
) -> None:
    root = make_corpus(
        {
            "a.txt": "Just one paragraph of text here.\n",
            "b.txt": "Title only\n",
            "c.txt": "x",
            "d.md": "---\ntitle: Front\n---\n",
        }
    )
    library = opened(root)
    report = library.update()
    assert report.added == 4 and report.skipped == []
    assert library.catalog.ids() == ["a", "b", "c", "d"]
    # Big updates extract in worker processes: the same holds through the pool.


def test_short_files_survive_the_worker_pool(
    make_corpus: MakeCorpus, opened: Callable[[Path], Library]
) -> None:
    from reader.core.index.entity_ingest import POOL_MIN_DOCUMENTS

    files = {f"t{i:03}.txt": "Title only\n" for i in range(POOL_MIN_DOCUMENTS)}
    files["long.txt"] = "Long\n\nThe council met in Paris on Monday.\n"
    library = opened(make_corpus(files))
    report = library.update()
    assert report.added == POOL_MIN_DOCUMENTS + 1
    assert library.catalog.count() == POOL_MIN_DOCUMENTS + 1


def test_blank_files_are_skipped_with_a_reason(
    make_corpus: MakeCorpus, opened: Callable[[Path], Library]
) -> None:
    root = make_corpus({"empty.txt": "", "blank.txt": " \n\n\t\n", "ok.txt": "x"})
    report = opened(root).update()
    assert reasons(report) == {
        "empty.txt": "empty file",
        "blank.txt": "empty file (only blank space)",
    }


def test_skipped_files_are_counted_afresh_each_update(
    make_corpus: MakeCorpus, opened: Callable[[Path], Library]
) -> None:
    root = make_corpus({"ok.txt": "x", "bin.txt": b"\x00\x01" * 20, "empty.md": ""})
    library = opened(root)
    assert len(library.update().skipped) == 2
    assert len(library.update().skipped) == 2  # still there: still reported, not twice
    (root / "bin.txt").unlink()
    (root / "empty.md").unlink()
    report = library.update()
    assert report.skipped == []
    assert library.catalog.ids() == ["ok"]


# -- .readerignore ----------------------------------------------------------------------


def test_readerignore_keeps_files_and_folders_out(
    make_corpus: MakeCorpus, opened: Callable[[Path], Library]
) -> None:
    root = make_corpus(
        {
            ".readerignore": "# notes\nREADME.md\n/SOURCE.md\ndrafts/\nold/*\n!old/keep.md\n",
            "README.md": "readme",
            "sub/README.md": "readme too",
            "SOURCE.md": "source",
            "sub/SOURCE.md": "an article named SOURCE",
            "drafts/a.txt": "draft",
            "drafts/deep/b.txt": "draft",
            "old/x.md": "old",
            "old/keep.md": "kept",
            "article.txt": "An article",
        }
    )
    library = opened(root)
    report = library.update()
    assert library.catalog.ids() == ["article", "old/keep", "sub/SOURCE"]
    assert report.skipped == [] and report.warnings == []
    assert (report.ignored_files, report.ignored_folders) == (4, 1)


def test_a_folder_ignored_cannot_be_taken_back_as_in_git(make_corpus: MakeCorpus) -> None:
    root = make_corpus(
        {".readerignore": "drafts/\n!drafts/keep.md\n", "drafts/keep.md": "k", "a.txt": "a"}
    )
    assert [f.id for f in scan(root).files] == ["a"]


def test_a_broken_line_is_reported_and_the_rest_applies(
    make_corpus: MakeCorpus, opened: Callable[[Path], Library]
) -> None:
    root = make_corpus(
        {".readerignore": "notes.md\nfoo\\\n!\n*.tmp.md\n", "notes.md": "n", "a.tmp.md": "t"}
    )
    (root / "a.txt").write_text("a")
    report = opened(root).update()
    assert report.added == 1
    assert [w for w in report.warnings if ".readerignore" in w] == [
        ".readerignore line 2: not a valid pattern, ignored: 'foo\\\\'",
        ".readerignore line 3: not a valid pattern, ignored: '!'",
    ]


def test_readerignore_changes_apply_at_the_next_update(
    make_corpus: MakeCorpus, opened: Callable[[Path], Library]
) -> None:
    root = make_corpus({"README.md": "readme", "a.txt": "a"})
    library = opened(root)
    library.update()
    assert library.catalog.ids() == ["README", "a"]
    (root / ".readerignore").write_text("README.md\n")
    report = library.update()
    assert report.removed == 1 and report.ignored_files == 1
    assert library.catalog.ids() == ["a"]
    (root / ".readerignore").unlink()
    assert library.update().added == 1
    assert library.catalog.ids() == ["README", "a"]


def test_other_files_are_counted_by_extension(make_corpus: MakeCorpus) -> None:
    root = make_corpus(
        {"a.txt": "a", "b.pdf": b"%PDF", "c.PDF": b"%PDF", "LICENSE": "x", ".hidden": "x"}
    )
    assert scan(root).others == {".pdf": 2, "no extension": 1}


# -- links --------------------------------------------------------------------------


def test_one_real_file_is_indexed_once(
    make_corpus: MakeCorpus, opened: Callable[[Path], Library], tmp_path: Path
) -> None:
    root = make_corpus({"a.txt": "Alpha\n\nbody", "real/b.txt": "Beta\n\nbody"})
    (root / "link-to-a.txt").symlink_to(root / "a.txt")
    os.link(root / "a.txt", root / "hard-a.txt")
    (root / "z-linked-folder").symlink_to(root / "real", target_is_directory=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "c.txt").write_text("Gamma\n\nbody")
    (root / "out").symlink_to(outside, target_is_directory=True)
    (root / "out-again.txt").symlink_to(outside / "c.txt")
    library = opened(root)
    report = library.update()
    # Links are followed, out of the corpus too; the path without a link wins, else
    # the first by path ("out-again.txt" sorts before "out/c.txt").
    assert library.catalog.ids() == ["a", "out-again", "real/b"]
    assert reasons(report) == {
        "hard-a.txt": "same file as a.txt",
        "link-to-a.txt": "same file as a.txt",
        "out/c.txt": "same file as out-again.txt",
        "z-linked-folder": "same folder as real",
    }


def test_symlink_loop_is_still_called_a_loop(make_corpus: MakeCorpus) -> None:
    root = make_corpus({"sub/a.txt": "text"})
    (root / "sub" / "up").symlink_to(root / "sub", target_is_directory=True)
    result = scan(root)
    assert [(s.rel, s.reason) for s in result.skipped] == [
        ("sub/up", "symlink loop (folder already read)")
    ]


def test_ignored_links_are_not_reported(make_corpus: MakeCorpus) -> None:
    root = make_corpus({".readerignore": "dangling.txt\n", "a.txt": "a"})
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    result = scan(root)
    assert result.skipped == [] and result.ignored_files == 1


# -- encodings ----------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_read(
    make_corpus: MakeCorpus, opened: Callable[[Path], Library], codec: str
) -> None:
    text = "Café au lait\n\nA body in “quotes” with naïve words.\n"
    bom = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}.get(codec, b"")
    root = make_corpus({"wide.txt": bom + text.encode(codec)})
    library = opened(root)
    report = library.update()
    assert report.skipped == [] and report.warnings == []
    doc = library.document("wide")
    assert doc is not None and doc.meta.title == "Café au lait"
    assert "naïve words" in doc.text


def test_binary_behind_a_bom_is_still_binary(
    make_corpus: MakeCorpus, opened: Callable[[Path], Library]
) -> None:
    controls = "".join(map(chr, range(1, 9))).encode("utf-16-le")
    root = make_corpus({"fake.txt": b"\xff\xfe" + controls * 100, "nul.txt": b"\xff\xfeab\0\0cd"})
    found = reasons(opened(root).update())
    assert found == {"fake.txt": "binary file", "nul.txt": "binary file"}


def test_broken_utf16_is_read_with_a_warning(
    make_corpus: MakeCorpus, opened: Callable[[Path], Library]
) -> None:
    data = "Title\n\nbody text".encode("utf-16") + b"\x00\xd8"  # a lone high surrogate
    report = opened(make_corpus({"odd.txt": data})).update()
    assert report.added == 1
    assert any(w.startswith("odd.txt: not valid UTF-16") for w in report.warnings)


# -- odd names -----------------------------------------------------------------------


def test_a_name_that_is_not_utf8_is_an_article(
    make_corpus: MakeCorpus, opened: Callable[[Path], Library], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_corpus({"ok.txt": "Fine\n\nbody words"})
    raw = os.path.join(os.fsencode(root), b"bad\xe9.txt")
    with open(raw, "wb") as handle:
        handle.write(b"Bad name\n\nbody words")
    library = opened(root)
    report = library.update()
    assert report.added == 2 and report.skipped == []
    assert library.catalog.ids() == ["bad\\xe9", "ok"]
    doc = library.document("bad\\xe9")
    assert doc is not None and doc.path.endswith("bad\\xe9.txt")
    assert library.search("body").total == 2
    # The real path, as the shell passes it, finds the article.
    assert library.resolve(os.fsdecode(raw)) == "bad\\xe9"
    monkeypatch.chdir(root)
    assert library.resolve(os.fsdecode(b"bad\xe9.txt")) == "bad\\xe9"
    # Stable across runs.
    second = opened(root)
    assert second.update().unchanged == 2
    assert second.catalog.ids() == ["bad\\xe9", "ok"]


def test_control_characters_in_names_make_printable_ids(
    make_corpus: MakeCorpus, opened: Callable[[Path], Library]
) -> None:
    root = make_corpus(
        {"evil\x1b[2J.txt": "Evil\n\nbody", "rev\u202eolleh.md": "Rev\n\nbody", "a.txt": "a"}
    )
    library = opened(root)
    library.update()
    assert library.catalog.ids() == ["a", "evil\\x1b[2J", "rev\\u202eolleh"]
    assert library.resolve("evil\\x1b[2J") == "evil\\x1b[2J"
    assert library.resolve("evil\x1b[2J") == "evil\\x1b[2J"  # typed raw: same article


def test_ids_that_would_clash_stay_unique(make_corpus: MakeCorpus) -> None:
    root = make_corpus({"a.txt": "1", "a.md": "2", "a.txt.md": "3", "b.txt": "4"})
    ids = [f.id for f in scan(root).files]
    assert len(set(ids)) == 4
    assert sorted(ids) == ["a.md", "a.txt", "a.txt.md", "b"]
