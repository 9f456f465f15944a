"""The search session: typed errors, generations, staged results, hit spans."""

from __future__ import annotations

import pytest

from reader.workspace import BadQuery, UnfinishedQuery, Workspace
from reader.workspace.search import SearchSession


def test_query_errors_are_typed(workspace: Workspace) -> None:
    with pytest.raises(UnfinishedQuery):
        workspace.search("the", limit=5)  # only a stop word: being typed
    with pytest.raises(BadQuery) as caught:
        workspace.search('"lazy dog', limit=5)
    assert not isinstance(caught.value, UnfinishedQuery)
    assert "unclosed quote" in str(caught.value)


def test_one_search_is_ranked_and_detailed(workspace: Workspace) -> None:
    results = workspace.search("lazy dog", limit=5)
    assert [h.id for h in results.hits] == ["alpha"]
    assert all(h.detailed and h.positions for h in results.hits)


def test_stages_end_detailed_and_stale_generations_are_dropped(workspace: Workspace) -> None:
    session = SearchSession(workspace.library)
    generation = session.begin()
    stages = list(session.stages(generation, "ministers"))
    assert not any(h.detailed for h in stages[0].hits)
    assert all(h.detailed for h in stages[-1].hits)
    first = session.accept(generation, stages[0])
    assert first is not None and not first.same_query  # a new query
    later = session.accept(generation, stages[-1])
    assert later is not None and later.same_query  # a later stage of the same results
    newer = session.begin()
    assert session.accept(generation, stages[-1]) is None  # typed on since: dropped
    assert session.results is stages[-1]
    session.clear()
    assert session.results is None and session.generation > newer


def test_a_different_query_is_not_the_same_results(workspace: Workspace) -> None:
    session = SearchSession(workspace.library)
    first = session.begin()
    session.accept(first, next(session.stages(first, "fox")))
    second = session.begin()
    accepted = session.accept(second, next(session.stages(second, "vote")))
    assert accepted is not None and not accepted.same_query


def test_a_stale_search_stops_after_its_first_stage(workspace: Workspace) -> None:
    session = SearchSession(workspace.library)
    generation = session.begin()
    stages = session.stages(generation, "ministers")
    next(stages)
    session.begin()
    assert list(stages) == []


def test_hit_spans_from_positions_or_the_matcher(workspace: Workspace) -> None:
    session = SearchSession(workspace.library)
    generation = session.begin()
    titles = next(session.stages(generation, '"lazy dog"'))
    session.accept(generation, titles)
    text = workspace.text("alpha") or ""
    assert session.spans_for("alpha", text, compute=False) is None  # not known yet
    spans = session.spans_for("alpha", text)
    assert spans and all(text[s:e].lower() == "lazy dog" for s, e in spans)
    assert session.spans_for("gamma", workspace.text("gamma") or "") == []
    detailed = workspace.library.add_detail(titles, len(titles.hits))
    session.accept(generation, detailed)
    assert session.spans_for("alpha", text, compute=False) == spans
