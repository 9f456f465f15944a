"""The classifier's kept answers (cuts of ``trim``, plans of ``_decide``) are the
answers it would work out afresh.

A cut is kept under a span's words, ``initial``, whether a country in brackets
follows and whether the article has the first word in capitals mid-sentence; a plan
under the trimmed words and the place they name. Generated text is read with the
memos cleared and warm, and every span's kept answer is compared with the cut and
the plan made afresh.
"""

from __future__ import annotations

import copy
import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.entities import Extractor
from reader.core.entities.classify import Classifier, Typed, clear_memos, never_alone
from reader.core.entities.spans import Span, find_spans

_WORDS = st.sampled_from(
    """
    The the Mr President Gen. Bank of England Kyiv French Labour AP Reuters Guardian
    Senate Operation Islamic State Henry VIII FTSE Dow Jones index rose Calif. Ohio OH
    Jan Siemerink Tiger Woods IBM BBC U.S. UK NATO Smith Zelensky Sunday Times
    newspaper said told shares chairman Barcelona in at town of east Mother Teresa
    Crystal Palace Dodgers Order Lenin Apple Time Warner Corp Inc Toronto-based
    Leicester Open Masters Prime Minister Chief Executive Daniel Levy Sale Amount
    al-Assad Le Monde Radio Red Warsaw WARSAW LONDON Leeds Surrey 45 85th 3. 429-7
    national Salvator Troops Out European Union Sleeping Bread Akron ITALY FRANCE
    Inzamam-ul-Haq Toyota Celica Ford Escort GDP VAT Bunds MaliVai Washington Hospital
    Columbia Presbyterian Moin Khan 79.00 Man-of-the-Match
    """.split()
)
_GLUE = st.sampled_from(
    [" ", " ", " ", ", ", ". ", "\n", " (", ") ", "'s ", ' "', '" ', " 1996-08-30 ", " : "]
)


@st.composite
def _texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(_WORDS, min_size=1, max_size=24))
    return "".join(w + draw(_GLUE) for w in words)


def _rows(extractor: Extractor, text: str) -> list[tuple[object, ...]]:
    return [
        (e.id, e.name, e.type, e.aliases, [(m.start, m.end) for m in e.mentions])
        for e in extractor.extract(text)
    ]


@settings(max_examples=150, deadline=None)
@given(st.lists(_texts(), min_size=1, max_size=4))
def test_entities_are_the_same_with_memos_cleared_or_warm(texts: list[str]) -> None:
    extractor = Extractor().load()
    clear_memos()
    cold = [_rows(extractor, text) for text in texts]
    warm = [_rows(extractor, text) for text in reversed(texts)][::-1]
    clear_memos()
    assert [_rows(extractor, text) for text in texts] == cold == warm


@settings(max_examples=150, deadline=None)
@given(_texts(), _texts())
def test_a_kept_answer_is_the_one_the_rules_give(warm_up: str, text: str) -> None:
    gaz = Extractor().load().gazetteer
    common = lambda w: gaz.zipf(w) >= 3.5  # noqa: E731 (as read_document has it)
    for source in (warm_up, text):
        spans = [s for s in find_spans(source, common, never_alone) if not s.bare]
        mid_caps = {w[2].lower(): 1 for s in spans for w in s.words[1:]}
        classifier = Classifier(gaz, mid_caps)
        for span in spans:
            kept, fresh = copy.copy(span), copy.copy(span)
            typed = classifier.classify(kept)
            lo, hi, titled, prev = classifier._trim(
                fresh, len(span.words) > 1 and classifier.entrant(span)
            )
            words = span.words[lo:hi]
            if prev is not None:
                fresh.prev = prev  # what ``trim`` does with it
            assert kept.prev == fresh.prev
            if not words:
                assert typed is None
                continue
            assert typed is not None and (typed.words, typed.titled) == (words, titled)
            clear_memos()  # the plan made afresh
            decided = classifier._decide(fresh, words, titled)
            assert (typed.type, typed.strength, typed.place) == decided, span


def test_a_cut_kept_for_one_article_is_not_given_to_another() -> None:
    """ "Brisk" opening a sentence is an ordinary word, unless the article has it in
    capitals mid-sentence too: the cut kept for the first article is not the
    second's."""
    extractor = Extractor().load()
    plain = "The market was calm.\nBrisk trading followed in London.\n"
    named = "Traders at Brisk said so.\nBrisk trading followed in London.\n"
    clear_memos()
    cold = _rows(extractor, named)
    clear_memos()
    _rows(extractor, plain)
    assert _rows(extractor, named) == cold
    assert [row[1] for row in cold].count("Brisk") == 2


def test_the_classes_made_per_candidate_copy_as_dataclasses_do() -> None:
    # Compiled, these classes have their own __init__ and no argument-free __new__: copy
    # and replace must still work (the test above copies spans).
    from reader.core.entities.grouping import _Cluster

    span = Span([(0, 5, "Kyiv")], prev="in")
    typed = Typed(span, span.words, "place", 3)
    cluster = _Cluster("place", "kyiv", place_id="kyiv")
    cluster.add("Kyiv", 0, 4, "Kyiv")
    for item in (span, typed, cluster):
        twin = copy.copy(item)
        assert twin == item and twin is not item
    assert dataclasses.replace(cluster, key="kiev").mentions == cluster.mentions
