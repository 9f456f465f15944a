"""Files that try to break the parser: escapes, markup, odd shapes, and a 20 MB article."""

from __future__ import annotations

import re

import pytest

from reader.core.corpus.parse import parse_text

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def all_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*all_strings(k), *all_strings(v))]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in all_strings(v)]
    return []


HOSTILE_TEXT = (
    "Title \x1b[31mred\x1b[0m \x1b]8;;http://evil\x07link\x1b]8;;\x07\n\n"
    "Jane \x1b[1mDoe\n\n"
    "Body \x1b[2J\x1b[H text\x00 with \u202ebidi\u202c, a bell\x07 and \x9b6n C1 CSI. "
    "[bold]Rich markup[/bold] and [link=http://x]stays[/link] literal. "
    "Line one.\r\nLine two.\r\n\r\nSecond paragraph \x1bP dcs \x1b\\ end.\r\n"
)


def test_escape_sequences_and_controls_never_survive() -> None:
    parsed = parse_text(HOSTILE_TEXT)
    for value in (parsed.text, *all_strings(parsed.meta.to_json())):
        assert not CONTROL.search(value), repr(value)
        assert "\u202e" not in value
    assert parsed.meta.title == "Title red link"
    assert "[bold]Rich markup[/bold]" in parsed.text
    assert "[link=http://x]stays[/link]" in parsed.text
    assert "\r" not in parsed.text


def test_crlf_and_cr_line_endings_parse_like_lf() -> None:
    lf = "A Title\n\nJane Doe\n\nFirst paragraph\ncontinues here.\n\nSecond.\n"
    for ending in ("\r\n", "\r"):
        assert parse_text(lf.replace("\n", ending)) == parse_text(lf)


@pytest.mark.parametrize("text", ["", "   \n\n\t\n", "---\n", "---\n---\n", "\x1b[2J", "*", "#"])
def test_degenerate_files(text: str) -> None:
    parsed = parse_text(text, fallback_title="fallback")
    assert parsed.meta.title in ("fallback", "*", "#")
    assert not CONTROL.search(parsed.text)


def test_fallback_title_from_first_sentence() -> None:
    long = "This is a long first paragraph that starts the file. " * 3
    parsed = parse_text(long)
    assert parsed.meta.title == "This is a long first paragraph that starts the file."
    assert parsed.text == long.strip()


def test_footer_only_file_keeps_its_text() -> None:
    parsed = parse_text("Title\n\nTo contact the WSWS visit:\n\nwsws.org/contact\n")
    assert "To contact the WSWS" in parsed.text


def test_a_short_paragraph_split_over_lines_is_one_paragraph() -> None:
    parsed = parse_text("Title\n\nBy Jane Doe\n\nThe first line\nand the second line.\n")
    assert parsed.text == "The first line and the second line."


def test_lowercase_continuation_after_sentence_end_is_not_joined() -> None:
    body = "First paragraph ends here.\n\nlowercase start of another one."
    parsed = parse_text("Title\n\n" + body)
    assert parsed.text == "First paragraph ends here.\n\nlowercase start of another one."


def big_article(megabytes: int) -> str:
    paragraph = (
        "The *committee* reported that \\$40 million had been spent on [roads](#) and "
        "schools, while officials said the programme would continue next year and "
    )
    closing = "that the review was finished.\n\n"
    unit = paragraph + "\n\n" + closing  # a paragraph split mid-sentence, rejoined
    count = megabytes * 1024 * 1024 // len(unit) + 1
    return "A Very Large Article\n\nJane Doe 1 February 2024\n\n" + unit * count


@pytest.mark.slow
def test_twenty_megabyte_file_parses() -> None:
    """Linear parsing: 20 MB completes (about 5 s here) and the result is sane."""
    text = big_article(20)
    assert len(text) >= 20 * 1024 * 1024
    parsed = parse_text(text)
    assert parsed.meta.title == "A Very Large Article"
    assert parsed.meta.authors == ("Jane Doe",)
    assert parsed.meta.date == "2024-02-01"
    assert parsed.text.count("$40 million") == text.count("\\$40 million")
    assert "continue next year and that the review" in parsed.text
    assert "*" not in parsed.text and "](#)" not in parsed.text
    italics = [s for s in parsed.styles if s.style == "italic"]
    assert len(italics) == text.count("*committee*")
    assert all(parsed.text[s.start : s.end] == "committee" for s in italics[-100:])


# Whole-file shapes that stress the scanner; each is 1 MB and must simply finish.
SHAPES = {
    "one huge line": "Title\n\n" + "word " * 200_000,
    "one paragraph of many lines": "Title\n\n" + "a line\n" * 150_000,
    "only headings": "# heading\n" * 100_000,
    "openers": "Title\n\n" + "*a _b " * 170_000,
    "brackets": "Title\n\n" + "[x " * 330_000,
    "escape starts": "Title\n\n" + "\x1b[" * 500_000,
    "osc without end": "Title\n\n" + "\x1b]" + "x" * 1_000_000,
    "front matter fence only": "---\n" + "a: b\n" * 200_000,
    "dates": "Title\n\n" + "1 January 2024 " * 70_000,
    "breadcrumbs": "- a - b - c -\n" * 70_000,
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_hostile_shapes_finish(name: str) -> None:
    parsed = parse_text(SHAPES[name])
    assert not CONTROL.search(parsed.text)
    for span in parsed.styles:
        assert 0 <= span.start <= span.end <= len(parsed.text)
