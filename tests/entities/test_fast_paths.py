"""The extractor's fast paths give what the slow ones they replace give.

Each shortcut (a one-word run taken whole, the score count without a look-behind,
the ASCII fold, a bare word skipped, the second word before a span read on demand)
is checked against the general code it stands in for, on generated text. The
whole-corpus proof (same entities on every BBC, CoNLL and re3d document) is
``benchmarks/entity_speed.py --against REV``.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.entities import Extractor
from reader.core.entities.classify import Classifier, never_alone
from reader.core.entities.consistency import (
    _SCORE,
    _SPORT,
    _SPORT_BY_LETTER,
    _VERSUS,
    _at_least,
    _scores_at_least,
    _spells_surname,
    _versus_at_least,
)
from reader.core.entities.datelines import DATELINE
from reader.core.entities.figures import (
    _GUARDED,
    _PATTERN,
    digit_windows,
    digit_windows_by_run,
)
from reader.core.entities.grouping import _Cluster, _person, _same_first, _surname
from reader.core.entities.keys import fold, skeleton, spellings, variants
from reader.core.entities.model import Mention
from reader.core.entities.results import RESULT, STANDING
from reader.core.entities.spans import (
    _TOKEN,
    RUN,
    Span,
    _run_tokens,
    _with_context,
    _word_with_context,
    find_spans,
    line_matches,
    prev_word,
    runs,
    shouting_lines,
)

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


# Particles, capitals after hyphens and apostrophes, initials: where ``runs`` looks
# back from a capital to the particle before it.
_RUN_WORDS = st.sampled_from(
    "al-Assad bin-Talal ash-Sharif abd-Allah Bash-Ahmed x-Ray al- an-Nur ibn-Saud "
    "O'Brien 'Twas U.S. Gen. Mr Kyiv of and & the-Hague e-Bay AN-Nur Ash-Shams i".split()
)


@settings(max_examples=400)
@given(st.lists(st.tuples(_RUN_WORDS | _WORDS, _GLUE), max_size=14))
def test_runs_found_from_the_capitals_are_the_pattern_s_matches(
    parts: list[tuple[str, str]],
) -> None:
    text = "".join(word + glue for word, glue in parts)
    assert [m.span() for m in runs(text)] == [m.span() for m in RUN.finditer(text)]


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("aAbBzZ É é\t\n.,1-")), max_size=80))
def test_shouting_lines_on_mixed_case_lines(text: str) -> None:
    def common(word: str) -> bool:
        return word.lower() in {"a", "ab", "b"}

    assert shouting_lines(text, common) == _shouting_slow(text, common)


_LETTERS = st.text(alphabet=st.sampled_from(list("aeiouybkzdhqtsnrj")), min_size=0, max_size=9)


@settings(max_examples=500)
@given(_LETTERS, _LETTERS)
def test_spellings_hold_exactly_the_variants(a: str, b: str) -> None:
    # A vowel swapped for a vowel makes pairs that variants() accepts often enough.
    for other in (b, a[:1] + b[1:], a.replace("a", "e", 1), a.replace("o", "y", 1)):
        assert (skeleton(other) in spellings(skeleton(a))) == variants(a, other)


@settings(max_examples=300)
@given(_LETTERS, st.lists(_LETTERS, max_size=6))
def test_surname_spelling_lookup_equals_comparing_each(word: str, names: list[str]) -> None:
    names = [n.capitalize() for n in names] + [word.capitalize().replace("a", "o", 1)]
    word = word.capitalize()
    keyed = {(s[:1], skeleton(s)) for s in names}
    slow = any(variants(word, s) for s in names if s[:1] == word[:1])
    assert _spells_surname(word, names, keyed) == slow


_SPORTY = st.sampled_from(
    "goal goals goalkeeper goalkeepers semi-final semifinals quarter-finals match "
    "matches season seeded squad squash standing standings half-time halftime "
    "wicket wickets x the and".split()
)


@settings(max_examples=300)
@given(st.lists(st.tuples(_SPORTY, st.sampled_from([" ", "-", "", ", ", "s "])), max_size=12))
def test_sport_words_by_letter_match_as_the_plain_alternation(
    parts: list[tuple[str, str]],
) -> None:
    text = "".join(word + glue for word, glue in parts)
    plain = [m.span() for m in _SPORT.finditer(text)]
    assert [m.span() for m in _SPORT_BY_LETTER.finditer(text)] == plain


def _person_slow(people: list[list[list[str]]], words: list[str]) -> int:
    """Which person a name joins (index, len(people) for a new one), as first written:
    ``variants`` against the surname of every full name of every person so far."""
    last = _surname(words[-1])
    candidates = [
        i for i, full in enumerate(people) if any(variants(last, _surname(f[-1])) for f in full)
    ]
    if len(words) > 1:
        for i in candidates:
            if any(_same_first(words, f) for f in people[i]):
                people[i].append(words)
                return i
        people.append([words])
        return len(people) - 1
    if candidates:
        return candidates[0]  # (the slow path's max by mentions; see below)
    people.append([words])
    return len(people) - 1


_FIRST = st.sampled_from(["Valery", "V.", "Oleksandr", "Ann", "Anna", ""])
_LAST = st.sampled_from(
    ["Zaluzhnyi", "Zaluzhny", "Zeluzhnyi", "Zelensky", "Zelenskyy", "al-Assad", "Assad",
     "Milley", "Miller", "Smith", "Smyth"]
)  # fmt: skip


@settings(max_examples=300)
@given(st.lists(st.tuples(_FIRST, _LAST), min_size=1, max_size=10))
def test_people_grouped_by_surname_spellings_as_by_comparing_each(
    names: list[tuple[str, str]],
) -> None:
    people: list[_Cluster] = []
    slow: list[list[list[str]]] = []
    for first, last in names:
        words = [first, last] if first else [last]
        candidates_fast = [
            i for i, c in enumerate(people) if skeleton(_surname(last)) in c.surnames
        ]
        candidates_slow = [
            i
            for i, full in enumerate(slow)
            if any(variants(_surname(last), _surname(f[-1])) for f in full)
        ]
        assert candidates_fast == candidates_slow
        cluster = _person(people, words)
        cluster.mentions.append(Mention(0, 1, "x"))  # one mention each, as group() adds
        if len(words) > 1 or not candidates_slow:
            assert people.index(cluster) == _person_slow(slow, words)
        else:
            assert people.index(cluster) in candidates_slow


# Digits (ASCII and others) apart by gaps around the merging distance (72 characters).
_DIGIT_TEXT = st.lists(
    st.tuples(
        st.sampled_from(["1", "12", "1,200", "3.5", "٣", "1,", "2..3"]),
        st.integers(min_value=0, max_value=90),
        st.sampled_from(["a", " ", ",", ".", "\n", "é"]),
    ),
    max_size=12,
).map(lambda parts: "".join(d + c * n for d, n, c in parts))


@settings(max_examples=400)
@given(st.one_of(_DIGIT_TEXT, st.text(max_size=300)))
def test_digit_windows_found_at_once_are_those_merged_run_by_run(text: str) -> None:
    assert list(digit_windows(text)) == list(digit_windows_by_run(text))


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from(
            "1 12 2004 1,200 3.5 $ £ € ¥ ₴ ₽ US$ HK$ C$ DM m bn million dollars yen "
            "January Sept. Dec 30th early mid- late 1990s per cent % ٣ ٤٥ a the".split()
        ),
        max_size=40,
    ).map(" ".join)
)
def test_the_guarded_figure_pattern_finds_what_the_plain_one_finds(text: str) -> None:
    def found(pattern: re.Pattern[str]) -> list[tuple[int, int, str | None]]:
        return [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text)]

    assert found(_GUARDED) == found(_PATTERN)


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from(list(" v\n\tab\u00a0")), max_size=40), st.integers(1, 6))
def test_versus_count_matches_the_pattern(text: str, count: int) -> None:
    expected = len(list(itertools.islice(_VERSUS.finditer(text), count)))
    assert _versus_at_least(text, count) == expected


_LINES = st.sampled_from(
    [
        "MAHALA, Bosnia 1996-08-31",
        "WASHINGTON (Reuters) - The",
        "KYIV, Ukraine, March 3 (AP) - said",
        "Nantes 0 Lens 1",
        "Marseille 1 (Gravelaine 24th) Metz 2",
        "Carlton 13.18 (96) Footscray 9.12 (66)",
        "Lens 3 3 0 0 6 1 9",
        "Mladost (L) 2 Radnicki (N) 1.",
        "The Bank of England said on Monday.",
        "",
    ]
)


@settings(max_examples=400)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", " ", "\t", "x "]),
            _LINES,
            st.sampled_from(["\n", "\n\n", " \n", " 2\n", " Lens 1\n"]),
        ),
        max_size=8,
    )
)
def test_line_patterns_tried_per_line_find_what_finditer_finds(
    lines: list[tuple[str, str, str]],
) -> None:
    text = "".join(a + b + c for a, b, c in lines)
    for pattern in (DATELINE, RESULT, STANDING):
        expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groups()) for m in line_matches(pattern, text)] == expected


@settings(max_examples=400)
@given(st.lists(st.tuples(_RUN_WORDS | _WORDS, _GLUE), max_size=14))
def test_a_run_with_gaps_splits_into_the_tokens_it_would_give(
    pieces: list[tuple[str, str]],
) -> None:
    text = "".join(w + g for w, g in pieces)
    for match in RUN.finditer(text):
        expected = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, *match.span())]
        assert _run_tokens(match.group(), match.start()) == expected


@settings(max_examples=300)
@given(st.lists(st.tuples(_RUN_WORDS | _WORDS, _GLUE), max_size=14), st.booleans())
def test_one_word_is_read_as_a_run_of_one_word(
    pieces: list[tuple[str, str]], shouting: bool
) -> None:
    text = "".join(w + g for w, g in pieces)
    for match in RUN.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        if " " in word or "\t" in word or "\xa0" in word:
            continue
        for bare in (None, never_alone):
            fast = _word_with_context(text, start, end, word, shouting, bare)
            assert fast == _with_context(text, [(start, end, word)], shouting, bare)
