"""Pairing the sentences of two texts that say the same thing.

Each sentence becomes the set of its content terms (:mod:`reader.core.compare.terms`). Two
sentences are compared by the cosine of their weighted term sets, where the weight of a term is
its rarity (:mod:`reader.core.compare.weights`)::

    score(s, t) = sum(w(x)^2 for x in s & t) / sqrt(sum(w(x)^2 for x in s) * sum(w(x)^2 for x in t))

Cosine on sets tolerates reordered clauses, dropped words and a swapped synonym or two, and a
reworded sentence that keeps its rare words and figures still scores high, while a pair sharing
only topic words scores near zero. A pair is kept when

- both sentences have at least ``min_terms`` content terms,
- the texts are identical after whitespace/quote/dash normalisation (kind "exact", score 1), or
  the score is at least ``min_score`` with ``min_shared`` shared terms whose summed local weight is
  at least ``min_evidence`` units (kind "near"); a score down to ``figure_score`` is enough when
  the shared terms include a figure of three characters or more and weigh ``figure_evidence``
  units (a reworded sentence inside a longer one that keeps its "125,000"; a day of the month or
  a "7%" is too common to count),
- or, for a *rewording* (the same claim in other words), the cosine of the two sentences'
  claim keys (:mod:`.claims`: stems, names or entity ids, figures and dates by value) is at
  least ``reword_score``, the shared keys weigh ``reword_evidence`` units, and at least
  ``reword_specific`` of them are specific (a figure, or a key in no more than two sentences of
  either text): a pair that shares only a place name and topic words is not a pair. A name of
  several words ("Education Secretary Ruth Kelly", "South Asian") is one specific thing however
  many keys it makes (its words, its canonical entity), on the side that splits it least:
  sharing one name and topic words is still not a pair;
- or, with canonical entities, the two sentences tell one *event* (:mod:`.events`: the same
  two people or organisations, an action of the same family, "asked him to step down" /
  "refused to step down", "abandon the firing" / "the firing was backtracked") that is in no
  more than about two sentences of either text (``reword_rare``), and share one more claim key
  besides the event's names and action words. Such pairs are taken after all others (and,
  like any pair, as a second partner only next to the first).

Pairing is one-to-one: candidates are taken best first while both sentences are free. A
sentence whose best partner is already taken keeps it as a *second* partner only when the pair
is clearly a repeat: the same words (an exact or near repeat, e.g. a sentence split in two) or
a shared figure with strong evidence (a claim told twice, "125,000 lives" in two places).

Candidates come from an inverted index over the second text's terms, so the cost grows with the
number of sentence pairs that share a term, not with the product of the sentence counts.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from reader.core.compare.claims import Token, claim_keys, claim_tokens, entity_tokens
from reader.core.compare.diff import word_diff
from reader.core.compare.events import Event, actions, event_keys, event_words
from reader.core.compare.options import CompareOptions
from reader.core.compare.spans import Span
from reader.core.compare.terms import is_figure, terms
from reader.core.compare.weights import (
    FIGURE_BOOST,
    DocumentFrequencies,
    term_weights,
    unit_weight,
)

_SPACES = re.compile(r"\s+")
_TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "—": "-", "–": "-"})
_YEAR = re.compile(r"#\d{4}")

Reuse = Literal["exact", "near", "rewording"]

NEAR_WORDS = 0.7
"""Share of words two sentences must have in common, in order, to be a near repeat."""


@dataclass(frozen=True)
class SentencePair:
    """Sentence ``a_index`` of the first text pairs with sentence ``b_index`` of the second.

    ``kind``: ``exact`` (same text), ``near`` (:data:`NEAR_WORDS` of the words the same, in
    order) or ``rewording`` (the same claim in other words).
    """

    a_index: int
    b_index: int
    score: float
    exact: bool
    kind: Reuse = "near"


@dataclass(frozen=True)
class Alignment:
    """The sentences of both texts, which of them could take part, and the pairs found.

    ``weights`` is the weight of every claim key (:mod:`.claims`); with the source texts and
    entity mentions kept here, :meth:`tokens` gives a sentence's keys with their spans, for the
    evidence of a pair (:mod:`.evidence`).
    """

    a: Sequence[Span]
    b: Sequence[Span]
    a_eligible: tuple[bool, ...]
    b_eligible: tuple[bool, ...]
    pairs: tuple[SentencePair, ...]
    weights: Mapping[str, float] = field(default_factory=dict)
    a_source: str | None = None
    b_source: str | None = None
    a_mentions: Sequence[tuple[int, int, str, str]] = ()
    b_mentions: Sequence[tuple[int, int, str, str]] = ()
    # Sentences' tokens as computed while pairing (the name test), kept for the evidence.
    known_tokens: dict[tuple[str, int], tuple[Token, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def tokens(self, side: Literal["a", "b"], index: int) -> tuple[Token, ...]:
        """The claim keys of sentence ``index`` of text ``side``, with spans in that text."""
        found = self.known_tokens.get((side, index))
        if found is None:
            if side == "a":
                found = _sentence_tokens(self.a[index], self.a_source, self.a_mentions)
            else:
                found = _sentence_tokens(self.b[index], self.b_source, self.b_mentions)
            self.known_tokens[(side, index)] = found
        return found


@dataclass(frozen=True)
class _Candidate:
    a: int
    b: int
    score: float
    exact: bool
    surface: bool  # passed the repeat test on surface terms
    figure: bool  # shares a figure (not a bare year)
    event: bool = False  # made only by a shared rare event (ranked after all others)

    @property
    def clear(self) -> bool:
        """Clearly a repeat: the same words, or a shared figure."""
        return self.exact or self.surface or self.figure


def fingerprint(text: str) -> str:
    """``text`` with whitespace collapsed and typographic quotes and dashes made plain.

    Two spans are an *exact* repeat when their fingerprints are equal.
    """
    return _SPACES.sub(" ", text.translate(_TYPOGRAPHY)).strip()


def align_sentences(
    a: Sequence[Span],
    b: Sequence[Span],
    options: CompareOptions | None = None,
    corpus: DocumentFrequencies | None = None,
    *,
    a_source: str | None = None,
    b_source: str | None = None,
    a_mentions: Sequence[tuple[int, int, str, str]] = (),
    b_mentions: Sequence[tuple[int, int, str, str]] = (),
) -> Alignment:
    """Pairs of sentences of ``a`` and ``b`` that repeat or re-tell each other (sorted by ``a``).

    ``a_source``/``b_source`` are the texts the sentences were cut from (needed to tell near
    repeats from rewordings by their words); ``a_mentions``/``b_mentions`` optional entity
    mentions ``(start, end, entity id, text)`` in those texts, with canonical ids shared by both.
    """
    opts = options or CompareOptions()
    a_terms = [frozenset(terms(s.text)) for s in a]
    b_terms = [frozenset(terms(s.text)) for s in b]
    a_eligible = tuple(len(bag) >= opts.min_terms for bag in a_terms)
    b_eligible = tuple(len(bag) >= opts.min_terms for bag in b_terms)
    a_keys = [_sentence_keys(s, a_source, a_mentions) for s in a]
    b_keys = [_sentence_keys(s, b_source, b_mentions) for s in b]
    weights = claim_weights(a_keys, b_keys, corpus)
    candidates = _surface_candidates(a, b, a_terms, b_terms, opts, corpus)
    runs: dict[tuple[str, int], Mapping[str, int]] = {}  # a sentence asked once per partner
    token_cache: dict[tuple[str, int], tuple[Token, ...]] = {}  # handed on to the evidence

    def names(side: Literal["a", "b"], index: int) -> Mapping[str, int]:
        found = runs.get((side, index))
        if found is None:
            sentence = a[index] if side == "a" else b[index]
            tokens = token_cache.get((side, index))
            if tokens is None:
                if side == "a":
                    tokens = _sentence_tokens(sentence, a_source, a_mentions)
                else:
                    tokens = _sentence_tokens(sentence, b_source, b_mentions)
                token_cache[(side, index)] = tokens
            found = runs[(side, index)] = _name_runs(sentence, tokens)
        return found

    for pair in _claim_candidates(a_keys, b_keys, a_eligible, b_eligible, weights, opts, names):
        known = candidates.get((pair.a, pair.b))
        if known is None or pair.score > known.score:
            candidates[(pair.a, pair.b)] = _Candidate(
                pair.a,
                pair.b,
                max(pair.score, known.score if known else 0.0),
                known.exact if known else False,
                known.surface if known else False,
                pair.figure,
            )
        elif pair.figure and not known.figure:
            candidates[(pair.a, pair.b)] = _Candidate(
                known.a, known.b, known.score, known.exact, known.surface, True
            )
    if opts.events and a_mentions and b_mentions:
        for c in _event_candidates(
            a, b, a_eligible, b_eligible, a_keys, b_keys, weights, opts, a_mentions, b_mentions
        ):
            candidates.setdefault((c.a, c.b), c)
    chosen = _one_to_one(list(candidates.values()), len(a), len(b))
    pairs = [
        SentencePair(c.a, c.b, c.score, c.exact, _kind(c, a[c.a], b[c.b], a_source, b_source))
        for c in chosen
    ]
    pairs.sort(key=lambda p: (p.a_index, p.b_index))
    return Alignment(
        a,
        b,
        a_eligible,
        b_eligible,
        tuple(pairs),
        weights,
        a_source,
        b_source,
        tuple(a_mentions),
        tuple(b_mentions),
        token_cache,
    )


def _sentence_keys(
    sentence: Span, source: str | None, mentions: Sequence[tuple[int, int, str, str]]
) -> dict[str, str]:
    """A sentence's claim keys, each with the words that carry it first."""
    if source is not None:
        found = claim_keys(source, sentence.start, sentence.end)
    else:
        found = claim_keys(sentence.text)
    for token in entity_tokens(sentence.start, sentence.end, mentions):
        found.setdefault(token.key, token.text)
    return found


def _sentence_tokens(
    sentence: Span, source: str | None, mentions: Sequence[tuple[int, int, str, str]]
) -> tuple[Token, ...]:
    if source is not None:
        found = claim_tokens(source, sentence.start, sentence.end)
    else:  # offsets of the sentence's own text, shifted to where the sentence starts
        found = [
            Token(t.key, t.start + sentence.start, t.end + sentence.start, t.text)
            for t in claim_tokens(sentence.text)
        ]
    if mentions:
        found.extend(entity_tokens(sentence.start, sentence.end, mentions))
        found.sort(key=lambda t: t.start)
    return tuple(found)


def claim_weights(
    a_keys: Sequence[Mapping[str, str]],
    b_keys: Sequence[Mapping[str, str]],
    corpus: DocumentFrequencies | None = None,
) -> dict[str, float]:
    """Weight of every claim key in units of a key found in one sentence of each text.

    The rarity of the key among the sentences of the text that uses it more (as
    :func:`reader.core.compare.weights.term_weights`), figures boosted, and scaled by the corpus
    rarity of its words relative to the other keys of the two texts when ``corpus`` is given
    (:func:`_corpus_factors`).
    """
    top = max(len(a_keys), len(b_keys)) + 1
    in_a: Counter[str] = Counter()
    in_b: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for sentences, counter in ((a_keys, in_a), (b_keys, in_b)):
        for keys in sentences:
            counter.update(keys.keys())
            if corpus is not None:
                for key, words in keys.items():
                    surface.setdefault(key, words)
    factor = _corpus_factors(surface, corpus) if corpus is not None else {}
    weights: dict[str, float] = {}
    for key in in_a.keys() | in_b.keys():
        weight = _rarity(in_a[key], in_b[key], top)
        if key.startswith("#") and not _YEAR.fullmatch(key):
            weight *= FIGURE_BOOST
        weights[key] = weight * factor.get(key, 1.0)
    return weights


def _rarity(in_a: int, in_b: int, top: int) -> float:
    """How rare a key is among the sentences of the text that uses it more: 1 in one
    sentence of each, near 0 in every sentence (``top``: one more than the longer text's count)."""
    return math.log(top / max(in_a, in_b)) / math.log(top)


def _corpus_factors(surface: Mapping[str, str], corpus: DocumentFrequencies) -> dict[str, float]:
    """Corpus rarity of every word key, relative to the mean over the keys of both texts.

    Raw corpus rarity is in ``(0, 1]`` and most content words of a news corpus sit near 0.3-0.6,
    so multiplying by it shrank nearly every key: the evidence thresholds, set in units of a key
    found once in each text, then asked about twice as much of a rewording when the caller had
    corpus statistics (on the hand-judged BBC sample, 35 rewordings instead of 58). Divided by
    its mean, the typical key keeps its unit weight and the thresholds mean the same with and
    without a corpus, while words common across the corpus still weigh less.

    The factor is at most 1: the corpus only says that a word the two texts use once or twice is
    a common word after all. Letting corpus-rare words weigh more than their local rarity (up to
    a figure's boost) found 6 more same-claim pairs on that sample but 5 wrong ones with them.
    """
    raw = {
        key: max((corpus.rarity(term) for term in terms(words)), default=1.0)
        for key, words in surface.items()
        if key[:1] not in "#@"
    }
    if not raw:
        return raw
    mean = sum(raw.values()) / len(raw)
    return {key: min(value / mean, 1.0) for key, value in raw.items()}


def _surface_candidates(
    a: Sequence[Span],
    b: Sequence[Span],
    a_terms: list[frozenset[str]],
    b_terms: list[frozenset[str]],
    opts: CompareOptions,
    corpus: DocumentFrequencies | None,
) -> dict[tuple[int, int], _Candidate]:
    """Repeats by surface terms: the test this module's docstring describes first."""
    local = term_weights(a_terms, b_terms)
    if not local:
        return {}
    unit = unit_weight(a_terms, b_terms)
    weight = local if corpus is None else {t: w * corpus.rarity(t) for t, w in local.items()}
    a_norm = [math.sqrt(sum(weight[t] ** 2 for t in bag)) for bag in a_terms]
    b_norm = [math.sqrt(sum(weight[t] ** 2 for t in bag)) for bag in b_terms]
    a_print = [fingerprint(s.text) for s in a]
    b_print = [fingerprint(s.text) for s in b]

    postings: dict[str, list[int]] = defaultdict(list)
    for j, bag in enumerate(b_terms):
        if len(bag) >= opts.min_terms:
            for term in bag:
                postings[term].append(j)

    found: dict[tuple[int, int], _Candidate] = {}
    for i, bag in enumerate(a_terms):
        if len(bag) < opts.min_terms:
            continue
        dot: dict[int, float] = defaultdict(float)
        for term in bag:
            w = weight[term]
            for j in postings.get(term, ()):
                dot[j] += w * w
        for j, product in dot.items():
            if a_print[i] == b_print[j]:
                found[(i, j)] = _Candidate(i, j, 1.0, True, True, False)
                continue
            denominator = a_norm[i] * b_norm[j]
            score = product / denominator if denominator else 0.0
            if score < opts.figure_score:
                continue
            shared = bag & b_terms[j]
            if len(shared) < opts.min_shared:
                continue
            evidence = sum(local[t] for t in shared) / unit
            if score < opts.min_score and not (
                evidence >= opts.figure_evidence and any(_quantity(t) for t in shared)
            ):
                continue
            if evidence < opts.min_evidence:
                continue
            found[(i, j)] = _Candidate(i, j, min(score, 1.0), False, True, False)
    return found


def _quantity(term: str) -> bool:
    """Whether a surface term is a figure specific enough to lower the bar of a pair: three
    characters or more ("125000", "4.75", "2004"). A day of the month ("26 December"), a small
    count or percentage ("7%", "30 years") or a code ("G7") is in too many unrelated sentences
    of two articles on one topic; the claim keys still compare them by value."""
    return len(term) >= 3 and is_figure(term)


def _claim_candidates(
    a_sentences: Sequence[Mapping[str, str]],
    b_sentences: Sequence[Mapping[str, str]],
    a_eligible: Sequence[bool],
    b_eligible: Sequence[bool],
    weights: Mapping[str, float],
    opts: CompareOptions,
    names: Callable[[Literal["a", "b"], int], Mapping[str, int]] | None = None,
) -> list[_Candidate]:
    """Rewordings: pairs whose claim keys agree (this module's docstring).

    ``names(side, index)`` maps the name keys of a sentence to the run of capitalised words
    they come from, so the keys of one multi-word name count as one specific key."""
    a_keys = [frozenset(keys) for keys in a_sentences]
    b_keys = [frozenset(keys) for keys in b_sentences]
    a_norm = [math.sqrt(sum(weights[k] ** 2 for k in keys)) for keys in a_keys]
    b_norm = [math.sqrt(sum(weights[k] ** 2 for k in keys)) for keys in b_keys]
    postings: dict[str, list[int]] = defaultdict(list)
    for j, keys in enumerate(b_keys):
        if b_eligible[j]:
            for key in keys:
                # Keys in most sentences cannot make a pair on their own: skip their postings
                # (they still count in the cosine through the norms and the dot below).
                if weights[key] >= opts.reword_posting:
                    postings[key].append(j)
    found: list[_Candidate] = []
    for i, keys in enumerate(a_keys):
        if not a_eligible[i] or not a_norm[i]:
            continue
        partners: set[int] = set()
        for key in keys:
            partners.update(postings.get(key, ()))
        for j in partners:
            shared = keys & b_keys[j]
            dot = sum(weights[k] ** 2 for k in shared)
            score = dot / (a_norm[i] * b_norm[j]) if b_norm[j] else 0.0
            if score < opts.reword_score:
                continue
            figure = any(k.startswith("#") and not _YEAR.fullmatch(k) for k in shared)
            evidence = sum(weights[k] for k in shared)
            if evidence < (opts.reword_figure_evidence if figure else opts.reword_evidence):
                continue
            specific = [k for k in shared if weights[k] >= opts.reword_rare]
            if len(specific) < opts.reword_specific:
                continue
            if names is not None and any(k[:1] != "#" for k in specific):
                # Only for the few pairs that got this far: a sentence's names need its spans.
                distinct = min(
                    _distinct(specific, names("a", i)), _distinct(specific, names("b", j))
                )
                if distinct < opts.reword_specific:
                    continue
            found.append(_Candidate(i, j, min(score, 1.0), False, False, figure))
    return found


_NAME_RUN = re.compile(r"[A-Z][\w'’.&-]*(?:[ \t]+[A-Z][\w'’.&-]*)*")


def _name_runs(sentence: Span, tokens: Sequence[Token]) -> Mapping[str, int]:
    """The name keys of a sentence (capitalised words, entity ids) -> the run of capitalised
    words they lie in (its start), so "Ruth" and "Kelly" and ``@person:ruth-kelly`` are one."""
    runs = [m.span() for m in _NAME_RUN.finditer(sentence.text)]
    found: dict[str, int] = {}
    for token in tokens:
        if token.key[:1] == "#" or (token.key[:1] != "@" and not token.text[:1].isupper()):
            continue
        start, end = token.start - sentence.start, token.end - sentence.start
        run = next((s for s, e in runs if s <= start and end <= e), None)
        if run is not None:
            found.setdefault(token.key, run)
    return found


def _distinct(keys: Sequence[str], runs: Mapping[str, int]) -> int:
    """How many things ``keys`` name: the keys of one run of capitalised words count once."""
    seen: set[int] = set()
    count = 0
    for key in keys:
        run = runs.get(key)
        if run is None:
            count += 1
        elif run not in seen:
            seen.add(run)
            count += 1
    return count


def _event_candidates(
    a: Sequence[Span],
    b: Sequence[Span],
    a_eligible: Sequence[bool],
    b_eligible: Sequence[bool],
    a_keys: Sequence[Mapping[str, str]],
    b_keys: Sequence[Mapping[str, str]],
    weights: Mapping[str, float],
    opts: CompareOptions,
    a_mentions: Sequence[tuple[int, int, str, str]],
    b_mentions: Sequence[tuple[int, int, str, str]],
) -> list[_Candidate]:
    """Pairs that tell one rare event (:mod:`.events`) and share one more detail.

    The event must be rare as a claim key must be to be specific (``reword_rare``): in two
    articles about one affair, the affair itself (the same two people, the same kind of action)
    is in many sentences and proves nothing. And the two sentences must share a claim key
    besides the event's own words (its participants' names, its action words): the same two
    people doing the same kind of thing is an event, not yet one claim about it ("Baikal bought
    Yuganskneftegas" / "Baikal had bought itself trouble"). Scored by their claim-key cosine;
    :func:`_one_to_one` takes them after every other candidate."""

    def events(
        spans: Sequence[Span],
        eligible: Sequence[bool],
        mentions: Sequence[tuple[int, int, str, str]],
    ) -> tuple[list[frozenset[Event]], list[dict[str, set[str]]]]:
        keys: list[frozenset[Event]] = []
        words: list[dict[str, set[str]]] = []  # participant -> claim keys of its mentions
        for span, ok in zip(spans, eligible, strict=True):
            named: dict[str, set[str]] = {}
            if ok and actions(span.text):  # most sentences tell no event: skip their mentions
                for token in entity_tokens(span.start, span.end, mentions):
                    found = named.setdefault(token.key[1:], {token.key})
                    found.update(claim_keys(token.text))
            keys.append(event_keys(span.text, named) if len(named) >= 2 else frozenset())
            words.append(named)
        return keys, words

    (a_events, a_names), (b_events, b_names) = (
        events(a, a_eligible, a_mentions),
        events(b, b_eligible, b_mentions),
    )
    in_a: Counter[Event] = Counter(k for ks in a_events for k in ks)
    in_b: Counter[Event] = Counter(k for ks in b_events for k in ks)
    top = max(len(a), len(b)) + 1
    rare = {
        k for k in in_a.keys() & in_b.keys() if _rarity(in_a[k], in_b[k], top) >= opts.reword_rare
    }
    if not rare:
        return []
    found: list[_Candidate] = []
    for i, ks in enumerate(a_events):
        mine = ks & rare
        if not mine:
            continue
        for j, other in enumerate(b_events):
            shared = mine & other
            if not shared:
                continue
            common = a_keys[i].keys() & b_keys[j].keys()
            for family, first, second in shared:
                told = event_words(family).union(
                    *(
                        names.get(p, ())
                        for names in (a_names[i], b_names[j])
                        for p in (first, second)
                    )
                )
                if common - told:
                    score = _cosine(a_keys[i], b_keys[j], weights)
                    found.append(_Candidate(i, j, score, False, False, False, True))
                    break
    return found


def _cosine(a: Mapping[str, str], b: Mapping[str, str], weights: Mapping[str, float]) -> float:
    norm = math.sqrt(sum(weights[k] ** 2 for k in a) * sum(weights[k] ** 2 for k in b))
    return min(sum(weights[k] ** 2 for k in a.keys() & b.keys()) / norm, 1.0) if norm else 0.0


def _one_to_one(candidates: list[_Candidate], a_count: int, b_count: int) -> list[_Candidate]:
    """Best first while both sentences are free; then second partners for clear repeats."""

    def rank(c: _Candidate) -> tuple[bool, float, float, int, int]:
        # Ties (exact repeats of a repeated sentence) go to the partner at the same relative
        # position, so a text compared with itself pairs every sentence with itself. Pairs by
        # a shared event come last: they pair sentences nothing else pairs.
        drift = abs(c.a / max(a_count, 1) - c.b / max(b_count, 1))
        score = -c.score - (1.0 if c.exact else 0.0)
        return (c.event, score, drift, min(c.a, c.b), max(c.a, c.b))

    ordered = sorted(candidates, key=rank)
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen: list[_Candidate] = []
    for c in ordered:
        if c.a not in used_a and c.b not in used_b:
            chosen.append(c)
            used_a.add(c.a)
            used_b.add(c.b)
    taken = {(c.a, c.b) for c in chosen}
    partner_a = {c.b: c.a for c in chosen}  # b -> its first partner in a
    partner_b = {c.a: c.b for c in chosen}  # a -> its first partner in b
    count_a = Counter(c.a for c in chosen)
    count_b = Counter(c.b for c in chosen)
    for c in ordered:
        if (c.a, c.b) in taken or count_a[c.a] >= 2 or count_b[c.b] >= 2:
            continue
        # A second partner is kept when the pair is clearly a repeat, or lies next to the first
        # partner (a sentence split in two, or two sentences merged into one).
        a_ok = not count_a[c.a] or c.clear or _next_to(c.b, partner_b.get(c.a))
        b_ok = not count_b[c.b] or c.clear or _next_to(c.a, partner_a.get(c.b))
        if not (a_ok and b_ok):
            continue
        chosen.append(c)
        taken.add((c.a, c.b))
        count_a[c.a] += 1
        count_b[c.b] += 1
    return chosen


def _next_to(index: int, other: int | None) -> bool:
    return other is not None and abs(index - other) == 1


def _kind(c: _Candidate, a: Span, b: Span, a_source: str | None, b_source: str | None) -> Reuse:
    if c.exact:
        return "exact"
    if a_source is None or b_source is None:
        return "near" if c.surface else "rewording"
    _, same = word_diff(a_source, a, b_source, b)
    return "near" if same >= NEAR_WORDS else "rewording"
