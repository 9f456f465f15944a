"""Tantivy indexes text as its analysed terms joined by spaces: the same index as the tokens.

The Tantivy engine hands each text field to Tantivy as the shared analyzers' terms joined by
spaces, split again by Tantivy's ``whitespace`` tokenizer, rather than as pre-tokenized tokens
(one Python object per word). That is the same index only if the terms follow one another
(positions without gaps) and split back alone; both are checked here on any text, and an index
filled each way must answer term and phrase queries with the same documents and scores.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.index.engine import tantivy_engine as te

tantivy = pytest.importorskip("tantivy")

WORDS = st.sampled_from(
    ["The", "a", "I", "bank", "Banks", "of", "café", "CAFÉ", "naïve", "400,000", "4.75", "U.S",
     "e.g.", "x", "soldiers", "İstanbul", "ß", "ﬁ", "don't", "co-op", "_", "2004", "\u00a0",
     "\x0b", "\x1c", "\u3000", "Ǆemal", "x" * 70]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(WORDS, st.text(max_size=3)), max_size=40).map(" ".join),
)
FIELDS = ("title", "body", "authors", "person", "tags")


@given(st.sampled_from(FIELDS), TEXTS)
def test_a_fields_value_is_its_tokens(field: str, text: str) -> None:
    value = te._field_value(field, text)
    tokens = te._analysed(field, text)
    if isinstance(value, str):
        # Split as the whitespace tokenizer splits (ASCII white space), numbered from 0.
        assert value.split() == [t[0] for t in tokens] == te._terms(field, text)
        first = tokens[0][1] if tokens else 0
        assert [t[1] for t in tokens] == list(range(first, first + len(tokens)))
    else:
        assert value == tokens
    assert field != "tags" or not isinstance(value, str)


def _texts() -> list[str]:
    texts = [
        "The Bank of England raised interest rates to 4.75% on Thursday.",
        "Interest and mortgage rates: the rates of interest rose; rates, interest.",
        "Café naïve CAFÉ İstanbul ß ﬁnance don't co-op U.S. e.g. 400,000 pies",
        "A I x of the " + "w" * 120 + " bank of the bank",
    ]
    shared = os.environ.get("READER_SHARED_DIR")
    root = Path(shared) if shared else Path(__file__).resolve().parents[3] / "shared"
    corpus = root / "corpora" / "bbc"
    if corpus.is_dir():  # a corpus the scheme was not written for, when it is there
        texts += [
            p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(corpus.rglob("*.txt"))[::40]
        ]
    return texts


def _index(texts: list[str], *, joined: bool) -> Any:
    index = tantivy.Index(te._schema())
    writer = index.writer(heap_size=15_000_000)
    for number, text in enumerate(texts):
        document = tantivy.Document()
        document.add_text("id", str(number))
        for field in ("body", "person"):
            if joined:
                value = te._field_value(field, text)
                assert isinstance(value, str)
                document.add_text(field, value)
            else:  # as every field was filled before: pre-tokenized
                tokens = [tantivy.Token(*t) for t in te._analysed(field, text)]
                document.add_pre_tokenized_text(field, tantivy.PreTokenizedString("", tokens))
        writer.add_document(document)
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index


def _answers(index: Any, queries: list[tuple[str, list[str], int]]) -> list[Any]:
    searcher = index.searcher()
    schema = index.schema
    found = []
    for field, words, slop in queries:
        query = te._phrase(field, words, slop, schema)
        result = searcher.search(query, limit=1000)
        found.append(sorted((searcher.doc(a)["id"][0], s) for s, a in result.hits))
    return found


def test_joined_terms_index_as_the_tokens_did() -> None:
    texts = _texts()
    queries: list[tuple[str, list[str], int]] = []
    for text in texts:
        for field in ("body", "person"):
            terms = te._terms(field, text)
            queries += [(field, [t], 1) for t in terms[:30]]
            queries += [(field, terms[i : i + 2], 1) for i in range(0, min(len(terms), 40), 3)]
            queries += [(field, terms[i : i + 3], 3) for i in range(0, min(len(terms), 40), 7)]
            queries += [(field, [terms[i + 1], terms[i]], 2) for i in range(0, len(terms) - 1, 9)]
    assert len(queries) > 100
    joined = _answers(_index(texts, joined=True), queries)
    tokens = _answers(_index(texts, joined=False), queries)
    assert joined == tokens
    assert any(joined), "the queries find something"
