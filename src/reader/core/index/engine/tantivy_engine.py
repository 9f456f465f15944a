"""The Tantivy engine (Rust, PyPI ``tantivy``): for archives, where Whoosh is too slow.

Same fields as Whoosh (:mod:`reader.core.index.schema`), and the same terms: text is analysed by
the shared Whoosh analyzers (:mod:`reader.core.index.analysis`) and handed to Tantivy as its
terms joined by spaces, which Tantivy's ``whitespace`` tokenizer splits again (no lowercasing, no
length limit), so stems, accent folding, stop words and positions are identical in both
engines, and the parsed query tree (whose terms are analysed the same way) is translated node by
node (:func:`translate`). Tantivy's own query parser is never used (``term~1`` there is not
fuzzy, and its syntax is not the users').

Why a joined string rather than Tantivy's pre-tokenized text: the terms' positions follow one
another (the stop filter renumbers them), so the string carries all an index needs, it is one
object to pickle from an ingest worker instead of a tuple per word, and the writer's process
(the ingest's serial part) hands it to Rust in one call instead of building a Python token
object per word. Only what a space-joined string cannot carry goes pre-tokenized: tags (Whoosh's
keyword analyzer keeps the spaces inside a tag) and, defensively, a field one of whose terms
would not split back alone (:func:`_field_value`).

Wildcard, fuzzy and range terms are expanded to the index's words through
:class:`_Lexicon` (Tantivy's term dictionary, read by prefix) with the same limits as Whoosh, so
the hit matcher marks exactly the words the query matched.

One writer per index (Tantivy's own lock file, and the library's update lock), any number of
reader processes; readers see a commit after :meth:`TantivyEngine.refresh`. Tantivy checks its
files itself (every file ends with a checksummed footer) and raises ``ValueError`` on damage.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import json
import math
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.index.engine.base import (
    EngineHits,
    EngineMeta,
    EngineWriter,
    IndexedDoc,
    SearchEngine,
    WeightedTerm,
)
from reader.core.index.hits import HitMatcher

if TYPE_CHECKING:
    import tantivy

# Bump when the fields or how they are filled change: an index of another format is rebuilt.
FORMAT = 2  # 2: text fields are space-joined terms split by the whitespace tokenizer
HEAP_BYTES = 128_000_000  # the writer's indexing memory, split over its threads
MAX_PHRASE_VARIANTS = 256  # see _phrase
_TEXT_FIELDS = ("title", "body", "authors", "source", "tags", "person", "org", "place", "entity")
_BOOSTS = {"title": 3.0, "authors": 2.0}  # as the Whoosh schema's field boosts


class EngineDamaged(Exception):
    """Tantivy could not read its index (it raises ValueError for everything)."""


def _schema() -> tantivy.Schema:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("path", tokenizer_name="raw")
    for name in _TEXT_FIELDS:
        # Filled with analysed terms joined by spaces (tags: pre-tokenized, which skips the
        # tokenizer): Tantivy's "whitespace" only splits them again, on ASCII white space.
        builder.add_text_field(name, tokenizer_name="raw" if name == "tags" else "whitespace")
    builder.add_date_field("date", indexed=True, fast=True)
    return builder.build()


@lru_cache(maxsize=1)
def _whoosh_schema() -> Any:
    from reader.core.index.schema import build_schema

    return build_schema()


def _analysed(field: str, text: str) -> list[tuple[str, int, int, int]]:
    """``text`` as the Whoosh field ``field`` indexes it: ``(term, position, start, end)``."""
    from reader.core.index.analysis import name_tokens, text_tokens

    if field in ("title", "body"):
        return [(t[0], t[1], t[2], t[3]) for t in text_tokens(text)]
    if field != "tags":
        return [(t[0], t[1], t[2], t[3]) for t in name_tokens(text)]
    analyzer = _whoosh_schema()[field].analyzer
    return [
        (t.text, t.pos, t.startchar or 0, t.endchar or 0)
        for t in analyzer(text, positions=True, chars=True, mode="index")
    ]


def _terms(field: str, text: str) -> list[str]:
    """The terms of :func:`_analysed`, in order, without positions and offsets."""
    from reader.core.index.analysis import name_terms, text_terms

    if field in ("title", "body"):
        return text_terms(text)
    if field != "tags":
        return name_terms(text)
    return [token[0] for token in _analysed(field, text)]


def _field_value(field: str, text: str) -> str | list[tuple[str, int, int, int]]:
    """What field ``field`` of ``text`` is indexed from: its terms joined by spaces, or its
    tokens when the joined string would not split back into the same terms (tags, whose
    terms may hold spaces; a term that were empty or held white space)."""
    if field != "tags":
        terms = _terms(field, text)
        joined = " ".join(terms)
        # str.split's white space holds every character the whitespace tokenizer splits on.
        if joined.split() == terms:
            return joined
    return _analysed(field, text)


def _values(doc: IndexedDoc) -> dict[str, str]:
    return {
        "title": doc.title,
        "body": doc.body,
        "authors": doc.authors,
        "source": doc.source,
        "tags": doc.tags,
        **doc.entity_terms,
    }


def with_tokens(doc: IndexedDoc) -> IndexedDoc:
    """``doc`` with its fields analysed (:func:`_field_value`: strings, or plain tuples;
    picklable): most of the cost of adding it, done in an ingest worker rather than beside
    the writer."""
    tokens = {name: _field_value(name, value) for name, value in _values(doc).items() if value}
    return dataclasses.replace(doc, tokens=tokens)


def _document(doc: IndexedDoc) -> Any:
    import tantivy

    document = tantivy.Document()
    document.add_text("id", doc.id)
    document.add_text("path", doc.path)
    ready = doc.tokens
    for name, value in _values(doc).items():
        if value:
            analysed = ready[name] if ready is not None else _field_value(name, value)
            if isinstance(analysed, str):
                document.add_text(name, analysed)  # terms, which the tokenizer splits
                continue
            # The text itself is not stored (the catalog has it): only its tokens matter.
            document.add_pre_tokenized_text(
                name,
                tantivy.PreTokenizedString("", [tantivy.Token(*token) for token in analysed]),
            )
    if doc.date:
        document.add_date("date", _utc(dt.datetime.fromisoformat(doc.date)))
    return document


def _utc(moment: dt.datetime) -> dt.datetime:
    # Dates are naive (as written in the article): read them as UTC in both directions.
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


class TantivyWriter(EngineWriter):
    """One batch over the engine's open Tantivy writer (kept open from batch to batch: closing
    it waits for segment merges, which would stall every commit)."""

    def __init__(self, engine: TantivyEngine, writer: Any) -> None:
        self._engine = engine
        self._writer = writer

    def add(self, doc: IndexedDoc) -> None:
        self._writer.delete_documents_by_term("id", doc.id)
        self._writer.add_document(_document(doc))

    def delete(self, doc_id: str) -> None:
        self._writer.delete_documents_by_term("id", doc_id)

    def _commit(self) -> None:
        self._writer.commit()

    def cancel(self) -> None:
        try:
            self._writer.rollback()
        finally:
            self._engine.release_writer()


class TantivyEngine(SearchEngine):
    name = "tantivy"
    native_threads = True  # the writer indexes and merges in Rust threads

    def __init__(self, folder: Path, meta: EngineMeta) -> None:
        self.folder = folder
        self._meta = meta
        self._index: tantivy.Index | None = None
        self._searcher: tantivy.Searcher | None = None
        self._writer: Any = None  # the open Tantivy writer of an update (one per index)

    def format(self) -> str:
        from importlib.metadata import version  # 50 ms of imports: not for a search

        return f"tantivy={version('tantivy')}/{FORMAT}"

    def describe(self) -> str:
        from importlib.metadata import version

        return f"tantivy {version('tantivy')}"

    # -- lifecycle -------------------------------------------------------------------

    def exists(self) -> bool:
        return (self.folder / "meta.json").is_file()

    def problem(self, *, verify: bool) -> str | None:
        import tantivy

        try:
            if not tantivy.Index.is_compatible(str(self.folder)):
                return "index format changed (written by another tantivy)"
            self._open_index()
            if verify:
                self._read_everything()
        except (ValueError, OSError, EngineDamaged) as error:
            return f"index unreadable ({type(error).__name__}: {_first_line(error)})"
        return None

    def _read_everything(self) -> None:
        """Read the index's term dictionaries and postings counts (Tantivy checks as it
        reads; its files end with checksummed footers)."""
        import tantivy

        searcher = self._current()
        searcher.search(tantivy.Query.all_query(), limit=1, count=True)
        for field in _TEXT_FIELDS:
            searcher.terms_with_prefix(field, "")
        json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))

    def create(self) -> None:
        import tantivy

        self.close()
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        self._index = tantivy.Index(_schema(), path=str(self.folder), reuse=False)

    def destroy(self) -> None:
        self.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _open_index(self) -> tantivy.Index:
        import tantivy

        if self._index is None:
            try:
                self._index = tantivy.Index.open(str(self.folder))
            except ValueError as error:
                raise EngineDamaged(_first_line(error)) from error
        return self._index

    def writer(self) -> EngineWriter:
        if self._writer is None:
            self._writer = self._open_index().writer(heap_size=HEAP_BYTES)
        return TantivyWriter(self, self._writer)

    def release_writer(self) -> None:
        """Close the writer (waiting for its merges) and free the index's writer lock."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.wait_merging_threads()

    def committed(self) -> None:
        self._searcher = None

    def generation(self) -> str:
        try:
            return str((self.folder / "meta.json").stat().st_mtime_ns)
        except OSError:
            return ""

    def damage(self, error: BaseException) -> str | None:
        seen: set[int] = set()
        current: BaseException | None = error
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            if isinstance(current, EngineDamaged):
                return f"index damaged ({_first_line(current)})"
            current = current.__cause__ or current.__context__
        return None

    def check(self, *, full: bool) -> str | None:
        return self.problem(verify=full) if self.exists() else None

    # -- reading ---------------------------------------------------------------------

    def refresh(self) -> None:
        self.release_writer()
        self._searcher = None
        if self._index is not None:
            try:
                self._index.reload()
            except ValueError:
                self._index = None

    def close(self) -> None:
        self.release_writer()
        self._searcher = None
        self._index = None

    def _current(self) -> tantivy.Searcher:
        if self._searcher is None:
            index = self._open_index()
            try:
                index.reload()
                self._searcher = index.searcher()
            except ValueError as error:
                self._index = None
                raise EngineDamaged(_first_line(error)) from error
        return self._searcher

    def _run(self, query: Any, limit: int) -> tuple[int, list[tuple[str, float]]]:
        searcher = self._current()
        try:
            result = searcher.search(query, limit=max(limit, 1), count=True)
            found = [
                (searcher.doc(address)["id"][0], float(score)) for score, address in result.hits
            ]
        except ValueError as error:
            raise EngineDamaged(_first_line(error)) from error
        # count=True fills SearchResult.count (absent from the type stubs).
        return int(getattr(result, "count", 0) or 0), found[:limit]

    def doc_count(self) -> int:
        return int(self._current().num_docs)

    def ids(self) -> set[str]:
        import tantivy

        count = self.doc_count()
        if not count:
            return set()
        return {doc_id for doc_id, _ in self._run(tantivy.Query.all_query(), count)[1]}

    def search(self, parsed: Any, limit: int) -> EngineHits:
        from reader.core.index.hits import compile_hits

        lexicon = _Lexicon(self._current())
        expanded = _expanded(parsed, lexicon)
        total, found = self._run(translate(expanded, self._open_index().schema), limit)
        return EngineHits(total, tuple(found), compile_hits(expanded, lexicon))

    def matcher(self, parsed: Any) -> HitMatcher:
        from reader.core.index.hits import compile_hits

        lexicon = _Lexicon(self._current())
        return compile_hits(_expanded(parsed, lexicon), lexicon)

    def doc_frequency(self, field: str, term: str) -> int:
        return int(self._current().doc_freq(field, term))

    def key_terms(self, field: str, text: str, count: int) -> list[tuple[str, float]]:
        """Whoosh's ``key_terms_from_text`` (the Bo1 model, normalised), with the number of
        documents holding a term standing in for its collection frequency, which Tantivy does
        not give."""
        weights = Counter(_terms(field, text))
        if not weights:
            return []
        searcher = self._current()
        documents = searcher.num_docs or 1
        scored = []
        for word, weight in weights.items():
            frequency = searcher.doc_freq(field, word)
            if frequency:
                f = frequency / documents
                scored.append((weight * math.log2((1 + f) / f) + math.log2(1 + f), word))
        if not scored:
            return []
        top = max(score for score, _ in scored)
        f = top / documents
        norm = (top * math.log((1 + f) / f) + math.log(1 + f)) / math.log(2) if top else 1.0
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [(word, score / norm) for score, word in scored[:count]]

    def more_like(
        self, doc_id: str, terms: Sequence[WeightedTerm], limit: int
    ) -> tuple[list[tuple[str, float]], float | None]:
        import tantivy

        schema = self._open_index().schema
        if not self._current().doc_freq("id", doc_id):
            return [], None
        clauses = [
            (
                tantivy.Occur.Should,
                _boosted(tantivy.Query.term_query(schema, t.field, t.text), t.boost),
            )
            for t in terms
        ]
        wanted = tantivy.Query.boolean_query(clauses)
        _, found = self._run(wanted, limit)
        own = next((score for found_id, score in found if found_id == doc_id), None)
        if own is None:
            mine = tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Must, wanted),
                    (tantivy.Occur.Must, tantivy.Query.term_query(schema, "id", doc_id)),
                ]
            )
            hits = self._run(mine, 1)[1]
            own = hits[0][1] if hits else None
        return found, own


def _expanded(parsed: Any, lexicon: _Lexicon) -> Any:
    """``parsed`` with its wildcard, fuzzy and range terms expanded (a plain query has none,
    and is searched without loading Whoosh)."""
    from reader.core.index.plain_query import PlainQuery

    if isinstance(parsed, PlainQuery):
        return parsed
    from reader.core.index.query import expand_terms

    return expand_terms(parsed, lexicon)


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0][:200] if lines else type(error).__name__


def _boosted(query: Any, boost: float) -> Any:
    import tantivy

    return query if boost == 1.0 else tantivy.Query.boost_query(query, float(boost))


class _Lexicon:
    """The little of a Whoosh index reader that expanding wildcard, fuzzy and range terms
    asks for (``query.expand_terms``, ``hits.compile_hits``), over Tantivy's term dictionary."""

    def __init__(self, searcher: tantivy.Searcher) -> None:
        self._searcher = searcher

    @property
    def schema(self) -> Any:
        return _whoosh_schema()  # only a wildcard, fuzzy or range term asks (loads Whoosh)

    def _words(self, field: str, prefix: str) -> list[str]:
        # Tantivy lists them by frequency: sorted here, as Whoosh's lexicon is.
        return sorted(word for word, count in self._searcher.terms_with_prefix(field, prefix))

    def expand_prefix(self, field: str, prefix: str | bytes) -> Iterator[bytes]:
        text = prefix.decode("utf-8") if isinstance(prefix, bytes) else prefix
        for word in self._words(field, text):
            yield word.encode("utf-8")

    def lexicon(self, field: str) -> Iterator[bytes]:
        return self.expand_prefix(field, "")

    def terms_from(self, field: str, start: bytes) -> Iterator[tuple[str, bytes]]:
        words = [w.encode("utf-8") for w in self._words(field, "")]
        for word in words[bisect.bisect_left(words, start) :]:
            yield field, word

    def terms_within(self, field: str, text: str, maxdist: int, prefix: int = 0) -> Iterable[str]:
        from whoosh.support.levenshtein import distance  # as Whoosh's reader compares

        letters = set(text)
        found = [
            word
            for word, _ in self._searcher.terms_with_prefix(field, text[:prefix])
            if abs(len(word) - len(text)) <= maxdist
            and near_letters(letters, word, maxdist)
            and distance(word, text, limit=maxdist) <= maxdist
        ]
        return sorted(found)  # in the lexicon's order, as Whoosh's reader gives them


def near_letters(letters: set[str], word: str, edits: int) -> bool:
    """Whether ``word`` can be within ``edits`` edits of a word of these ``letters``: an
    insertion, deletion or substitution adds or removes at most one letter of the set
    each, a transposition none. A test in C that spares the Python edit distance for
    almost every word of the term dictionary (a fuzzy term at 200,000 articles compares
    thousands)."""
    return len(letters.symmetric_difference(word)) <= 2 * edits

    def __contains__(self, term: tuple[str, bytes | str]) -> bool:
        field, word = term
        text = word.decode("utf-8") if isinstance(word, bytes) else word
        return bool(self._searcher.doc_freq(field, text))


# -- the parsed query tree as a Tantivy query --------------------------------------------


def translate(node: Any, schema: Any) -> Any:
    """The Tantivy query for a parsed (and expanded) query tree node, or a plain query."""
    import tantivy

    from reader.core.index.plain_query import PlainQuery

    Q, Occur = tantivy.Query, tantivy.Occur
    if isinstance(node, PlainQuery):
        return _plain(node, schema)
    from whoosh import query as wq

    from reader.core.index.query import EntityMatch

    boost = float(getattr(node, "boost", 1.0) or 1.0)
    if node is wq.NullQuery or isinstance(node, type(wq.NullQuery)):
        return Q.empty_query()
    if isinstance(node, wq.Every):
        return _boosted(Q.all_query(), boost)
    if isinstance(node, EntityMatch):
        if not node.ids:
            return Q.empty_query()
        return _boosted(Q.term_set_query(schema, "id", node.ids), boost)
    if isinstance(node, wq.Term):
        return _boosted(_term(node.fieldname, node.text, schema), boost)
    if isinstance(node, wq.Phrase):
        return _boosted(_phrase(node.fieldname, list(node.words), node.slop, schema), boost)
    if isinstance(node, wq.NumericRange) and node.fieldname == "date":
        return _boosted(_date_range(node, schema), boost)
    if isinstance(node, wq.Not):
        return Q.boolean_query(
            [(Occur.Must, Q.all_query()), (Occur.MustNot, translate(node.query, schema))]
        )
    if isinstance(node, (wq.AndNot, wq.AndMaybe)):
        # a and not b / a, and b if it can: b excludes or only adds to the score
        second = Occur.MustNot if isinstance(node, wq.AndNot) else Occur.Should
        pair = [(Occur.Must, translate(node.a, schema)), (second, translate(node.b, schema))]
        return _boosted(Q.boolean_query(pair), boost)
    if isinstance(node, wq.Require):
        scored = translate(node.a, schema)
        required = Q.const_score_query(translate(node.b, schema), 0.0)
        return _boosted(Q.boolean_query([(Occur.Must, scored), (Occur.Must, required)]), boost)
    if isinstance(node, wq.And):
        clauses = [
            (Occur.MustNot, translate(child.query, schema))
            if isinstance(child, wq.Not)
            else (Occur.Must, translate(child, schema))
            for child in node.subqueries
        ]
        if all(occur == Occur.MustNot for occur, _ in clauses):
            clauses.append((Occur.Must, Q.all_query()))
        return _boosted(Q.boolean_query(clauses), boost)
    if isinstance(node, wq.Or):
        clauses = [(Occur.Should, translate(child, schema)) for child in node.subqueries]
        if not clauses:
            return Q.empty_query()
        return _boosted(Q.boolean_query(clauses), boost)
    if isinstance(node, wq.MultiTerm):
        # expand_terms replaces these by the words they stand for; one left here was not
        # expanded (no index words): it matches nothing.
        return Q.empty_query()
    raise TypeError(f"no Tantivy query for {type(node).__name__}")


def _plain(node: Any, schema: Any) -> Any:
    """A :class:`PlainQuery` as :func:`translate` translates its Whoosh tree: each term an Or
    of its fields, all of them an And."""
    import tantivy

    from reader.core.index.plain_query import FIELDS

    Q, Occur = tantivy.Query, tantivy.Occur
    either = [
        Q.boolean_query([(Occur.Should, _term(field, term, schema)) for field in FIELDS])
        for term in node.terms
    ]
    return either[0] if len(either) == 1 else Q.boolean_query([(Occur.Must, q) for q in either])


def _term(field: str, text: Any, schema: Any) -> Any:
    import tantivy

    if field == "date":
        return tantivy.Query.empty_query()  # dates are ranges (date:2004 is one)
    query = tantivy.Query.term_query(schema, field, str(text))
    return _boosted(query, _BOOSTS.get(field, 1.0))


def _phrase(field: str, words: list[str], slop: int, schema: Any) -> Any:
    """Whoosh's phrase: each word 1 to ``slop`` positions after the previous one.

    Tantivy's slop also lets words swap places, so an exact phrase is one Tantivy phrase and a
    sloppy one is every in-order spacing spelled out (``"a b"~3``: gaps of 1, 2 and 3). Past
    :data:`MAX_PHRASE_VARIANTS` spacings (long phrases with a big slop) Tantivy's own slop is
    used, which may also find the words in another order.
    """
    import itertools

    import tantivy

    if len(words) == 1:
        return _term(field, words[0], schema)
    boost = _BOOSTS.get(field, 1.0)
    plain: list[str | tuple[int, str]] = list(words)
    if slop <= 1:
        return _boosted(tantivy.Query.phrase_query(schema, field, plain), boost)
    if slop ** (len(words) - 1) > MAX_PHRASE_VARIANTS:
        return _boosted(tantivy.Query.phrase_query(schema, field, plain, slop=slop - 1), boost)
    variants = []
    for gaps in itertools.product(range(1, slop + 1), repeat=len(words) - 1):
        offsets = [0, *itertools.accumulate(gaps)]
        placed: list[str | tuple[int, str]] = [
            (offset, word) for offset, word in zip(offsets, words, strict=True)
        ]
        variants.append((tantivy.Occur.Should, tantivy.Query.phrase_query(schema, field, placed)))
    return _boosted(tantivy.Query.boolean_query(variants), boost)


def _date_range(node: Any, schema: Any) -> Any:
    import tantivy
    from whoosh.util.times import long_to_datetime

    start = _utc(long_to_datetime(node.start)) if node.start is not None else None
    end = _utc(long_to_datetime(node.end)) if node.end is not None else None
    return tantivy.Query.range_query(
        schema,
        "date",
        tantivy.FieldType.Date,
        start,
        end,
        include_lower=not node.startexcl,
        include_upper=not node.endexcl,
    )
