"""``reader entities merge|block|rename|retype|split|undo|redo|history``, in-process."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import progress_line
from reader.cli import main
from reader.core.entities.aliases import aliases_path

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], seeds: Path) -> Run:
    def call(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([argv[0], "--corpus", str(seeds), *argv[1:]])
        out, err = capsys.readouterr()
        return code, out, err

    return call


def _one_line_error(result: tuple[int, str, str]) -> str:
    code, out, err = result
    assert code == 2 and out == ""
    lines = [line for line in err.splitlines() if not progress_line(line)]
    assert len(lines) == 1 and lines[0].startswith("reader: "), err
    return lines[0]


def _entities(run: Run) -> list[dict[str, object]]:
    code, out, err = run("entities", "--json")
    assert code == 0, err
    data: list[dict[str, object]] = json.loads(out)
    return data


def test_merge_prints_one_line_and_undo_redo_follow(run: Run, seeds: Path) -> None:
    before = len(_entities(run))
    code, out, _ = run("entities", "merge", "Valery Zaluzhnyi", "Mark Milley")
    assert code == 0
    assert out == "merged 'Mark Milley' into 'Valery Zaluzhnyi' (2 → 1 entities)\n"
    assert len(_entities(run)) == before - 1
    code, out, _ = run("entities", "undo")
    assert code == 0 and out.startswith("undid: merged 'Mark Milley'")
    assert len(_entities(run)) == before
    code, out, _ = run("entities", "redo")
    assert code == 0 and out.startswith("redid: merged")
    assert len(_entities(run)) == before - 1


def test_every_action(run: Run) -> None:
    assert run("entities", "block", "Stepan Bandera")[1].startswith("blocked 'Stepan Bandera'")
    assert run("entities", "rename", "Kyiv", "Kyiv City")[1] == "renamed 'Kyiv' to 'Kyiv City'\n"
    assert run("entities", "retype", "place:kyiv", "org")[1].startswith("retyped 'Kyiv City'")
    line = run("entities", "split", "Valery Zaluzhnyi", "Zaluzhny")[1]
    assert line.startswith("split 'Zaluzhny' off 'Valery Zaluzhnyi'")
    names = {str(e["name"]): e for e in _entities(run)}
    assert "Stepan Bandera" not in names
    assert names["Kyiv City"]["type"] == "org"
    assert "Zaluzhny" in names and "Zaluzhny" not in names["Valery Zaluzhnyi"]["aliases"]  # type: ignore[operator]


def test_values_may_start_with_a_dash(run: Run) -> None:
    code, out, err = run("entities", "rename", "Kyiv", "-Kyiv-")
    assert code == 0, err
    assert out == "renamed 'Kyiv' to '-Kyiv-'\n"
    assert "-Kyiv-" in {e["name"] for e in _entities(run)}
    code, out, err = run("entities", "rename", "-Kyiv-", "--", "--json")
    assert code == 0, err
    assert out == "renamed '-Kyiv-' to '--json'\n"


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (("merge", "Nobody", "Mark Milley"), "no entity 'Nobody'"),
        (("merge", "Valery Zaluzhnyi", "Zaluzhny"), "itself"),
        (("merge", "Valery Zaluzhnyi"), "usage: reader entities merge INTO OTHER..."),
        (("retype", "Kyiv", "planet"), "not a type"),
        (("block",), "usage"),
        (("undo",), "nothing to undo"),
        (("redo",), "nothing to redo"),
        (("split", "Kyiv", "Paris"), "never written 'Paris'"),
    ],
)
def test_bad_requests_are_one_line(
    run: Run, seeds: Path, argv: tuple[str, ...], needle: str
) -> None:
    line = _one_line_error(run("entities", *argv))
    assert needle in line
    assert not aliases_path(seeds).exists()


def test_undo_refuses_after_a_hand_edit(run: Run, seeds: Path) -> None:
    assert run("entities", "block", "Kyiv")[0] == 0
    path = aliases_path(seeds)
    path.write_text(path.read_text(encoding="utf-8") + "# mine\n", encoding="utf-8")
    line = _one_line_error(run("entities", "undo"))
    assert "edited outside reader" in line
    assert path.read_text(encoding="utf-8").endswith("# mine\n")


def test_history_lists_done_and_undone(run: Run) -> None:
    code, out, _ = run("entities", "history")
    assert code == 0 and "no changes recorded" in out
    run("entities", "block", "Kyiv")
    run("entities", "block", "Putin")
    run("entities", "undo")
    code, out, _ = run("entities", "history", "--json")
    assert code == 0
    data = json.loads(out)
    assert [s["op"] for s in data["done"]] == ["block"]
    assert [s["args"] for s in data["undone"]] == [["Putin"]]
    assert set(data["done"][0]) == {"op", "args", "summary", "time"}
    code, out, _ = run("entities", "history")
    assert "blocked 'Kyiv'" in out and "(undone) blocked 'Putin'" in out


def test_the_old_forms_still_work(run: Run) -> None:
    code, out, err = run("entities", "000", "--type", "place", "--json")
    assert code == 0, err
    assert {e["type"] for e in json.loads(out)} == {"place"}
    line = _one_line_error(run("entities", "000", "001"))
    assert "'001'" in line


def test_the_table_counts_what_the_json_lists_after_edits(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table gives the merge's counts (no article read), the JSON counts the mentions
    it lists article by article: after a merge and a split (mentions moved by spelling)
    they are still the same numbers."""
    run("entities", "merge", "Valery Zaluzhnyi", "Mark Milley")
    run("entities", "split", "Valery Zaluzhnyi", "Zaluzhny")
    listed = {str(e["name"]): (e["articles"], e["count"]) for e in _entities(run)}
    monkeypatch.setenv("COLUMNS", "400")  # one line per row: no name wrapped
    code, out, err = run("entities")
    assert code == 0, err
    table = {}
    for line in out.splitlines():
        cells = [cell.strip() for cell in line.split("│")]
        if len(cells) == 4 and cells[1].isdigit() and cells[2].isdigit():
            table[cells[0]] = (int(cells[1]), int(cells[2]))
    assert table == listed
    assert table["Zaluzhny"][1] > 0 and "Mark Milley" not in table
