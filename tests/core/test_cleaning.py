"""Conservative cleaning: each rule, the furniture learned from a folder, incremental
updates, what was removed and why (``Library.original``), and properties."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core.corpus.furniture import Furniture, furniture_counts, text_hashes, threshold
from reader.core.corpus.parse import parse_text
from reader.core.index.library import Library
from reader.core.text.textnorm import normalise

NAV = "Home | News | Business | Sport | Culture"
PROSE = (
    "The council said on Tuesday that the new bypass would open in the spring, "
    "three years later than planned and at twice the original cost of the scheme."
)


def story(n: int, *, nav: bool = True, extra: str = "") -> str:
    lines = [NAV, ""] if nav else []
    lines += [
        f"Story {n} headline about harbour works",
        "",
        f"Paragraph one of story {n}: the harbour master reported {n * 7} new moorings "
        "and a longer season for the ferries that cross the estuary each morning.",
        "",
    ]
    if extra:
        lines += [extra, ""]
    lines += ["Share this article", ""]
    return "\n".join(lines)


def folder_furniture(texts: list[str]) -> Furniture:
    return Furniture(*furniture_counts(text_hashes(normalise(t)) for t in texts))


# -- fixed rules: a word is not a page element -----------------------------------------


def test_a_closing_paragraph_about_a_copyright_ruling_is_kept() -> None:
    last = (
        "Lawyers said the copyright ruling, the first of its kind, would make other "
        "firms think twice. All rights in the design now belong to Honda."
    )
    parsed = parse_text(f"Honda wins case\n\nHonda has won a case in Beijing.\n\n{last}\n")
    assert parsed.text.endswith(last)
    assert parsed.removed and all(r.reason == "title" for r in parsed.removed)


def test_a_headline_with_the_word_copyright_is_the_title() -> None:
    parsed = parse_text(
        "Honda wins China copyright ruling\n\nJapan's Honda has won a copyright case in "
        "Beijing, further evidence that China is taking a tougher line on piracy.\n"
    )
    assert parsed.meta.title == "Honda wins China copyright ruling"


def test_a_copyright_notice_at_the_end_is_removed_with_its_reason() -> None:
    raw = f"Title\n\n{PROSE}\n\n© 2005 Some Site. All rights reserved.\n"
    parsed = parse_text(raw)
    assert parsed.text == PROSE
    (notice,) = [r for r in parsed.removed if r.reason != "title"]
    assert raw[notice.start : notice.end] == "© 2005 Some Site. All rights reserved."
    assert notice.reason == "footer: copyright line"


def test_a_venue_under_the_headline_is_not_an_author() -> None:
    parsed = parse_text(f"Blackburn v Burnley\n\nEwood Park\n\nTuesday, 1 March\n\n{PROSE}\n")
    assert parsed.meta.authors == ()
    assert parsed.text.startswith("Ewood Park")


def test_a_dated_or_explicit_byline_is_still_read() -> None:
    assert parse_text(f"T\n\nJane Doe\n7 February 2024\n\n{PROSE}").meta.authors == ("Jane Doe",)
    assert parse_text(f"T\n\nBy Jane Doe\n\n{PROSE}").meta.authors == ("Jane Doe",)


def test_a_report_about_donations_is_not_an_appeal() -> None:
    last = "Officials said the donations would help rebuild 40 schools before winter."
    assert parse_text(f"T\n\n{PROSE}\n\n{last}\n").text.endswith(last)


# -- furniture learned from the folder ----------------------------------------------


def test_a_nav_line_repeated_in_20_documents_is_removed() -> None:
    texts = [story(n) for n in range(20)]
    furniture = folder_furniture(texts)
    parsed = parse_text(texts[3], furniture=furniture.reason)
    assert NAV not in parsed.text and "Share this article" not in parsed.text
    assert parsed.meta.title == "Story 3 headline about harbour works"
    reasons = {texts[3][r.start : r.end]: r.reason for r in parsed.removed}
    assert reasons[NAV] == "repeated in 20 documents of this folder"


def test_a_prose_paragraph_repeated_in_two_or_three_articles_is_kept() -> None:
    texts = [story(n, extra=PROSE if n < 3 else "") for n in range(20)]
    furniture = folder_furniture(texts)
    for n in range(3):
        assert PROSE in parse_text(texts[n], furniture=furniture.reason).text


def test_a_short_line_in_a_few_documents_is_kept() -> None:
    texts = [story(n, extra="Analysis" if n < 4 else "") for n in range(20)]
    assert threshold(20, prose=False) == 5
    parsed = parse_text(texts[0], furniture=folder_furniture(texts).reason)
    assert "Analysis" in parsed.text


def test_a_repeated_heading_takes_its_list_of_headlines_with_it() -> None:
    def page(n: int) -> str:
        return (
            f"# Story {n} about the harbour\n\n{PROSE} Number {n}.\n\n"
            f"## Related stories\n\n- [Ferry fares rise {n}](/a)\n- [Tolls cut {n * 3}](/b)\n"
        )

    texts = [page(n) for n in range(10)]
    parsed = parse_text(texts[2], furniture=folder_furniture(texts).reason)
    assert parsed.text == f"{PROSE} Number 2."
    assert any("Related stories" in r.reason for r in parsed.removed)


def test_a_plain_repeated_line_does_not_take_the_articles_own_list() -> None:
    def page(n: int) -> str:
        key = "abcdefghij"[n] * 3
        return f"Story {n} of the day\n\n{PROSE} {n}.\n\nADVERTISEMENT\n\n- point {key}\n- {key}\n"

    texts = [page(n) for n in range(10)]
    parsed = parse_text(texts[1], furniture=folder_furniture(texts).reason)
    assert "point bbb" in parsed.text and "ADVERTISEMENT" not in parsed.text


def test_a_page_that_is_all_furniture_keeps_its_text() -> None:
    texts = [f"{NAV}\n\nShare this article\n\n{PROSE}\n" for _ in range(8)]
    parsed = parse_text(texts[0], furniture=folder_furniture(texts).reason)
    assert PROSE in parsed.text


def test_numbered_headlines_are_not_counters() -> None:
    texts = [f"Day {n} of trial\n\n{PROSE} {n}.\n\n{n} comments\n" for n in range(9)]
    parsed = parse_text(texts[4], furniture=folder_furniture(texts).reason)
    assert parsed.meta.title == "Day 4 of trial" and "comments" not in parsed.text


def test_bylines_and_dates_are_never_furniture() -> None:
    texts = [
        f"Story {'abcdefghi'[n] * 3} of many\n\nBy Jane Doe\n1 March 2005\n\n{PROSE} {n}.\n"
        for n in range(9)
    ]
    parsed = parse_text(texts[0], furniture=folder_furniture(texts).reason)
    assert parsed.meta.authors == ("Jane Doe",) and parsed.meta.date == "2005-03-01"


# -- the library: learned before cleaning, kept up to date incrementally -------------


def test_furniture_is_learned_on_the_first_index(make_corpus: Callable[..., Path]) -> None:
    root = make_corpus({f"site/{n:02d}.txt": story(n) for n in range(12)})
    library = Library(root)
    report = library.update()
    assert report.added == 12 and report.recleaned == 0
    for n in range(12):
        doc = library.document(f"site/{n:02d}")
        assert doc is not None and NAV not in doc.text
        assert doc.title == f"Story {n} headline about harbour works"
    library.close()


def test_folders_learn_separately(make_corpus: Callable[..., Path]) -> None:
    files = {f"a/{n}.txt": story(n) for n in range(8)}
    files.update({f"b/{n}.txt": story(n, nav=False, extra=NAV if n < 2 else "") for n in range(8)})
    library = Library(make_corpus(files))
    library.update()
    assert NAV not in library.document("a/0").text  # type: ignore[union-attr]
    assert NAV in library.document("b/0").text  # type: ignore[union-attr]
    library.close()


def test_new_documents_that_make_a_line_furniture_reclean_earlier_ones(
    make_corpus: Callable[..., Path],
) -> None:
    root = make_corpus({f"site/{n}.txt": story(n) for n in range(4)})
    library = Library(root)
    library.update()
    assert library.document("site/0").title == NAV  # type: ignore[union-attr]  # 4 < 5 docs
    for n in range(4, 7):
        (root / "site" / f"{n}.txt").write_text(story(n), encoding="utf-8")
    report = library.update()
    assert report.added == 3 and report.recleaned == 4 and report.updated == 4
    for n in range(7):
        doc = library.document(f"site/{n}")
        assert doc is not None and NAV not in doc.text and doc.title.startswith(f"Story {n}")
    hits = {h.id for h in library.search("Culture").hits}
    assert hits == set()  # the index was updated with the cleaned text too
    # Deleting them makes the line an ordinary line again: restored in the rest.
    for n in range(4, 7):
        (root / "site" / f"{n}.txt").unlink()
    report = library.update()
    assert report.removed == 3 and report.recleaned == 4
    assert library.document("site/0").title == NAV  # type: ignore[union-attr]
    again = library.update()
    assert again.recleaned == 0 and not again.changed
    library.close()


def test_a_document_that_changes_nothing_recleans_nothing(
    make_corpus: Callable[..., Path],
) -> None:
    root = make_corpus({f"site/{n}.txt": story(n) for n in range(10)})
    library = Library(root)
    library.update()
    (root / "site" / "10.txt").write_text(story(10), encoding="utf-8")
    report = library.update()
    assert report.added == 1 and report.recleaned == 0
    library.close()


def test_original_gives_the_normalised_text_and_the_removed_spans(
    make_corpus: Callable[..., Path],
) -> None:
    files = {f"site/{n}.txt": story(n) for n in range(8)}
    files["site/0.txt"] = "\x1b[31m" + story(0).replace("\n", "\r\n")
    root = make_corpus(files)
    library = Library(root)
    library.update()
    original = library.original("site/0")
    assert original is not None and not original.stale
    assert original.text == normalise(files["site/0.txt"]) and "\x1b" not in original.text
    shown = {original.text[r.start : r.end]: r.reason for r in original.removed}
    assert shown[NAV] == "repeated in 8 documents of this folder"
    assert shown["Story 0 headline about harbour works"] == "title"
    assert shown["Share this article"].startswith("repeated in")
    # The file changes: the spans are worked out again for the text as it is now.
    (root / "site" / "0.txt").write_text("New first line\n\n" + story(0), encoding="utf-8")
    changed = library.original("site/0")
    assert changed is not None and changed.stale
    assert {changed.text[r.start : r.end] for r in changed.removed} >= {NAV, "New first line"}
    assert library.original("nope") is None
    library.close()


# -- properties ------------------------------------------------------------------------

_WORD = re.compile(r"\w+")
_words = st.lists(
    st.sampled_from("harbour ferry council said rose fell the a of copyright © reserved".split()),
    min_size=3,
    max_size=30,
)


@given(
    paragraphs=st.lists(_words.map(" ".join), min_size=1, max_size=6),
    shared=st.lists(st.text("abcdef |-", min_size=1, max_size=20), max_size=3),
)
def test_removed_spans_and_cleaned_text_account_for_the_source(
    paragraphs: list[str], shared: list[str]
) -> None:
    docs = [
        "\n\n".join([*shared, f"Title {n}", *(f"{p} {n}." for p in paragraphs)]) for n in range(6)
    ]
    furniture = folder_furniture(docs)
    source = docs[0]
    parsed = parse_text(source, furniture=furniture.reason)
    text = normalise(source)
    removed = [False] * len(text)
    for r in parsed.removed:
        assert 0 <= r.start < r.end <= len(text) and r.reason
        removed[r.start : r.end] = [True] * (r.end - r.start)
    kept_words = set(_WORD.findall(parsed.text.casefold() + " " + parsed.meta.title.casefold()))
    for match in _WORD.finditer(text):
        if not removed[match.start()]:
            assert match.group().casefold() in kept_words


@given(
    unique=_words.map(lambda w: " ".join(w) + "."),
    others=st.lists(_words.map(lambda w: " ".join(w) + "."), min_size=4, max_size=12),
)
def test_a_paragraph_in_one_document_only_is_never_removed(unique: str, others: list[str]) -> None:
    """Without a page pattern (copyright notice, appeal, rule...), a paragraph that
    occurs in one document of the folder is kept, however common its words."""
    body = f"Headline here\n\n{PROSE}\n\n{unique}\n\n{PROSE}\n"
    docs = [body] + [f"Other {n}\n\n{o}\n\n{PROSE}\n" for n, o in enumerate(others)]
    if any(unique in o for o in others) or re.search(r"©|reserved|copyright", unique, re.I):
        return
    parsed = parse_text(body, furniture=folder_furniture(docs).reason)
    assert unique in parsed.text


def test_counting_in_shards_gives_the_same_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.core.corpus.furniture as furniture

    texts = [story(n, extra="Analysis" if n % 2 else "") for n in range(30)]
    hashes = [text_hashes(normalise(t)) for t in texts]
    packed = [furniture.pack(h) for h in hashes]
    whole = furniture.count_packed(packed)
    monkeypatch.setattr(furniture, "SHARD", 7)  # many passes
    assert furniture.count_packed(packed) == whole == furniture_counts(hashes)


def test_a_numbered_title_in_every_document_stays_the_title() -> None:
    """ "Article number 12" has the shape of "12 comments": the title line is only
    furniture when it is repeated as it is."""
    texts = [f"Article number {n}\n\nThe body of article {n} mentions Kyiv.\n" for n in range(40)]
    furniture = folder_furniture(texts)
    parsed = parse_text(texts[12], furniture=furniture.reason)
    assert parsed.meta.title == "Article number 12"
    assert parsed.text == "The body of article 12 mentions Kyiv."


@settings(max_examples=500)
@given(
    st.lists(
        st.sampled_from(["a", "b", ".", "..", "/", "//", "./", "x.md", " ", "é", ""]), max_size=8
    ).map("".join)
)
def test_folder_of_is_the_paths_parent(rel: str) -> None:
    """The string fast path gives what PurePosixPath's parent gives, for any relative path."""
    from pathlib import PurePosixPath

    from reader.core.corpus.furniture import folder_of

    parent = str(PurePosixPath(rel).parent)
    assert folder_of(rel) == ("" if parent == "." else parent)


LINES = st.sampled_from(
    [NAV, "Share this article", "12 comments", "3 comments", "Tags: film, uk", PROSE, "Analysis"]
)


def page(n: int, lines: list[str]) -> str:
    """A page of its own headline and paragraph, then ``lines``."""
    own = [
        f"Story {n} headline about harbour works",
        f"Paragraph one of story {n}: the harbour master reported {n * 7} new moorings.",
    ]
    return "\n\n".join([*own, *lines])


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.lists(LINES, max_size=2), min_size=1, max_size=40),
    st.integers(min_value=0, max_value=39),
)
# A short line on 6 of 40 pages: furniture (the short lines' threshold is 5 there), though
# under the threshold of prose lines (10).
@example([["Analysis"] if n < 6 else [] for n in range(40)], 0)
def test_a_folder_said_to_have_no_furniture_has_no_furniture_line(
    pages: list[list[str]], which: int
) -> None:
    # What the ingest relies on to clean a folder's documents without asking line by line.
    texts = [page(n, lines) for n, lines in enumerate(pages)]
    furniture = folder_furniture(texts)
    text = texts[which % len(texts)]
    asked = [furniture.reason(line) for line in text.splitlines() if line.strip()]
    if furniture.none:
        assert asked == [None] * len(asked)
        assert parse_text(text, furniture=furniture.reason) == parse_text(text)
    else:
        # Some line repeats often enough somewhere in the folder.
        low = threshold(len(texts), prose=False)
        assert max(furniture.counts.values()) >= low


def test_a_folder_with_a_repeated_line_has_furniture() -> None:
    assert not folder_furniture([story(n) for n in range(20)]).none
    assert folder_furniture([story(n, nav=False) for n in range(4)]).none  # under MIN_DOCS
