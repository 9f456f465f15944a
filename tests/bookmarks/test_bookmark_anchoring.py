"""Re-anchoring: examples, then properties over random documents and edits.

The property tests build documents from two disjoint alphabets: the bookmarked
passage uses letters n–z, everything else a–m. So the passage occurs exactly where it
was put, and once it is deleted nothing similar to it is left, except the copies some
tests put elsewhere on purpose.
"""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.core.bookmarks import (
    MIN_APPROX_CHARS,
    MIN_SIMILARITY,
    AnchoredBookmark,
    Bookmark,
    anchor,
    reanchor,
)
from reader.core.bookmarks.anchoring import (
    EDGE_SLACK,
    MIN_CONTEXT_EVIDENCE,
    MIN_SIMILARITY_IN_CONTEXT,
)
from reader.core.bookmarks.matching import edit_distances

from .conftest import TEXT

OUTSIDE = "abcdefghijklm"
INSIDE = "nopqrstuvwxyz"


def prose(alphabet: str, min_words: int, max_words: int) -> st.SearchStrategy[str]:
    word = st.text(alphabet=alphabet, min_size=1, max_size=7)
    return st.lists(word, min_size=min_words, max_size=max_words).map(" ".join)


Edit = tuple[int, int, str]
edits = st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 12), st.text(OUTSIDE + " \n", max_size=12)),
    max_size=6,
)


WALL = "#" * (2 * EDGE_SLACK + 1)
"""Put around copies of a passage, so that no context they land next to touches them.

Context is looked for up to ``2 * EDGE_SLACK`` characters from a match: its edges may
move by ``EDGE_SLACK`` and as many characters may be skipped at each edge.
"""


def apply(text: str, ops: list[Edit]) -> str:
    """Delete ``n`` characters at ``at`` and insert ``new`` there, for each edit in turn."""
    for at, n, new in ops:
        at %= len(text) + 1
        text = text[:at] + new + text[at + n :]
    return text


def check_invariant(result: AnchoredBookmark, text: str | None) -> None:
    """What every result must satisfy, whatever happened to the text."""
    b = result.bookmark
    if result.status == "orphaned":
        assert result.start is None and result.end is None and not result.exact
        assert result.quote == b.quote
        return
    assert text is not None and result.start is not None and result.end is not None
    assert text[result.start : result.end] == result.quote
    assert result.exact == (result.quote == b.quote)
    if result.status == "anchored":
        assert result.exact and result.start == b.start
    if not result.exact:
        assert result.status == "moved" and result.score >= MIN_SIMILARITY_IN_CONTEXT


def test_unchanged_text_anchors_at_the_saved_offsets() -> None:
    text = "the cat sat. the cat sat. the cat sat."
    b = Bookmark.on_text("d", text, 13, 24)
    result = anchor(b, text)
    assert (result.status, result.start, result.end, result.exact) == ("anchored", 13, 24, True)
    assert result.to_json()["status"] == "anchored"


def test_text_inserted_before_moves_it() -> None:
    b = Bookmark.on_text("d", TEXT, TEXT.index("TimeWarner"), TEXT.index(" jumped"))
    result = anchor(b, "BREAKING. " + TEXT)
    assert (result.status, result.start, result.quote) == ("moved", b.start + 10, "TimeWarner")


def test_context_picks_the_right_one_of_repeated_quotes() -> None:
    text = "alpha said yes. beta said yes. gamma said yes."
    start = text.index("beta said yes") + len("beta ")
    b = Bookmark.on_text("d", text, start, start + len("said yes"))
    changed = "gamma said yes. alpha said yes. beta said yes. delta said yes."
    result = anchor(b, changed)
    assert result.status == "moved"
    assert result.start == changed.index("beta said yes") + len("beta ")


def test_nearest_of_equally_corroborated_occurrences_wins() -> None:
    text = "w" * 100 + " needle " + "w" * 100 + " needle " + "w" * 50
    b = Bookmark.on_text("d", text, 209, 215)
    changed = "w" * 80 + " needle " + "w" * 110 + " needle " + "w" * 40
    assert anchor(b, changed).start == 199


def test_an_occurrence_without_its_context_is_not_taken() -> None:
    text = "x" * 100 + "needle" + "y" * 100 + "needle" + "z" * 50
    b = Bookmark.on_text("d", text, 206, 212)
    changed = "w" * 80 + "needle" + "w" * 110 + "needle" + "w" * 40
    result = anchor(b, changed)
    assert (result.status, result.reason) == ("orphaned", "passage not found in the current text")


UKRAINE = (
    "Kyiv has long argued for independence. Officials said that the Ukrainian state would "
    "not yield to pressure from abroad.\n\nMarkets were calm on Monday. Traders expected "
    "little movement in bond yields this week.\n\nThe weather in the north was mild, with "
    "light rain expected later."
)


def test_the_same_words_elsewhere_do_not_capture_a_deleted_passage() -> None:
    """The audit's case: the one occurrence of the quote is in an unrelated sentence."""
    start = UKRAINE.index("the Ukrainian state")
    b = Bookmark.on_text("d", UKRAINE, start, start + len("the Ukrainian state"))
    changed = UKRAINE[UKRAINE.index("Markets") :].replace(
        "mild, with", "mild, a boon for the Ukrainian state farms, with"
    )
    assert changed.count("the Ukrainian state") == 1
    result = anchor(b, changed)
    assert result.status == "orphaned", result
    # A near copy is no better: the approximate step needs the context too.
    assert anchor(b, changed.replace("state farms", "states farms")).status == "orphaned"


def test_a_copy_needs_min_context_evidence_characters_of_context_to_count() -> None:
    """Around the threshold a space or two agree by chance: well below it, a copy is not taken."""
    start = UKRAINE.index("the Ukrainian state")
    b = Bookmark.on_text("d", UKRAINE, start, start + len("the Ukrainian state"))
    rest = UKRAINE[UKRAINE.index("Markets") :]
    for kept in range(0, 2 * MIN_CONTEXT_EVIDENCE):
        copy = f"Elsewhere:\n{b.quote}{b.suffix[:kept]}... "
        result = anchor(b, rest.replace("Traders", copy + "Traders"))
        if kept <= MIN_CONTEXT_EVIDENCE - 4:
            assert result.status == "orphaned", kept
        elif kept >= MIN_CONTEXT_EVIDENCE:
            assert (result.status, result.exact) == ("moved", True), kept


def test_one_side_of_context_is_enough() -> None:
    """The paragraph before is rewritten; the 32 characters after still vouch for it."""
    start = UKRAINE.index("the Ukrainian state")
    b = Bookmark.on_text("d", UKRAINE, start, start + len("the Ukrainian state"))
    changed = UKRAINE.replace("Kyiv has long argued for independence. Officials said that", "So")
    result = anchor(b, changed)
    assert (result.status, result.exact, result.start) == ("moved", True, 3)


def test_an_edit_right_at_the_edge_of_an_intact_passage_keeps_it() -> None:
    """A typo fixed next to the passage on both sides: the rest of the context agrees."""
    quote = "the Ukrainian state would not yield"
    start = UKRAINE.index(quote)
    b = Bookmark.on_text("d", UKRAINE, start, start + len(quote))
    changed = UKRAINE.replace("said that the", "said thatthe").replace("yield to", "yield, to")
    result = anchor(b, changed)
    assert (result.status, result.quote, result.start) == ("moved", quote, start - 1)


def test_a_passage_whose_surroundings_were_both_rewritten_is_orphaned() -> None:
    """The price of never guessing: no context left on either side, so no evidence."""
    quote = "Markets were calm on Monday."
    start = UKRAINE.index(quote)
    b = Bookmark.on_text("d", UKRAINE, start, start + len(quote))
    changed = UKRAINE.replace("abroad.\n\n", "abroad, they said. ").replace(
        " Traders", " Yesterday traders"
    )
    assert changed.count(quote) == 1
    assert anchor(b, changed).status == "orphaned"


def test_a_reworded_passage_is_found_approximately_and_says_so() -> None:
    quote = "benefited from sales of high-speed internet connections"
    start = TEXT.index(quote)
    b = Bookmark.on_text("d", TEXT, start, start + len(quote))
    changed = "Update: " + TEXT.replace("high-speed internet", "high speed broadband internet")
    result = anchor(b, changed)
    check_invariant(result, changed)
    assert result.status == "moved" and not result.exact
    assert result.quote == "benefited from sales of high speed broadband internet connections"
    assert MIN_SIMILARITY <= result.score < 1
    assert result.to_json()["saved_quote"] == quote and result.to_json()["exact"] is False


def test_heavier_rewording_needs_the_context_to_agree() -> None:
    quote = "TimeWarner jumped 76%"
    start = TEXT.index(quote)
    b = Bookmark.on_text("d", TEXT, start, start + len(quote))
    reworded = TEXT.replace(quote, "Time Warner leapt 76%")
    result = anchor(b, reworded)
    assert result.status == "moved" and result.quote == "Time Warner leapt 76%"
    assert result.score < MIN_SIMILARITY  # accepted only because the context agrees
    elsewhere = "Time Warner leapt 76% in a different story entirely, said nobody at all."
    assert anchor(b, elsewhere).status == "orphaned"


def test_short_quotes_are_never_matched_approximately() -> None:
    b = Bookmark.on_text("d", "a cat sat on the mat", 2, 5)
    assert len(b.quote) < MIN_APPROX_CHARS
    assert anchor(b, "a bat sat on the mat").status == "orphaned"


def test_missing_document_orphans_and_keeps_the_quote() -> None:
    b = Bookmark.on_text("gone.txt", TEXT, 0, 9)
    [result] = reanchor([b], lambda doc: None)
    assert (result.status, result.start, result.quote) == ("orphaned", None, b.quote)
    assert result.reason == "document not found"
    data = result.to_json()
    assert (data["start"], data["end"], data["status"]) == (None, None, "orphaned")


def test_hand_edited_offsets_with_the_same_hash_are_searched_again() -> None:
    b = Bookmark.on_text("d", TEXT, 0, 9)
    wrong = Bookmark(**{**b.to_dict(), "start": 5, "end": 14, "tags": ()})
    result = anchor(wrong, TEXT)
    assert (result.status, result.start, result.quote) == ("moved", 0, "Quarterly")


def test_reanchor_asks_for_each_document_once() -> None:
    asked: list[str] = []

    def text_of(doc: str) -> str:
        asked.append(doc)
        return TEXT

    marks = [Bookmark.on_text(doc, TEXT, 0, 9) for doc in ("a", "b", "a", "a")]
    assert [r.status for r in reanchor(marks, text_of)] == ["anchored"] * 4
    assert asked == ["a", "b"]


def test_to_json_has_the_cli_contract_keys() -> None:
    b = Bookmark.on_text("d", TEXT, 0, 9, note="n", tags=["t"])
    data = anchor(b, TEXT).to_json()
    for key in ("id", "doc", "quote", "prefix", "suffix", "start", "end", "note", "tags"):
        assert key in data
    assert {"created", "updated", "status"} <= set(data)
    assert data["tags"] == ["t"] and data["quote"] == "Quarterly"


# -- properties -------------------------------------------------------------------


@settings(max_examples=250, deadline=None)
@given(
    before=prose(OUTSIDE, 0, 30),
    passage=prose(INSIDE, 1, 8),
    after=prose(OUTSIDE, 0, 30),
    before_edits=edits,
    after_edits=edits,
)
def test_edits_away_from_the_passage_keep_it_anchored_at_the_right_text(
    before: str, passage: str, after: str, before_edits: list[Edit], after_edits: list[Edit]
) -> None:
    """Edits anywhere but the ``MIN_CONTEXT_EVIDENCE`` characters either side of it."""
    text = f"{before} {passage} {after}"
    b = Bookmark.on_text("d", text, len(before) + 1, len(before) + 1 + len(passage))
    keep = MIN_CONTEXT_EVIDENCE
    cut = max(0, len(before) - keep)
    new_before = apply(before[:cut], before_edits) + before[cut:]
    new_after = after[:keep] + apply(after[keep:], after_edits)
    changed = f"{new_before} {passage} {new_after}"
    result = anchor(b, changed)
    check_invariant(result, changed)
    assert result.exact and result.start == len(new_before) + 1
    assert result.status == ("anchored" if result.start == b.start else "moved")


@settings(max_examples=200, deadline=None)
@given(
    far_before=prose(OUTSIDE, 0, 20),
    near_before=st.text(OUTSIDE + " ", min_size=31, max_size=31),
    passage=prose(INSIDE, 1, 4),
    near_after=st.text(OUTSIDE + " ", min_size=31, max_size=31),
    far_after=prose(OUTSIDE, 0, 20),
    copies=st.lists(st.integers(0, 10_000), min_size=1, max_size=4),
    far_edits=edits,
)
def test_copies_of_the_passage_elsewhere_do_not_capture_it(
    far_before: str,
    near_before: str,
    passage: str,
    near_after: str,
    far_after: str,
    copies: list[int],
    far_edits: list[Edit],
) -> None:
    """Edits and copies of the quote far away: its intact context still finds the original."""
    near_before += "§"  # markers that occur once, so no copy can have the same context
    near_after = "¶" + near_after
    text = far_before + near_before + passage + near_after + far_after
    start = len(far_before + near_before)
    b = Bookmark.on_text("d", text, start, start + len(passage))
    inserts: list[Edit] = [(at, 0, f" {passage} ") for at in copies]
    new_far_before = apply(far_before, far_edits + inserts[::2])
    new_far_after = apply(far_after, far_edits + inserts[1::2])
    changed = new_far_before + near_before + passage + near_after + new_far_after
    result = anchor(b, changed)
    check_invariant(result, changed)
    assert result.exact and result.start == len(new_far_before + near_before)


@settings(max_examples=200, deadline=None)
@given(
    before=prose(OUTSIDE, 0, 30),
    passage=prose(INSIDE, 1, 8),
    after=prose(OUTSIDE, 0, 30),
    before_edits=edits,
    after_edits=edits,
    copies=st.lists(st.integers(0, 10_000), max_size=4),
)
def test_edits_next_to_the_passage_leave_it_in_place_or_orphaned(
    before: str,
    passage: str,
    after: str,
    before_edits: list[Edit],
    after_edits: list[Edit],
    copies: list[int],
) -> None:
    """Edits anywhere outside it, even touching it, with copies of it elsewhere.

    The context may be too damaged to vouch for the passage (then it is orphaned), or
    an approximate match may take in a character or two of the edited edge (and says
    so), but the bookmark never goes to a copy.
    """
    text = f"{before} {passage} {after}"
    b = Bookmark.on_text("d", text, len(before) + 1, len(before) + 1 + len(passage))
    inserts: list[Edit] = [(at, 0, f"{WALL}{passage}{WALL}") for at in copies]
    new_before = apply(before, before_edits + inserts[::2])
    new_after = apply(after, after_edits + inserts[1::2])
    changed = f"{new_before} {passage} {new_after}"
    result = anchor(b, changed)
    check_invariant(result, changed)
    if result.status == "orphaned":
        return
    assert result.start is not None and result.end is not None
    start = len(new_before) + 1
    if result.exact:
        assert result.start == start
    else:
        overlap = min(result.end, start + len(passage)) - max(result.start, start)
        assert overlap >= len(passage) - EDGE_SLACK and len(result.quote) <= overlap + EDGE_SLACK


def with_typo(passage: str, at: int) -> str:
    """``passage`` with one character replaced by another letter of its alphabet."""
    at %= len(passage)
    old = passage[at]
    new = INSIDE[(INSIDE.index(old) + 1) % len(INSIDE)] if old in INSIDE else "n"
    return passage[:at] + new + passage[at + 1 :]


@settings(max_examples=250, deadline=None)
@given(
    far_before=prose(OUTSIDE, 0, 20),
    near_before=st.text(OUTSIDE + " ", min_size=32, max_size=32),
    passage=prose(INSIDE, 1, 10),
    near_after=st.text(OUTSIDE + " ", min_size=32, max_size=32),
    far_after=prose(OUTSIDE, 0, 20),
    copies=st.lists(
        st.tuples(
            st.integers(0, 10_000),  # where
            st.integers(0, 40),  # characters of the saved prefix the copy keeps
            st.integers(0, 40),  # ... and of the saved suffix
            st.none() | st.integers(0, 10_000),  # a typo in the copy, and where
        ),
        min_size=1,
        max_size=4,
    ),
    keep_context=st.booleans(),
    replacement=prose(OUTSIDE, 0, 5),
)
def test_a_deleted_passage_is_orphaned_even_when_copies_of_it_remain_elsewhere(
    far_before: str,
    near_before: str,
    passage: str,
    near_after: str,
    far_after: str,
    copies: list[tuple[int, int, int, int | None]],
    keep_context: bool,
    replacement: str,
) -> None:
    """The passage (and perhaps its paragraph) goes; copies stay, in other contexts.

    A copy may even keep a few characters of the original context (up to half of
    ``MIN_CONTEXT_EVIDENCE``, leaving room for the chance agreement of a character or
    two that a repetitive passage such as ``"n n n"`` finds by shifting its edges): it
    is still not the passage. The threshold itself is tested by example below.
    """
    text = far_before + near_before + passage + near_after + far_after
    start = len(far_before + near_before)
    b = Bookmark.on_text("d", text, start, start + len(passage))
    inserts: list[Edit] = []
    for at, before, after, typo in copies:
        before = min(before, MIN_CONTEXT_EVIDENCE // 2)
        after = min(after, MIN_CONTEXT_EVIDENCE // 2 - before)
        copy = passage if typo is None else with_typo(passage, typo)
        prefix = b.prefix[len(b.prefix) - before :]
        inserts.append((at, 0, f"{WALL}{prefix}{copy}{b.suffix[:after]}{WALL}"))
    middle = near_before + replacement + near_after if keep_context else replacement
    changed = apply(far_before, inserts[::2]) + middle + apply(far_after, inserts[1::2])
    assert passage in changed or any(typo is not None for *_, typo in copies)
    result = anchor(b, changed)
    assert result.status == "orphaned", result
    check_invariant(result, changed)


@settings(max_examples=200, deadline=None)
@given(
    before=prose(OUTSIDE, 0, 30),
    passage=prose(INSIDE, 1, 12),
    after=prose(OUTSIDE, 0, 30),
    replacement=prose(OUTSIDE, 0, 5),
    before_edits=edits,
    after_edits=edits,
)
def test_deleting_the_passage_orphans_it(
    before: str,
    passage: str,
    after: str,
    replacement: str,
    before_edits: list[Edit],
    after_edits: list[Edit],
) -> None:
    text = f"{before} {passage} {after}"
    b = Bookmark.on_text("d", text, len(before) + 1, len(before) + 1 + len(passage))
    changed = f"{apply(before, before_edits)} {replacement} {apply(after, after_edits)}"
    result = anchor(b, changed)
    assert result.status == "orphaned", result
    check_invariant(result, changed)


long_passage = st.lists(st.text(INSIDE, min_size=3, max_size=7), min_size=6, max_size=12).map(
    " ".join
)


@settings(max_examples=200, deadline=None)
@given(
    before=prose(OUTSIDE, 0, 20),
    passage=long_passage,
    after=prose(OUTSIDE, 0, 20),
    at=st.integers(0, 10_000),
    kind=st.sampled_from(["substitute", "insert", "delete"]),
    char=st.sampled_from(INSIDE),
    shift=st.text(OUTSIDE + " ", max_size=40),
)
def test_a_small_change_inside_a_passage_is_followed_approximately(
    before: str, passage: str, after: str, at: int, kind: str, char: str, shift: str
) -> None:
    text = f"{before} {passage} {after}"
    b = Bookmark.on_text("d", text, len(before) + 1, len(before) + 1 + len(passage))
    at %= len(passage)
    if kind == "substitute":
        assume(passage[at] != char)
        edited = passage[:at] + char + passage[at + 1 :]
    elif kind == "insert":
        at = max(at, 1)  # strictly inside: an insert at 0 leaves the passage intact
        edited = passage[:at] + char + passage[at:]
    else:
        edited = passage[:at] + passage[at + 1 :]
    changed = f"{shift}{before} {edited} {after}"
    # A repetitive passage ("nnn nnn …") can survive the edit verbatim; then an exact
    # match is right, and this test is about approximate ones.
    assume(passage not in changed)
    result = anchor(b, changed)
    check_invariant(result, changed)
    assert result.status == "moved" and not result.exact
    assert result.start is not None and result.end is not None
    # Within the edited passage (an edit at its edge may be left out of the match) ...
    start = len(shift) + len(before) + 1
    assert start <= result.start and result.end <= start + len(edited)
    # ... and no further from the saved quote than the one edit made.
    assert edit_distances(passage, result.quote, anchored=True)[-1] <= 1
    assert len(result.quote) >= len(edited) - 2


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(OUTSIDE[:4] + INSIDE[:4] + " ", min_size=1, max_size=200),
    span=st.tuples(st.integers(0, 10_000), st.integers(1, 60)),
    ops=st.lists(
        st.tuples(
            st.integers(0, 10_000),
            st.integers(0, 20),
            st.text(OUTSIDE[:4] + INSIDE[:4] + " ", max_size=20),
        ),
        max_size=8,
    ),
    gone=st.booleans(),
)
def test_a_bookmark_never_points_at_other_text_unless_its_status_says_so(
    text: str, span: tuple[int, int], ops: list[Edit], gone: bool
) -> None:
    start = span[0] % len(text)
    end = min(len(text), start + span[1])
    b = Bookmark.on_text("d", text, start, end)
    changed = None if gone else apply(text, ops)
    check_invariant(anchor(b, changed), changed)
