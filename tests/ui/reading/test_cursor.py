"""The passage cursor and its selection, without an app: moves never leave the text, a
selection is whole sentences from its anchor to the cursor (or to where it was fixed)."""

from __future__ import annotations

from typing import get_args

from hypothesis import given
from hypothesis import strategies as st

from reader.ui.reading.cursor import PassageCursor, Selection, Step
from reader.ui.reading.passages import Place

from .texts import texts

TEXT = "One. Two here.\n\nThree? Four!\n\nFive"
STEPS: tuple[Step, ...] = get_args(Step)

# A reader's keys: a step, v (toggle the selection), a click at an offset, Esc.
_action = st.one_of(
    st.sampled_from(STEPS),
    st.just("toggle"),
    st.just("clear"),
    st.tuples(st.just("point"), st.integers(min_value=-5, max_value=500)),
)


def _apply(cursor: PassageCursor, action: object) -> None:
    if action == "toggle":
        cursor.toggle_selection()
    elif action == "clear":
        cursor.clear_selection()
    elif isinstance(action, tuple):
        cursor.point(action[1])
    else:
        cursor.move(action)  # type: ignore[arg-type]


def _text(cursor: PassageCursor, span: tuple[int, int] | None) -> str | None:
    return None if span is None else TEXT[span[0] : span[1]]


def test_no_cursor_until_placed_and_nothing_to_select() -> None:
    cursor = PassageCursor(TEXT)
    assert cursor.cursor is None and cursor.span() is None
    cursor.move("next_sentence")
    cursor.toggle_selection()
    assert cursor.cursor is None and cursor.selection is None and cursor.selected_span() is None
    assert PassageCursor(None).passages is None
    assert not PassageCursor(" \n\n ").passages


def test_a_selection_grows_with_the_cursor_until_v_fixes_it() -> None:
    cursor = PassageCursor(TEXT)
    cursor.point(0)
    cursor.toggle_selection()
    assert cursor.selecting and _text(cursor, cursor.selected_span()) == "One."
    cursor.move("next_paragraph")
    assert _text(cursor, cursor.selected_span()) == "One. Two here.\n\nThree?"
    cursor.toggle_selection()  # fixed here; the cursor moves alone from now on
    assert not cursor.selecting and cursor.selection == Selection(Place(0, 0), Place(1, 0))
    cursor.move("next_sentence")
    assert _text(cursor, cursor.span()) == "Four!"
    assert _text(cursor, cursor.selected_span()) == "One. Two here.\n\nThree?"
    assert cursor.clear_selection() and not cursor.clear_selection()
    assert cursor.selected_span() is None


def test_a_selection_made_backwards_runs_in_text_order() -> None:
    cursor = PassageCursor(TEXT)
    cursor.point(len(TEXT) - 1)
    cursor.toggle_selection()
    cursor.move("previous_sentence")
    assert _text(cursor, cursor.selected_span()) == "Four!\n\nFive"


def test_jump_drops_the_selection_follow_keeps_it_growing() -> None:
    cursor = PassageCursor(TEXT)
    assert not cursor.follow(5)  # the cursor is not in use yet: a hit does not show it
    cursor.point(0)
    cursor.toggle_selection()
    assert cursor.follow(TEXT.index("Four"))
    assert _text(cursor, cursor.selected_span()) == "One. Two here.\n\nThree? Four!"
    cursor.jump(TEXT.index("Two"))
    assert cursor.selection is None and _text(cursor, cursor.span()) == "Two here."


def test_covering_takes_whole_sentences() -> None:
    cursor = PassageCursor(TEXT)
    assert _text(cursor, cursor.covering(TEXT.index("here"), TEXT.index("Three") + 2)) == (
        "Two here.\n\nThree?"
    )
    assert cursor.cursor is None  # asking does not show the cursor


def test_start_place_is_the_hit_else_the_first_sentence_starting_in_view() -> None:
    cursor = PassageCursor(TEXT)
    assert cursor.start_place(TEXT.index("Four"), 0, lambda _offset: True) == Place(1, 1)
    middle = TEXT.index("here")  # the window starts inside "Two here."
    assert cursor.start_place(None, middle, lambda _offset: True) == Place(1, 0)
    assert cursor.start_place(None, middle, lambda _offset: False) == Place(0, 1)
    assert PassageCursor("").start_place(None, 0, lambda _offset: True) is None


@given(texts, st.integers(min_value=-5, max_value=500), st.lists(_action, max_size=30))
def test_moves_never_leave_the_text_and_selections_stay_whole(
    text: str, start: int, actions: list[object]
) -> None:
    cursor = PassageCursor(text)
    cursor.point(start)
    passages = cursor.passages
    assert passages is not None
    for action in actions:
        _apply(cursor, action)
        span = cursor.span()
        if not passages:
            assert cursor.cursor is None and span is None and cursor.selected_span() is None
            continue
        assert cursor.cursor is not None and span is not None
        assert 0 <= span[0] < span[1] <= len(text)
        place = cursor.cursor
        assert 0 <= place.sentence < len(passages.sentences(place.paragraph))
        selected = cursor.selected_span()
        if cursor.selection is None:
            assert selected is None
            continue
        assert selected is not None and 0 <= selected[0] < selected[1] <= len(text)
        anchor = passages.span(cursor.selection.anchor)
        assert selected[0] <= anchor[0] and anchor[1] <= selected[1]
        if cursor.selecting:  # a growing selection reaches the cursor
            assert selected[0] <= span[0] and span[1] <= selected[1]
        # Its ends are sentence ends: the selection is whole sentences.
        starts = {passages.span(p)[0] for p in _places(cursor)}
        ends = {passages.span(p)[1] for p in _places(cursor)}
        assert selected[0] in starts and selected[1] in ends


def _places(cursor: PassageCursor) -> list[Place]:
    passages = cursor.passages
    assert passages is not None
    return [
        Place(paragraph, sentence)
        for paragraph in range(len(passages.paragraphs))
        for sentence in range(len(passages.sentences(paragraph)))
    ]
