"""Sentence splitting: abbreviations, initials, quotes, decimals, blocks; exact offsets."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.compare import split_sentences


def texts(text: str) -> list[str]:
    return [span.text for span in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith went to Washington. He met Dr. Jones at 3.5 p.m. yesterday.",
            ["Mr. Smith went to Washington.", "He met Dr. Jones at 3.5 p.m. yesterday."],
        ),
        (
            "The U.S. economy grew 2.5% in the U.S. The rest fell.",
            ["The U.S. economy grew 2.5% in the U.S.", "The rest fell."],
        ),
        (
            "J. R. R. Tolkien wrote it. It sold well.",
            ["J. R. R. Tolkien wrote it.", "It sold well."],
        ),
        (
            'He said: "It is over." Then he left. "Really?" she asked. Yes!',
            ['He said: "It is over."', "Then he left.", '"Really?" she asked.', "Yes!"],
        ),
        (
            "“We need ammunition,” he wrote. “Supplies are low.” Gen. Syrskyi agreed.",
            ["“We need ammunition,” he wrote.", "“Supplies are low.”", "Gen. Syrskyi agreed."],
        ),
        (
            "See No. 10 for details. It rose 1,200.5 points.",
            ["See No. 10 for details.", "It rose 1,200.5 points."],
        ),
        (
            "It cost $1.5bn... Analysts were surprised.",
            ["It cost $1.5bn...", "Analysts were surprised."],
        ),
        (
            "Apple Inc. said so. Apple Inc. The firm grew.",
            ["Apple Inc. said so.", "Apple Inc.", "The firm grew."],
        ),
        (
            "Growth was 3.5 per cent. in 2004 it was 2.",
            ["Growth was 3.5 per cent. in 2004 it was 2."],
        ),
        (
            "# Heading\nFirst line of text. Second.\n\nNext para\n- item one\n- item two",
            [
                "# Heading",
                "First line of text.",
                "Second.",
                "Next para",
                "- item one",
                "- item two",
            ],
        ),
        (
            "A line that is\nhard wrapped. Then more.",
            ["A line that is\nhard wrapped.", "Then more."],
        ),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_are_exact_and_ordered() -> None:
    text = "  First one.  Second one!\n\n\tThird “quoted.” Fourth?  "
    spans = split_sentences(text)
    assert [s.text for s in spans] == ["First one.", "Second one!", "Third “quoted.”", "Fourth?"]
    for span in spans:
        assert text[span.start : span.end] == span.text
    assert all(x.end <= y.start for x, y in itertools.pairwise(spans))


@given(st.text(alphabet=st.sampled_from(list("aB1 .,!?\n\"“”'’#-()…Mr")), max_size=200))
def test_any_text_gives_valid_disjoint_trimmed_spans(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
        assert span.text == span.text.strip()
        previous_end = span.end
    # Nothing but whitespace is left out.
    covered = {i for s in spans for i in range(s.start, s.end)}
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)
