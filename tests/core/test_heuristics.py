"""The small pieces the parser is built from: text normalising, dates, names, sources, blocks."""

from __future__ import annotations

import pytest

from reader.core.corpus.blocks import split_blocks
from reader.core.corpus.boilerplate import is_breadcrumb, is_footer_block, is_rule
from reader.core.corpus.dates import date_line, find_date, normalise_date
from reader.core.corpus.header import parse_byline, parse_names
from reader.core.corpus.sources import domain_of, source_from_copyright, source_from_url
from reader.core.text.textnorm import normalise, strip_controls


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("plain", "plain"),
        ("\x1b[31mred\x1b[0m", "red"),
        ("\x1b]8;;http://evil.example\x07link\x1b]8;;\x07", "link"),
        ("\x1b]0;title\x1b\\after", "after"),
        ("\x9b2Jx", "x"),
        ("bell\x07 nul\x00 del\x7f", "bell nul del"),
        ("bidi \u202eevil\u202c", "bidi evil"),
        ("[bold]kept[/bold]", "[bold]kept[/bold]"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
    ],
)
def test_strip_controls(raw: str, clean: str) -> None:
    assert strip_controls(raw) == clean


def test_normalise_line_endings_bom_and_tabs() -> None:
    assert normalise("\ufeffa\r\nb\rc\td") == "a\nb\nc    d"


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Publication date: Tuesday 2 January 2024", "2024-01-02"),
        ("7 February 2024", "2024-02-07"),
        ("February 7, 2024", "2024-02-07"),
        ("Published on 2024-02-07", "2024-02-07"),
        ("**31 December 2023**", "2023-12-31"),
        ("Posted on 7 Feb 2024 by someone", None),
        ("31 February 2024", None),
        ("The 7 February 2024 meeting was long", None),
    ],
)
def test_date_line(line: str, iso: str | None) -> None:
    assert date_line(line) == iso


def test_find_date_skips_impossible_dates() -> None:
    assert find_date("on 31 February 2024 and 1 March 2024") == ("2024-03-01", 24, 36)


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024-02-30", None),
        ("2024", None),
        (2024, None),
        (None, None),
        (3.5, None),
        ("1 February 2024", "2024-02-01"),
        ("2024-02-01 10:00:00", "2024-02-01"),
    ],
)
def test_normalise_date(value: object, iso: str | None) -> None:
    assert normalise_date(value) == iso


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Jason Melanovski, Clara Weiss", ["Jason Melanovski", "Clara Weiss"]),
        ("By Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
        ("Ursula von der Leyen", ["Ursula von der Leyen"]),
        ("The Big Story", None),
        ("Ukraine", None),
        ("Monday Morning", None),
        ("", None),
    ],
)
def test_parse_names(text: str, names: list[str] | None) -> None:
    assert parse_names(text) == names


def test_byline_with_trailing_date() -> None:
    assert parse_byline("Jason Melanovski, Clara Weiss 1 February 2024", after_title=False) == (
        ["Jason Melanovski", "Clara Weiss"],
        "2024-02-01",
    )
    assert parse_byline("Jane Doe", after_title=False) is None  # no cue: not trusted
    assert parse_byline("Jane Doe", after_title=True) == (["Jane Doe"], None)
    assert parse_byline("1 February 2024 Jane Doe", after_title=True) is None


def test_sources() -> None:
    assert source_from_url("https://www.wsws.org/en/articles/x.html") == (
        "World Socialist Web Site",
        True,
    )
    assert source_from_url("https://news.bbc.co.uk/x") == ("BBC News", True)
    assert source_from_url("https://blog.example.net/p") == ("blog.example.net", False)
    assert domain_of("not a url") is None
    assert domain_of("http://[::1") is None
    assert (
        source_from_copyright(
            "Copyright © International Viewpoint - online socialist magazine - All rights reserved"
        )
        == "International Viewpoint"
    )
    assert source_from_copyright("© 2024 Example Media Ltd. All rights reserved") == (
        "Example Media Ltd"
    )


@pytest.mark.parametrize(
    ("block", "footer"),
    [
        ("To contact the WSWS and the Socialist Equality Party visit:", True),
        ("wsws.org/contact", True),
        ("Source: [Anti\\*Capitalist Resistance](#).", True),
        ("PS:", True),
        ("Please consider donating to keep us going.", True),
        ("Copyright 2024 Someone", True),
        ("31 December 2023", True),
        ("---", True),
        ("The army said the source of the shelling was unclear.", False),
        ("He donated a kidney.", False),
    ],
)
def test_footer_blocks(block: str, footer: bool) -> None:
    assert is_footer_block(block) is footer


def test_rules_and_breadcrumbs() -> None:
    assert is_rule("---") and is_rule("* * *") and not is_rule("-- x")
    assert is_breadcrumb("- IV Online magazine - 2024 - IV588 - January 2024 -")
    assert not is_breadcrumb("- a list item")


def test_split_blocks_kinds() -> None:
    text = (
        "# Head\nPara line one\nline two\n\n> quoted\n> more\n\n- a\n- b\n\n```\ncode\n\nstill\n```"
    )
    blocks = split_blocks(text)
    assert [b.kind for b in blocks] == ["heading", "para", "quote", "list", "code"]
    assert blocks[0].level == 1 and blocks[0].lines == ["Head"]
    assert blocks[2].lines == ["quoted", "more"]
    assert blocks[4].lines == ["code", "", "still"]
