"""The extractor's fast paths give what the slow ones they replace give.

Each shortcut (a one-word run taken whole, the score count without a look-behind,
the ASCII fold, a bare word skipped, the second word before a span read on demand)
is checked against the general code it stands in for, on generated text. The
whole-corpus proof (same entities on every BBC, CoNLL and re3d document) is
``benchmarks/entity_speed.py --against REV``.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.entities import Extractor
from reader.core.entities.classify import Classifier, never_alone
from reader.core.entities.consistency import _SCORE, _at_least, _scores_at_least
from reader.core.entities.keys import fold
from reader.core.entities.spans import _TOKEN, RUN, Span, find_spans, prev_word, shouting_lines

_WORDS = st.sampled_from(
    "The US Mr Gen. U.S. al-Assad O'Brien Veterans' of and the & Bank England Kyiv "
    "French Sunday's said IBM Zaluzhnyi 3rd Brigade Corp. McDonald x ABC-TV".split()
)
_GLUE = st.sampled_from([" ", "  ", "\t", "\u00a0", ", ", ". ", "\n", "-", " (", ") ", "'s "])


@st.composite
def _texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(_WORDS, max_size=14))
    return "".join(w + draw(_GLUE) for w in words)


@settings(max_examples=300)
@given(_texts())
def test_a_run_without_a_gap_is_the_one_token_it_would_give(text: str) -> None:
    for match in RUN.finditer(text):
        run = match.group()
        if " " in run or "\t" in run or "\xa0" in run:
            continue
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, *match.span())]
        assert tokens == [(match.start(), match.end(), run)]


@settings(max_examples=400)
@given(
    st.text(alphabet=st.sampled_from(list("0123456789- v\n\tab٣")), max_size=60),
    st.integers(1, 5),
)
def test_score_count_matches_the_pattern_with_its_look_behind(text: str, count: int) -> None:
    assert _scores_at_least(text, count) == _at_least(_SCORE, text, count)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_ascii_fold_equals_the_unicode_fold(name: str) -> None:
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    assert fold(name) == " ".join(stripped.casefold().split())


def test_bare_words_are_dropped_whatever_their_context() -> None:
    gaz = Extractor().load().gazetteer
    classifier = Classifier(gaz, {})
    contexts = [
        {},
        {"prev": "president"},
        {"prev": "the", "next": "shares"},
        {"initial": True},
        {"prev": "in", "next": "province"},
    ]
    words = ["The", "Sunday", "French", "Americans", "He", "However", "Christmas"]
    for word in words:
        assert never_alone(word)
        for context in contexts:
            span = Span(words=[(10, 10 + len(word), word)], **context)  # type: ignore[arg-type]
            assert classifier.classify(span) is None, (word, context)
    # Not bare: "US" in capitals is the country, hyphens and digits go to the full rules.
    assert not any(never_alone(w) for w in ("US", "Kyiv", "Anti-war", "May2"))


@settings(max_examples=200)
@given(_texts())
def test_bare_spans_carry_no_context_and_others_read_prev2_as_before(text: str) -> None:
    gaz = Extractor().load().gazetteer

    def common(word: str) -> bool:
        return gaz.zipf(word) >= 3.5

    for span in find_spans(text, common, never_alone):
        if span.bare:
            assert len(span.words) == 1 and never_alone(span.words[0][2])
            assert not span.shouting
            continue
        before = text[max(0, span.start - 60) : span.start]
        first = prev_word(before, len(before))
        second = prev_word(before, first[0]) if first else None
        assert span.prev2 == (second[1].lower() if second else "")
        assert span.prev2_cap == bool(second and second[1][:1].isupper())


def _shouting_slow(text: str, common: object) -> list[tuple[int, int]]:
    """The rule as first written (every count taken on every line)."""
    import re

    found = []
    for line in re.finditer(r"[^\n]+", text):
        words = [w for w in line.group().split() if w[:1].isalpha()]
        if len(words) < 2:
            continue
        upper = sum(1 for w in words if w.isupper())
        if not any(len(w) > 1 and w.isupper() for w in words):
            upper = 0
        titled = sum(1 for w in words if w[0].isupper())
        if upper >= 0.6 * len(words) or (
            len(words) >= 4
            and titled == len(words)
            and sum(1 for w in words if common(w)) * 2 > len(words)  # type: ignore[operator,misc]
        ):
            found.append(line.span())
    return found


@settings(max_examples=300)
@given(_texts())
def test_shouting_lines_as_first_written(text: str) -> None:
    shouty = text.upper() + "\n" + text + "\nI A b\nW L PCT GB\n" + text.title()

    def common(word: str) -> bool:
        return word.lower() in {"the", "of", "and", "said", "bank", "sunday's"}

    assert shouting_lines(shouty, common) == _shouting_slow(shouty, common)
