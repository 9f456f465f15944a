"""Near-duplicate detection: planted copies are found, unrelated documents are not grouped."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.compare.generated import article, edit, vocabulary

from reader.core.index.neardup import NearDuplicates, resemblance, shingles, signature


@pytest.fixture(scope="module")
def corpus() -> tuple[NearDuplicates, dict[str, str], list[str], random.Random]:
    rng = random.Random(11)
    words = vocabulary(rng, 6000)
    texts = {f"gen/{n}": article(rng, words, 250) for n in range(2500)}
    index = NearDuplicates()
    for doc_id, text in texts.items():
        assert index.add(doc_id, text) == [] or doc_id.startswith("planted")
    return index, texts, words, rng


def test_planted_copies_are_found(
    corpus: tuple[NearDuplicates, dict[str, str], list[str], random.Random],
) -> None:
    index, texts, words, rng = corpus
    original = texts["gen/7"]
    exact = index.add("planted/exact", original)
    edited = index.add("planted/edited", edit(original, 0.05, rng, words))
    assert [doc for doc, _ in exact] == ["gen/7"]
    assert {doc for doc, _ in edited} == {"gen/7", "planted/exact"}
    (cluster,) = [c for c in index.clusters() if "gen/7" in c.ids]
    assert cluster.ids == ("gen/7", "planted/edited", "planted/exact")
    # Only the planted group: no two generated documents are near-duplicates.
    assert len(index.clusters()) == 1
    assert index.remove("planted/exact") and index.remove("planted/edited")
    assert index.clusters() == [] and "planted/exact" not in index
    assert not index.remove("planted/exact")


def test_re_adding_a_document_replaces_it(
    corpus: tuple[NearDuplicates, dict[str, str], list[str], random.Random],
) -> None:
    index, texts, _, _ = corpus
    index.add("planted/copy", texts["gen/3"])
    assert index.duplicates_of("gen/3") == [("planted/copy", 1.0)]
    index.add("planted/copy", texts["gen/4"])  # the file changed
    assert index.duplicates_of("gen/3") == []
    assert index.duplicates_of("gen/4") == [("planted/copy", 1.0)]
    index.remove("planted/copy")


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=400))
def test_exact_copies_always_match(text: str) -> None:
    index = NearDuplicates()
    index.add("a", text)
    found = index.add("b", text)
    if shingles(text):
        assert found == [("a", 1.0)]
    else:
        assert found == []  # nothing to compare: punctuation or spaces only


def test_signature_is_stable_and_estimates_jaccard() -> None:
    rng = random.Random(3)
    words = vocabulary(rng, 6000)
    text = article(rng, words, 400)
    assert signature(text) == signature(text)
    other = edit(text, 0.1, rng, words)
    a, b = shingles(text), shingles(other)
    jaccard = len(a & b) / len(a | b)
    assert abs(resemblance(signature(text), signature(other)) - jaccard) < 0.15
    assert signature("") == signature("  ,. ")
    assert resemblance(signature(""), signature("")) == 0.0


def _reference_shingles(text: str, size: int) -> set[bytes]:
    """The definition (the module doc's): every run of ``size`` case-folded words."""
    import re

    words = [w.casefold() for w in re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text)]
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


WORDS = ["İstanbul", "STRASSE", "straße", "ﬁnance", "Ǆemal", "x\u0301", "don't", "l’été",
         "ΣΊΣΥΦΟΣ", "a_b", "4.75", " ", "\n", ", "]  # fmt: skip
TEXTS = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(WORDS)).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(1, 4))
def test_shingles_are_their_definition(text: str, size: int) -> None:
    """The fast paths (ASCII lowered at once, others folded at once) change no shingle."""
    assert shingles(text, size) == _reference_shingles(text, size)


def test_stored_signatures_stay_valid() -> None:
    """A signature is the one every earlier version stored (or duplicates.VERSION must
    change so that stored ones are recomputed)."""
    import hashlib

    from reader.core.index.duplicates import document_signature

    text = "The Bank of England raised interest rates. İstanbul café STRASSE straße, don't "
    blob = document_signature("Bank raises rates", text + "stop; ﬁnance 4.75%.")
    assert hashlib.sha256(blob).hexdigest() == (
        "4f74a146028be3a245cfccee67cb9139d01b39190c46f0a4ba757afafb0591d3"
    )
