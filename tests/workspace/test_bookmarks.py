"""The bookmark session: adding by quote, undo, one tag-filter meaning, the views."""

from __future__ import annotations

import pytest

from reader.core.bookmarks import Bookmark, InvalidSelection, QuoteNotFound, ReadOnlyError
from reader.workspace import Workspace
from reader.workspace.bookmarks import with_tags


def test_add_by_quote_finds_it_as_typed(workspace: Workspace) -> None:
    session = workspace.bookmarks
    added = session.add_quote("alpha", "  lazy\n dog", note="n", tags=["Dogs"])
    assert added.occurrences == 2  # the first by default
    text = workspace.text("alpha") or ""
    assert text[added.bookmark.start : added.bookmark.end] == "lazy dog"
    assert added.bookmark.note == "n" and added.bookmark.tags == ("Dogs",)
    second = session.add_quote("alpha", "lazy dog", occurrence=2)
    assert second.occurrences == 2 and second.bookmark.start > added.bookmark.start
    with pytest.raises(QuoteNotFound):
        session.add_quote("alpha", "the lazy dog sleeps")  # case matters: a quotation
    assert [b.id for b in session.open_store().load()] == [added.bookmark.id, second.bookmark.id]


def test_add_by_quote_refuses_with_one_line(workspace: Workspace) -> None:
    session = workspace.bookmarks
    with pytest.raises(QuoteNotFound, match="quote not found in alpha: 'lazy cat'"):
        session.add_quote("alpha", "lazy cat")
    with pytest.raises(QuoteNotFound, match="empty quote"):
        session.add_quote("alpha", " \n")
    with pytest.raises(InvalidSelection, match="occurs 2 times in alpha"):
        session.add_quote("alpha", "lazy dog", occurrence=3)
    assert session.open_store().load() == []


def test_a_broken_file_is_never_written(workspace: Workspace) -> None:
    session = workspace.bookmarks
    path = session.open_store().path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("bookmarks: [unclosed\n", encoding="utf-8")
    session.adopt(session.read())
    with pytest.raises(ReadOnlyError):
        session.add_quote("alpha", "lazy dog")
    assert path.read_text(encoding="utf-8") == "bookmarks: [unclosed\n"


def test_edit_and_delete_undo_in_reverse_order(workspace: Workspace) -> None:
    session = workspace.bookmarks
    first = session.add_quote("alpha", "quick brown fox", note="before").bookmark
    assert not session.can_undo  # adding is not undone here: delete does that
    session.update(first.id, note="after", tags=["x"])
    session.delete(first.id)
    assert session.open_store().load() == []
    assert session.undo() == ("delete", session.open_store().get(first.id))
    restored = session.open_store().get(first.id)
    assert restored.note == "after"
    what, bookmark = session.undo() or ("", first)
    assert what == "edit" and bookmark.note == "before"
    assert session.open_store().load()[0].note == "before"
    assert session.undo() is None and not session.can_undo


def test_a_failed_undo_keeps_its_step(workspace: Workspace) -> None:
    session = workspace.bookmarks
    made = session.add_quote("beta", "vote was rushed").bookmark
    session.delete(made.id)
    path = session.open_store().path
    path.write_text("bookmarks: [unclosed\n", encoding="utf-8")
    with pytest.raises(ReadOnlyError):
        session.undo()
    assert session.can_undo


def _bookmark(doc: str, *tags: str) -> Bookmark:
    text = "some words to mark"
    return Bookmark.on_text(doc, text, 0, 4, tags=tags)


def test_one_tag_filter_exact_when_in_use_prefix_while_typing() -> None:
    war, warsaw, ministry = (
        _bookmark("a", "war"),
        _bookmark("b", "Warsaw"),
        _bookmark("c", "ministry"),
    )
    everything = [war, warsaw, ministry]
    in_use = ["war", "Warsaw", "ministry"]
    assert with_tags(everything, ["WAR"], in_use) == [war]  # a tag in use: that tag
    assert with_tags(everything, ["minis"], in_use) == [ministry]  # unfinished: completed
    assert with_tags(everything, ["wa"], in_use) == [war, warsaw]
    assert with_tags(everything, ["war", "minis"], in_use) == []  # every tag must hold
    assert with_tags(everything, ["none"], in_use) == []
    assert with_tags(everything, [], in_use) == everything


def test_views_hear_of_changes_and_marks_fit_the_text(workspace: Workspace) -> None:
    session = workspace.bookmarks
    heard: list[int] = []
    session.subscribe(lambda: heard.append(len(session.items)))
    made = session.add_quote("alpha", "lazy dog").bookmark
    session.items = session.anchored(session.open_store().load())
    session.changed()
    assert heard == [1]
    text = workspace.text("alpha") or ""
    assert session.spans_for("alpha", text) == [(made.start, made.end)]
    assert session.spans_for("alpha", "an older text of the article") == []
    assert session.spans_for("beta", workspace.text("beta") or "") == []
