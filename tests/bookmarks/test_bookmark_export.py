"""Exports: Markdown citations, spreadsheet-safe CSV, W3C Web Annotation JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

from reader.core.bookmarks import Bookmark, export_csv, export_json, export_markdown

from .conftest import TEXT, Clock

META: dict[str, dict[str, Any]] = {
    "business/001.txt": {
        "title": "Ad sales boost *Time Warner* profit",
        "authors": ["Jane Doe", "John Roe"],
        "source": "BBC News",
        "date": "2005-01-01",
        "url": "https://news.example/001",
    }
}


def meta_of(doc: str) -> Mapping[str, Any] | None:
    return META.get(doc)


def _marks() -> list[Bookmark]:
    clock = Clock()
    first = Bookmark.on_text(
        "business/001.txt", TEXT, 0, 9, note='=HYPERLINK("x")', tags=["money"], clock=clock
    )
    start = TEXT.index("The firm")
    second = Bookmark.on_text("gone.txt", TEXT, start, start + 8, tags=["other"], clock=clock)
    return [first, second]


def test_markdown_is_a_citation_list() -> None:
    out = export_markdown(_marks(), meta_of)
    assert out.startswith("# Bookmarks\n")
    assert "> Quarterly\n\n— Jane Doe, John Roe, *Ad sales boost \\*Time Warner\\* profit*, " in out
    assert "BBC News, 2005-01-01, <https://news.example/001>" in out
    assert '<https://news.example/001>\n\n=HYPERLINK("x")\n\nTags: money\n' in out
    assert "> The firm\n\n— *gone.txt*" in out  # unknown document: its id stands as title


def test_markdown_quotes_every_line_and_escapes_markup() -> None:
    text = "- not a list\n# not a heading\n\n1. not numbered *nor bold*"
    b = Bookmark.on_text("d", text, 0, len(text))
    out = export_markdown([b], lambda doc: None)
    assert "> \\- not a list\n> \\# not a heading\n>\n> 1\\. not numbered \\*nor bold\\*" in out


def test_tag_filter_applies_to_every_format() -> None:
    marks = _marks()
    assert "The firm" not in export_markdown(marks, meta_of, tag="money")
    assert "tagged “money”" in export_markdown(marks, meta_of, tag="money")
    rows = list(csv.DictReader(io.StringIO(export_csv(marks, meta_of, tag="other"))))
    assert [r["doc"] for r in rows] == ["gone.txt"]
    assert len(json.loads(export_json(marks, meta_of, tag="nothing"))) == 0


def test_csv_round_trips_and_defuses_formulas() -> None:
    b = Bookmark.on_text("d", 'a, "quoted"\nline', 0, 16, note="+cmd", tags=["-x", "@y"])
    out = export_csv([b, *_marks()], meta_of)
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert rows[0]["quote"] == 'a, "quoted"\nline'
    assert rows[0]["note"] == "'+cmd"
    assert rows[0]["tags"] == "'-x; @y"
    assert rows[1]["note"] == '\'=HYPERLINK("x")'
    assert rows[1]["authors"] == "Jane Doe; John Roe" and rows[1]["start"] == "0"
    assert rows[2]["title"] == "gone.txt"
    for row in rows:
        assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())
    assert out.endswith("\r\n")


def test_json_is_w3c_web_annotations() -> None:
    first, second = json.loads(export_json(_marks(), meta_of))
    assert first["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert first["type"] == "Annotation" and first["id"].startswith("urn:uuid:")
    assert first["created"].endswith("Z")
    assert first["body"] == [
        {
            "type": "TextualBody",
            "value": '=HYPERLINK("x")',
            "format": "text/plain",
            "purpose": "commenting",
        },
        {"type": "TextualBody", "value": "money", "purpose": "tagging"},
    ]
    quote = {"type": "TextQuoteSelector", "exact": "Quarterly", "prefix": "", "suffix": TEXT[9:41]}
    # With a web URL: the page, by quote only (offsets count reader's cleaned text, not
    # the page's), and reader's text, by quote and offsets.
    assert first["target"] == [
        {"type": "SpecificResource", "source": "https://news.example/001", "selector": quote},
        {
            "type": "SpecificResource",
            "source": "urn:reader:doc:business/001.txt",
            "selector": [quote, {"type": "TextPositionSelector", "start": 0, "end": 9}],
        },
    ]
    assert second["target"]["source"] == "urn:reader:doc:gone.txt"
    assert [s["type"] for s in second["target"]["selector"]] == [
        "TextQuoteSelector",
        "TextPositionSelector",
    ]
    assert [b["purpose"] for b in second["body"]] == ["tagging"]


def test_json_sources_are_iris() -> None:
    b = Bookmark.on_text("world/a b?.txt", TEXT, 0, 9)
    meta: dict[str, Any] = {"url": "not a url", "path": "/corpus/world/a b?.txt"}
    [item] = json.loads(export_json([b], lambda doc: meta))
    assert item["target"]["source"] == "file:///corpus/world/a%20b%3F.txt"
    meta = {"url": "javascript:alert(1)", "path": "relative/a.txt"}
    [item] = json.loads(export_json([b], lambda doc: meta))
    assert item["target"]["source"] == "urn:reader:doc:world/a%20b%3F.txt"


def test_tag_filter_ignores_case() -> None:
    assert len(json.loads(export_json(_marks(), meta_of, tag="MONEY"))) == 1


def test_json_ids_stay_iris_for_hand_written_ids() -> None:
    b = Bookmark(
        id="my note", doc="d", quote="q", prefix="", suffix="", start=0, end=1, text_hash=""
    )
    [annotation] = json.loads(export_json([b], lambda doc: None))
    assert annotation["id"] == "urn:reader:bookmark:my%20note"
    assert "body" not in annotation and "created" not in annotation
