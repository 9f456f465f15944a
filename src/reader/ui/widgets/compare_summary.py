"""The split view's summary strip: text shared, passages, the current pair, entities, figures.

One to four lines above the articles. Its first figure, "N% of text shared", is the comparison's
``similarity`` (:mod:`reader.core.compare.score`: the share of both texts inside shared
passages, weighted by how closely each is repeated). It is not the partner picker's "★ related"
score, which ranks whole articles by their key words in the search index; the strip's tooltip
says so. It only formats what the screen hands it; the screen
keeps the state (:class:`SummaryState`) and calls :meth:`CompareSummary.show` when it changes.

With a pair jumped to, a second line says why the two passages are paired and what differs:
its kind (exact repeat, near repeat, rewording), the entities, figures and word stems both
sides hold (strongest first), and the word-level differences with every changed figure
spelt out ("400,000 → 500,000"). With a passage stepped to in "only in B" (or A), that line
says which one of how many. The current pair is handed over oriented to the screen: ``a`` is
the left article, ``b`` the right one.
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
    # The passage stepped to in "only in B/A": (side label, index from 0, how many).
    new: tuple[str, int, int] | None = None
    only: tuple[int, int] | None = None  # passages only in the left / right article


EVIDENCE_ITEMS = 5  # items named per kind of evidence; the rest counted
REUSE_LABEL = {"exact": "exact repeat", "near": "near repeat", "rewording": "rewording"}


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
        text.append(f"{_percent(result.similarity)} of text shared", style="bold")
        noun = "passage" if len(passages) == 1 else "passages"
        text.append(f" · {len(passages)} shared {noun}")
        if passages:
            counts = {r: sum(1 for p in passages if p.reuse == r) for r in REUSE_COUNTED}
            text.append(" (" + ", ".join(f"{n} {r}" for r, n in counts.items()) + ")")
            current = state.current
            if current is not None:
                text.append(f" · pair {state.pair + 1}/{len(passages)}", style="bold")
                text.append(f" score {current.score:.2f}")
            else:
                text.append(" · ] next pair")
        if state.only is not None:
            text.append(f" · only in A {state.only[0]}, only in B {state.only[1]}")
    text.append(" · sync " + ("on" if state.sync else "off"))
    if state.entity is not None:
        # Before the counts: on a narrow screen those are what the height limit cuts, and
        # an entity is only chosen in the sidebar, which lists them too.
        entity = state.entity
        text.append(" · ")
        text.append(entity.name, style="bold")
        text.append(f" {len(entity.left)} in A, {len(entity.right)} in B")
    detail = pair_text(state.current) if state.current is not None else None
    if detail is None and state.new is not None:
        side, index, total = state.new
        detail = Text()
        detail.append(f"Only in {side}: passage {index + 1}/{total}", style="bold")
        detail.append(" · in no pair, in reading order")
    if detail is not None:
        # On its own line, before the entity counts: those are what the height limit cuts.
        text.append("\n")
        text.append_text(detail)
    groups = state.groups
    if groups is not None:
        text.append("\n" if detail is not None else " · ")
        text.append(
            f"entities {len(groups.shared)} shared, {len(groups.only_left)} only A,"
            f" {len(groups.only_right)} only B"
        )
        text.append(
            f" · figures {len(groups.shared_figures)} shared,"
            f" {len(groups.only_left_figures)} only A, {len(groups.only_right_figures)} only B"
        )
    return text


REUSE_COUNTED = ("exact", "near", "rewording")


def pair_text(pair: PassagePair) -> Text:
    """Why the pair is a pair (kind and evidence) and what differs inside it, on one line."""
    text = Text()
    text.append(REUSE_LABEL.get(pair.reuse, pair.reuse), style="bold")
    evidence = pair.evidence
    for label, items in (
        ("names", evidence.entities),
        ("figures", evidence.figures),
        ("words", evidence.terms),
    ):
        if not items:
            continue
        text.append(f" · {label} ")
        for number, item in enumerate(items[:EVIDENCE_ITEMS]):
            if number:
                text.append(", ")
            text.append(_said(item.a.text, item.b.text))
        if len(items) > EVIDENCE_ITEMS:
            text.append(f" +{len(items) - EVIDENCE_ITEMS}")
    if pair.reuse != "exact" and evidence.empty and pair.kind != "exact":
        text.append(" · shares no rare word")
    changes = pair.changes
    if changes:
        counts = {kind: sum(1 for c in changes if c.kind == kind) for kind in _CHANGE_KINDS}
        shown = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
        text.append(f" · diff: {shown}")
        for change in changes:
            if change.figure:
                text.append(" · ")
                text.append(_one_line(change.a.text), style="bold")
                text.append(" → ")
                text.append(_one_line(change.b.text), style="bold")
    elif pair.kind == "exact":
        text.append(" · same words")
    return text


_CHANGE_KINDS = ("changed", "added", "removed")


def _said(a: str, b: str) -> str:
    """How both sides say one shared thing: once when alike, ``a/b`` when the words differ."""
    a, b = _one_line(a), _one_line(b)
    return a if a.casefold() == b.casefold() else f"{a}/{b}"


def _one_line(value: str, limit: int = 40) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


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
        height: auto; max-height: 5; padding: 0 1; background: $panel; color: $foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("Comparing…"), id=id)
        self.state = SummaryState()
        self.tooltip = TOOLTIP

    def show(self, state: SummaryState) -> None:
        self.state = state
        self.update(summary_text(state))
