"""``reader compare`` and ``reader similar`` as a user or a script runs them."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import progress_line, run_cli

A, B, C = "000_3019f73ddaac25aa", "001_21c52abc1f1fddb1", "002_ceb5c5920158999b"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ENTITY_KEYS = {"id", "name", "type", "count", "aliases", "mentions"}

pytestmark = pytest.mark.slow


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if not progress_line(line)]
    assert len(lines) == 1 and lines[0].startswith("reader: "), result.stderr
    return lines[0]


def run_json(*args: str) -> Any:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str, str]:
    """``reader compare 000 001 --json`` and both cleaned texts (``reader show --json``)."""
    # Module-scoped: the autouse isolated_dirs fixture is function-scoped, so point the
    # cache at a module folder by hand.
    home = tmp_path_factory.mktemp("home")
    mp = pytest.MonkeyPatch()
    for name in ("config", "data", "cache"):
        mp.setenv(f"READER_{name.upper()}_DIR", str(home / name))
    try:
        data = run_json("compare", "000", "001", "--json")
        a_text = run_json("show", A, "--json")["text"]
        b_text = run_json("show", B, "--json")["text"]
    finally:
        mp.undo()
    return data, a_text, b_text


def test_compare_json_contract(week: tuple[dict[str, Any], str, str]) -> None:
    data, _, _ = week
    assert {
        "a",
        "b",
        "similarity",
        "shared_passages",
        "shared_entities",
        "only_a",
        "only_b",
        "shared_figures",
    } <= set(data)
    assert (data["a"], data["b"]) == (A, B)
    assert 0 < data["similarity"] < 1
    for passage in data["shared_passages"]:
        assert set(passage) == {
            "a",
            "b",
            "score",
            "kind",
            "reuse",
            "evidence",
            "changes",
            "sentences",
        }
        assert passage["kind"] in {"exact", "near"}
        assert passage["reuse"] in {"exact", "near", "rewording"}
        assert 0 < passage["score"] <= 1
    for key in ("only_in_a", "only_in_b"):
        assert data[key] and all(set(span) == {"start", "end", "text"} for span in data[key])
    assert data["shared_entities"] and data["shared_figures"]
    for shared in data["shared_entities"] + data["shared_figures"]:
        # The `reader entities` shape (the corpus form: each mention names its article) ...
        assert set(shared) >= ENTITY_KEYS
        assert isinstance(shared["aliases"], list) and shared["name"] not in shared["aliases"]
        assert shared["count"] == len(shared["mentions"]) == shared["count_a"] + shared["count_b"]
        assert {(m["doc"], m["side"]) for m in shared["mentions"]} == {(A, "a"), (B, "b")}
        for mention in shared["mentions"]:
            assert set(mention) == {"doc", "side", "start", "end", "text"}
        # ... and each side as `reader entities DOC` prints it.
        assert set(shared["a"]) == set(shared["b"]) == ENTITY_KEYS
        assert (
            shared["a"]["count"] == shared["count_a"] and shared["b"]["count"] == shared["count_b"]
        )
        for side in ("a", "b"):
            own = [m for m in shared["mentions"] if m["side"] == side]
            assert [{k: m[k] for k in ("start", "end", "text")} for m in own] == shared[side][
                "mentions"
            ]
        names = {shared["a"]["name"], shared["b"]["name"], *shared["a"]["aliases"]}
        assert names | {*shared["b"]["aliases"]} == {shared["name"], *shared["aliases"]}
    extra = {"value"}  # figures carry their normalised value too
    for key in ("only_a", "only_b", "only_a_figures", "only_b_figures"):
        for one_sided in data[key]:
            assert ENTITY_KEYS <= set(one_sided) <= ENTITY_KEYS | extra
            assert one_sided["count"] == len(one_sided["mentions"])
            for mention in one_sided["mentions"]:
                assert set(mention) == {"start", "end", "text"}
    assert all(e["type"] in {"date", "money", "figure"} for e in data["shared_figures"])
    assert all(e["type"] in {"person", "org", "place"} for e in data["shared_entities"])


def test_compare_offsets_index_the_shown_texts(week: tuple[dict[str, Any], str, str]) -> None:
    data, a_text, b_text = week
    assert data["shared_passages"]
    for passage in data["shared_passages"]:
        for side, text in (("a", a_text), ("b", b_text)):
            span = passage[side]
            assert text[span["start"] : span["end"]] == span["text"]
    for shared in data["shared_entities"] + data["shared_figures"]:
        for side, text in (("a", a_text), ("b", b_text)):
            for mention in shared[side]["mentions"]:
                assert text[mention["start"] : mention["end"]] == mention["text"]
        for mention in shared["mentions"]:
            text = a_text if mention["side"] == "a" else b_text
            assert text[mention["start"] : mention["end"]] == mention["text"]
    for key, text in (("only_a", a_text), ("only_b", b_text)):
        for entity in data[key]:
            for mention in entity["mentions"]:
                assert text[mention["start"] : mention["end"]] == mention["text"]


def test_compare_finds_the_seed_passages_and_entities(
    week: tuple[dict[str, Any], str, str],
) -> None:
    data, _, _ = week
    a_texts = [p["a"]["text"] for p in data["shared_passages"]]
    assert any("400,000 Ukrainian soldiers" in t and "1 percent" in t for t in a_texts)
    assert any("125,000" in t for t in a_texts)
    assert "Valery Zaluzhnyi" in {e["name"] for e in data["shared_entities"]}
    assert any(e["id"].startswith("place:avdi") for e in data["only_b"])
    assert not any(e["id"].startswith("place:avdi") for e in data["only_a"])
    figures = {e["value"] for e in data["shared_figures"]}
    assert {"400000", "125000", "1%"} <= figures


def test_other_outlet_shares_little_text() -> None:
    data = run_json("compare", "002", "000", "--json")
    assert data["similarity"] < 0.02
    assert len(data["shared_passages"]) <= 1


def test_compare_readable_output() -> None:
    result = run_cli("compare", "000", "001")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "similarity" in out and A in out and B in out
    assert "400,000" in out and "rewording" in out and "shared: " in out
    assert "only B" in out and "Avdiivka" in out  # the article's spelling, not the gazetteer's
    assert not CONTROL.search(out.replace("\n", ""))


def test_compare_prints_article_text_as_data(make_corpus: Any) -> None:
    text = "The [bold red]minister[/] said 400,000 people [link=x]marched[/link] today in town."
    root = make_corpus(
        {
            "a.txt": "Alpha\n\n" + text + "\n",
            "b.txt": "Beta\n\n" + text + "\n",
        }
    )
    result = run_cli("compare", "a", "b", "--corpus", str(root))
    assert result.returncode == 0, result.stderr
    assert "[bold red]minister[/]" in result.stdout  # printed as written, not applied
    assert "[link=x]marched[/link]" in result.stdout
    data = run_json("compare", "a", "b", "--corpus", str(root), "--json")
    (passage,) = data["shared_passages"]
    assert passage["kind"] == "exact" and passage["score"] == 1
    assert data["similarity"] == 1


@pytest.mark.parametrize(
    "args",
    [
        ("compare", "nope", "000"),
        ("compare", "000", "nope", "--json"),
        ("compare", "00", "001"),  # ambiguous
        ("similar", "nope"),
        ("similar", "000", "--limit", "0"),
    ],
)
def test_bad_documents_and_limits_are_one_line_errors(args: tuple[str, ...]) -> None:
    one_line_error(run_cli(*args))


def test_compare_needs_two_documents() -> None:
    result = run_cli("compare", "000")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_similar_json() -> None:
    rows = run_json("similar", "000", "--json")
    assert [r["id"] for r in rows] == [B, C]
    for row in rows:
        assert set(row) == {"id", "title", "source", "date", "score"}
        assert 0 < row["score"] <= 1
    assert rows[0]["score"] > rows[1]["score"]
    assert run_json("similar", "000", "--json", "--limit", "1") == rows[:1]


def test_similar_table() -> None:
    result = run_cli("similar", "001")
    assert result.returncode == 0, result.stderr
    assert A in result.stdout and "score" in result.stdout
    assert result.stdout.index(A) < result.stdout.index(C)


def test_similar_by_file_path(seeds: Path) -> None:
    rows = run_json("similar", str(seeds / f"{C}.txt"), "--corpus", str(seeds), "--json")
    assert C not in {r["id"] for r in rows} and len(rows) == 2


@pytest.mark.parametrize(("columns", "side_by_side"), [("80", False), ("160", True)])
def test_compare_layout_follows_the_width(
    columns: str, side_by_side: bool, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    from reader.cli import main

    monkeypatch.setenv("COLUMNS", columns)
    assert main(["compare", "000", "001"]) == 0
    out = capsys.readouterr().out
    # Tables fit the width; plain lines are not wrapped when the output is not a terminal.
    assert max(len(line) for line in out.splitlines() if "│" in line) <= int(columns)
    assert ("A / B" in out) is not side_by_side
    assert "400,000" in out


def test_compare_follows_the_aliases_file(seeds: Path) -> None:
    from reader.core.entities import add_block, add_rename, aliases_path

    before = run_json("compare", "000", "001", "--corpus", str(seeds), "--json")
    assert any(e["id"].startswith("place:avdi") for e in before["only_b"])
    path = aliases_path(seeds)
    add_block(path, "Avdiyivka")
    add_rename(path, "Valery Zaluzhnyi", "General Zaluzhnyi")
    after = run_json("compare", "000", "001", "--corpus", str(seeds), "--json")
    assert not any(e["id"].startswith("place:avdi") for e in after["only_b"])
    assert "General Zaluzhnyi" in {e["name"] for e in after["shared_entities"]}
