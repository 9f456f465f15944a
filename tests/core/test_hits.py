"""Hits are exactly what the query matched: phrases whole, fields and NOT respected.

The property tests compare :func:`reader.core.index.hits.hit_spans` with a brute-force
matcher over the analysed tokens, Whoosh's own phrase matcher with the spans shown,
and the compiled matcher with what a generated query asks for.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from whoosh import fields, query
from whoosh.filedb.filestore import RamStorage

from conftest import article
from reader.core.index.hits import HitMatcher, Phrase, analysed, compile_hits, hit_spans
from reader.core.index.library import Library
from reader.core.index.query import QueryError, parse_query
from reader.core.index.schema import text_analyzer

# Words with shared stems, stop words, one-letter words, accents and numbers: what
# makes the analysed stream differ from the written one.
VOCAB = [
    "general", "generally", "election", "elections", "elected", "local", "date",
    "war", "worlds", "world", "the", "of", "a", "x", "Café", "cafe", "400,000", "running",
]  # fmt: skip
SEPARATORS = [" ", " ", ", ", ". ", "\n", " - "]


# Few words, so that phrases recur and overlap within one text.
SMALL = ["general", "election", "the", "local", "elections"]


def texts(vocab: list[str] = VOCAB) -> st.SearchStrategy[str]:
    word = st.sampled_from(vocab)
    sep = st.sampled_from(SEPARATORS)
    return st.lists(st.tuples(word, sep), max_size=22).map(lambda ws: "".join(a + b for a, b in ws))


def analysed_term(word: str) -> frozenset[str]:
    return frozenset(t.text for t in text_analyzer()(word))


def matchers(vocab: list[str] = VOCAB) -> st.SearchStrategy[HitMatcher]:
    alternatives = st.lists(st.sampled_from(vocab), min_size=1, max_size=2).map(
        lambda ws: frozenset().union(*(analysed_term(w) for w in ws))
    )
    phrase = st.builds(
        Phrase,
        st.lists(alternatives, min_size=2, max_size=4).map(tuple),
        st.integers(min_value=0, max_value=4),
    )
    terms = st.lists(st.sampled_from(vocab), max_size=3).map(
        lambda ws: frozenset().union(*(analysed_term(w) for w in ws))
    )
    return st.builds(HitMatcher, terms, st.lists(phrase, max_size=3).map(tuple))


def reference_spans(text: str, matcher: HitMatcher) -> list[tuple[int, int]]:
    """Obviously correct and slow: every chain of positions is tried."""
    tokens = analysed(text)
    found = [(t.start, t.end) for t in tokens if t.text in matcher.terms]
    for phrase in matcher.phrases:
        earliest: dict[int, int] = {}
        for chain in itertools.combinations(range(len(tokens)), len(phrase.words)):
            words_fit = all(tokens[i].text in w for i, w in zip(chain, phrase.words, strict=True))
            gaps_fit = all(
                1 <= tokens[b].pos - tokens[a].pos <= phrase.slop
                for a, b in itertools.pairwise(chain)
            )
            if words_fit and gaps_fit:
                earliest[chain[0]] = min(earliest.get(chain[0], len(tokens)), chain[-1])
        found += [(tokens[a].start, tokens[b].end) for a, b in earliest.items()]
    # Overlapping hits are one: the connected stretches of covered characters.
    covered = sorted({c for a, b in found for c in range(a, b)})
    spans: list[tuple[int, int]] = []
    for c in covered:
        if spans and spans[-1][1] == c:
            spans[-1] = (spans[-1][0], c + 1)
        else:
            spans.append((c, c + 1))
    return spans


@given(texts(), matchers())
def test_hit_spans_match_the_brute_force_reference(text: str, matcher: HitMatcher) -> None:
    assert hit_spans(text, matcher) == reference_spans(text, matcher)


def test_a_phrase_word_needs_the_previous_one_within_slop_before_it() -> None:
    # After "aa" and "bb|cc", "cc" can end at positions 2 and 8; "dd" at 7 is
    # within 4 of neither end before it (8 is after it): no phrase here.
    text = "aa bb cc bb bb yy yy dd cc"
    words = (frozenset(["aa"]), frozenset(["bb", "cc"]), frozenset(["cc"]), frozenset(["dd"]))
    matcher = HitMatcher(phrases=(Phrase(words, 4),))
    assert hit_spans(text, matcher) == reference_spans(text, matcher) == []
    loose = HitMatcher(phrases=(Phrase(words, 5),))
    assert (
        hit_spans(text, loose)
        == reference_spans(text, loose)
        == [(0, len("aa bb cc bb bb yy yy dd"))]
    )


@settings(max_examples=400)
@given(texts(SMALL), matchers(SMALL))
def test_recurring_phrases_match_the_brute_force_reference(text: str, matcher: HitMatcher) -> None:
    assert hit_spans(text, matcher) == reference_spans(text, matcher)


@given(texts(), st.lists(st.sampled_from(VOCAB), min_size=2, max_size=3), st.integers(1, 4))
def test_phrase_spans_start_where_whoosh_matches(text: str, words: list[str], slop: int) -> None:
    """A phrase hit shown is one Whoosh counted, and every one it counted is shown."""
    analysed_words = [t.text for t in text_analyzer()(" ".join(words))]
    assume(len(analysed_words) >= 2)
    schema = fields.Schema(body=fields.TEXT(analyzer=text_analyzer()))
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        writer.add_document(body=text)
    with ix.searcher() as searcher:
        matcher = query.Phrase("body", analysed_words, slop=slop).matcher(searcher)
        whoosh: dict[int, int] = {}
        if matcher.is_active():
            for span in matcher.spans():
                whoosh[span.start] = min(whoosh.get(span.start, span.end), span.end)
    by_start = {t.start: t.pos for t in analysed(text)}
    by_end = {t.end: t.pos for t in analysed(text)}
    ours = hit_spans(
        text, HitMatcher(phrases=(Phrase(tuple(frozenset([w]) for w in analysed_words), slop),))
    )
    # Overlapping phrase hits are merged when shown, so compare the starts Whoosh
    # found with the starts of the hits (each merged hit begins at one of them).
    assert bool(ours) == bool(whoosh)
    assert {by_start[a] for a, _ in ours} <= set(whoosh)
    for a, b in ours:
        assert by_end[b] >= whoosh[by_start[a]]


# -- compiling generated queries ---------------------------------------------------------

Clause = tuple[str, list[str], int | None]  # kind, words, slop


def clauses() -> st.SearchStrategy[Clause]:
    words = st.lists(st.sampled_from(VOCAB), min_size=1, max_size=3)
    return st.tuples(
        st.sampled_from(["term", "phrase", "title", "body", "not"]),
        words,
        st.one_of(st.none(), st.integers(1, 4)),
    )


def render(clause: Clause) -> str:
    kind, words, slop = clause
    if kind == "phrase":
        return f'"{" ".join(words)}"' + (f"~{slop}" if slop else "")
    first = words[0]
    return {
        "term": first,
        "title": f"title:{first}",
        "body": f"body:{first}",
        "not": f"NOT {first}",
    }[kind]


def expected(parts: list[Clause]) -> HitMatcher:
    terms: set[str] = set()
    phrases: list[Phrase] = []
    for kind, words, slop in parts:
        if kind in ("title", "not"):
            continue  # another field, or excluded: never marked in the body
        if kind == "phrase":
            stream = [t.text for t in text_analyzer()(" ".join(words))]
            if len(stream) == 1:
                terms.update(stream)
            elif stream:
                phrases.append(Phrase(tuple(frozenset([w]) for w in stream), slop or 1))
        else:
            terms |= analysed_term(words[0])
    return HitMatcher(frozenset(terms), tuple(dict.fromkeys(phrases)))


@given(st.lists(clauses(), min_size=1, max_size=4), st.sampled_from([" ", " AND ", " OR "]))
def test_compiled_matcher_is_what_the_query_asks_for(parts: list[Clause], joiner: str) -> None:
    text = joiner.join(render(c) for c in parts)
    try:
        parsed = parse_query(text)
    except QueryError:
        assume(False)
        raise
    ix = RamStorage().create_index(fields.Schema(title=fields.TEXT(), body=fields.TEXT()))
    with ix.reader() as reader:
        compiled = compile_hits(parsed, reader)
    want = expected(parts)
    assert compiled.terms == want.terms
    assert set(compiled.phrases) == set(want.phrases)


# -- examples through the library -----------------------------------------------------------

VOTE = article(
    "Vote count",
    "The general election is near, and local elections came first. The general said "
    "that general elections are won on the economy.\n\n"
    "A vote on the general election date was set.",
)
GENERAL = article("Parade", "The general inspected the troops before the vote.")
LOCAL = article("Council", "Local elections were held in May.")


@pytest.fixture
def lib(make_corpus: Callable[..., Path]) -> Iterator[Library]:
    root = make_corpus({"vote.txt": VOTE, "general.txt": GENERAL, "local.txt": LOCAL})
    library = Library(root)
    library.update()
    yield library
    library.close()


def _marked(library: Library, query_text: str, doc_id: str) -> list[str]:
    results = library.search(query_text)
    hit = next(h for h in results.hits if h.id == doc_id)
    text = library.catalog.text(doc_id)
    assert text is not None
    marked = [text[a:b] for a, b in hit.positions]
    # The same spans whichever way the UI asks for them.
    assert [text[a:b] for a, b in library.find_hits(query_text, text)] == marked
    return marked


def test_a_phrase_is_marked_whole_and_only_where_it_occurs(lib: Library) -> None:
    results = lib.search('"general election"')
    assert {h.id for h in results.hits} == {"vote"}
    marked = _marked(lib, '"general election"', "vote")
    # "general elections" is the same phrase to the stemming index; "local
    # elections" and "the general said" are not the phrase.
    assert marked == ["general election", "general elections", "general election"]
    hit = results.hits[0]
    for snippet in hit.snippets:
        assert [snippet.text[a:b] for a, b in snippet.highlights] == [
            m for m in marked if m in snippet.text
        ][: len(snippet.highlights)]
    highlights = [s["text"][a:b] for s in hit.to_json()["snippets"] for a, b in s["highlights"]]
    assert highlights and all(" " in h for h in highlights)


def test_single_terms_mark_every_stemmed_form(lib: Library) -> None:
    marked = _marked(lib, "elections", "vote")
    assert marked == ["election", "elections", "elections", "election"]


def test_slop_allows_words_between(lib: Library) -> None:
    with pytest.raises(StopIteration):
        _marked(lib, '"general date"', "vote")
    # "general election date": date is two positions after general.
    assert _marked(lib, '"general date"~2', "vote") == ["general election date"]


def test_field_scoped_and_negated_terms_are_not_marked(lib: Library) -> None:
    # "vote" is in the title and the body: asked of the title only, the body keeps
    # no mark for it.
    assert _marked(lib, "title:vote economy", "vote") == ["economy"]
    # "local" is in the body but not the title: NOT title:local keeps the article,
    # and the excluded word is never a hit.
    assert _marked(lib, "economy AND NOT title:local AND NOT local2", "vote") == ["economy"]
    assert _marked(lib, "vote NOT title:local", "general") == ["vote"]


def test_and_marks_every_part_or_marks_what_occurs(lib: Library) -> None:
    assert _marked(lib, 'economy AND "general election"', "vote") == [
        "general election",
        "general elections",
        "economy",
        "general election",
    ]
    assert _marked(lib, 'troops OR "general election"', "general") == ["troops"]
    # A term inside a phrase also asked for is one hit, not two.
    assert _marked(lib, 'general "general election"', "vote") == [
        "general election",
        "general",
        "general elections",
        "general election",
    ]
    assert _marked(lib, 'date "election date"', "vote") == ["election date"]


def test_wildcard_and_fuzzy_expansions_are_marked(lib: Library) -> None:
    assert _marked(lib, "elect*", "local") == ["elections"]
    assert _marked(lib, "economi~1", "vote") == ["economy"]


def test_every_document_marks_nothing(lib: Library) -> None:
    for text in ("*", "body:*", "**", "?*"):
        results = lib.search(text)
        assert results.total == 3
        assert all(not h.positions for h in results.hits)


ZAL = article(
    "Commander replaced",
    "Ukraine's commander-in-chief, General Valery Zaluzhnyi, met officers in Kyiv on "
    "Monday. Zaluzhnyi said the army needed more soldiers.",
)
ZAL_B = article(
    "Army chief leaves",
    "General Zaluzhny told reporters in Kiev that the front was stable. Zaluzhny has "
    "led the army since 2021.",
)


def test_entity_spellings_are_marked(make_corpus: Callable[..., Path]) -> None:
    root = make_corpus({"a.txt": ZAL, "b.txt": ZAL_B})
    library = Library(root)
    library.update()
    try:
        text = library.catalog.text("a")
        assert text is not None
        marked = [text[a:b] for a, b in library.find_hits("Zaluzhny", text)]
        assert marked == ["Zaluzhnyi", "Zaluzhnyi"]
        marked = [text[a:b] for a, b in library.find_hits("Kiev", text)]
        assert marked == ["Kyiv"]
        # A person: query marks the person's spellings, a longer one as one span.
        marked = [text[a:b] for a, b in library.find_hits("person:Zaluzhny", text)]
        assert marked and all("Zaluzhnyi" in m for m in marked)
        assert len(marked) == 2
        assert "officers" not in " ".join(marked)
    finally:
        library.close()


# -- the BBC corpus (skipped without ../shared) --------------------------------------------

BBC = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "bbc"


@pytest.mark.skipif(not BBC.is_dir(), reason="BBC corpus not found in ../shared")
def test_bbc_general_election_hits_are_the_phrase(tmp_path: Path) -> None:
    # The articles whose file has the phrase, and 40 with both words apart, copied
    # into a temp corpus: indexing all 2,225 takes minutes.
    root = tmp_path / "bbc"
    phrase = Phrase((frozenset(["gener"]), frozenset(["elect"])), 1)
    matcher = HitMatcher(phrases=(phrase,))
    apart = 0
    for path in sorted(BBC.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "gener" not in text.lower() or "elect" not in text.lower():
            continue
        if not hit_spans(text, matcher):
            apart += 1
            if apart > 40:
                continue
        target = root / path.relative_to(BBC)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    library = Library(root)
    library.update()
    try:
        results = library.search('"general election"', limit=1000)
        expected = {}
        for summary in library.summaries():
            body = library.catalog.text(summary.id) or ""
            # hit_spans is checked against the brute force above; this checks that
            # the library's count, positions and Whoosh's total all agree with it.
            if hit_spans(summary.title, matcher) or hit_spans(body, matcher):
                expected[summary.id] = hit_spans(body, matcher)
        assert results.total == len(expected) == 122
        for hit in results.hits:
            assert list(hit.positions) == expected[hit.id]
        by_id = {hit.id: hit for hit in results.hits}
        # The article that showed "7 hits" (every "general" and "election"): two.
        text = library.catalog.text("politics/302") or ""
        marked = [text[a:b] for a, b in by_id["politics/302"].positions]
        assert marked == ["general election", "general election"]
        assert "local elections" in text.lower()
    finally:
        library.close()
