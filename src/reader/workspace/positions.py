"""Where the reader was: the open article and its scroll position, saved off the UI thread.

Saving is an atomic write with two fsyncs: tens of milliseconds on a slow disk, too long
for the UI thread on every article opened. :class:`PositionSaver` hands the latest
position to one background thread; saves that arrive while a write is under way replace
each other (only the newest is written), and :meth:`PositionSaver.close` writes what is
still pending before returning, so quitting never loses the last position.
"""

from __future__ import annotations

import contextlib
import threading

from reader.core.userdata.state import CorpusState


class PositionSaver:
    """The corpus's :class:`CorpusState`, written by a background thread."""

    def __init__(self, state: CorpusState) -> None:
        self.state = state
        self._lock = threading.Condition()
        self._pending: tuple[str | None, int] | None = None
        self._writing = False
        self._closed = False
        self._thread: threading.Thread | None = None

    @property
    def problems(self) -> list[str]:
        """What was wrong with the saved file (harmless: the next save replaces it)."""
        return self.state.problems

    @property
    def last_document(self) -> str | None:
        with self._lock:
            if self._pending is not None:
                return self._pending[0]
        return self.state.last_document

    @property
    def last_scroll(self) -> int:
        with self._lock:
            if self._pending is not None:
                return max(0, self._pending[1])
        return self.state.last_scroll

    def save(self, document: str | None, scroll: int) -> None:
        """Remember ``document`` at ``scroll``; written soon, in the background."""
        with self._lock:
            if self._closed:
                return
            self._pending = (document, scroll)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="reader-position-saver", daemon=True
                )
                self._thread.start()
            self._lock.notify_all()

    def flush(self) -> None:
        """Wait until every position saved so far is written."""
        with self._lock:
            while self._pending is not None or self._writing:
                if self._thread is None or not self._thread.is_alive():
                    self._write_pending_locked()
                    return
                self._lock.wait(0.5)

    def close(self) -> None:
        """Write what is pending and stop the thread (later saves are ignored)."""
        self.flush()
        with self._lock:
            self._closed = True
            self._lock.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join()

    def _write_pending_locked(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self._write(pending)

    def _write(self, pending: tuple[str | None, int]) -> None:
        # Remembering the position is a convenience, never worth an error.
        with contextlib.suppress(OSError):
            self.state.save(*pending)

    def _run(self) -> None:
        while True:
            with self._lock:
                while self._pending is None and not self._closed:
                    self._lock.wait()
                if self._pending is None:  # closed with nothing left to write
                    return
                pending, self._pending = self._pending, None
                self._writing = True
            try:
                self._write(pending)
            finally:
                with self._lock:
                    self._writing = False
                    self._lock.notify_all()
