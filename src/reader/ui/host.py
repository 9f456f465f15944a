"""What the screens need from the application, as a protocol (``ReaderApp`` provides it).

Screens sit below the app (see the layers contract in ``pyproject.toml``): they reach the app
through this protocol, never by importing it, and ask it for what they cannot do themselves
(push another screen) by posting messages it handles.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from reader.core.userdata.config import Config


@runtime_checkable
class ReaderHost(Protocol):
    """The running reader: its configuration, and whether its first frame is on screen."""

    config: Config
    painted: bool
