"""The split view's summary strip: text shared, passages, the current pair, entities, figures.

One to three lines above the articles. Its first figure, "N% of text shared", is the comparison's
``similarity`` (:mod:`reader.core.compare.score`: the share of both texts inside shared
passages, weighted by how closely each is repeated). It is not the partner picker's "★ related"
score, which ranks whole articles by their key words in the search index; the strip's tooltip
says so. It only formats what the screen hands it; the screen
keeps the state (:class:`SummaryState`) and calls :meth:`CompareSummary.show` when it changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from reader.core.compare import ComparisonResult, PassagePair
from reader.ui.widgets.entity_diff import EntityGroups, EntityRow


@dataclass(frozen=True)
class SummaryState:
    """What the strip shows; ``result is None`` while the comparison runs."""

    result: ComparisonResult | None = None
    error: str | None = None
    pair: int = -1  # the pair jumped to, -1 before the first jump
    current: PassagePair | None = None  # that pair
    sync: bool = True
    groups: EntityGroups | None = None
    entity: EntityRow | None = None


def summary_text(state: SummaryState) -> Text:
    """The strip's text (article data only ever appended as plain strings)."""
    text = Text()
    if state.error is not None:
        text.append(f"⚠ {state.error}", style="bold")
        return text
    result = state.result
    if result is None:
        text.append("Comparing…", style="bold")
    else:
        passages = result.shared_passages
        exact = sum(1 for p in passages if p.kind == "exact")
        text.append(f"{_percent(result.similarity)} of text shared", style="bold")
        noun = "passage" if len(passages) == 1 else "passages"
        text.append(f" · {len(passages)} shared {noun}")
        if passages:
            text.append(f" ({exact} exact, {len(passages) - exact} near)")
            current = state.current
            if current is not None:
                text.append(f" · pair {state.pair + 1}/{len(passages)}", style="bold")
                text.append(f" {current.kind} {current.score:.2f}")
            else:
                text.append(" · ] next pair")
    text.append(" · sync " + ("on" if state.sync else "off"))
    if state.entity is not None:
        # Before the counts: on a narrow screen those are what the height limit cuts, and
        # an entity is only chosen in the sidebar, which lists them too.
        entity = state.entity
        text.append(" · ")
        text.append(entity.name, style="bold")
        text.append(f" {len(entity.left)} in A, {len(entity.right)} in B")
    groups = state.groups
    if groups is not None:
        text.append(
            f" · entities {len(groups.shared)} shared, {len(groups.only_left)} only A,"
            f" {len(groups.only_right)} only B"
        )
        text.append(
            f" · figures {len(groups.shared_figures)} shared,"
            f" {len(groups.only_left_figures)} only A, {len(groups.only_right_figures)} only B"
        )
    return text


def _percent(share: float) -> str:
    """``0.031`` → ``3%``; a share above 0 that rounds to 0 is ``<1%``, not ``0%``."""
    return "<1%" if 0 < share < 0.005 else f"{share:.0%}"


TOOLTIP = (
    "N% of text shared: how much of the two articles lies in shared passages, weighted by how "
    "closely each is repeated (exact 1, near less). The partner picker's ★ related score is "
    "another measure: how alike the articles' key words are in the search index."
)


class CompareSummary(Static):
    """The summary strip of the split view."""

    DEFAULT_CSS = """
    CompareSummary {
        height: auto; max-height: 3; padding: 0 1; background: $panel; color: $foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("Comparing…"), id=id)
        self.state = SummaryState()
        self.tooltip = TOOLTIP

    def show(self, state: SummaryState) -> None:
        self.state = state
        self.update(summary_text(state))
