"""Content terms: stop words out, light normalisation, figures kept."""

from __future__ import annotations

from reader.core.compare import DocumentFrequencies, terms
from reader.core.compare.terms import is_figure


def test_stopwords_and_short_words_are_not_terms() -> None:
    assert terms("It is in the and of a I he said") == []


def test_rewordings_meet() -> None:
    a = terms("at least 400,000 Ukrainian soldiers — almost 1 percent of the pre-war population")
    b = terms("at least 400000 soldier, about 1% of its prewar population")
    assert {"400000", "1", "percent", "prewar", "population", "soldier"} <= set(a) & set(b)


def test_normalisation() -> None:
    assert terms("Zaluzhny's counter-offensive casualties 3.5 per cent $75 65th") == [
        "zaluzhny",
        "counteroffensive",
        "casualty",
        "3.5",
        "percent",
        "75",
        "65th",
    ]


def test_figures() -> None:
    assert is_figure("400000") and is_figure("65th")
    assert not is_figure("war")


def test_document_frequencies() -> None:
    df = DocumentFrequencies.from_texts(["war and peace", "the war", "peace talks"])
    assert df.documents == 3
    assert df.counts["war"] == 2 and df.counts["talk"] == 1
    assert df.rarity("unseen") == 1.0
    assert 0 < df.rarity("war") < df.rarity("talk") < 1.0
    assert DocumentFrequencies(0).rarity("war") == 1.0
