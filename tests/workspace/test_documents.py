"""Documents by reference: one resolution, one error type, read methods."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.workspace import UnknownDocument, Workspace, WorkspaceError


def test_a_reference_is_an_id_a_unique_prefix_or_a_path(workspace: Workspace, corpus: Path) -> None:
    assert workspace.resolve("alpha") == "alpha"
    assert workspace.resolve("gam") == "gamma"
    assert workspace.resolve(str(corpus / "beta.txt")) == "beta"
    assert workspace.document("al").meta.title == "Alpha story"


@pytest.mark.parametrize(("ref", "word"), [("zeta", "no document"), ("", "no document")])
def test_an_unknown_reference_is_one_error_type(workspace: Workspace, ref: str, word: str) -> None:
    with pytest.raises(UnknownDocument, match=word) as caught:
        workspace.document(ref)
    assert isinstance(caught.value, WorkspaceError) and "\n" not in str(caught.value)


def test_an_ambiguous_prefix_names_the_candidates(make_corpus: object, tmp_path: Path) -> None:
    root = tmp_path / "two"
    root.mkdir()
    for name in ("story1.txt", "story2.txt"):
        (root / name).write_text(f"Title {name}\n\nSome body text here.\n", encoding="utf-8")
    with Workspace(root) as workspace:
        workspace.update()
        with pytest.raises(UnknownDocument, match="matches several documents: story1, story2"):
            workspace.resolve("story")


def test_read_methods_answer_without_the_catalog(workspace: Workspace) -> None:
    assert workspace.count() == 3
    summary = workspace.summary("beta")
    assert summary is not None and summary.title == "Beta story"
    assert workspace.summary("nothing") is None
    text = workspace.text("alpha")
    assert text is not None and text.startswith("The quick brown fox")
    assert workspace.text("nothing") is None
    assert workspace.find_document("nothing") is None
    assert [s.id for s in workspace.summaries()] == ["alpha", "beta", "gamma"]


def test_the_entity_filter_narrows_to_the_articles_of_an_entity(workspace: Workspace) -> None:
    kyiv = next(e for e in workspace.library.corpus_entities() if e.name == "Kyiv")
    chosen = workspace.set_entity_filter(kyiv.id, "Kyiv")
    assert chosen is workspace.entity_filter and chosen is not None
    assert chosen.documents == {"alpha", "beta"} and chosen.name == "Kyiv"
    assert chosen.admits("alpha") and not chosen.admits("gamma")
    assert workspace.set_entity_filter(None) is None and workspace.entity_filter is None


def test_compare_is_the_cli_and_split_view_computation(workspace: Workspace) -> None:
    a, b = workspace.document("alpha"), workspace.document("beta")
    comparison = workspace.compare(a, b)
    assert comparison.result.a == "alpha" and comparison.result.b == "beta"
    shared = [p.a.text for p in comparison.result.shared_passages]
    assert any("Ministers met in Kyiv" in text for text in shared)
    assert comparison.entities is not None
    assert "Kyiv" in [s.name for s in comparison.entities.shared]


def test_a_partial_comparison_leaves_out_what_cannot_be_read(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The split view may open while an index is being built: without entities or corpus
    frequencies it still pairs passages; the CLI's strict comparison says what failed."""
    from reader.core.index import article_entities, term_frequencies

    def broken(*_args: object) -> object:
        raise OSError("index not ready")

    monkeypatch.setattr(article_entities, "pair_entities", broken)
    monkeypatch.setattr(term_frequencies, "index_frequencies", broken)
    a, b = workspace.document("alpha"), workspace.document("beta")
    comparison = workspace.compare(a, b, partial_ok=True)
    assert comparison.entities is None
    assert any("Ministers met in Kyiv" in p.a.text for p in comparison.result.shared_passages)
    with pytest.raises(OSError, match="index not ready"):
        workspace.compare(a, b)
