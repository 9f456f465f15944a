"""The split view (issue 5), driven with Pilot: picker, shared passages, keys, layout."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from rich.style import Style
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

import reader.core.compare as compare_core
from reader.ui.app import ReaderApp
from reader.ui.compare_messages import ComparisonReady
from reader.ui.compare_screen import CompareScreen
from reader.ui.main_screen import MainScreen
from reader.ui.scroll_sync import OffsetMap
from reader.ui.widgets.article import ArticleView
from reader.ui.widgets.compare_pane import ComparePane, PairLabel, _gutter_text
from reader.ui.widgets.compare_summary import CompareSummary
from reader.ui.widgets.entity_diff import EntityDiff
from reader.ui.widgets.partner_picker import PartnerPicker

from .conftest import AppFactory, settle, type_query, workers_done

A = "000_3019f73ddaac25aa"
B = "001_21c52abc1f1fddb1"
OTHER = "002_ceb5c5920158999b"
WIDE = (140, 40)


async def open_article(pilot: Pilot[None], app: ReaderApp, doc_id: str) -> MainScreen:
    screen = await settle(pilot, app)
    screen.open_document(doc_id)
    await pilot.pause()
    return screen


async def open_picker(pilot: Pilot[None], app: ReaderApp) -> PartnerPicker:
    await pilot.press("c")
    await pilot.pause()
    picker = app.screen
    assert isinstance(picker, PartnerPicker)
    await workers_done(app)  # the similar articles
    await pilot.pause()
    return picker


async def compare_with(pilot: Pilot[None], app: ReaderApp, partner: str) -> CompareScreen:
    picker = await open_picker(pilot, app)
    options = picker.query_one(OptionList)
    ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
    options.highlighted = ids.index(partner)
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    await workers_done(app)  # the comparison and the entities
    await pilot.pause()
    return screen


def marked(view: ArticleView, layer: str) -> list[str]:
    """The text under each span of one mark layer."""
    assert view.document is not None
    return [view.document.text[a:b] for a, b in view.marks.get(layer, [])]


def visible(view: ArticleView, line: int) -> bool:
    """Whether virtual line ``line`` is on screen in ``view``."""
    return view.scroll_y <= line < view.scroll_y + view.size.height


def summary(screen: CompareScreen) -> str:
    return str(screen.query_one(CompareSummary).render().plain)  # type: ignore[union-attr]


async def test_c_picks_most_similar_first_and_marks_shared_passages_on_both_sides(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        picker = await open_picker(pilot, app)
        options = picker.query_one(OptionList)
        assert options.get_option_at_index(0).id == B  # the week-later article, most similar
        assert A not in [options.get_option_at_index(i).id for i in range(options.option_count)]
        await pilot.press("enter")
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        left, right = screen.views
        assert left.document is not None and left.document.id == A
        assert right.document is not None and right.document.id == B
        assert any("400,000 Ukrainian soldiers" in t for t in marked(left, "shared"))
        assert any("lost at least 400,000 men" in t for t in marked(right, "shared"))
        assert any("125,000" in t for t in marked(left, "shared"))
        assert any("125,000" in t for t in marked(right, "shared"))
        text = summary(screen)
        assert "% of text shared" in text and "shared passages" in text and "near" in text


def gutter(view: ComparePane, line: int) -> tuple[str, str]:
    """What virtual line ``line`` shows: (its gutter of pair numbers, the text after it)."""
    text = view.render_line(line - int(view.scroll_y)).text
    return text[: view.margin - 1].strip(), text[view.margin :].rstrip()


def gutter_style(view: ComparePane, line: int, number: int) -> Style:
    """The style of pair ``number``'s label on virtual line ``line``."""
    strip = view.render_line(line - int(view.scroll_y))
    (segment,) = [s for s in strip if s.text.strip(" ,+") == str(number)]
    assert segment.style is not None
    return segment.style


async def test_pairs_are_numbered_alike_on_both_sides(make_app: AppFactory) -> None:
    """Pair n is labelled n where it starts in A and where it starts in B (the seeds have two
    passages of A starting on one line: both numbers show)."""
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        screen = await compare_with(pilot, app, B)
        left, right = screen.views
        pairs = screen.pairs()
        assert len(pairs) >= 3
        for number, (a_span, b_span, _) in enumerate(pairs, 1):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            for view, span in ((left, a_span), (right, b_span)):
                line = view.line_at(span.start)
                assert number in [label.number for label in view.labels_at(line)]
                numbers, text = gutter(view, line)
                assert str(number) in numbers.rstrip("+").split(",")
                assert view.layout_ is not None and view.document is not None
                body = line - len(view.header)
                start, end = view.layout_.starts[body], view.layout_.ends[body]
                assert text == view.document.text[start:end].rstrip()  # the text, unmoved
                assert gutter_style(view, line, number).reverse  # the current pair
        # Lines where no pair starts have an empty gutter.
        first = left.line_at(pairs[0][0].start)
        assert gutter(left, first - 1)[0] == ""


EXACT = (
    "The harbour authority said the new crane lifted forty containers an hour during its first "
    "week of trials on the eastern quay."
)


def _article(title: str, *paragraphs: str) -> str:
    return f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n"


async def test_exact_and_near_repeats_are_marked_differently(
    make_corpus: Any, make_app: AppFactory
) -> None:
    corpus = make_corpus(
        {
            "alpha.md": _article(
                "Harbour notes",
                "The council met on Tuesday to discuss the budget for the coming year and "
                "approved a modest rise in parking fees.",
                EXACT,
                "Fishermen in the northern villages complained that the winter storms had "
                "destroyed almost half of their wooden boats and nets.",
            ),
            "beta.md": _article(
                "Coast weekly",
                "Fishermen in the northern villages said winter storms destroyed nearly half of "
                "their wooden boats and many nets.",
                "Local musicians will play a free concert in the square on Saturday evening if "
                "the weather holds.",
                EXACT,
            ),
        }
    )
    app = make_app(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, "alpha")
        screen = await compare_with(pilot, app, "beta")
        left, right = screen.views
        (exact_a, exact_b, exact), (near_a, near_b, near) = screen.pairs()
        assert (exact.kind, near.kind) == ("exact", "near")
        assert marked(left, "shared") == [exact_a.text, near_a.text]
        assert marked(left, "shared-exact") == [exact_a.text]
        assert marked(right, "shared-exact") == [exact_b.text]
        for view in (left, right):
            assert view._layer_style("shared-exact").bgcolor != view._layer_style("shared").bgcolor
        # Numbered in A's order on both sides, though B has them the other way round.
        assert gutter(right, right.line_at(exact_b.start))[0] == "1"
        assert gutter(right, right.line_at(near_b.start))[0] == "2"
        exact_label = gutter_style(left, left.line_at(exact_a.start), 1)
        near_label = gutter_style(left, left.line_at(near_a.start), 2)
        assert exact_label.bgcolor != near_label.bgcolor
        assert not exact_label.reverse  # no pair jumped to yet
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert marked(left, "shared-current") == [exact_a.text]
        # The current pair keeps its kind's colour (bold, underlined) and its label reverses.
        style = left._layer_style("shared-current")
        assert style.bgcolor is None and style.bold and style.underline
        assert gutter_style(left, left.line_at(exact_a.start), 1).reverse
        assert not gutter_style(left, left.line_at(near_a.start), 2).reverse


def test_several_pairs_on_one_line_share_the_gutter() -> None:
    def label(number: int, current: bool = False) -> PairLabel:
        return PairLabel(0, number, "near", current)

    def shown(labels: list[PairLabel], width: int = 3) -> str:
        return _gutter_text(labels, width, lambda _label: Style()).plain

    assert shown([label(7)]) == "  7"
    assert shown([label(2), label(3)]) == "2,3"
    assert shown([label(12), label(13)]) == "12+"
    assert shown([label(12), label(13, current=True)]) == "13+"  # the current one shows
    assert shown([label(1234)]) == "  …"


def test_summary_says_text_shared_and_counts_figures() -> None:
    from reader.core.compare import ComparisonResult
    from reader.ui.widgets.compare_summary import SummaryState, summary_text
    from reader.ui.widgets.entity_diff import EntityGroups, EntityRow

    def rows(count: int) -> tuple[EntityRow, ...]:
        return tuple(EntityRow(f"figure:{i}", str(i), "figure", (), ()) for i in range(count))

    groups = EntityGroups(
        shared_figures=rows(5), only_left_figures=rows(3), only_right_figures=rows(4)
    )
    text = summary_text(SummaryState(ComparisonResult("a", "b", 0.0338), groups=groups)).plain
    assert text.startswith("3% of text shared")
    assert "figures 5 shared, 3 only A, 4 only B" in text
    tiny = summary_text(SummaryState(ComparisonResult("a", "b", 0.001))).plain
    assert tiny.startswith("<1% of text shared")


async def test_summary_counts_shared_and_one_sided_figures(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        screen = await compare_with(pilot, app, B)
        groups = screen.oriented_groups()
        assert groups is not None and groups.shared_figures
        expected = (
            f"figures {len(groups.shared_figures)} shared, {len(groups.only_left_figures)} only A,"
            f" {len(groups.only_right_figures)} only B"
        )
        assert expected in summary(screen)
        await pilot.press("x")
        await pilot.pause()
        swapped = (
            f"figures {len(groups.shared_figures)} shared, {len(groups.only_right_figures)} "
            f"only A, {len(groups.only_left_figures)} only B"
        )
        assert swapped in summary(screen)


async def test_picker_and_split_view_name_their_scores_apart(make_app: AppFactory) -> None:
    """★ related (the search index's more-like-this) is not the share of text repeated."""
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        picker = await open_picker(pilot, app)
        prompt = str(picker.query_one(OptionList).get_option_at_index(0).prompt)
        assert "★ related" in prompt and "similar" not in prompt
        status = str(picker.query_one("#picker-status").render())
        assert "search index" in status and "not text shared" in status
        assert "search index" in str(picker.query_one(OptionList).tooltip)
        await pilot.press("enter")
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert "of text shared" in summary(screen) and "Similarity" not in summary(screen)
        assert "★ related" in str(screen.query_one(CompareSummary).tooltip)


async def test_picker_filters_titles_keeps_working_and_escape_cancels(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        main = await open_article(pilot, app, A)
        picker = await open_picker(pilot, app)
        assert app.focused is picker.query_one(Input)
        await pilot.press(*"genocide")
        await pilot.pause()
        options = picker.query_one(OptionList)
        assert [options.get_option_at_index(i).id for i in range(options.option_count)] == [OTHER]
        await pilot.press(*"zzzq")
        await pilot.pause()
        assert options.option_count == 0
        assert "No title matches" in str(picker.query_one("#picker-status").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main


async def test_picker_is_usable_before_the_similar_articles_arrive(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.core.index.similar as similar_core

    release = threading.Event()
    real = similar_core.similar

    def slow(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(similar_core, "similar", slow)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        await pilot.press("c")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PartnerPicker)
        options = picker.query_one(OptionList)
        assert options.option_count == 2  # every other article, at once
        assert "Finding related" in str(picker.query_one("#picker-status").render())
        await pilot.press("down")  # the reader moves on meanwhile
        chosen = options.highlighted_option
        assert chosen is not None
        release.set()
        await workers_done(app)
        await pilot.pause()
        assert "Most related first" in str(picker.query_one("#picker-status").render())
        highlighted = options.highlighted_option
        assert highlighted is not None and highlighted.id == chosen.id  # kept the choice
        assert "★ related" in str(options.get_option_at_index(0).prompt)


async def test_without_an_open_article_c_explains_instead_of_comparing(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        main = await settle(pilot, app)
        main.query_one(ArticleView).show_document(None)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is main
        assert any("Open an article first" in n.message for n in app._notifications)


async def test_next_pair_scrolls_both_sides_to_it_and_previous_goes_back(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        screen = await compare_with(pilot, app, B)
        left, right = screen.views
        pairs = screen.pairs()
        assert len(pairs) >= 3
        seen = []
        for index in range(len(pairs)):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            a_span, b_span, _ = pairs[index]
            assert marked(left, "shared-current") == [a_span.text]
            assert marked(right, "shared-current") == [b_span.text]
            assert visible(left, left.line_at(a_span.start))
            assert visible(right, right.line_at(b_span.start))
            assert f"pair {index + 1}/{len(pairs)}" in summary(screen)
            seen.append((left.scroll_y, right.scroll_y))
        assert len(set(seen)) > 1  # both sides really moved between pairs
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert marked(left, "shared-current") == [pairs[-2][0].text]
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert marked(left, "shared-current") == [pairs[0][0].text]  # wraps around


async def test_pair_keys_work_while_an_article_pane_has_focus(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        screen = await compare_with(pilot, app, B)
        await pilot.press("tab")  # the right pane
        assert app.focused is screen.views[1]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.current is not None


async def test_swap_exchanges_the_articles_and_keeps_the_marks(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        screen = await compare_with(pilot, app, B)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        left, right = screen.views
        before_left = marked(left, "shared-current")
        before_right = marked(right, "shared-current")
        await pilot.press("x")
        await pilot.pause()
        assert left.document is not None and left.document.id == B
        assert right.document is not None and right.document.id == A
        assert marked(left, "shared-current") == before_right
        assert marked(right, "shared-current") == before_left
        assert any("lost at least 400,000 men" in t for t in marked(left, "shared"))
        groups = screen.oriented_groups()
        assert groups is not None
        assert any(row.name.startswith("Avdi") for row in groups.only_left)  # 001 is A now


async def test_sync_scrolls_the_other_side_and_can_be_turned_off(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        screen = await compare_with(pilot, app, B)
        left, right = screen.views
        assert app.focused is left and screen.sync
        start = right.scroll_y
        await pilot.press("pagedown", "pagedown")
        await pilot.pause(0.3)
        assert left.scroll_y > 0
        assert right.scroll_y > start
        # Aligned through the shared passages: at the first pair in A, B shows its partner.
        first_a, first_b, _ = screen.pairs()[0]
        left.bring(first_a.start)
        screen._follow(0)
        assert visible(right, right.line_at(first_b.start))
        await pilot.press("s")
        await pilot.pause()
        assert not screen.sync and "sync off" in summary(screen)
        held = right.scroll_y
        await pilot.press("pageup")
        await pilot.pause(0.3)
        assert right.scroll_y == held


async def test_escape_returns_to_the_same_article_and_position(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        main = await open_article(pilot, app, A)
        article = main.query_one(ArticleView)
        await pilot.press("pagedown", "pagedown")
        await pilot.pause(0.3)
        where, offset = article.scroll_y, article.top_offset()
        assert where > 0
        screen = await compare_with(pilot, app, B)
        left = screen.views[0]  # A opens where you were reading (its lines are narrower)
        assert visible(left, left.line_at(offset))
        assert 0 < left.top_offset() <= offset
        await pilot.press("right_square_bracket", "x")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main
        assert article.document is not None and article.document.id == A
        assert article.scroll_y == where and article.top_offset() == offset


async def test_open_alone_shows_the_focused_side_in_the_main_screen(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        main = await open_article(pilot, app, A)
        screen = await compare_with(pilot, app, B)
        await pilot.press("tab", "right_square_bracket")
        await pilot.pause()
        offset = screen.views[1].top_offset()
        await pilot.press("o")
        await pilot.pause()
        assert app.screen is main
        article = main.query_one(ArticleView)
        assert article.document is not None and article.document.id == B
        assert abs(article.top_offset() - offset) < 200


async def test_entities_shared_and_one_sided_and_choosing_marks_both_sides(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        screen = await compare_with(pilot, app, B)
        groups = screen.oriented_groups()
        assert groups is not None
        assert any("Zaluzhn" in row.name for row in groups.shared)  # both spellings: one person
        # Avdiivka (the gazetteer spells it Avdiyivka) is only in 001
        assert any(row.name.startswith("Avdi") for row in groups.only_right)
        assert not any(row.name.startswith("Avdi") for row in groups.shared + groups.only_left)
        assert groups.shared_figures  # 400,000 and 125,000 at least
        assert "entities" in summary(screen) and "only B" in summary(screen)
        diff = screen.query_one(EntityDiff)
        (key,) = [k for k, row in diff.rows.items() if "Zaluzhn" in row.name]
        diff.focus()
        options = diff
        options.highlighted = options.get_option_index(key)
        await pilot.press("enter")
        await pilot.pause()
        left, right = screen.views
        assert marked(left, "entity-person") and marked(right, "entity-person")
        assert all("Zaluzhn" in t for t in marked(right, "entity-person"))
        await pilot.press("enter")  # again: clear
        await pilot.pause()
        assert not marked(left, "entity-person") and not marked(right, "entity-person")


async def test_comparing_state_shows_and_the_ui_stays_responsive(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real = compare_core.compare_texts

    def slow(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(compare_core, "compare_texts", slow)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        picker = await open_picker(pilot, app)
        picker.query_one(OptionList).highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert "Comparing…" in summary(screen)
        await pilot.press("s", "pagedown")  # keys still work meanwhile
        await pilot.pause()
        assert not screen.sync
        assert screen.views[0].scroll_y > 0
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert any("Still comparing" in n.message for n in app._notifications)
        release.set()
        await workers_done(app)
        await pilot.pause()
        assert "of text shared" in summary(screen)


async def test_a_stale_comparison_is_dropped(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        screen = await compare_with(pilot, app, B)
        shown = screen.result
        stale = compare_core.compare_texts("x y z. a b c.", "x y z. a b c.", a=A, b=B)
        screen.post_message(ComparisonReady(screen.generation - 1, stale, {}))
        await pilot.pause()
        assert screen.result is shown


async def test_another_partner_recompares(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        screen = await compare_with(pilot, app, B)
        generation = screen.generation
        await pilot.press("p")
        await pilot.pause()
        await workers_done(app)
        picker = app.screen
        assert isinstance(picker, PartnerPicker)
        await pilot.press(*"genocide", "enter")
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        assert app.screen is screen and screen.generation == generation + 1
        assert screen.views[1].document is not None
        assert screen.views[1].document.id == OTHER
        assert screen.result is not None and len(screen.result.shared_passages) <= 1


async def test_search_hits_stay_marked_on_both_sides(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot, app)
        main = await type_query(pilot, app, "Zelensky")
        for _ in range(100):  # past the debounce even on a busy machine
            if main.results is not None and all(h.detailed for h in main.results.hits):
                break
            await pilot.pause(0.05)
        main.open_document(A)
        await pilot.pause()
        screen = await compare_with(pilot, app, B)
        left, right = screen.views
        assert left.hits and right.hits
        assert all(t.lower().startswith("zelensk") for t in marked(right, "hit"))
        await pilot.press("n")  # the focused pane steps through its hits
        await pilot.pause()
        assert left.hit_index == 0 and "hit 1 /" in str(left.border_subtitle)


async def test_palette_has_compare_and_the_split_view_commands(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        await pilot.press("ctrl+p")
        await pilot.press(*"compare with")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PartnerPicker)
        await workers_done(app)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await workers_done(app)
        await pilot.press("ctrl+p")
        await pilot.press(*"swap sides")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.views[0].document is not None
        assert screen.views[0].document.id == B


async def test_80_columns_stack_the_articles_and_hide_the_sidebar(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_article(pilot, app, A)
        screen = await compare_with(pilot, app, B)
        left, right = screen.views
        assert screen.has_class("-stacked")
        assert left.region.y < right.region.y and left.region.x == right.region.x
        assert left.region.height >= 6 and right.region.height >= 6
        assert left.region.width >= 70
        sidebar = screen.query_one("#compare-sidebar")
        assert not sidebar.display
        await pilot.press("right_square_bracket")
        await pilot.pause()
        a_span, b_span, _ = screen.pairs()[0]
        assert visible(left, left.line_at(a_span.start))
        assert visible(right, right.line_at(b_span.start))
        await pilot.press("f3")
        await pilot.pause()
        assert sidebar.display and left.region.width >= 40
        await pilot.press("f3")
        await pilot.pause()
        assert not sidebar.display


async def test_the_sidebar_keeps_the_readers_choice_when_the_terminal_resizes(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_article(pilot, app, A)
        screen = await compare_with(pilot, app, B)
        sidebar = screen.query_one("#compare-sidebar")
        assert not sidebar.display  # narrow: hidden until asked for
        await pilot.press("f3")
        await pilot.pause()
        assert sidebar.display
        await pilot.resize_terminal(90, 26)
        await pilot.pause()
        assert sidebar.display  # still shown, as chosen
        await pilot.press("f3")
        await pilot.pause()
        assert not sidebar.display
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert not sidebar.display  # hidden by F3: wide is no reason to bring it back


async def test_the_sidebar_follows_the_width_until_f3(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        screen = await compare_with(pilot, app, B)
        sidebar = screen.query_one("#compare-sidebar")
        assert sidebar.display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not sidebar.display and screen.has_class("-stacked")
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        assert sidebar.display and not screen.has_class("-stacked")


async def test_every_compare_binding_has_an_id() -> None:
    from textual.binding import Binding

    for owner in (CompareScreen, PartnerPicker):
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding)
            assert binding.id, f"{owner.__name__} binding {binding.key} has no id"


def test_offset_map_follows_passages_and_is_proportional_between_them() -> None:
    # A passage at 100-200 in A is at 300-400 in B; the texts are 1,000 characters long.
    mapping = OffsetMap.build([(100, 200, 300, 400)], 1000, 1000)
    assert mapping(0) == 0 and mapping(1000) == 1000
    assert mapping(100) == 300 and mapping(150) == 350 and mapping(200) == 400
    assert mapping(600) == 700  # halfway between the passage's end and the texts' ends
    assert mapping.inverse()(350) == 150
    assert OffsetMap.build([], 100, 300)(50) == 150  # no passages: proportional


def test_offset_map_ignores_passages_out_of_order() -> None:
    # B reorders: the chain kept is the longest in order in both texts.
    spans = [(0, 10, 500, 510), (20, 30, 100, 110), (40, 50, 200, 210), (60, 70, 300, 310)]
    mapping = OffsetMap.build(spans, 1000, 1000)
    assert mapping(20) == 100 and mapping(40) == 200 and mapping(60) == 300
    offsets = [mapping(x) for x in range(0, 1001, 7)]
    assert offsets == sorted(offsets)


async def test_bookmarks_show_and_b_bookmarks_in_either_pane(
    seeds: Any, make_app: AppFactory
) -> None:
    from reader.core.bookmarks import BookmarkStore
    from reader.core.index.library import Library

    library = Library(seeds)
    try:
        library.update()
        partner = library.document(B)
    finally:
        library.close()
    assert partner is not None
    BookmarkStore(seeds).add_quote(B, partner.text, "Avdiivka needs fresh reserves", "", ())
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, A)
        screen = await compare_with(pilot, app, B)
        left, right = screen.views
        assert marked(right, "bookmark") == ["Avdiivka needs fresh reserves"]
        assert not marked(left, "bookmark")
        await pilot.press("b")  # the sentence under the passage cursor of A
        await pilot.pause()
        assert type(app.screen).__name__ == "BookmarkDialog"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert len(marked(left, "bookmark")) == 1


def _long_article(title: str, seed: int, shared_at: int, size: int = 450_000) -> str:
    """Random prose of ``size`` characters with one shared passage after paragraph ``shared_at``."""
    import random

    rng = random.Random(seed)
    # A large vocabulary, as in real prose: sentences of one text rarely look alike.
    letters = "abcdefghijklmnoprstuvw"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(5000)]
    paragraphs = []
    total = 0
    while total < size:
        sentences = [
            " ".join(rng.choice(words) for _ in range(rng.randint(8, 16))).capitalize() + "."
            for _ in range(5)
        ]
        paragraphs.append(" ".join(sentences))
        total += len(paragraphs[-1]) + 2
    paragraphs.insert(
        shared_at,
        "At least 400,000 Ukrainian soldiers were killed in the first two years of the war, "
        "almost 1 percent of the pre-war population, according to the estimates.",
    )
    return f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n"


async def test_long_articles_compare_in_the_background(tmp_path: Any, make_app: AppFactory) -> None:
    corpus = tmp_path / "long"
    corpus.mkdir()
    (corpus / "first.md").write_text(_long_article("First long", 1, 40), encoding="utf-8")
    (corpus / "second.md").write_text(_long_article("Second long", 2, 700), encoding="utf-8")
    app = make_app(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, app, "first")
        screen = await compare_with(pilot, app, "second")
        left, right = screen.views
        assert left.ready and right.ready  # laid out in worker threads (over 400,000 chars)
        assert any("400,000 Ukrainian soldiers" in t for t in marked(left, "shared"))
        await pilot.press("right_square_bracket")
        await pilot.pause()
        a_span, b_span, _ = screen.pairs()[0]
        assert visible(left, left.line_at(a_span.start))
        assert visible(right, right.line_at(b_span.start))
        assert right.scroll_y > left.scroll_y + 1000  # far apart, both brought into view
