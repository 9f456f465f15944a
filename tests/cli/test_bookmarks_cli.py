"""``reader bookmarks list|add|export``: JSON contracts, exit codes, filters, exports,
a broken bookmarks file left byte-for-byte untouched, and concurrent ``reader`` processes.

Most tests call ``reader.cli.main`` in-process (fast; stdout is not a terminal, so the
plain output is what a pipe gets); the concurrency test and one end-to-end test run the
installed ``reader`` script.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import READER, run_reader
from reader.cli import main
from reader.core.bookmarks import Bookmark, BookmarkStore, bookmarks_path
from reader.core.bookmarks.export import CSV_COLUMNS
from reader.core.bookmarks.fileformat import encode
from reader.core.userdata.paths import corpus_key

ALPHA = """Alpha harbour report

Jane Doe 1 February 2024

The quick brown fox jumps over the lazy dog near the old harbour wall.

Officials said the “new plan” would help, and the quick brown fox was seen again by the \
harbour master.
"""

BETA = """---
title: Beta budget *vote*
authors: [Ann Smith, Bo Li]
date: 2024-03-05
source: Example Times
url: https://example.org/beta
---

The council approved the budget after a long debate about schools and roads.

Critics said the vote was rushed.
"""

CONTRACT = {
    "id", "doc", "quote", "prefix", "suffix", "start", "end",
    "note", "tags", "created", "updated", "status",
}  # fmt: skip
EXTRA = {"exact", "score", "saved_quote"}  # documented additions of the core's to_json
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def corpus(make_corpus: Callable[..., Path]) -> Path:
    return make_corpus({"alpha.txt": ALPHA, "beta.md": BETA})


@pytest.fixture
def cli(corpus: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    """``cli("bookmarks", "list", ...)`` → (exit code, stdout, stderr), on ``corpus``."""

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([*args, "--corpus", str(corpus)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def cleaned(cli: Run, doc: str) -> str:
    code, out, _ = cli("show", doc, "--json")
    assert code == 0
    text: str = json.loads(out)["text"]
    return text


def listed(cli: Run, *options: str) -> list[dict[str, object]]:
    code, out, err = cli("bookmarks", "list", "--json", *options)
    assert code == 0, err
    records: list[dict[str, object]] = json.loads(out)
    return records


def add(cli: Run, doc: str, quote: str, *options: str) -> str:
    code, out, err = cli("bookmarks", "add", doc, "--quote", quote, *options)
    assert code == 0, err
    assert UUID.fullmatch(out.strip()), out
    return out.strip()


def one_line_error(code: int, err: str) -> str:
    assert code == 2, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("reader: ") and "Traceback" not in err
    return lines[0]


# -- list and add: the JSON contract -------------------------------------------------


def test_list_without_bookmarks(cli: Run, corpus: Path) -> None:
    assert listed(cli) == []
    code, out, _ = cli("bookmarks", "list")
    assert code == 0
    assert "No bookmarks yet" in out and str(bookmarks_path(corpus)) in out
    assert not bookmarks_path(corpus).exists()  # listing never creates the file


def test_add_then_list_follows_the_contract(cli: Run, corpus: Path) -> None:
    quote = "the lazy dog"
    new_id = add(cli, "alpha", quote, "--note", "a note", "--tag", "animals", "--tag", "Dogs")
    [record] = listed(cli)
    assert set(record) == CONTRACT | EXTRA
    text = cleaned(cli, "alpha")
    start, end = record["start"], record["end"]
    assert isinstance(start, int) and isinstance(end, int)
    assert text[start:end] == record["quote"] == quote
    assert record["prefix"] == text[max(0, start - 32) : start]
    assert record["suffix"] == text[end : end + 32]
    assert record["id"] == new_id
    assert record["doc"] == "alpha"
    assert (record["note"], record["tags"], record["status"]) == (
        "a note",
        ["animals", "Dogs"],
        "anchored",
    )
    assert isinstance(record["created"], str) and ISO.fullmatch(record["created"])
    assert record["updated"] == record["created"]
    assert (record["exact"], record["score"], record["saved_quote"]) == (True, 1.0, quote)
    # The file lives in the corpus's data folder and is human-readable YAML.
    saved = bookmarks_path(corpus).read_text(encoding="utf-8")
    assert f"id: {new_id}" in saved and "quote: the lazy dog" in saved


def test_add_json_prints_the_new_record(cli: Run) -> None:
    code, out, err = cli("bookmarks", "add", "beta", "--quote", "the vote was rushed", "--json")
    assert code == 0, err
    record = json.loads(out)
    assert set(record) == CONTRACT | EXTRA
    assert record["status"] == "anchored" and record["quote"] == "the vote was rushed"
    assert listed(cli) == [record]


def test_add_forgives_whitespace_and_quote_marks(cli: Run) -> None:
    text = cleaned(cli, "alpha")
    # A line break and doubled spaces where the text has a paragraph break and one
    # space; straight quotes where the article has curly ones.
    code, out, err = cli(
        "bookmarks",
        "add",
        "alpha",
        "--quote",
        '  old harbour\nwall.   Officials  said the "new plan"  ',
        "--json",
    )
    assert code == 0, err
    record = json.loads(out)
    expected = "old harbour wall.\n\nOfficials said the “new plan”"
    assert record["quote"] == expected
    assert text[record["start"] : record["end"]] == expected


@pytest.mark.parametrize(
    ("quote", "message"),
    [
        ("the lazy cat", "quote not found in alpha"),
        ("THE LAZY DOG", "quote not found in alpha"),  # case matters: it is a quotation
        ("   \n ", "empty quote"),
    ],
)
def test_add_refuses_a_quote_not_in_the_article(
    cli: Run, corpus: Path, quote: str, message: str
) -> None:
    code, _, err = cli("bookmarks", "add", "alpha", "--quote", quote)
    assert message in one_line_error(code, err)
    assert not bookmarks_path(corpus).exists()


def test_add_unknown_or_ambiguous_document(cli: Run, make_corpus: Callable[..., Path]) -> None:
    code, _, err = cli("bookmarks", "add", "gamma", "--quote", "the")
    assert "no document matches 'gamma'" in one_line_error(code, err)
    corpus = make_corpus({"a1.txt": ALPHA, "a2.txt": ALPHA})
    code = main(["bookmarks", "add", "a", "--quote", "the", "--corpus", str(corpus)])
    assert code == 2


def test_several_occurrences_first_by_default_or_chosen(cli: Run) -> None:
    text = cleaned(cli, "alpha")
    first, second = (m.start() for m in re.finditer("quick brown fox", text))
    code, out, err = cli("bookmarks", "add", "alpha", "--quote", "quick brown fox", "--json")
    assert code == 0
    assert json.loads(out)["start"] == first
    assert "occurs 2 times" in err and "--occurrence" in err
    code, out, err = cli(
        "bookmarks", "add", "alpha", "--quote", "quick brown fox", "--occurrence", "2", "--json"
    )
    assert code == 0 and err == ""
    assert json.loads(out)["start"] == second
    for bad in ("0", "3"):
        code, _, err = cli(
            "bookmarks", "add", "alpha", "--quote", "quick brown fox", "--occurrence", bad
        )
        assert "occurs 2 times" in one_line_error(code, err)
    assert len(listed(cli)) == 2


# -- list: filters, re-anchoring, the plain listing ----------------------------------


def test_list_filters_by_document_and_tags(cli: Run) -> None:
    a = add(cli, "alpha", "the lazy dog", "--tag", "Animals", "--tag", "draft")
    b = add(cli, "beta", "the vote was rushed", "--tag", "politics", "--tag", "draft")
    c = add(cli, "beta", "schools and roads", "--tag", "politics")

    def ids(*opts: str) -> list[str]:
        return [str(r["id"]) for r in listed(cli, *opts)]

    assert ids() == [a, b, c]
    assert ids("--doc", "beta") == [b, c]
    assert ids("--doc", "bet") == [b, c]  # a unique id prefix, as elsewhere
    assert ids("--tag", "animals") == [a]  # tags compare without case
    assert ids("--tag", "draft") == [a, b]
    assert ids("--tag", "draft", "--tag", "politics") == [b]  # repeated: all of them
    assert ids("--tag", "none") == []
    assert ids("--doc", "alpha", "--tag", "politics") == []
    code, _, err = cli("bookmarks", "list", "--doc", "nothing")
    assert "no document matches" in one_line_error(code, err)
    code, out, _ = cli("bookmarks", "list", "--tag", "none")
    assert code == 0 and "No bookmarks match" in out


def test_list_reanchors_against_todays_texts(cli: Run, corpus: Path) -> None:
    moved = add(cli, "alpha", "the old harbour wall")
    gone = add(cli, "beta", "the vote was rushed", "--note", "keep me")
    alpha = corpus / "alpha.txt"
    alpha.write_text(
        ALPHA.replace("The quick brown fox", "Early on Monday, the quick brown fox"), "utf-8"
    )
    (corpus / "beta.md").rename(corpus / "beta-renamed.md")  # a new id: orphans
    records = {r["id"]: r for r in listed(cli)}
    text = cleaned(cli, "alpha")
    m = records[moved]
    assert m["status"] == "moved" and m["quote"] == "the old harbour wall"
    assert isinstance(m["start"], int) and isinstance(m["end"], int)
    assert text[m["start"] : m["end"]] == "the old harbour wall"
    o = records[gone]
    assert o["status"] == "orphaned"
    assert (o["start"], o["end"]) == (None, None)
    assert (o["quote"], o["note"], o["doc"]) == ("the vote was rushed", "keep me", "beta")
    # The orphan's document id still selects it, and the file was not rewritten.
    assert [r["id"] for r in listed(cli, "--doc", "beta")] == [gone]
    assert "beta-renamed" not in bookmarks_path(corpus).read_text("utf-8")

    code, out, _ = cli("bookmarks", "list")
    assert code == 0
    assert "ORPHANED" in out and "(document not found)" in out and "keep me" in out
    assert "◐ moved" in out and "Alpha harbour report" in out
    assert "2 bookmarks: 0 anchored, 1 moved, 1 orphaned" in out


def test_plain_listing_shows_notes_and_tags_as_data(cli: Run, corpus: Path) -> None:
    new_id = add(cli, "alpha", "the lazy dog", "--tag", "[red]tag[/red]")
    BookmarkStore(corpus).update(new_id, note="[bold]not markup[/bold] \x1b[31mred\x1b[0m")
    code, out, _ = cli("bookmarks", "list")
    assert code == 0
    assert "note: [bold]not markup[/bold] red" in out
    assert "tags: [red]tag[/red]" in out
    assert "\x1b" not in out
    assert "“the lazy dog”" in out and new_id[:8] in out and "● anchored" in out
    assert all(line == line.rstrip() for line in out.splitlines())  # no padding in pipes


def test_a_tag_in_use_is_exact_and_an_unfinished_one_completes(cli: Run) -> None:
    """--tag means what #tag means in the Bookmarks tab (reader.workspace.bookmarks)."""
    war = add(cli, "alpha", "the lazy dog", "--tag", "war")
    warsaw = add(cli, "beta", "the vote was rushed", "--tag", "Warsaw")
    ministry = add(cli, "beta", "schools and roads", "--tag", "ministry")

    def ids(*opts: str) -> list[str]:
        return [str(r["id"]) for r in listed(cli, *opts)]

    assert ids("--tag", "WAR") == [war]  # not warsaw: war is a tag in use
    assert ids("--tag", "wa") == [war, warsaw]
    assert ids("--tag", "minis") == [ministry]
    code, out, _ = cli("bookmarks", "export", "--format", "json", "--tag", "war")
    assert code == 0 and war in out and warsaw not in out


# -- export --------------------------------------------------------------------------


@pytest.fixture
def marked(cli: Run) -> dict[str, str]:
    return {
        "dog": add(cli, "alpha", "the lazy dog", "--note", "Fox *story*", "--tag", "animals"),
        "vote": add(cli, "beta", "the vote was rushed", "--note", "=1+1", "--tag", "politics"),
    }


def test_export_markdown_is_a_citation_list(cli: Run, marked: dict[str, str]) -> None:
    code, out, err = cli("bookmarks", "export")
    assert code == 0 and err == ""
    assert out.startswith("# Bookmarks\n")
    assert (
        "> the lazy dog\n\n— Jane Doe, *Alpha harbour report*, 2024-02-01\n\nFox \\*story\\*" in out
    )
    assert (
        "> the vote was rushed\n\n— Ann Smith, Bo Li, *Beta budget \\*vote\\**, Example Times, "
        "2024-03-05, <https://example.org/beta>\n\n=1+1\n\nTags: politics"
    ) in out
    code, out, _ = cli("bookmarks", "export", "--format", "md", "--tag", "ANIMALS")
    assert out.startswith("# Bookmarks tagged “ANIMALS”\n")
    assert "lazy dog" in out and "rushed" not in out


def test_export_csv_parses_back(cli: Run, marked: dict[str, str]) -> None:
    code, out, _ = cli("bookmarks", "export", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [r["id"] for r in rows] == [marked["dog"], marked["vote"]]
    vote = rows[1]
    assert (vote["doc"], vote["title"], vote["authors"]) == (
        "beta",
        "Beta budget *vote*",
        "Ann Smith; Bo Li",
    )
    assert (vote["source"], vote["date"], vote["url"]) == (
        "Example Times",
        "2024-03-05",
        "https://example.org/beta",
    )
    assert vote["quote"] == "the vote was rushed"
    assert vote["note"] == "'=1+1"  # never a spreadsheet formula
    assert cleaned(cli, "beta")[int(vote["start"]) : int(vote["end"])] == vote["quote"]
    code, out, _ = cli("bookmarks", "export", "--format", "csv", "--tag", "politics")
    assert [r["id"] for r in csv.DictReader(io.StringIO(out, newline=""))] == [marked["vote"]]


def test_export_json_is_web_annotations(cli: Run, corpus: Path, marked: dict[str, str]) -> None:
    # Text inserted before the passage: the export's position selector follows it.
    (corpus / "alpha.txt").write_text(ALPHA.replace("The quick", "Update: the quick"), "utf-8")
    code, out, err = cli("bookmarks", "export", "--format", "json")
    assert code == 0, err
    items = json.loads(out)
    assert [item["id"] for item in items] == [
        f"urn:uuid:{marked['dog']}",
        f"urn:uuid:{marked['vote']}",
    ]
    text = cleaned(cli, "alpha")
    for item in items:
        assert item["@context"] == "http://www.w3.org/ns/anno.jsonld"
        assert item["type"] == "Annotation" and item["motivation"] == "bookmarking"
        assert ISO.fullmatch(item["created"]) and ISO.fullmatch(item["modified"])
    dog = items[0]
    assert dog["target"]["source"] == (corpus / "alpha.txt").resolve().as_uri()
    quote_selector, position = dog["target"]["selector"]
    assert (
        quote_selector["type"] == "TextQuoteSelector" and quote_selector["exact"] == "the lazy dog"
    )
    assert position["type"] == "TextPositionSelector"
    assert text[position["start"] : position["end"]] == "the lazy dog"
    assert {"type": "TextualBody", "value": "animals", "purpose": "tagging"} in dog["body"]
    # A web page is targeted by quote only; the offsets go with reader's text.
    web, local = items[1]["target"]
    assert web["source"] == "https://example.org/beta"
    assert web["selector"]["type"] == "TextQuoteSelector"
    assert local["source"] == (corpus / "beta.md").resolve().as_uri()
    assert [s["type"] for s in local["selector"]] == ["TextQuoteSelector", "TextPositionSelector"]
    code, out, _ = cli("bookmarks", "export", "--format", "json", "--tag", "nothing")
    assert code == 0 and json.loads(out) == []


def test_export_keeps_orphans_with_their_saved_quote(
    cli: Run, corpus: Path, marked: dict[str, str]
) -> None:
    (corpus / "beta.md").unlink()
    code, out, err = cli("bookmarks", "export", "--format", "json")
    assert code == 0
    assert "1 bookmark orphaned" in err
    [_, vote] = json.loads(out)
    # No metadata for a deleted document, so no URL: reader's text is the only target.
    assert vote["target"]["source"] == "urn:reader:doc:beta"
    assert vote["target"]["selector"][0]["exact"] == "the vote was rushed"


def test_export_output_is_written_and_protected(
    cli: Run, corpus: Path, tmp_path: Path, marked: dict[str, str]
) -> None:
    target = tmp_path / "out" / "cites.md"
    target.parent.mkdir()
    target.write_text("old export")
    code, out, err = cli("bookmarks", "export", "--output", str(target))
    assert code == 0 and out == ""
    assert "exported 2 bookmarks" in err
    _, stdout_export, _ = cli("bookmarks", "export")
    assert target.read_text("utf-8") == stdout_export
    assert sorted(p.name for p in target.parent.iterdir()) == ["cites.md"]  # no temp files left

    store_file = bookmarks_path(corpus)
    before = store_file.read_bytes()
    link = tmp_path / "link.yaml"
    link.symlink_to(store_file)
    for refused in (store_file, Path(str(store_file) + ".bak"), link):
        code, _, err = cli("bookmarks", "export", "--format", "json", "-o", str(refused))
        assert "bookmarks file" in one_line_error(code, err)
    code, _, err = cli("bookmarks", "export", "-o", str(corpus / "alpha.txt"))
    assert "articles are never modified" in one_line_error(code, err)
    code, _, err = cli("bookmarks", "export", "-o", str(tmp_path))
    assert "is a folder" in one_line_error(code, err)
    assert store_file.read_bytes() == before
    assert (corpus / "alpha.txt").read_text("utf-8") == ALPHA


# -- a broken bookmarks file ---------------------------------------------------------


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix != ".lock"}


def test_unreadable_file_one_line_errors_and_bytes_kept(cli: Run, corpus: Path) -> None:
    add(cli, "alpha", "the lazy dog")
    store_file = bookmarks_path(corpus)
    store_file.write_bytes(b"version: 1\nbookmarks: [ {id: x, quote: 'half\n")
    before = _files(store_file.parent)
    for args in (("list",), ("list", "--json"), ("export",), ("export", "--format", "csv")):
        code, out, err = cli("bookmarks", *args)
        assert "is not valid YAML" in one_line_error(code, err) and out == ""
    code, out, err = cli("bookmarks", "add", "alpha", "--quote", "the lazy dog", "--json")
    line = one_line_error(code, err)
    assert line.startswith("reader: bookmark not added: ") and "left untouched" in line
    assert out == ""
    assert _files(store_file.parent) == before  # file and backup: not a byte changed


def test_partly_broken_file_is_still_listed_and_exported(cli: Run, corpus: Path) -> None:
    good = add(cli, "alpha", "the lazy dog", "--note", "fine")
    bad = add(cli, "beta", "the vote was rushed")
    store_file = bookmarks_path(corpus)
    text = store_file.read_text("utf-8")
    broken = re.sub(r"(id: " + bad + r"[\s\S]*?start: )\d+", r"\1minus one", text)
    assert broken != text
    store_file.write_text(broken, "utf-8")
    before = _files(store_file.parent)

    code, out, err = cli("bookmarks", "list", "--json")
    assert code == 0
    assert [r["id"] for r in json.loads(out)] == [good]
    assert "'start' must be a whole number" in err and "showing the 1 that could be read" in err
    code, out, _ = cli("bookmarks", "export", "--format", "csv")
    assert code == 0
    assert [r["id"] for r in csv.DictReader(io.StringIO(out, newline=""))] == [good]
    code, _, err = cli("bookmarks", "add", "alpha", "--quote", "harbour master")
    assert "left untouched" in one_line_error(code, err)
    assert _files(store_file.parent) == before


# -- the installed script ------------------------------------------------------------


def test_installed_script_end_to_end(corpus: Path) -> None:
    added = run_reader(
        "bookmarks", "add", "alpha", "--quote", "the lazy dog", "--corpus", str(corpus)
    )
    assert added.returncode == 0, added.stderr
    missing = run_reader(
        "bookmarks", "add", "alpha", "--quote", "no such words", "--corpus", str(corpus)
    )
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    listing = run_reader("bookmarks", "list", "--json", "--corpus", str(corpus))
    assert [r["id"] for r in json.loads(listing.stdout)] == [added.stdout.strip()]


def test_two_processes_adding_at_once_both_keep_their_bookmark(
    corpus: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "READER_CONFIG_DIR": str(home / "config"),
        "READER_DATA_DIR": str(home / "data"),
        "READER_CACHE_DIR": str(home / "cache"),
    }
    # 200 older bookmarks make each read-modify-write take a few hundred milliseconds,
    # so the two processes' updates really overlap (without the store's lock, one of
    # the two bookmarks is lost in nearly every round).
    old_text = "An older article about ships, quays and the harbour master. " * 20
    seeded = [
        Bookmark.on_text("older-article", old_text, i % 900, i % 900 + 40, note=f"old {i}")
        for i in range(200)
    ]
    store_file = home / "data" / "corpora" / corpus_key(corpus) / "bookmarks.yaml"
    store_file.parent.mkdir(parents=True)
    store_file.write_text(encode(seeded), "utf-8")

    quotes = ("the lazy dog", "the harbour master")
    command = [str(READER), "bookmarks", "add", "alpha", "--corpus", str(corpus), "--quote"]
    added: list[str] = []
    for round_ in range(3):  # round 0 also races to build the index
        workers = [
            subprocess.Popen(
                [*command, quote],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for quote in quotes
        ]
        for worker in workers:
            out, err = worker.communicate(timeout=120)
            assert worker.returncode == 0, f"round {round_}: {err}"
            added.append(out.strip())
        listing = subprocess.run(
            [str(READER), "bookmarks", "list", "--json", "--corpus", str(corpus)],
            env=env, capture_output=True, text=True, timeout=120, check=True,
        )  # fmt: skip
        records = json.loads(listing.stdout)
        assert len(records) == 200 + len(added), f"round {round_}: a bookmark was lost"
        assert {r["id"] for r in records} >= set(added)
        assert sorted(r["quote"] for r in records if r["doc"] == "alpha") == sorted(
            quotes * (round_ + 1)
        )
