"""Splitting text into sentences with exact character offsets.

A boundary is a run of ``.``, ``!``, ``?`` or ``…`` (plus any closing quotes or brackets)
followed by whitespace and then something that can start a sentence: an upper-case letter, a
digit or an opening quote/bracket. Paragraph breaks (blank lines) and the start of a Markdown
block (heading, list item, quote) always end a sentence. A single ``.`` is *not* a boundary after:

- a title or other abbreviation that is always followed by a name ("Mr.", "Dr.", "Gen."),
- a single capital letter (an initial: "J. R. Smith"),
- "No.", "Vol.", "Jan." and friends when a number follows ("No. 10", "Jan. 5"),
- a dotted acronym or company suffix ("U.S.", "Inc.") unless the next word is a function word
  that typically opens a sentence ("... in the U.S. The plan ...").

Decimals ("3.5"), versions and URLs never split because the dot is not followed by whitespace.
Every sentence is returned as a :class:`Span` of the input, trimmed of surrounding whitespace.
"""

from __future__ import annotations

import re

from reader.core.compare.spans import Span
from reader.core.compare.stopwords import STOPWORDS

# Always followed by a name: never end a sentence.
_TITLE_WORDS = """mr mrs ms messrs dr prof gen lt col maj capt cpt sgt cmdr adm sen rep gov pres
    supt rev fr sr jr st hon mt ft"""
_TITLES = frozenset(_TITLE_WORDS.split())
# Followed by a number: "No. 10", "Jan. 5", "p. 12".
_NUMBER_WORDS = """no nos vol vols fig figs p pp art ch sec ed jan feb mar apr jun jul aug sep sept
    oct nov dec approx"""
_BEFORE_NUMBERS = frozenset(_NUMBER_WORDS.split())
# Abbreviations that may also end a sentence; split only before a function word.
_AMBIGUOUS_WORDS = "inc ltd co corp bros plc llc vs etc al eg ie cf"
_AMBIGUOUS = frozenset(_AMBIGUOUS_WORDS.split())

_TERMINATOR = re.compile(r"(?:[.!?]+|…)[\"'”’»)\]]*(?=\s)")
_STARTER = re.compile(r"\s+([\"'“‘«(\[]*)(\w+)?")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def split_sentences(text: str) -> list[Span]:
    """The sentences of ``text`` in order, as spans with exact offsets."""
    sentences: list[Span] = []
    for block_start, block_end in _blocks(text):
        start = block_start
        for match in _TERMINATOR.finditer(text, block_start, block_end):
            end = match.end()
            if _is_boundary(text, match.start(), end, block_end):
                _append(sentences, text, start, end)
                start = end
        _append(sentences, text, start, block_end)
    return sentences


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph-like blocks: separated by blank lines or before a Markdown block marker."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _BREAK.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    blocks: list[tuple[int, int]] = []
    for start, end in bounds:
        if text[start:end].lstrip().startswith("#"):  # a heading is its first line only
            newline = text.find("\n", start, end)
            if newline != -1:
                blocks.append((start, newline))
                start = newline + 1
        blocks.append((start, end))
    return blocks


# A blank line, or a newline before a Markdown heading / list item / block quote / table row.
_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:#|[-*+•>|][ \t]|\d{1,3}[.)][ \t]))")


def _is_boundary(text: str, term_start: int, term_end: int, block_end: int) -> bool:
    starter = _STARTER.match(text, term_end, block_end)
    if starter is None:
        return False
    after = starter.end(1)
    if after >= block_end:
        return True  # only whitespace left in the block
    first = text[after]
    if not (first.isupper() or first.isdigit() or starter.group(1)):
        return False
    if text[term_start:term_end].rstrip("\"'”’»)]") != ".":
        return True  # "!", "?", "...", "…" and "?!" end sentences
    before = _WORD_BEFORE.search(text, max(0, term_start - 40), term_start)
    if before is None:
        return True
    word = before.group(1)
    if word and not starter.group(1) and "." in word.strip("."):
        # dotted acronym: "U.S.", "e.g."
        return _opens_sentence(starter.group(2))
    key = word.lower().rsplit(".", 1)[-1]
    if key in _TITLES:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial
    if key in _BEFORE_NUMBERS and first.isdigit():
        return False
    if key in _AMBIGUOUS:
        return _opens_sentence(starter.group(2))
    return True


def _opens_sentence(word: str | None) -> bool:
    return word is not None and word[:1].isupper() and word.lower() in STOPWORDS


def _append(sentences: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        sentences.append(Span.of(text, start, end))
