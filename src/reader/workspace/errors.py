"""What the workspace refuses, as exceptions whose message is one line for the user.

Front ends translate these and nothing else: the CLI prints ``reader: MESSAGE`` and exits
2, the TUI shows the message in a notification or the search hint.
"""

from __future__ import annotations


class WorkspaceError(Exception):
    """Base class: ``str(error)`` is one line meant for the user."""


class UnknownDocument(WorkspaceError, LookupError):
    """A document reference (id, unique id prefix, or file path) that names no document,
    or more than one."""


class BadQuery(WorkspaceError, ValueError):
    """A search query the user must fix (the message says how)."""


class UnfinishedQuery(BadQuery):
    """A query with nothing to search for yet (one letter, only stop words): being typed
    rather than wrong."""
