"""Markdown inline syntax → plain text plus style spans."""

from __future__ import annotations

import pytest

from reader.core.corpus.inline import parse_inline


def render(source: str) -> tuple[str, list[tuple[str, str]]]:
    text, spans = parse_inline(source)
    return text, [(s.style, text[s.start : s.end]) for s in spans]


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("\\$40 million", "$40 million"),
        ("Anti\\*Capitalist", "Anti*Capitalist"),
        ("Anti\\\\*Capitalist", "Anti*Capitalist"),  # doubly escaped, as scraped
        ("[text](#)", "text"),
        ("see [this article](#) for details", "see this article for details"),
        ('a [link](https://example.org/x "Title") here', "a link here"),
        ("![a chart](chart.png)", "a chart"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("a * b * c", "a * b * c"),
        ("*unclosed emphasis", "*unclosed emphasis"),
        ("[not a link] (x)", "[not a link] (x)"),
        ("[broken](#", "[broken](#"),
        ("trailing backslash\\", "trailing backslash\\"),
        ("[bold] and [/bold] stay literal", "[bold] and [/bold] stay literal"),
        ("", ""),
    ],
)
def test_plain_text(source: str, text: str) -> None:
    assert parse_inline(source)[0] == text


def test_italic_span() -> None:
    assert render("The *Financial Times* reported") == (
        "The Financial Times reported",
        [("italic", "Financial Times")],
    )


def test_underscore_italic_and_bold() -> None:
    assert render("_one_ and __two__") == ("one and two", [("italic", "one"), ("bold", "two")])


def test_bold_with_nested_italic() -> None:
    assert render("**a *b* c**") == ("a b c", [("bold", "a b c"), ("italic", "b")])


def test_bold_italic_run() -> None:
    text, spans = render("***both***")
    assert text == "both"
    assert sorted(spans) == [("bold", "both"), ("italic", "both")]


def test_emphasis_inside_link_text() -> None:
    assert render("see [the *FT* piece](http://x) now") == (
        "see the FT piece now",
        [("italic", "FT")],
    )


def test_code_span_keeps_its_content_literal() -> None:
    assert render("run `reader *x*` now") == ("run reader *x* now", [("code", "reader *x*")])


def test_link_text_up_to_first_closing_bracket() -> None:
    assert parse_inline("[a [b](x)")[0] == "a [b"


def test_spans_sorted_and_inside_text() -> None:
    text, spans = parse_inline("*a* **b** `c` [*d*](#) _e_")
    assert text == "a b c d e"
    assert spans == sorted(spans, key=lambda s: (s.start, -s.end))
    assert [text[s.start : s.end] for s in spans] == ["a", "b", "c", "d", "e"]


# Shapes that used to be quadratic (an unmatched-delimiter scan per closer, a
# 1000-char regex backtrack per "["). At 200 KB the old code took 38 s and 2 s;
# linear code takes a fraction of a second. No timing assertion: a regression
# shows up as a test that suddenly takes minutes.
HOSTILE = {
    "underscore openers then star closers": "_a " * 40_000 + "a* " * 40_000,
    "star openers then underscore closers": "*a " * 40_000 + "a_ " * 40_000,
    "brackets": "[" * 200_000,
    "image openers": "![" * 100_000,
    "brackets then one close": "[" * 200_000 + "](x)",
    "backticks": "`a " * 60_000,
    "unmatched backtick runs": "``` " + "`` x " * 30_000,
    "backslashes": "\\" * 200_000,
    "stars": "*" * 200_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_inline_completes(name: str) -> None:
    source = HOSTILE[name]
    text, spans = parse_inline(source)
    assert len(text) <= len(source)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
