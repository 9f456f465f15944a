"""The fast analyzers give exactly the tokens of the Whoosh analyzers they stand for."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.index.analysis import Token, name_tokens, text_tokens
from reader.core.index.schema import name_analyzer, text_analyzer


def _whoosh(analyzer: object, text: str) -> list[Token]:
    return [
        Token(t.text, t.pos, t.startchar, t.endchar)
        for t in analyzer(text, positions=True, chars=True, mode="index")  # type: ignore[operator]
    ]


WORDS = st.sampled_from(
    ["The", "a", "I", "bank", "Banks", "of", "café", "CAFÉ", "naïve", "400,000", "4.75", "U.S",
     "e.g.", "x", "soldiers", "Zaluzhnyi", "İstanbul", "ß", "ﬁ", "don't", "co-op", "_", "2004"]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(WORDS, st.text(max_size=3)), max_size=40).map(" ".join),
)


@given(TEXTS)
def test_text_tokens_are_the_text_analyzers(text: str) -> None:
    assert text_tokens(text) == _whoosh(text_analyzer(), text)


@given(TEXTS)
def test_name_tokens_are_the_name_analyzers(text: str) -> None:
    assert name_tokens(text) == _whoosh(name_analyzer(), text)


def test_the_bbc_corpus_analyses_alike() -> None:
    """A corpus the analyzers were not written for, whole (skipped without it)."""
    shared = os.environ.get("READER_SHARED_DIR")
    root = Path(shared) if shared else Path(__file__).resolve().parents[3] / "shared"
    corpus = root / "corpora" / "bbc"
    if not corpus.is_dir():
        pytest.skip("BBC corpus not found beside the checkout")
    for path in sorted(corpus.rglob("*.txt"))[::7]:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert text_tokens(text) == _whoosh(text_analyzer(), text), path
        assert name_tokens(text[:300]) == _whoosh(name_analyzer(), text[:300]), path


def test_the_fast_analyzers_use_the_whoosh_analyzers_parameters() -> None:
    """Stop words and sizes are written out (a search does not import Whoosh's analysis
    package): they, the pattern, the stemmer and the accent map must be the analyzers' own."""
    from whoosh.analysis import CharsetFilter, RegexTokenizer, StemFilter, StopFilter

    from reader.core.index import analysis

    items = text_analyzer().items
    tokenizer = next(i for i in items if isinstance(i, RegexTokenizer))
    stop = next(i for i in items if isinstance(i, StopFilter))
    stemmer = next(i for i in items if isinstance(i, StemFilter))
    charmap = next(i for i in items if isinstance(i, CharsetFilter)).charmap
    chain = analysis._text_chain()
    assert chain.stops == stop.stops == analysis.STOP_WORDS
    assert chain.minsize == stop.min == analysis.MIN_SIZE
    assert stop.max is None and stop.renumber and not stemmer.ignore
    assert chain.pattern.pattern == tokenizer.expression.pattern
    assert chain.pattern.flags == tokenizer.expression.flags
    words = ["soldiers", "Café", "naïve", "running", "ﬁnance", "İstanbul", "generalisation"]
    for word in words:
        assert chain.fold(word.lower()) == stemmer.stemfn(word.lower()).translate(charmap)
    names = next(i for i in name_analyzer().items if isinstance(i, RegexTokenizer))
    assert analysis._name_chain().pattern.pattern == names.expression.pattern
    name_map = next(i for i in name_analyzer().items if isinstance(i, CharsetFilter)).charmap
    assert name_map == charmap


@given(TEXTS, st.data())
def test_wanted_tokens_are_the_text_tokens_wanted(text: str, data: st.DataObject) -> None:
    from reader.core.index.analysis import wanted_tokens

    tokens = text_tokens(text)
    terms = sorted({t.text for t in tokens})
    wanted = set(data.draw(st.lists(st.sampled_from(terms), max_size=3))) if terms else set()
    wanted |= {"economi", "zzz"}
    assert wanted_tokens(text, wanted) == [t for t in tokens if t.text in wanted]
    # The second time from the cache of words seen: the same.
    assert wanted_tokens(text, wanted) == [t for t in tokens if t.text in wanted]


@given(TEXTS)
def test_terms_are_the_tokens_terms(text: str) -> None:
    from reader.core.index.analysis import name_terms, text_terms

    for _ in range(2):  # the second time from the caches of words seen: the same
        assert text_terms(text) == [t.text for t in text_tokens(text)]
        assert name_terms(text) == [t.text for t in name_tokens(text)]


WORDISH = st.text(
    alphabet=st.sampled_from(list("ab1_.,’'- \t\n\xa0\u2009é9٣ⅫÀ\x1c\ud800")), max_size=60
)


@given(st.one_of(TEXTS, WORDISH))
def test_token_words_are_the_patterns_matches(text: str) -> None:
    import re

    from reader.core.index.analysis import token_words
    from reader.core.index.schema import TOKEN_PATTERN

    assert token_words(text) == re.compile(TOKEN_PATTERN).findall(text)


def test_token_words_cut_at_punctuation_and_keep_numbers() -> None:
    from reader.core.index.analysis import token_words

    text = "U.S. said, (rates) rose 1,000.5% in_2024 — don’t; end."
    assert token_words(text) == [
        "U.S",
        "said",
        "rates",
        "rose",
        "1,000.5",
        "in_2024",
        "don",
        "t",
        "end",
    ]
