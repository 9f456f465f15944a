"""``reader bookmarks list|add|export``: a corpus's saved passages from the shell.

The bookmarks live in ``bookmarks.yaml`` in the corpus's data folder (``reader locate``
prints it as ``corpus_data``). ``list`` and ``export`` only read the file; ``add`` goes
through :class:`BookmarkStore` (locked read-modify-write, atomic, with a backup), so
several ``reader`` processes can add at once. A broken file is never written: ``list``
and ``export`` show what can still be read, ``add`` refuses.

Every command first brings the index up to date (``open_workspace``), so bookmarks are
re-anchored against today's cleaned texts: a deleted or renamed document orphans its
bookmarks, which are still listed and exported with their saved quote.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.cli.context import open_workspace
from reader.cli.errors import UserError
from reader.cli.output import console, print_json
from reader.core.bookmarks import (
    AnchoredBookmark,
    Bookmark,
    BookmarkError,
    BookmarkStore,
    QuoteNotFound,
    ReadOnlyError,
    export_csv,
    export_json,
    markdown_citations,
    markdown_heading,
)
from reader.core.bookmarks.model import normalise_tags
from reader.core.entities.aliases import aliases_path
from reader.core.text.textnorm import strip_controls
from reader.core.userdata.atomicfile import describe_error
from reader.core.userdata.exportfile import ExportError, write_export
from reader.workspace import UnknownDocument, Workspace

if TYPE_CHECKING:
    from rich.text import Text  # loaded where text is printed: JSON does without Rich

EXCERPT_CHARS = 160
_MARKS = {"anchored": ("●", "green"), "moved": ("◐", "yellow"), "orphaned": ("✗", "bold red")}


def _warn(message: str) -> None:
    print(f"reader: {message}", file=sys.stderr)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _one_line(text: str, limit: int) -> str:
    """``text`` on one line, control characters out, cut to ``limit`` characters."""
    flat = " ".join(strip_controls(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# -- reading the bookmarks ---------------------------------------------------------


def _readable(store: BookmarkStore) -> list[Bookmark]:
    """What can be read of the file; a broken file is reported, never changed."""
    if store.problem:
        if not store.bookmarks:
            raise UserError(store.problem)
        _warn(f"warning: {store.problem}; showing the {len(store.bookmarks)} that could be read")
    return list(store.bookmarks)


def _document(workspace: Workspace, bookmarks: Sequence[Bookmark], ref: str) -> str:
    """The document id ``ref`` names: a current document, or one bookmarks still name."""
    if any(b.doc == ref for b in bookmarks):
        return ref  # exact, even if the document is gone
    try:
        return workspace.resolve(ref)
    except UnknownDocument:
        gone = sorted({b.doc for b in bookmarks if b.doc.startswith(ref)})
        if ref and len(gone) == 1:
            return gone[0]
        raise


def _selected(
    args: argparse.Namespace,
) -> tuple[Workspace, BookmarkStore, list[AnchoredBookmark]]:
    """The workspace, the store, and the bookmarks the options select, re-anchored."""
    workspace = open_workspace(args.corpus)
    try:
        session = workspace.bookmarks
        store = session.open_store()
        bookmarks = _readable(store)
        doc = getattr(args, "doc", None)
        if doc is not None:
            doc_id = _document(workspace, bookmarks, doc)
            bookmarks = [b for b in bookmarks if b.doc == doc_id]
        bookmarks = session.tagged(bookmarks, normalise_tags(args.tag or ()))
        return workspace, store, session.anchored(bookmarks)
    except BaseException:
        workspace.close()
        raise


# -- list ----------------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    workspace, store, anchored = _selected(args)
    with workspace:
        if args.json:
            print_json([a.to_json() for a in anchored])
            return 0
        titles = {a.doc: _title(workspace, a.doc) for a in anchored}
    from rich.text import Text

    out = console()
    if not anchored:
        filtered = args.doc is not None or bool(args.tag)
        out.print(Text("No bookmarks match." if filtered else f"No bookmarks yet ({store.path})."))
        return 0
    for a in anchored:
        for renderable in _entry(a, titles[a.doc]):
            out.print(renderable)
        out.print()
    counts = {status: sum(a.status == status for a in anchored) for status in _MARKS}
    summary = Text(_plural(len(anchored), "bookmark") + ": ")
    summary.append(", ".join(f"{n} {status}" for status, n in counts.items()))
    out.print(summary)
    if counts["orphaned"]:
        out.print(
            Text(
                "Orphaned bookmarks are kept with their saved quote: "
                "their passage is no longer in the document.",
                style="dim",
            )
        )
    return 0


def _title(workspace: Workspace, doc: str) -> str | None:
    summary = workspace.summary(doc)
    return None if summary is None else summary.title


def _indented(text: Text) -> Text:
    from rich.text import Text

    # A prefix rather than rich Padding: Padding pads lines to the full width (trailing
    # blanks in a pipe) and crops rather than wraps when the output is not a terminal.
    return Text("    ").append_text(text)


def _entry(a: AnchoredBookmark, title: str | None) -> list[Text]:
    """One bookmark for people: status, id, title; the quote; the note; the tags."""
    from rich.text import Text

    mark, style = _MARKS[a.status]
    head = Text()
    head.append(f"{mark} {a.status.upper() if a.status == 'orphaned' else a.status}", style)
    head.append(f"  {strip_controls(a.id)[:8]}  ", "dim")
    if title is None:
        head.append("(document not found) ", "red")
    else:
        head.append(_one_line(title, 80), "bold")
        head.append(" ")
    head.append(f"[{_one_line(a.doc, 80)}]", "dim")
    lines: list[Text] = [head]
    quote = Text("“" + _one_line(a.quote, EXCERPT_CHARS) + "”", "italic")
    lines.append(_indented(quote))
    if a.status == "orphaned":
        why = a.reason or "passage not found"
        lines.append(_indented(Text(f"{why}; kept with its saved quote", "red")))
    elif not a.exact:
        was = "text changed; saved as “" + _one_line(a.bookmark.quote, EXCERPT_CHARS) + "”"
        lines.append(_indented(Text(was, "dim")))
    if a.bookmark.note.strip():
        note = Text("note: ", "dim")
        note.append(strip_controls(a.bookmark.note.strip()))
        lines.append(_indented(note))
    if a.bookmark.tags:
        tags = Text("tags: ", "dim")
        tags.append(", ".join(_one_line(t, 40) for t in a.bookmark.tags), "cyan")
        lines.append(_indented(tags))
    return lines


# -- add -----------------------------------------------------------------------------


def run_add(args: argparse.Namespace) -> int:
    if not args.quote.split():
        raise UserError("cannot bookmark an empty quote")
    with open_workspace(args.corpus) as workspace:
        doc_id = workspace.resolve(args.doc)
        session = workspace.bookmarks
        try:
            added = session.add_quote(
                doc_id,
                args.quote,
                occurrence=args.occurrence,
                note=strip_controls(args.note),
                tags=args.tag,
            )
        except ReadOnlyError as error:
            raise UserError(f"bookmark not added: {error}") from None
        except QuoteNotFound as error:
            raise UserError(
                f"{error} (it must occur in the cleaned article: reader show {doc_id})"
            ) from None
        except BookmarkError as error:
            raise UserError(str(error)) from None
        except OSError as error:
            path = session.open_store().path
            raise UserError(f"bookmark not added: {describe_error(error, path)}") from None
        anchored = session.anchor(added.bookmark, added.text)
    if args.occurrence is None and added.occurrences > 1:
        _warn(
            f"note: the quote occurs {added.occurrences} times in {doc_id}; bookmarked the "
            "first (--occurrence N picks another)"
        )
    if args.json:
        print_json(anchored.to_json())
    else:
        sys.stdout.write(added.bookmark.id + "\n")
    return 0


# -- export --------------------------------------------------------------------------


# Names of the process's own output streams: written to like ``-o -``, never opened
# anew (opening ``/dev/stdout`` would truncate a file the shell appends to).
_STDOUT_NAMES = ("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")
_STDERR_NAMES = ("/dev/stderr", "/dev/fd/2", "/proc/self/fd/2")


def run_export(args: argparse.Namespace) -> int:
    stream = None
    if args.output is None or args.output in _STDOUT_NAMES:
        stream = sys.stdout
    elif args.output in _STDERR_NAMES:
        stream = sys.stderr
    target = None if stream is not None else Path(args.output).expanduser()
    workspace, store, anchored = _selected(args)
    with workspace:
        metas = {a.doc: _meta(workspace, a.doc) for a in anchored}
        if target is not None:
            _check_target(target, store, workspace.root)
    bookmarks = [_current(a) for a in anchored]
    tags = normalise_tags(args.tag or ())
    if args.format == "md":
        text = markdown_citations(bookmarks, metas.get, heading=markdown_heading(tags))
    elif args.format == "csv":
        text = export_csv(bookmarks, metas.get)
    else:
        text = export_json(bookmarks, metas.get)
    orphans = sum(a.status == "orphaned" for a in anchored)
    if orphans:
        _warn(
            f"note: {_plural(orphans, 'bookmark')} orphaned (passage no longer in the "
            "document); exported with the saved quote"
        )
    if target is None:
        assert stream is not None
        stream.write(strip_controls(text) if stream.isatty() else text)
        return 0
    try:
        write_export(target, text)
    except ExportError as error:
        raise UserError(str(error)) from None
    _warn(f"exported {_plural(len(bookmarks), 'bookmark')} to {target}")
    return 0


def _meta(workspace: Workspace, doc: str) -> Mapping[str, Any] | None:
    summary = workspace.summary(doc)
    if summary is None:
        return None
    return {
        "title": summary.title,
        "authors": list(summary.authors),
        "source": summary.source,
        "date": summary.date,
        "url": summary.url,
        "path": summary.path,  # absolute: the JSON export names the article by its file: URI
    }


def _current(a: AnchoredBookmark) -> Bookmark:
    """The bookmark with today's offsets and context where its quote is still verbatim.

    The quote itself is always the one saved. Offsets are only refreshed when the text
    at the new place is exactly that quote, so the position and quote selectors of an
    export never disagree about which text they mean; orphans and approximate matches
    keep what was saved.
    """
    if a.status == "orphaned" or not a.exact or a.start is None or a.end is None:
        return a.bookmark
    return replace(a.bookmark, start=a.start, end=a.end, prefix=a.prefix, suffix=a.suffix)


def _check_target(target: Path, store: BookmarkStore, corpus: Path) -> None:
    """Refuse to write an export over the bookmarks themselves or an article."""
    if target.is_dir():
        raise UserError(f"--output {target} is a folder")
    resolved = target.resolve()
    protected = [
        path.with_name(path.name + suffix)
        for path in (store.path, aliases_path(corpus))
        for suffix in ("", ".bak", ".lock")
    ]
    for path in protected:
        same = resolved == path.resolve()
        if not same and target.exists() and path.exists():
            same = os.path.samefile(target, path)
        if same:
            raise UserError(
                f"--output {target} is your {path.name.split('.')[0]} file ({path.name}); "
                "not overwritten"
            )
    if target.exists() and resolved.is_relative_to(corpus):
        raise UserError(f"--output {target} is a file of the corpus; articles are never modified")
