"""The three demo articles: metadata heuristics and cleaning, pinned exactly."""

from __future__ import annotations

import re
from functools import cache

import pytest

from conftest import SEEDS
from reader.core.corpus.document import ParsedText
from reader.core.corpus.parse import parse_text


@cache
def seed(prefix: str) -> ParsedText:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return parse_text(path.read_text(encoding="utf-8"), fallback_title=path.stem)


def styled(parsed: ParsedText, style: str) -> list[str]:
    return [parsed.text[s.start : s.end] for s in parsed.styles if s.style == style]


def test_seed_000_metadata() -> None:
    meta = seed("000").meta
    assert meta.title == (
        "Ukrainian president Zelensky attempts to remove commander-in-chief Zaluzhnyi"
    )
    assert meta.authors == ("Jason Melanovski", "Clara Weiss")
    assert meta.date == "2024-02-01"
    assert meta.source == "World Socialist Web Site"


def test_seed_001_metadata() -> None:
    meta = seed("001").meta
    assert meta.title == "Zelensky confirms planned purge of Ukrainian military leadership"
    assert meta.authors == ("Jason Melanovski",)
    assert meta.date == "2024-02-07"
    assert meta.source == "World Socialist Web Site"


def test_seed_002_metadata() -> None:
    meta = seed("002").meta
    assert meta.title == "Russian troops out—Stop the genocide"
    assert meta.authors == ()
    assert meta.date == "2024-01-02"
    assert meta.source == "International Viewpoint"
    assert meta.url == "https://internationalviewpoint.org/spip.php?article8368"


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_seed_parses_without_warnings(prefix: str) -> None:
    assert seed(prefix).warnings == ()


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_wsws_footer_is_stripped(prefix: str) -> None:
    text = seed(prefix).text
    assert "To contact" not in text
    assert "wsws.org/contact" not in text
    assert text.rstrip().endswith(("military.", "Zelensky said."))


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_header_is_not_in_body(prefix: str) -> None:
    parsed = seed(prefix)
    first_para = parsed.text.split("\n\n", 1)[0]
    assert parsed.meta.title not in first_para
    assert "Melanovski" not in parsed.text[:300]
    assert "Publication date" not in parsed.text


def test_seed_002_boilerplate_is_stripped() -> None:
    text = seed("002").text
    for junk in (
        "Copyright",
        "All rights reserved",
        "Source:",
        "donating",
        "Donate",
        "bank account",
        "IV Online magazine",
        "31 December 2023",
        "PS:",
    ):
        assert junk not in text, junk
    # The headline repeated mid-text by the page is gone; only the title remains.
    assert "Stop the genocide" not in text
    assert text.rstrip().endswith("we still call for Russian Troops Out Now.")


def test_seed_002_keeps_original_source_as_metadata() -> None:
    assert seed("002").meta.extra.get("original_source") == "Anti*Capitalist Resistance"


def test_markdown_escapes_are_unescaped() -> None:
    assert "$40 million corruption scheme" in seed("000").text
    assert "$75 billion" in seed("001").text
    for prefix in ("000", "001", "002"):
        assert "\\" not in seed(prefix).text


def test_emphasis_becomes_italic_spans_without_markup() -> None:
    parsed = seed("000")
    assert "The Financial Times reported" in parsed.text
    assert "*" not in parsed.text
    italics = styled(parsed, "italic")
    assert italics.count("Financial Times") == 3
    assert {"Guardian", "Economist", "Kyiv Independent"} <= set(italics)


def test_bold_lead_paragraph_is_a_bold_span() -> None:
    parsed = seed("002")
    (bold,) = styled(parsed, "bold")
    assert bold.startswith("An analysis of the ongoing Russian invasion")
    assert bold.endswith("aid from Ukraine.")


@pytest.mark.parametrize(
    ("prefix", "joined"),
    [
        ("001", "Donetsk with artillery and potentially attempt to “retake” the city"),
        ("002", "It is estimated that 315,000 Russians have been killed or injured"),
    ],
)
def test_paragraph_split_mid_sentence_is_rejoined(prefix: str, joined: str) -> None:
    assert joined in seed(prefix).text


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_cleaned_text_shape(prefix: str) -> None:
    text = seed(prefix).text
    assert text == text.strip()
    assert "\n\n\n" not in text
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text)
    assert "](" not in text
    assert seed(prefix).words == len(text.split()) > 500


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_style_spans_are_inside_the_text(prefix: str) -> None:
    parsed = seed(prefix)
    for span in parsed.styles:
        assert 0 <= span.start < span.end <= len(parsed.text)
        chunk = parsed.text[span.start : span.end]
        assert chunk == chunk.strip()
