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
    """The definition (``words``' doc): every run of ``size`` words, a word being a run of
    letters and digits of the case-folded text with its apostrophes deleted."""
    import re

    folded = text.casefold()
    for apostrophe in "'\u2019\u2018":
        folded = folded.replace(apostrophe, "")
    words = [w.encode() for w in re.findall(r"[^\W_]+", folded)]
    if len(words) < size:
        return {b" ".join(words)} if words else set()
    return {b" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


WORDS = ["İstanbul", "STRASSE", "straße", "ﬁnance", "Ǆemal", "x\u0301", "don't", "l’été",
         "ΣΊΣΥΦΟΣ", "a_b", "4.75", " ", "\n", ", ", "“quoted”", "‘it’", "a—b", "x\u00a0y",
         "'", "naïve-café", "\u200b", "ǅ"]  # fmt: skip
TEXTS = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(WORDS)).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(1, 4))
def test_shingles_are_their_definition(text: str, size: int) -> None:
    """The fast paths (ASCII split from bytes, only non-ASCII tokens through the regular
    expression) change no shingle."""
    assert shingles(text, size) == _reference_shingles(text, size)


def test_stored_signatures_stay_valid() -> None:
    """A signature is the one every earlier version stored (or duplicates.VERSION must
    change so that stored ones are recomputed)."""
    import hashlib

    from reader.core.index import neardup
    from reader.core.index.duplicates import VERSION, document_signature

    text = "The Bank of England raised interest rates. İstanbul café STRASSE straße, don't "
    blob = document_signature("Bank raises rates", text + "stop; ﬁnance 4.75%.")
    # The canary is CPython's 64-bit tuple hash; another would change VERSION, not this.
    assert VERSION == "2:7589b9fe71bcceb"
    assert hashlib.sha256(blob).hexdigest() == (
        "ee5ae5aecc3c9abbba6c5181e6831b6fc9d885c91e5073b4bab60ef8c5ba65da"
    )
    neardup._WORD_IDS.clear()  # the per-process cache of word ids changes nothing
    assert document_signature("Bank raises rates", text + "stop; ﬁnance 4.75%.") == blob


def test_estimates_are_unbiased_and_close() -> None:
    """Over many pairs, agreeing bins estimate the Jaccard index of the shingles with the
    error MinHash promises (128 bins: a standard deviation near 0.04 at Jaccard 0.5), and
    unrelated articles agree in almost no bin: a weak shingle hash fails one or the other."""
    import statistics

    rng = random.Random(5)
    words = vocabulary(rng, 6000)
    errors = []
    for rate in (0.02, 0.05, 0.1, 0.2, 0.3):
        for _ in range(40):
            text = article(rng, words, 300)
            other = edit(text, rate, rng, words)
            a, b = shingles(text), shingles(other)
            jaccard = len(a & b) / len(a | b)
            errors.append(resemblance(signature(text), signature(other)) - jaccard)
    assert abs(statistics.mean(errors)) < 0.01
    assert statistics.pstdev(errors) < 0.05
    unrelated = [signature(article(rng, words, 300)) for _ in range(60)]
    agreeing = [resemblance(x, y) for i, x in enumerate(unrelated) for y in unrelated[i + 1 :]]
    assert max(agreeing) < 0.1
