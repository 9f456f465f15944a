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


def test_a_search_typed_past_stops_between_snippets(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Snippets are worked out a few results at a time: a newer query stops the older
    search at the next step, not after all its snippets."""
    from reader.workspace import search as search_module

    monkeypatch.setattr(search_module, "DETAIL_STEP", 1)
    library = workspace.library
    session = SearchSession(library)
    generation = session.begin()
    steps: list[int] = []
    add_detail = library.add_detail

    def one_step(results, upto):  # type: ignore[no-untyped-def]
        if upto:  # (the search itself asks for none)
            steps.append(upto)
            session.begin()  # the user types on while the first step runs
        return add_detail(results, upto)

    monkeypatch.setattr(library, "add_detail", one_step)
    stages = list(session.stages(generation, "ministers"))
    assert len(stages[0].hits) == 2  # two results: two steps if it ran on
    assert len(stages) == 1 and steps == [1]


def test_stages_come_once_per_change(workspace: Workspace) -> None:
    """Fewer results than a screenful: titles, then all of them detailed, and no stage
    repeating the one before (each stage is drawn again)."""
    session = SearchSession(workspace.library)
    generation = session.begin()
    stages = list(session.stages(generation, "ministers"))
    assert len(stages) == 2
    assert all(h.detailed for h in stages[1].hits)
    empty = list(session.stages(session.begin(), "xylophone"))
    assert len(empty) == 1 and empty[0].hits == ()
