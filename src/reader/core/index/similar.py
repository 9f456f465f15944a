"""Articles most like a given one, from the search index (the split view's default partner).

More-like-this: the document's key terms (its ``body`` words that are frequent in it and
rare in the corpus, by the Bo1 divergence model) become one weighted ``OR`` query, ranked with
the engine's BM25 (``SearchEngine.more_like``). The body is not stored in the index, so its text
comes from the catalog and is analysed again, the same way it was indexed (stemming, stop words,
accent folding).

What two articles share beyond words weighs in too: the article's named entities (people,
organisations, places, every spelling it uses, from the ``entity`` field the ingest fills) give
:data:`ENTITY_TERMS` more key terms, and its figures (numbers of three digits or more, decimals
and thousands, not years) are added as body terms, so "400,000" or "4.75" shared by two
articles counts as a shared claim. ``benchmarks/compare.py`` measures the same-category
precision and time with and without them (``entities=False, figures=False`` is the plain
more-like-this).

Scores are relative: a hit's BM25F score divided by the score the document itself gets for the
same query, so ``1.0`` means "as close to the query as the article itself" and figures are
comparable between articles (raw BM25F scores are not). The article itself is left out.

Why 25 key terms (``benchmarks/compare.py`` measures time and quality on BBC, where the share of
hits from the query's own category is the quality proxy): 0.85 of the top 10 and 0.92 of the top 1
in the same category at about 20 ms p50 on an idle machine. 10 terms: 0.83 / 0.92 at 12 ms;
40 terms: 0.88 / 0.95 but twice the time; 60: 0.89 at about 60 ms. Scoring the postings ourselves
instead of through Whoosh's query machinery was measured too and was not faster.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.core.index.catalog import DocSummary
from reader.core.index.engine.base import WeightedTerm
from reader.core.index.repair import repairing

if TYPE_CHECKING:
    from reader.core.index.engine.base import SearchEngine
    from reader.core.index.library import Library

KEY_TERMS = 25
"""How many key terms of the article make up the more-like-this query."""

FIELD = "body"
ENTITY_FIELD = "entity"
ENTITY_TERMS = 10
"""How many key terms the article's entity names add to the query."""
FIGURES = 8
"""At most this many of the article's figures join the query."""

_FIGURE = re.compile(r"\d+(?:[,.]\d+)+|\d{3,}")
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class SimilarDoc:
    """An article similar to the one asked about; ``score`` is in ``(0, 1]``, best first."""

    id: str
    summary: DocSummary
    score: float

    def to_json(self) -> dict[str, Any]:
        """``{id, title, source, date, score}`` (the ``reader similar --json`` row)."""
        return {
            "id": self.id,
            "title": self.summary.title,
            "source": self.summary.source,
            "date": self.summary.date,
            "score": round(self.score, 4),
        }


@repairing
def similar(
    library: Library,
    doc_id: str,
    limit: int = 10,
    *,
    entities: bool = True,
    figures: bool = True,
) -> list[SimilarDoc]:
    """Up to ``limit`` articles most like ``doc_id`` (a full id), most similar first.

    An id the index does not hold, or an article with no indexable words, has no similar
    articles: the result is empty. ``limit`` below 1 also gives an empty list.
    """
    if limit < 1:
        return []
    text = library.catalog.text(doc_id)
    if not text:
        return []

    def ask(engine: SearchEngine) -> tuple[list[tuple[str, float]], float | None]:
        key_terms = engine.key_terms(FIELD, text, KEY_TERMS)
        if not key_terms:
            return [], None
        clauses = [WeightedTerm(FIELD, word, weight) for word, weight in key_terms]
        top = max(weight for _, weight in key_terms)
        if entities:
            clauses.extend(_entity_terms(library, engine, doc_id, text))
        if figures:
            clauses.extend(WeightedTerm(FIELD, f, top) for f in _figures(text))
        # One extra hit: the article itself is (nearly always) the best match, and its own
        # score is the yardstick for the others.
        return engine.more_like(doc_id, clauses, limit + 1)

    found, own = library.read_engine(ask)
    if not found:
        return []
    scale = own if own and own > 0 else max((score for _, score in found), default=1.0) or 1.0
    similar_docs: list[SimilarDoc] = []
    for other_id, score in found:
        if other_id == doc_id:
            continue
        summary = library.catalog.summary(other_id)
        if summary is None:
            continue  # indexed by an interrupted run: not shown anywhere else either
        similar_docs.append(SimilarDoc(other_id, summary, min(score / scale, 1.0)))
    return similar_docs[:limit]


def _entity_terms(
    library: Library, engine: SearchEngine, doc_id: str, text: str
) -> list[WeightedTerm]:
    """Key terms of the article's entity names (each name once per mention) in the entity field."""
    from reader.core.entities.model import NAMED_TYPES
    from reader.core.index.entity_ingest import decode_entities

    data = library.catalog.entity_data(doc_id)
    if data is None:
        return []
    names = " ".join(
        mention.text
        for entity in decode_entities(data, text)
        if entity.type in NAMED_TYPES
        for mention in entity.mentions
    )
    if not names:
        return []
    found = engine.key_terms(ENTITY_FIELD, names, ENTITY_TERMS)
    return [WeightedTerm(ENTITY_FIELD, word, weight) for word, weight in found]


def _figures(text: str) -> list[str]:
    """The article's most repeated figures, as the index spells them (years left out)."""
    counts = Counter(
        match.group() for match in _FIGURE.finditer(text) if not _YEAR.fullmatch(match.group())
    )
    return [figure for figure, _ in counts.most_common(FIGURES)]
