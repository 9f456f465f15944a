"""The split view: two articles side by side (stacked below 110 columns) with what they share.

The article open in the main screen is A (left or top), the partner chosen in the
:class:`~reader.ui.widgets.partner_picker.PartnerPicker` is B. Shared passages are marked on both
sides ("shared", exact repeats also "shared-exact", the current pair "shared-current") and
numbered alike in each pane's gutter, so the passage labelled 3 on the left is the one labelled 3
on the right; ``]`` / ``[`` step through the pairs and scroll both sides to them. The pair jumped
to shows its word-level differences on both sides, and the strip says why it is a pair (its kind
and the entities, figures and words both sides share). ``a`` / ``A`` step through the passages
only in B (what the right-hand article adds), in reading order, ``d`` / ``D`` through those only
in A (what it leaves out). Synchronised scrolling follows the pane being read (the focused one,
or the one under the mouse), mapping positions through the shared passages
(:mod:`reader.ui.scroll_sync`). The comparison and the entities (``Workspace.compare``, what
``reader compare`` prints) run in a thread worker; a result from an earlier comparison (before a
new partner was picked) is dropped. Bookmarks are the workspace's bookmark session, the one the
main screen's Bookmarks tab lists.

The screen is dismissed with ``None`` (back where you were) or an :class:`OpenAlone` asking the
main screen to open one side alone at its position.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from reader.core.corpus.document import Document
from reader.ui.compare_messages import ComparisonReady, EntitiesReady, OpenAlone, Spans
from reader.ui.scroll_sync import OffsetMap
from reader.ui.widgets.article import ArticleView
from reader.ui.widgets.compare_pane import ComparePane, PairLabel
from reader.ui.widgets.compare_summary import CompareSummary, SummaryState
from reader.ui.widgets.entity_diff import (
    ENTITY_LAYERS,
    EntityDiff,
    EntityGroups,
    EntityRow,
    groups_from,
)
from reader.ui.widgets.keybar import KeyBar
from reader.ui.widgets.partner_picker import PartnerPicker

if TYPE_CHECKING:
    from reader.core.compare import ComparisonResult, PassagePair, Span
    from reader.core.compare.diff import Change
    from reader.core.entities.model import Entity
    from reader.core.index.library import Library
    from reader.workspace import Workspace

STACK_BELOW = 110  # columns: narrower terminals stack the two articles


class CompareScreen(Screen[OpenAlone | None]):
    """Article A and article B with their shared passages, entities and a summary."""

    HELP = (
        "Compare two articles. Shared passages carry the same number on both sides (left of "
        "the text) and are coloured by kind: exact repeats apart from near ones. The strip above "
        "says how much of the text is shared. "
        "] / [ next / previous shared passage (both sides scroll to it; the strip says why they "
        "are paired, the panes colour the words that differ); a / A next / previous passage "
        "only in B (what B adds), d / D only in A (what B leaves out); "
        "s synchronised scrolling; x swap sides; o open the focused article alone; "
        "p another partner; F3 entities; Tab next pane; n / N search hits; Esc back."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "right_square_bracket", "next_pair", "Next pair", id="compare.next_pair",
            priority=True, tooltip="Scroll both articles to the next shared passage",
        ),
        Binding(
            "left_square_bracket", "previous_pair", "Prev pair", id="compare.previous_pair",
            priority=True,
        ),
        Binding("a", "next_new", "Only in B", id="compare.next_new",
                tooltip="Step through the passages only the right-hand article has"),
        Binding("A", "previous_new", "Prev only in B", id="compare.previous_new", show=False),
        Binding("d", "next_dropped", "Only in A", id="compare.next_dropped", show=False,
                tooltip="Step through the passages only the left-hand article has"),
        Binding("D", "previous_dropped", "Prev only in A", id="compare.previous_dropped",
                show=False),
        Binding("s", "toggle_sync", "Sync", id="compare.toggle_sync",
                tooltip="Scroll the other article along with this one"),
        Binding("x", "swap", "Swap", id="compare.swap"),
        Binding("o", "open_alone", "Open alone", id="compare.open_alone",
                tooltip="Open the focused article alone in the main screen"),
        Binding("p", "change_partner", "Partner", id="compare.partner", show=False),
        Binding("f3", "toggle_sidebar", "Entities", id="compare.toggle_sidebar"),
        Binding("escape", "back", "Back", id="compare.back"),
        Binding("question_mark,f1", "app.toggle_help", "Help", id="app.help"),
        Binding("q", "app.quit", "Quit", id="app.quit", show=False),
    ]  # fmt: skip
    DEFAULT_CSS = """
    CompareScreen #compare-main { height: 1fr; }
    CompareScreen #panes { width: 1fr; layout: horizontal; }
    CompareScreen.-stacked #panes { layout: vertical; }
    CompareScreen #panes > ArticleView {
        width: 1fr; height: 1fr; border: round $panel; border-subtitle-align: right;
        border-subtitle-color: $accent; border-title-color: $foreground 80%;
    }
    CompareScreen #panes > ArticleView:focus { border: round $primary; }
    CompareScreen #compare-sidebar { width: 32; background: $surface; }
    CompareScreen.-stacked #compare-sidebar { width: 28; }
    CompareScreen #compare-sidebar > Static { height: 1; padding: 0 1; color: $accent; }
    CompareScreen .-hidden { display: none; }
    """

    def __init__(
        self,
        workspace: Workspace,
        left: Document,
        right: Document,
        *,
        query: str | None = None,
        left_offset: int = 0,
        left_hits: Spans | None = None,
        reading_width: int = 80,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.library = workspace.library
        self.docs = [left, right]
        self.query_text = query or None
        self.left_offset = left_offset
        self.reading_width = reading_width
        self.hits: dict[str, Spans] = {left.id: list(left_hits)} if left_hits else {}
        self.generation = 0
        self.result: ComparisonResult | None = None
        self.error: str | None = None
        self.groups: EntityGroups | None = None  # as computed: A = ``groups_a``
        self.groups_a = ""
        self.current: PassagePair | None = None
        # The passage stepped to with a/A (side 1) or d/D (side 0): (side, index) or None.
        self.new: tuple[int, int] | None = None
        self.sync = True
        self._map = OffsetMap((0,), (0,))
        self._pairs: list[tuple[Span, Span, PassagePair]] = []
        # F3's choice (shown or hidden) once made; until then the sidebar shows when wide.
        self.sidebar_choice: bool | None = None

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield CompareSummary(id="compare-summary")
        with Horizontal(id="compare-main"):
            with Container(id="panes"):
                yield ComparePane(reading_width=self.reading_width, id="left")
                yield ComparePane(reading_width=self.reading_width, id="right")
            with Vertical(id="compare-sidebar"):
                yield Static(Text("Entities · mentions A / B"))
                yield EntityDiff(id="entities")
        yield KeyBar()

    @property
    def views(self) -> tuple[ComparePane, ComparePane]:
        return self.query_one("#left", ComparePane), self.query_one("#right", ComparePane)

    def on_mount(self) -> None:
        for side, view in enumerate(self.views):
            self.watch(view, "scroll_y", partial(self._scrolled, side), init=False)
        self._show_documents([self.left_offset, None])
        self.views[0].focus()
        self._start()

    def on_resize(self) -> None:
        self.set_class(self.size.width < STACK_BELOW, "-stacked")
        self._show_sidebar()

    def _show_sidebar(self) -> None:
        """The entity sidebar as F3 left it, or (before F3) only when wide enough."""
        shown = self.sidebar_choice
        if shown is None:
            shown = self.size.width >= STACK_BELOW
        sidebar = self.query_one("#compare-sidebar")
        sidebar.set_class(not shown, "-hidden")
        if not shown and self.focused is self.query_one(EntityDiff):
            self.views[0].focus()

    def _show_documents(self, offsets: Sequence[int | None]) -> None:
        """(Re)show both articles at ``offsets`` with every mark."""
        self.sub_title = f"compare {self.docs[0].id} × {self.docs[1].id}"
        for label, view, doc, offset in zip("AB", self.views, self.docs, offsets, strict=True):
            view.show_document(doc, scroll_to=offset)
            view.border_title = Text(f"{label} · {doc.meta.title}")
            view.set_hits(self.hits.get(doc.id, []))
        self._show_bookmarks()
        self._orient()
        self._paint()

    # -- comparing ----------------------------------------------------------------------

    def _start(self) -> None:
        """Compare the two articles shown now; earlier results in flight become stale."""
        self.generation += 1
        self.result = None
        self.error = None
        self.groups = None
        self.current = None
        self.new = None
        self.query_one(EntityDiff).show_message("Finding entities…")
        self._orient()
        self._paint()
        left, right = self.docs
        self._compare(self.generation, left, right, self.query_text, set(self.hits))

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _compare(
        self, generation: int, a: Document, b: Document, query: str | None, have: set[str]
    ) -> None:
        worker = get_current_worker()
        try:
            # What `reader compare` computes: corpus word weights, canonical entities
            # (each left out while it cannot be had, e.g. an index still building).
            comparison = self.workspace.compare(a, b, partial_ok=True)
            result = comparison.result
        except Exception as error:  # shown in the strip; the articles stay readable
            self.post_message(ComparisonReady(generation, None, {}, f"Comparison failed: {error}"))
            return
        hits: dict[str, Spans] = {}
        for doc in (a, b):
            if query and doc.id not in have:
                try:
                    hits[doc.id] = self.library.find_hits(query, doc.text)
                except Exception:  # hits are a nicety: the query already ran in the main screen
                    continue
        if worker.is_cancelled:
            return
        self.post_message(ComparisonReady(generation, result, hits))
        try:
            if comparison.entities is None:
                raise ValueError("the entities could not be read")
            groups = groups_from(comparison.entities)
        except Exception as error:
            self.post_message(EntitiesReady(generation, a.id, None, f"Entities failed: {error}"))
            return
        if not worker.is_cancelled:
            self.post_message(EntitiesReady(generation, a.id, groups))

    def on_comparison_ready(self, message: ComparisonReady) -> None:
        if message.generation != self.generation:
            return  # a comparison of articles no longer shown
        self.result = message.result
        self.error = message.error
        for doc_id, spans in message.hits.items():
            self.hits[doc_id] = spans
            for view in self.views:
                if view.document is not None and view.document.id == doc_id:
                    view.set_hits(spans)
        self._orient()
        self._paint()
        if self.sync:
            self._follow(0 if self.focused is not self.views[1] else 1)

    def on_entities_ready(self, message: EntitiesReady) -> None:
        if message.generation != self.generation:
            return
        diff = self.query_one(EntityDiff)
        if message.groups is None:
            diff.show_message(message.error or "No entities")
            return
        self.groups, self.groups_a = message.groups, message.a
        diff.show_groups(self.oriented_groups() or EntityGroups())
        self._paint()

    # -- the comparison, as the sides are now -------------------------------------------

    def pairs(self) -> list[tuple[Span, Span, PassagePair]]:
        """Shared passages as (left span, right span, pair), in the left article's order."""
        return self._pairs

    def _orient(self) -> None:
        """Lay the comparison onto the sides as they are now: passages, marks, the sync map."""
        pairs: list[tuple[Span, Span, PassagePair]] = []
        if self.result is not None:
            flipped = self.result.a != self.docs[0].id
            pairs = [
                (p.b, p.a, p) if flipped else (p.a, p.b, p) for p in self.result.shared_passages
            ]
            pairs.sort(key=lambda item: (item[0].start, item[1].start))
        self._pairs = pairs
        left, right = self.views
        left.set_marks("shared", [(a.start, a.end) for a, _, _ in pairs])
        right.set_marks("shared", [(b.start, b.end) for _, b, _ in pairs])
        exact = [(a, b) for a, b, pair in pairs if pair.kind == "exact"]
        left.set_marks("shared-exact", [(a.start, a.end) for a, _ in exact])
        right.set_marks("shared-exact", [(b.start, b.end) for _, b in exact])
        a_doc, b_doc = self.docs
        self._map = OffsetMap.build(
            [(x.start, x.end, y.start, y.end) for x, y, _ in pairs],
            len(a_doc.text),
            len(b_doc.text),
        )

    def oriented_groups(self) -> EntityGroups | None:
        if self.groups is None:
            return None
        return self.groups if self.groups_a == self.docs[0].id else self.groups.swapped()

    def _paint(self) -> None:
        """The current pair and the chosen entity on both sides, and the summary."""
        pairs = self._pairs
        left, right = self.views
        current = next((item for item in pairs if item[2] is self.current), None)
        if current is None:
            self.current = None
        left.set_marks("shared-current", [(current[0].start, current[0].end)] if current else [])
        right.set_marks("shared-current", [(current[1].start, current[1].end)] if current else [])
        # Pairs numbered in the left article's order, the same number on both sides.
        numbered = list(enumerate(pairs, 1))
        left.set_pair_labels(
            tuple(PairLabel(a.start, n, p.kind, p is self.current) for n, (a, _, p) in numbered)
        )
        right.set_pair_labels(
            tuple(PairLabel(b.start, n, p.kind, p is self.current) for n, (_, b, p) in numbered)
        )
        entity = self._chosen_entity()
        for view, spans in zip(
            self.views, (entity.left, entity.right) if entity else ((), ()), strict=True
        ):
            for layer in ENTITY_LAYERS:
                view.set_marks(layer, list(spans) if entity and layer == entity.layer else [])
        self._paint_differences(current)
        index = next((i for i, item in enumerate(pairs) if item[2] is self.current), -1)
        new = self.new
        stepped = (
            ("AB"[new[0]], new[1], len(self.only_passages(new[0]))) if new is not None else None
        )
        self.query_one(CompareSummary).show(
            SummaryState(
                self.result,
                self.error,
                index,
                self.facing(self.current) if self.current is not None else None,
                self.sync,
                self.oriented_groups(),
                entity,
                stepped,
                (len(self.only_passages(0)), len(self.only_passages(1)))
                if self.result is not None
                else None,
            )
        )

    def _paint_differences(self, current: tuple[Span, Span, PassagePair] | None) -> None:
        """The current pair's word-level differences, and the new passage stepped to."""
        left, right = self.views
        changes = self.facing(current[2]).changes if current else ()
        for kind, view, side in (("removed", left, "a"), ("added", right, "b")):
            view.set_diff_marks(
                kind, [_bounds(c, side) for c in changes if c.kind == kind and not c.figure]
            )
        for view, side in ((left, "a"), (right, "b")):
            view.set_diff_marks(
                "changed",
                [_bounds(c, side) for c in changes if c.kind == "changed" and not c.figure],
            )
            view.set_diff_marks("figure", [_bounds(c, side) for c in changes if c.figure])
        for number, view in enumerate(self.views):
            spans = self.only_passages(number)
            new = self.new
            marked = new is not None and new[0] == number and new[1] < len(spans)
            view.set_diff_marks(
                "new", [(spans[new[1]].start, spans[new[1]].end)] if marked and new else []
            )

    def facing(self, pair: PassagePair) -> PassagePair:
        """``pair`` as the sides are now: ``a`` is the left article's passage."""
        flipped = self.result is not None and self.result.a != self.docs[0].id
        return _facing(pair) if flipped else pair

    def only_passages(self, side: int) -> tuple[Span, ...]:
        """The passages of the article on ``side`` (0 left, 1 right) in no pair, in order."""
        result = self.result
        if result is None:
            return ()
        return result.only_in_a if result.a == self.docs[side].id else result.only_in_b

    def _chosen_entity(self) -> EntityRow | None:
        diff = self.query_one(EntityDiff)
        return diff.rows.get(diff.chosen) if diff.chosen else None

    # -- shared passages ----------------------------------------------------------------

    def action_next_pair(self) -> None:
        self._step_pair(1)

    def action_previous_pair(self) -> None:
        self._step_pair(-1)

    def _step_pair(self, step: int) -> None:
        pairs = self.pairs()
        if not pairs:
            waiting = self.result is None and self.error is None
            self.notify("Still comparing…" if waiting else "No shared passages", timeout=2)
            return
        index = next((i for i, item in enumerate(pairs) if item[2] is self.current), None)
        if index is None:
            index = 0 if step > 0 else len(pairs) - 1
        else:
            index = (index + step) % len(pairs)
        left_span, right_span, self.current = pairs[index]
        self.new = None
        self._paint()
        self.views[0].bring(left_span.start)
        self.views[1].bring(right_span.start)

    # -- what only one side has ---------------------------------------------------------

    def action_next_new(self) -> None:
        self._step_new(1, 1)

    def action_previous_new(self) -> None:
        self._step_new(1, -1)

    def action_next_dropped(self) -> None:
        self._step_new(0, 1)

    def action_previous_dropped(self) -> None:
        self._step_new(0, -1)

    def _step_new(self, side: int, step: int) -> None:
        """Step through the passages only the article on ``side`` has, in reading order;
        the other side follows (with sync on) to where the passage would sit in it."""
        spans = self.only_passages(side)
        if not spans:
            waiting = self.result is None and self.error is None
            label = "AB"[side]
            self.notify(
                "Still comparing…"
                if waiting
                else f"Nothing only in {label}: every passage is paired",
                timeout=2,
            )
            return
        new = self.new
        if new is None or new[0] != side or new[1] >= len(spans):
            index = 0 if step > 0 else len(spans) - 1
        else:
            index = (new[1] + step) % len(spans)
        self.new = (side, index)
        self.current = None
        self._paint()
        view = self.views[side]
        view.bring(spans[index].start)
        if self.sync:
            other = self.views[1 - side]
            mapping = self._map if side == 0 else self._map.inverse()
            other.bring(mapping(spans[index].start))

    # -- scrolling ----------------------------------------------------------------------

    def _scrolled(self, side: int) -> None:
        """A pane scrolled: with sync on, the other follows the one being read."""
        source = self.views[side]
        if not self.sync or source.quiet:
            return
        if source is self.focused or source.mouse_hover:
            self._follow(side)

    def _follow(self, side: int) -> None:
        """Scroll the other pane to the position matching pane ``side``'s."""
        source, target = self.views[side], self.views[1 - side]
        target.follow(source, self._map if side == 0 else self._map.inverse())

    def action_toggle_sync(self) -> None:
        self.sync = not self.sync
        if self.sync:
            self._follow(1 if self.focused is self.views[1] else 0)
        self._paint()
        self.notify(f"Synchronised scrolling {'on' if self.sync else 'off'}", timeout=2)

    # -- sides --------------------------------------------------------------------------

    def action_swap(self) -> None:
        offsets = [view.top_offset() for view in self.views]
        focused_side = 1 if self.focused is self.views[1] else 0
        self.docs.reverse()
        self.new = (1 - self.new[0], self.new[1]) if self.new is not None else None
        self._show_documents(offsets[::-1])
        diff = self.query_one(EntityDiff)
        chosen = diff.chosen
        groups = self.oriented_groups()
        if groups is not None:
            diff.show_groups(groups)
            diff.chosen = chosen if chosen in diff.rows else None
            self._paint()
        if self.focused in self.views:
            self.views[1 - focused_side].focus()  # stay with the article being read

    def action_open_alone(self, side: int | None = None) -> None:
        if side is None:
            side = 1 if self.focused is self.views[1] else 0
        self.dismiss(OpenAlone(self.docs[side].id, self.views[side].top_offset()))

    def action_change_partner(self) -> None:
        left = self.docs[0]
        self.app.push_screen(PartnerPicker(self.library, left.id, left.meta.title), self._partner)

    def _partner(self, doc_id: str | None) -> None:
        if doc_id is None or doc_id == self.docs[1].id:
            return
        document = self.library.document(doc_id)
        if document is None:
            self.notify(f"Article {doc_id} is no longer in the corpus", severity="warning")
            return
        self.docs[1] = document
        self.query_one(EntityDiff).chosen = None
        self._show_documents([self.views[0].top_offset(), None])
        self._start()

    def action_toggle_sidebar(self) -> None:
        """Show or hide the entities; the choice holds until F3 again, whatever the width."""
        self.sidebar_choice = not self.query_one("#compare-sidebar").display
        self._show_sidebar()

    def action_back(self) -> None:
        if self.query("HelpPanel"):
            self.app.action_hide_help_panel()
            return
        self.dismiss(None)

    # -- entities and hits --------------------------------------------------------------

    @on(EntityDiff.Chosen)
    def _entity_chosen(self, event: EntityDiff.Chosen) -> None:
        self._paint()
        row = event.row
        if row is None:
            return
        for view, spans in zip(self.views, (row.left, row.right), strict=True):
            if spans:
                view.bring(spans[0][0])

    @on(ArticleView.BookmarkRequested)
    def _bookmark_requested(self, event: ArticleView.BookmarkRequested) -> None:
        """``b`` in a pane: ask for a note and tags, then save through the workspace."""
        event.stop()
        from reader.ui.widgets.bookmarks import new_bookmark

        view = next((v for v in self.views if v.document is event.document), self.views[0])

        def saved() -> None:
            view.clear_selection()
            self._show_bookmarks()

        # The workspace's bookmark session: the main screen's Bookmarks tab lists it too.
        session = self.workspace.bookmarks
        new_bookmark(self, session, event.document, event.start, event.end, on_saved=saved)

    def _show_bookmarks(self) -> None:
        session = self.workspace.bookmarks
        for view, doc in zip(self.views, self.docs, strict=True):
            view.set_marks("bookmark", session.spans_for(doc.id, doc.text))

    @on(ArticleView.HitChanged)
    def _hit_changed(self, _event: ArticleView.HitChanged) -> None:
        for view in self.views:
            if not view.hits:
                view.border_subtitle = ""
            elif view.hit_index < 0:
                view.border_subtitle = f"{len(view.hits)} hits · n / N"
            else:
                view.border_subtitle = f"hit {view.hit_index + 1} / {len(view.hits)}"


def _facing(pair: PassagePair) -> PassagePair:
    """``pair`` seen from its other side: ``a`` and ``b`` exchanged, added words removed."""
    from reader.core.compare.diff import Change
    from reader.core.compare.evidence import Evidence, Shared

    def shared(items: tuple[Shared, ...]) -> tuple[Shared, ...]:
        return tuple(Shared(s.key, s.weight, s.b, s.a) for s in items)

    turned = {"added": "removed", "removed": "added", "changed": "changed"}
    evidence = pair.evidence
    return replace(
        pair,
        a=pair.b,
        b=pair.a,
        evidence=Evidence(
            shared(evidence.entities), shared(evidence.figures), shared(evidence.terms)
        ),
        changes=tuple(Change(turned[c.kind], c.b, c.a, c.figure) for c in pair.changes),  # type: ignore[arg-type]
        sentences=tuple(replace(s, a=s.b, b=s.a) for s in pair.sentences),
    )


def _bounds(change: Change, side: str) -> tuple[int, int]:
    span = change.a if side == "a" else change.b
    return (span.start, span.end)


def _entities(library: Library, a: Document, b: Document) -> tuple[list[Entity], list[Entity]]:
    """Both articles' entities with corpus-canonical ids, so Zaluzhnyi in one and Zaluzhny in
    the other are one person (the aliases file applied, blocked entities left out)."""
    return library.entities(a.id), library.entities(b.id)


def compare_commands(screen: CompareScreen) -> Iterable[tuple[str, str, object]]:
    """(title, help, callback) for the command palette on the split view."""
    yield ("Next shared passage", "Scroll both to the next pair", screen.action_next_pair)
    yield (
        "Previous shared passage",
        "Scroll both to the previous pair",
        screen.action_previous_pair,
    )
    yield ("Next passage only in B", "What B adds: step on through it (a)", screen.action_next_new)
    yield ("Previous passage only in B", "Step back through what B adds (A)",
           screen.action_previous_new)  # fmt: skip
    yield ("Next passage only in A", "What B leaves out: step on through it (d)",
           screen.action_next_dropped)  # fmt: skip
    yield ("Previous passage only in A", "Step back through what B leaves out (D)",
           screen.action_previous_dropped)  # fmt: skip
    yield ("Toggle synchronised scrolling", "Scroll both together", screen.action_toggle_sync)
    yield ("Swap sides", "Exchange the two articles", screen.action_swap)
    yield ("Open A alone", "Open A in the main screen", partial(screen.action_open_alone, 0))
    yield ("Open B alone", "Open B in the main screen", partial(screen.action_open_alone, 1))
    yield ("Compare A with another article…", "Pick a new partner", screen.action_change_partner)
    yield ("Toggle entities", "Show or hide the entity sidebar", screen.action_toggle_sidebar)
    yield ("Back", "Return to the main screen", screen.action_back)
