"""Corpus frequencies in the comparison: relative weights, not a uniform shrink.

``reader compare`` passes the library's document frequencies once it has 20 articles or more;
a rewording found without them must still be found when the corpus only says its words are
typical, and corpus-wide words must still weigh less than rare ones.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.compare.test_compare_reuse import A, B  # the reworded pair those tests use

from reader.core.compare import DocumentFrequencies, compare_texts, split_sentences, terms
from reader.core.compare.align import _sentence_keys, claim_weights


def keys(text: str) -> list[dict[str, str]]:
    return [_sentence_keys(s, text, ()) for s in split_sentences(text)]


def uniform(texts: list[str], documents: int, share: float) -> DocumentFrequencies:
    """A corpus in which every word of ``texts`` is in ``share`` of the documents."""
    words = {term for text in texts for term in terms(text)}
    return DocumentFrequencies(documents, dict.fromkeys(words, int(documents * share)))


@settings(max_examples=30, deadline=None)
@given(st.integers(20, 200_000), st.floats(0.0, 0.9))
def test_a_corpus_that_finds_every_word_alike_changes_no_weight(
    documents: int, share: float
) -> None:
    corpus = uniform([A, B], documents, share)
    plain = claim_weights(keys(A), keys(B))
    weighed = claim_weights(keys(A), keys(B), corpus)
    assert weighed.keys() == plain.keys()
    for key, weight in plain.items():
        assert weighed[key] == pytest.approx(weight)


RETOLD_A = (
    "Shares in London closed higher on Friday after a quiet week. "
    "Ministers want head teachers to expel violent pupils and end the disruption of lessons. "
    "The weather stayed cold across the north of England."
)
RETOLD_B = (
    "Rail passengers faced delays on several lines this morning. "
    "Expelling violent pupils is a power heads should use to stop lessons being disrupted, "
    "the minister argued. "
    "A new museum opened its doors in the old harbour district."
)


def test_a_rewording_found_without_a_corpus_is_found_with_a_typical_one() -> None:
    """Every word in 10 % of 5,000 articles (a rarity of about 0.27): the rewording, which
    shares stems but few words ("expel"/"Expelling", "disruption"/"disrupted"), stays."""
    corpus = uniform([RETOLD_A, RETOLD_B], 5_000, 0.1)
    without = compare_texts(RETOLD_A, RETOLD_B).shared_passages
    with_corpus = compare_texts(RETOLD_A, RETOLD_B, corpus=corpus).shared_passages
    assert [p.reuse for p in without] == ["rewording"]
    assert [(p.a, p.b) for p in with_corpus] == [(p.a, p.b) for p in without]


def test_corpus_wide_words_weigh_less_and_no_word_more_than_its_local_rarity() -> None:
    a_keys, b_keys = keys(A), keys(B)
    words = {term for text in (A, B) for term in terms(text)}
    counts = dict.fromkeys(words, 500)
    counts["detroit"] = 0  # never seen: the rarest a word can be
    counts["central"] = 4_900  # in nearly every article
    corpus = DocumentFrequencies(5_000, counts)
    plain = claim_weights(a_keys, b_keys)
    weighed = claim_weights(a_keys, b_keys, corpus)
    assert weighed["central"] / plain["central"] < weighed["bank"] / plain["bank"]
    assert weighed["bank"] / plain["bank"] < weighed["detroit"] / plain["detroit"]
    assert weighed["detroit"] == pytest.approx(plain["detroit"])
    assert all(weighed[key] <= plain[key] + 1e-9 for key in plain)
    assert weighed["#1200"] == plain["#1200"]  # figures are compared by value, not by corpus
