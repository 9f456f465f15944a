"""File names are data: a hostile one is shown harmlessly in the list and the Details tab.

A name may hold a terminal escape (clear the screen, OSC 52 to set the clipboard), a
bidi override that reverses what follows, or Rich markup. None of them may reach the
terminal or be interpreted: every rendered strip holds printable text only, and the
markup is shown as written.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from textual.strip import Strip
from textual.widget import Widget

from reader.core.text.display import safe_name
from reader.ui.widgets.details import DetailsPane
from reader.ui.widgets.doclist import DocList

from .conftest import AppFactory, settle

# C0 and C1 controls (ESC, BEL, CSI...) and the bidi embeddings, overrides and isolates.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _rendered(widget: Widget) -> str:
    lines: list[str] = []
    for y in range(widget.size.height):
        strip: Strip = widget.render_line(y)
        lines.append("".join(segment.text for segment in strip))
    return "\n".join(lines)


def _hostile_corpus(root: Path) -> tuple[Path, str]:
    """A corpus with one article whose id (its path, less the suffix) is hostile.

    ``[/]`` needs a folder: the name's ``[bold]x[`` is one, the rest the file's name.
    """
    folder = root / "[bold]x["
    folder.mkdir(parents=True)
    name = "]clear\x1b[2Jclip\x1b]52;c;aGk=\x07rev\u202eabc"
    (folder / f"{name}.txt").write_text("Hostile name\n\nA plain body.\n", encoding="utf-8")
    # Ids are printable: the core gives the name in its shown form (reader.core.text.display).
    return root, safe_name(f"[bold]x[/{name}")


async def test_a_hostile_file_name_is_shown_harmlessly(
    tmp_path: Path, make_app: AppFactory
) -> None:
    corpus, doc_id = _hostile_corpus(tmp_path / "hostile")
    app = make_app(corpus)
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await settle(pilot, app)
        doclist = screen.query_one(DocList)
        assert [row.id for row in doclist.rows] == [doc_id]
        await pilot.press("enter")
        await pilot.pause()
        listed = _rendered(doclist)
        shown = _rendered(screen.query_one(DetailsPane).query_one("#details-meta"))
    for where, text in (("list", listed), ("details", shown)):
        found = {c for line in text.splitlines() for c in UNSAFE.findall(line)}
        unsafe = sorted(unicodedata.name(c, hex(ord(c))) for c in found)
        assert not unsafe, f"unsafe characters rendered in the {where}: {unsafe}"
    assert "[bold]x[/]" in listed  # the markup as written, not applied
    # Shown as text, each escape as a visible stand-in (the narrow pane wraps the line).
    file_line = "File:[bold]x[/]clear\\x1b[2Jclip\\x1b]52;c;aGk=\\x07rev\\u202eabc.txt"
    assert file_line in "".join(shown.split())
