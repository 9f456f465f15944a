"""The sidebar's Details tab: the article's metadata, size, near-duplicates and its search hits."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from reader.core.corpus.document import Document, Removed
from reader.core.text.display import safe_name
from reader.core.text.filenames import name_text

WORDS_PER_MINUTE = 230
CONTEXT = 60


def reading_time(words: int) -> str:
    minutes = max(1, round(words / WORDS_PER_MINUTE))
    return f"{minutes} min read"


def _relative(path: str, root: Path | None) -> str:
    """``path`` (text form, as the catalog keeps it) from ``root``, safe to show."""
    if root is not None:
        with contextlib.suppress(ValueError):  # not under the root: shown whole
            path = str(Path(path).relative_to(name_text(str(root))))
    return safe_name(path)


def hit_context(text: str, start: int, end: int, width: int = CONTEXT) -> Text:
    """One line of context around a hit, with the hit itself emphasised."""
    left = max(0, start - width // 2)
    right = min(len(text), end + width // 2)
    before = text[left:start].replace("\n", " ")
    after = text[end:right].replace("\n", " ")
    line = Text("…" if left else "")
    line.append(before)
    line.append(text[start:end], style="bold reverse")
    line.append(after)
    if right < len(text):
        line.append("…")
    return line


class DetailsPane(VerticalScroll):
    """Metadata, word count, reading time, and the hits of the current search."""

    DEFAULT_CSS = """
    DetailsPane { padding: 0 1; }
    DetailsPane > #details-meta { margin-bottom: 1; }
    DetailsPane > #details-removed { margin-bottom: 1; }
    DetailsPane > #details-duplicates { margin-bottom: 1; }
    DetailsPane > #details-duplicates.-empty { display: none; }
    DetailsPane > #details-hits-label { color: $accent; text-style: bold; }
    DetailsPane > OptionList { height: auto; max-height: 100%; border: none; padding: 0; }
    """

    @dataclass
    class HitChosen(Message):
        index: int

    def compose(self) -> ComposeResult:
        yield Static(Text("No article open"), id="details-meta")
        yield Static(Text(""), id="details-removed")
        yield Static(Text(""), id="details-duplicates", classes="-empty")
        yield Label(Text("Search hits: none"), id="details-hits-label")
        yield OptionList(id="details-hits")

    def show(self, document: Document | None, root: Path | None = None) -> None:
        meta = self.query_one("#details-meta", Static)
        if document is None:
            meta.update(Text("No article open"))
            self.show_duplicates([])
            return
        m = document.meta
        text = Text()
        text.append(safe_name(m.title) + "\n", style="bold")
        rows = [
            ("Authors", ", ".join(m.authors) or "—"),
            ("Date", m.date or "—"),
            ("Source", m.source or "—"),
            ("URL", m.url or "—"),
            ("Tags", ", ".join(m.tags) or "—"),
            ("Words", f"{document.words:,}"),
            ("Reading", reading_time(document.words)),
            ("File", safe_name(_relative(document.path, root))),  # any bytes its author chose
        ]
        for key, value in rows:
            text.append(f"{key}: ", style="dim")
            text.append(value + "\n")
        for key, value in sorted(m.extra.items()):
            text.append(f"{key}: ", style="dim")
            text.append(str(value)[:200] + "\n")
        meta.update(text)

    def show_removed(self, removed: tuple[Removed, ...] | None) -> None:
        """One line on what cleaning removed from the open article (None: no article)."""
        from reader.ui.widgets.original import removed_summary

        line = self.query_one("#details-removed", Static)
        line.update(Text("") if removed is None else removed_summary(removed))

    def show_duplicates(self, others: list[tuple[str, str, float]]) -> None:
        """The article's near-duplicates: (id, title, estimated resemblance), most alike
        first; an empty list hides the section."""
        section = self.query_one("#details-duplicates", Static)
        section.set_class(not others, "-empty")
        if not others:
            section.update(Text(""))
            return
        text = Text()
        noun = "article" if len(others) == 1 else "articles"
        text.append(f"≈ Near-duplicate of {len(others)} {noun}", style="bold")
        text.append(" (D hides duplicates)\n", style="dim")
        for doc_id, title, resemblance in others[:20]:
            text.append(f"  {resemblance:.0%} ", style="dim")
            text.append(safe_name(title) or safe_name(doc_id))
            text.append(f" ({safe_name(doc_id)})\n", style="dim")
        if len(others) > 20:
            text.append(f"  and {len(others) - 20} more (reader duplicates)\n", style="dim")
        section.update(text)

    def show_hits(self, document: Document | None, hits: list[tuple[int, int]]) -> None:
        options = self.query_one("#details-hits", OptionList)
        label = self.query_one("#details-hits-label", Label)
        options.clear_options()
        if document is None or not hits:
            label.update(Text("Search hits: none"))
            return
        label.update(Text(f"Search hits: {len(hits)}"))
        shown = hits[:500]  # the list is for reading, n/N reaches every hit
        options.add_options(
            Option(hit_context(document.text, a, b), id=str(i)) for i, (a, b) in enumerate(shown)
        )

    def highlight_hit(self, index: int) -> None:
        options = self.query_one("#details-hits", OptionList)
        if 0 <= index < options.option_count:
            options.highlighted = index

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.HitChosen(event.option_index))
