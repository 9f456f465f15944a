"""The split view's word-level diff, the evidence of a pair, and "only in B / only in A"."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from reader.ui.app import ReaderApp
from reader.ui.compare_screen import CompareScreen, compare_commands
from reader.ui.widgets.compare_pane import ComparePane

from .conftest import AppFactory
from .test_compare_ui import WIDE, A, B, compare_with, open_article, summary, visible


def diff_text(view: ComparePane, layer: str) -> list[str]:
    assert view.document is not None
    return [view.document.text[a:b] for a, b in view.diff_marks.get(layer, [])]


def pair_words(screen: CompareScreen, side: str, *kinds: str, figure: bool = False) -> list[str]:
    """The words of the current pair's changes on one side, as the screen faces them."""
    assert screen.current is not None
    pair = screen.facing(screen.current)
    return [
        (c.a if side == "a" else c.b).text
        for c in pair.changes
        if c.kind in kinds and c.figure == figure and (c.a if side == "a" else c.b).text
    ]


async def test_next_pair_says_why_it_is_a_pair_and_marks_the_words_that_differ(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        screen = await compare_with(pilot, app, B)
        left, right = screen.views
        assert not left.diff_marks and not right.diff_marks  # no pair chosen yet
        await pilot.press("right_square_bracket")
        await pilot.pause()
        current = screen.current
        assert current is not None and current.reuse == "rewording"
        line = summary(screen)
        assert "rewording" in line
        named = [s.a.text for s in current.evidence.entities]
        assert named and named[0] in line  # the strongest shared name is said
        assert " · diff: " in line
        # A shows what B dropped or changed, B what it added or changed: the pair's own changes.
        assert diff_text(left, "removed") == pair_words(screen, "a", "removed")
        assert diff_text(right, "added") == pair_words(screen, "b", "added")
        assert diff_text(left, "changed") == pair_words(screen, "a", "changed")
        assert diff_text(right, "changed") == pair_words(screen, "b", "changed")
        assert diff_text(left, "changed")  # a rewording changes words
        # Every marked stretch lies inside the pair's passage on its side.
        a_span, b_span, _ = screen.pairs()[0]
        for view, span in ((left, a_span), (right, b_span)):
            for layer in ("removed", "added", "changed"):
                for start, end in view.diff_marks.get(layer, []):
                    assert span.start <= start < end <= span.end
        # Swapped, the words B added are the ones the new right side lacks: removed on the left.
        added = diff_text(right, "added")
        await pilot.press("x")
        await pilot.pause()
        assert diff_text(left, "removed") == added
        assert diff_text(right, "added") == pair_words(screen, "b", "added")


def _article(title: str, body: str) -> str:
    return f"---\ntitle: {title}\ndate: 2024-02-0{len(title) % 9 + 1}\n---\n\n{body}\n"


async def test_a_changed_figure_is_highlighted_on_both_sides(
    tmp_path: Path, make_app: AppFactory
) -> None:
    corpus = tmp_path / "figures"
    corpus.mkdir()
    shared = (
        "Over the past two years of war, Ukraine has lost at least {n} men, according to "
        "officials in Kyiv who spoke to reporters on Tuesday."
    )
    other = (
        "The harvest in the south was better than expected. Grain exports through the "
        "Black Sea corridor rose again in January."
    )
    (corpus / "first.md").write_text(
        _article("First report", shared.format(n="400,000") + "\n\n" + other), encoding="utf-8"
    )
    (corpus / "second.md").write_text(
        _article("Second report, later", shared.format(n="500,000")), encoding="utf-8"
    )
    app = make_app(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, "first")
        screen = await compare_with(pilot, app, "second")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        left, right = screen.views
        assert diff_text(left, "figure") == ["400,000"]
        assert diff_text(right, "figure") == ["500,000"]
        assert "400,000 → 500,000" in summary(screen)
        # A figure is not also marked as an ordinary change.
        assert "400,000" not in diff_text(left, "changed")
        # And the paragraph only the first report has is "only in A".
        await pilot.press("d")
        await pilot.pause()
        assert diff_text(left, "new") == [other]
        assert "Only in A: passage 1/1" in summary(screen)


async def test_a_steps_through_what_b_adds_in_reading_order(make_app: AppFactory) -> None:
    app: ReaderApp = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        screen = await compare_with(pilot, app, B)
        left, right = screen.views
        assert screen.result is not None
        only = screen.only_passages(1)
        assert only == screen.result.only_in_b and len(only) >= 3
        starts = []
        for number in range(1, 4):
            await pilot.press("a")
            await pilot.pause()
            (start, end), *rest = right.diff_marks["new"]
            assert not rest and (start, end) == (only[number - 1].start, only[number - 1].end)
            assert visible(right, right.line_at(start))
            assert f"Only in B: passage {number}/{len(only)}" in summary(screen)
            assert "new" not in left.diff_marks
            starts.append(start)
        assert starts == sorted(starts)  # reading order
        await pilot.press("A")
        await pilot.pause()
        assert right.diff_marks["new"][0][0] == starts[1]
        # Back to the pairs: the new passage's mark gives way to the pair's differences.
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "new" not in right.diff_marks
        assert "Only in B" not in summary(screen)
        # A / B wrap: one step back from the first goes to the last.
        await pilot.press("a")
        await pilot.press("A")
        await pilot.pause()
        assert right.diff_marks["new"][0] == (only[-1].start, only[-1].end)
        # What A alone has: d steps on the left.
        await pilot.press("d")
        await pilot.pause()
        first_a = screen.result.only_in_a[0]
        assert left.diff_marks["new"] == [(first_a.start, first_a.end)]
        assert "new" not in right.diff_marks


async def test_only_in_b_commands_are_in_the_split_views_palette(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        screen = await compare_with(pilot, app, B)
        titles = [title for title, _help, _callback in compare_commands(screen)]
        assert "Next passage only in B" in titles and "Next passage only in A" in titles
        ids = {b.id for b in screen.BINDINGS if isinstance(b, Binding)}
        assert {"compare.next_new", "compare.previous_new", "compare.next_dropped"} <= ids
