"""Search as a session: generations, results that arrive in stages, and the hits they mark.

The TUI searches as the user types. Each change of the query starts a new *generation*
(:meth:`SearchSession.begin`); a search runs in a worker thread
(:meth:`SearchSession.stages`) and yields its results in stages (titles first, then
snippets and hit positions screenful by screenful); the screen offers each stage to
:meth:`SearchSession.accept`, which drops stages of an older generation (the user typed on
since). The accepted results carry the search's own matcher (the analysed terms), so an
article opened later is marked with the same hits without parsing the query again
(:meth:`SearchSession.spans_for`).

Errors are typed (:mod:`reader.workspace.errors`): :class:`UnfinishedQuery` while a query
has nothing to search for yet, :class:`BadQuery` for a query to fix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.workspace.errors import BadQuery, UnfinishedQuery

if TYPE_CHECKING:
    from reader.core.index.library import Library, SearchResults

SEARCH_LIMIT = 200
FIRST_DETAIL = 24  # results given snippets before the rest: more than a screenful
# Results given snippets between two checks that the search is still wanted: a search
# the user has typed past stops within a few ms instead of finishing 200 snippets
# beside the new one.
DETAIL_STEP = 8


def search(library: Library, text: str, *, limit: int, detail: int | None = None) -> SearchResults:
    """``library.search`` with query errors as :class:`BadQuery` / :class:`UnfinishedQuery`.

    A damaged cache that cannot be repaired still raises ``CacheError``.
    """
    # The checks' module: Whoosh loads with the parser, when a query needs it.
    from reader.core.index.query_check import QueryError
    from reader.core.index.query_check import UnfinishedQuery as CoreUnfinished

    try:
        return library.search(text, limit=limit, detail=detail)
    except CoreUnfinished as error:
        raise UnfinishedQuery(str(error)) from error
    except QueryError as error:
        raise BadQuery(str(error)) from error


@dataclass(frozen=True)
class Accepted:
    """Results taken as the current ones; ``same_query``: a later stage of the results
    already shown (the reader's place in the list and among the hits is kept)."""

    results: SearchResults
    same_query: bool


class SearchSession:
    """The search state of one open corpus (used from the UI thread, but for
    :meth:`stages`, which runs in a worker)."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.generation = 0
        self.results: SearchResults | None = None
        self.ready = False  # the index exists: searching can start

    def begin(self) -> int:
        """A new query (or none): earlier searches become stale. Returns its generation."""
        self.generation += 1
        return self.generation

    def clear(self) -> None:
        """No query any more: no results."""
        self.begin()
        self.results = None

    def is_current(self, generation: int) -> bool:
        return generation == self.generation

    def stages(
        self,
        generation: int,
        text: str,
        *,
        limit: int = SEARCH_LIMIT,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> Iterator[SearchResults]:
        """The results of ``text`` in stages: titles (a few ms), then snippets and hit
        positions for the first screenful, then for the rest. Stops early once the
        generation is stale or ``cancelled()``. Raises as :func:`search` does."""
        results = search(self.library, text, limit=limit, detail=0)
        yield results
        done = 0
        for upto in (min(FIRST_DETAIL, len(results.hits)), len(results.hits)):
            if upto <= done:
                continue  # fewer results than a screenful: all detailed already
            for end in range(min(done + DETAIL_STEP, upto), upto + DETAIL_STEP, DETAIL_STEP):
                if cancelled() or not self.is_current(generation):
                    return
                results = self.library.add_detail(results, min(end, upto))
            done = upto
            yield results

    def accept(self, generation: int, results: SearchResults) -> Accepted | None:
        """Take ``results`` of ``generation`` as the current ones (None: stale, dropped)."""
        if not self.is_current(generation):
            return None
        previous = self.results
        same = previous is not None and previous.query == results.query
        self.results = results
        return Accepted(results, same)

    def spans_for(
        self, doc_id: str, text: str, *, compute: bool = True
    ) -> list[tuple[int, int]] | None:
        """The hits of the current results in article ``doc_id`` (``text``: its text).

        From the hit's positions once they have arrived; before that, computed with the
        search's own matcher, or (``compute=False``) None: "not known yet, keep the marks
        shown", so a stage of results never scans a long text on the UI thread.
        """
        if self.results is None:
            return []
        hit = next((h for h in self.results.hits if h.id == doc_id), None)
        if hit is None:
            return []
        if hit.detailed:
            return list(hit.positions)
        if not compute:
            return None
        from reader.core.index.hits import hit_spans

        return hit_spans(text, self.results.matcher)
