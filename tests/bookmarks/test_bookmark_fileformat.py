"""bookmarks.yaml: round trips, hostile files, hand edits."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.bookmarks import Bookmark, BookmarkError, fileformat
from reader.core.bookmarks.fileformat import decode, encode

from .conftest import TEXT

any_text = st.text(st.characters(codec="utf-8"))


def _bookmark(**changes: object) -> Bookmark:
    fields = {
        "id": "b1",
        "doc": "a.txt",
        "quote": "q",
        "prefix": "",
        "suffix": "",
        "start": 0,
        "end": 1,
        "text_hash": "sha256:0",
    }
    fields.update(changes)
    return Bookmark(**fields)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(
    quote=any_text.filter(bool),
    prefix=any_text,
    note=any_text,
    tags=st.lists(any_text.filter(str.strip), max_size=4),
    doc=any_text.filter(bool),
)
def test_any_text_reads_back_exactly(
    quote: str, prefix: str, note: str, tags: list[str], doc: str
) -> None:
    b = _bookmark(quote=quote, prefix=prefix, suffix=quote, note=note, tags=tuple(tags), doc=doc)
    decoded = decode(encode([b]).encode("utf-8"))
    assert decoded.problem is None
    assert decoded.bookmarks == [b]


def test_file_is_readable_yaml_with_a_header() -> None:
    b = Bookmark.on_text("business/001.txt", TEXT, 0, 9, note="yes", tags=["no", "2024"])
    text = encode([b])
    assert text.startswith("# reader bookmarks")
    data = yaml.safe_load(text)
    assert data["version"] == 1
    assert data["bookmarks"][0]["note"] == "yes"  # YAML 1.1 booleans stay strings
    assert data["bookmarks"][0]["tags"] == ["no", "2024"]


def test_shared_values_are_written_without_anchors() -> None:
    b = _bookmark()
    text = encode([b, _bookmark(id="b2")])
    assert "&id" not in text and "*id" not in text


def test_surrogates_cannot_be_saved_and_say_so() -> None:
    with pytest.raises(BookmarkError, match="cannot save"):
        encode([_bookmark(quote="\ud800")])


def test_empty_file_means_no_bookmarks() -> None:
    assert decode(b"").bookmarks == [] and decode(b"").problem is None
    assert decode(b"# just a comment\n").problem is None


def test_hand_written_entry_with_unquoted_times_and_number_tags_is_accepted() -> None:
    raw = (
        b"bookmarks:\n"
        b"- id: mine\n  doc: a.txt\n  quote: hello\n  start: 3\n  end: 8\n"
        b"  tags: [2024, politics]\n  created: 2024-05-01T12:00:00Z\n"
    )
    decoded = decode(raw)
    assert decoded.problem is None
    [b] = decoded.bookmarks
    assert b.tags == ("2024", "politics")
    assert b.created == "2024-05-01T12:00:00Z"
    assert (b.note, b.prefix, b.text_hash) == ("", "", "")


def test_unknown_keys_survive_a_round_trip() -> None:
    raw = (
        b"version: 1\nowner: me\nbookmarks:\n"
        b"- {id: x, doc: a, quote: q, start: 0, end: 1, colour: red}\n"
    )
    decoded = decode(raw)
    assert decoded.problem is None and decoded.extra == {"owner": "me"}
    again = yaml.safe_load(encode(decoded.bookmarks, decoded.extra))
    assert again["owner"] == "me"
    assert again["bookmarks"][0]["colour"] == "red"


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"bookmarks: [unclosed", "not valid YAML"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"- a\n- list\n", "mapping"),
        (b"version: 2\nbookmarks: []\n", "version"),
        (b"bookmarks:\n- {id: x, doc: a, quote: q, start: one, end: 2}\n", "'start'"),
        (b"bookmarks:\n- {id: x, doc: a, start: 0, end: 2}\n", "'quote'"),
        (b"bookmarks:\n- {id: x, doc: a, quote: q, start: 0, end: 1, note: 42}\n", "'note'"),
        (b"bookmarks:\n- {id: x, doc: a, quote: q, start: 5, end: 1}\n", "before"),
        (b"bookmarks:\n- {id: x, doc: a, quote: q, start: true, end: 1}\n", "'start'"),
        (b"bookmarks:\n- {id: x, doc: a, quote: q, start: 0, end: 1, tags: [[a]]}\n", "tags"),
        (b"bookmarks:\n- just text\n", "not a mapping"),
    ],
)
def test_broken_files_are_reported_in_one_line(raw: bytes, words: str) -> None:
    problem = decode(raw).problem
    assert problem is not None and words in problem
    assert "\n" not in problem


def test_valid_entries_are_still_returned_beside_a_broken_one() -> None:
    raw = (
        b"bookmarks:\n"
        b"- {id: a, doc: d, quote: q, start: 0, end: 1}\n"
        b"- {id: b, doc: d, quote: q, start: x, end: 1}\n"
        b"- {id: a, doc: d, quote: q, start: 0, end: 1}\n"
        b"- {id: c, doc: d, quote: q, start: 0, end: 1}\n"
    )
    decoded = decode(raw)
    assert decoded.problem is not None and "entry 2 (b)" in decoded.problem
    assert [b.id for b in decoded.bookmarks] == ["a", "c"]
    assert "used twice" in (decode(raw.replace(b"start: x", b"start: 0")).problem or "")


def test_alias_bomb_is_refused_before_it_is_built() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 12):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    lines.append("bookmarks: *a11")
    problem = decode("\n".join(lines).encode()).problem
    assert problem is not None and "aliases" in problem


@pytest.mark.parametrize("raw", [b"[" * 200_000, b"- " * 200_000 + b"x", b"? " * 50_000 + b"x"])
def test_deep_nesting_is_refused_without_crashing(raw: bytes) -> None:
    # Without the pre-scan, libyaml's composer overflows the C stack on these (segfault).
    problem = decode(raw).problem
    assert problem is not None and "nested" in problem


def test_huge_file_is_refused_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = encode([_bookmark(id=f"b{i}") for i in range(50)]).encode()
    assert decode(raw).problem is None
    monkeypatch.setattr(fileformat, "MAX_FILE_BYTES", len(raw) - 1)
    problem = decode(raw).problem
    assert problem is not None and "larger than" in problem
