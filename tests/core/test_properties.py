"""Property tests: the parsers never crash, never emit controls, keep offsets valid."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from reader.core.corpus.dates import date_line, find_date, normalise_date
from reader.core.corpus.frontmatter import FrontMatterError, load_front_matter, split_front_matter
from reader.core.corpus.header import parse_byline, parse_names
from reader.core.corpus.inline import parse_inline
from reader.core.corpus.parse import parse_text
from reader.core.index.snippets import make_snippets
from reader.core.text.textnorm import normalise, strip_controls

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Text biased towards the characters the parsers treat specially.
markdownish = st.text(
    alphabet=st.sampled_from(
        [*"ab Z1.,:;-\n\n*_`[]()!#>\\$~\"'", "\x1b", "\x07", "\r", "\t", "é", "—", "\x9b"]
    ),
    max_size=300,
)
any_text = st.one_of(markdownish, st.text(max_size=300))


@given(any_text)
@example("\x1b[31mred\x1b]8;;x\x07")
def test_strip_controls_removes_all_and_is_idempotent(text: str) -> None:
    clean = strip_controls(text)
    assert not CONTROL.search(clean.replace("\t", " "))
    assert strip_controls(clean) == clean


@given(any_text)
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert "\r" not in once and "\t" not in once
    assert normalise(once) == once


@given(any_text)
@example("**a *b* c**")
@example("[*x*](#) `c` _d_")
def test_inline_spans_are_valid(source: str) -> None:
    text, spans = parse_inline(source)
    assert len(text) <= len(source)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
    assert spans == sorted(spans, key=lambda s: (s.start, -s.end))


@given(st.text(alphabet=st.characters(blacklist_characters="\\`*_[]!"), max_size=200))
def test_inline_leaves_plain_text_alone(source: str) -> None:
    assert parse_inline(source) == (source, [])


@given(any_text)
@example("---\na: &a [1]\nb: [*a, *a]\n---\nT\n\nB")
@example("Title\n\nJane Doe 1 February 2024\n\nBody.")
def test_parse_text_never_crashes_and_is_clean(raw: str) -> None:
    parsed = parse_text(raw, fallback_title="fallback")
    assert not CONTROL.search(parsed.text.replace("\n", " "))
    for value in (parsed.meta.title, *parsed.meta.authors, parsed.meta.source or ""):
        assert not CONTROL.search(value)
    assert parsed.meta.title
    assert parsed.text == parsed.text.strip()
    for span in parsed.styles:
        assert 0 <= span.start <= span.end <= len(parsed.text)
    if parsed.meta.date is not None:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", parsed.meta.date)


yaml_scalar = st.one_of(
    st.text(max_size=40), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False)
)
yaml_value = st.recursive(
    yaml_scalar,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@given(st.dictionaries(st.text(min_size=1, max_size=12), yaml_value, max_size=6))
def test_front_matter_round_trips_plain_mappings(data: dict[str, object]) -> None:
    import yaml

    block = yaml.safe_dump(data, allow_unicode=True)
    try:
        loaded = load_front_matter(block)
    except FrontMatterError:
        return  # refusal is allowed (e.g. size); a crash is not
    assert isinstance(loaded, dict)
    for key in loaded:
        assert not CONTROL.search(key)


@given(st.text(max_size=400))
@example("---\n" + "a: " + "[" * 500 + "\n---\nbody")
@example("---\n&a x: *a\n---\n")
def test_split_front_matter_never_raises(text: str) -> None:
    split = split_front_matter("---\n" + text)
    assert split.data is None or isinstance(split.data, dict)
    assert split.warning is None or "\n" not in split.warning


@given(st.text(max_size=120))
def test_date_helpers_never_crash(text: str) -> None:
    found = find_date(text)
    if found is not None:
        iso, start, end = found
        assert 0 <= start < end <= len(text)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso)
    for value in (date_line(text), normalise_date(text)):
        assert value is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)


@given(st.text(max_size=120), st.booleans())
def test_name_helpers_never_crash(text: str, after_title: bool) -> None:
    names = parse_names(text)
    assert names is None or all(name.strip() for name in names)
    byline = parse_byline(text, after_title=after_title)
    assert byline is None or byline[0]


@given(
    st.text(alphabet="ab \n", min_size=1, max_size=500),
    st.lists(st.tuples(st.integers(0, 499), st.integers(1, 10)), max_size=20),
)
def test_snippet_highlights_point_at_the_spans(text: str, raw: list[tuple[int, int]]) -> None:
    spans = sorted({(a, min(a + n, len(text))) for a, n in raw if a < len(text)})
    spans = [s for i, s in enumerate(spans) if i == 0 or s[0] >= spans[i - 1][1]]
    for snippet in make_snippets(text, spans):
        lead = 1 if snippet.offset else 0  # the leading "…"
        for start, end in snippet.highlights:
            assert 0 <= start < end <= len(snippet.text)
            source = text[start - lead + snippet.offset : end - lead + snippet.offset]
            assert snippet.text[start:end] == source.replace("\n", " ")
            assert (start - lead + snippet.offset, end - lead + snippet.offset) in spans
