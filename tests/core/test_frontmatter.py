"""YAML front matter: it wins over heuristics, and hostile YAML never hangs or leaks."""

from __future__ import annotations

import pytest

from reader.core.corpus.frontmatter import (
    MAX_FRONT_MATTER,
    FrontMatterError,
    load_front_matter,
    split_front_matter,
)
from reader.core.corpus.parse import parse_text

FULL = """---
title: Front Matter Title
authors: [Ann Author, Bo Writer]
date: 2020-05-06
source: The Outlet
url: https://example.org/story
tags: [war, economy]
section: World
rating: 4
---
A heuristic title that must lose

By Someone Else

Body paragraph one is here and it is long enough to be prose for the heuristics, yes.
"""


def test_front_matter_wins_and_unknown_keys_are_kept() -> None:
    parsed = parse_text(FULL)
    meta = parsed.meta
    assert meta.title == "Front Matter Title"
    assert meta.authors == ("Ann Author", "Bo Writer")
    assert meta.date == "2020-05-06"
    assert meta.source == "The Outlet"
    assert meta.url == "https://example.org/story"
    assert meta.tags == ("war", "economy")
    assert meta.extra == {"section": "World", "rating": 4}
    assert parsed.warnings == ()
    assert "title: " not in parsed.text
    assert "---" not in parsed.text


def test_first_body_line_kept_when_front_matter_names_the_article() -> None:
    parsed = parse_text("---\ntitle: Named\n---\nA short opening line.\n\nMore text.\n")
    assert parsed.meta.title == "Named"
    assert parsed.text.startswith("A short opening line.")


def test_heading_repeating_the_front_matter_title_is_dropped() -> None:
    parsed = parse_text("---\ntitle: Same Title\n---\n# Same title\n\nBody para.\n")
    assert parsed.text == "Body para."


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("author: Jane Doe", ("Jane Doe",)),
        ("author: Jane Doe and John Smith", ("Jane Doe", "John Smith")),
        ("authors: 'Doe, J.; Smith, K.'", ("Doe", "J.", "Smith", "K.")),
        ("authors: [Jane Doe, null, '']", ("Jane Doe",)),
    ],
)
def test_author_forms(front: str, expected: tuple[str, ...]) -> None:
    assert parse_text(f"---\n{front}\n---\nBody.\n").meta.authors == expected


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024-02-01", "2024-02-01"),
        ("2024-02-01T10:00:00Z", "2024-02-01"),
        ("'1 February 2024'", "2024-02-01"),
        ("Feb 7, 2024", "2024-02-07"),
    ],
)
def test_front_matter_dates(value: str, iso: str) -> None:
    assert parse_text(f"---\ndate: {value}\n---\nBody.\n").meta.date == iso


def test_impossible_date_warns_but_keeps_the_rest() -> None:
    parsed = parse_text("---\ntitle: Kept\ndate: 2024-13-45\n---\nBody.\n")
    assert parsed.meta.title == "Kept"
    assert parsed.meta.date is None
    assert len(parsed.warnings) == 1
    assert "date" in parsed.warnings[0]


def test_front_matter_date_falls_back_to_header_date() -> None:
    parsed = parse_text("---\ndate: someday\n---\nTitle\n\n7 February 2024\n\nBody.\n")
    assert parsed.meta.date == "2024-02-07"


INVALID = {
    "unclosed list": "title: [unclosed",
    "bad indent": "title: a\n  - b\n c: d",
    "unterminated quote": "title: 'unterminated",
    "duplicate anchor use before definition": "a: *nowhere",
    "python tag": "!!python/object/apply:os.system ['echo pwned']",
    "not a mapping": "- a\n- b",
    "scalar": "just a string",
    "deep nesting": "x: " + "[" * 3000 + "]" * 3000,
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_yaml_warns_and_falls_back(name: str) -> None:
    text = f"---\n{INVALID[name]}\n---\nHeuristic Title\n\nBody text.\n"
    parsed = parse_text(text)
    assert parsed.meta.title == "Heuristic Title"
    assert parsed.text == "Body text."
    assert len(parsed.warnings) == 1
    assert parsed.warnings[0].startswith("front matter ignored: ")
    assert "\n" not in parsed.warnings[0]


def billion_laughs(levels: int, width: int) -> str:
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    for n in range(1, levels):
        refs = ", ".join([f"*l{n - 1}"] * width)
        lines.append(f"l{n}: &l{n} [{refs}]")
    return "\n".join(lines)


@pytest.mark.parametrize(("levels", "width"), [(9, 9), (30, 2), (6, 5)])
def test_alias_bomb_is_refused(levels: int, width: int) -> None:
    split = split_front_matter(f"---\n{billion_laughs(levels, width)}\n---\nbody\n")
    assert split.data is None
    assert split.body == "body\n"
    assert split.warning is not None
    assert "alias" in split.warning or "too large" in split.warning


def test_alias_bomb_in_a_file_falls_back_to_heuristics() -> None:
    parsed = parse_text(f"---\n{billion_laughs(9, 9)}\n---\nTitle Here\n\nBody.\n")
    assert parsed.meta.title == "Title Here"
    assert len(parsed.warnings) == 1


def test_a_few_aliases_are_fine() -> None:
    data = load_front_matter("a: &x Jane Doe\nauthors: [*x, Bob Smith]")
    assert data == {"a": "Jane Doe", "authors": ["Jane Doe", "Bob Smith"]}


def test_oversized_front_matter_is_refused() -> None:
    with pytest.raises(FrontMatterError):
        load_front_matter("k: " + "x" * (MAX_FRONT_MATTER + 1))


def test_no_closing_fence_means_no_front_matter() -> None:
    text = "---\ntitle: x\nno closing fence here\n"
    split = split_front_matter(text)
    assert (split.data, split.body, split.warning) == (None, text, None)


def test_fence_forms() -> None:
    assert split_front_matter("---\ntitle: x\n...\nbody").data == {"title": "x"}
    assert split_front_matter("---\n---\nbody").data == {}
    assert split_front_matter("---\ntitle: Hi\n---").body == ""
    assert split_front_matter("no front matter\n---\n").data is None
    assert split_front_matter(" ---\ntitle: x\n---\n").data is None


def test_crlf_front_matter_is_read_after_normalisation() -> None:
    parsed = parse_text("---\r\ntitle: Windows\r\n---\r\nBody line.\r\n")
    assert parsed.meta.title == "Windows"
    assert parsed.text == "Body line."


def test_escape_sequences_built_by_yaml_escapes_are_removed() -> None:
    text = (
        '---\ntitle: "\\x1b[31mRed\\x07"\nauthors: "\\e]8;;http://evil\\a"\n'
        '"k\\x1b": "\\x9b2J"\n---\nBody.\n'
    )
    parsed = parse_text(text)
    dumped = repr(parsed.meta)
    assert parsed.meta.title == "Red"
    assert "\x1b" not in dumped and "\x07" not in dumped and "\x9b" not in dumped


@pytest.mark.parametrize("block", ["!!int", "!!float ", "a: 1\n!!int"])
def test_yaml_the_constructor_chokes_on_is_a_warning(block: str) -> None:
    """PyYAML's constructor raises IndexError on an empty tagged scalar: the file is still
    read, with the front matter ignored and said so."""
    parsed = parse_text(f"---\n{block}\n---\nHeuristic Title\n\nBody text.\n")
    assert parsed.meta.title == "Heuristic Title"
    assert len(parsed.warnings) == 1 and parsed.warnings[0].startswith("front matter ignored")
