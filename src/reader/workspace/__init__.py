"""The application layer: one open corpus as both the CLI and the TUI use it.

It sits between the headless core (:mod:`reader.core`) and the two front ends
(:mod:`reader.cli`, :mod:`reader.ui`), which only turn arguments or keys into calls here
and render what comes back.

- :mod:`.workspace`: :class:`Workspace`, the open corpus (library, documents by reference).
- :mod:`.errors`: what it refuses, one line each (:class:`UnknownDocument`, :class:`BadQuery`).
- :mod:`.search`: the search session (generations, staged results, hit spans).
- :mod:`.bookmarks`: the bookmark store, its undo history, tag filters, adding by quote.
- :mod:`.entity_filter`: which entity narrows the document list.
- :mod:`.positions`: the last position, saved off the UI thread.
- :mod:`.compare`: "compare A with B" for ``reader compare`` and the split view.
"""

from reader.workspace.errors import BadQuery, UnfinishedQuery, UnknownDocument, WorkspaceError
from reader.workspace.workspace import Workspace

__all__ = ["BadQuery", "UnfinishedQuery", "UnknownDocument", "Workspace", "WorkspaceError"]
