"""``reader duplicates`` (and the ``duplicates`` of ``show``/``list --json``), run in process."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main

WORDS = [f"w{n}" for n in range(3000)]


def body(rng: random.Random, length: int = 150) -> str:
    return " ".join(rng.choices(WORDS, k=length))


@pytest.fixture
def corpus(make_corpus: Callable[..., Path]) -> Path:
    rng = random.Random(1)
    text = body(rng)
    edited = text.split(" ")
    for i in rng.sample(range(len(edited)), 7):
        edited[i] = "changed"
    return make_corpus(
        {
            "a/original.md": f"---\ntitle: The original\ndate: 2021-03-04\n---\n\n{text}\n",
            "b/copy.md": f"---\ntitle: A copy\ndate: 2022-01-01\n---\n\n{text}\n",
            "b/edit.md": f"---\ntitle: An edit\n---\n\n{' '.join(edited)}\n",
            # A hostile file name and title: printed safe, never acted on by a terminal.
            "c/\x1b[31mred.md": f'---\ntitle: "Red \\e[2J"\n---\n\n{body(rng)}\n',
            "c/\x1b[31mred-copy.md": f'---\ntitle: "Red \\e[2J"\n---\n\n{body(rng)}\n',
            **{f"other/{n}.txt": f"Other {n}\n\n{body(rng)}\n" for n in range(6)},
        }
    )


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_json_contract(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "duplicates", "--json", "--corpus", str(corpus))
    assert data["documents"] == 11
    (group,) = data["groups"]
    assert set(group) == {"size", "resemblance", "canonical", "articles"}
    assert group["size"] == 3 and group["canonical"] == "a/original"
    assert [a["id"] for a in group["articles"]] == ["a/original", "b/copy", "b/edit"]
    first, copy, edit = group["articles"]
    assert set(first) == {"id", "title", "date", "path", "resemblance"}
    assert (first["title"], first["date"], first["resemblance"]) == (
        "The original",
        "2021-03-04",
        1.0,
    )
    # The titles differ (they are signed with the text): a copy is just under 1.
    assert 0.9 <= copy["resemblance"] < 1.0 and 0.5 <= edit["resemblance"] < copy["resemblance"]
    assert edit["date"] is None and edit["path"].endswith("edit.md")
    assert 0.5 <= group["resemblance"] <= max(a["resemblance"] for a in group["articles"][1:])


def test_plain_output(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["duplicates", "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "1 group of near-duplicates (3 of 11 articles)"
    assert lines[2].startswith("3 articles, resemblance 0.")
    assert lines[3] == "  1.00\ta/original\t2021-03-04\tThe original"
    assert lines[4].startswith("  0.9") and lines[4].endswith("\tb/copy\t2022-01-01\tA copy")
    assert lines[5].startswith("  0.") and lines[5].endswith("\tb/edit\t-\tAn edit")
    assert "\x1b" not in out


def test_hostile_names_are_printed_safe(
    make_corpus: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(2)
    text = body(rng)
    root = make_corpus(
        {
            "\x1b[31mred.txt": f"Red \x1b[2J alert\n\n{text}\n",
            "\x1b[31mred-copy.txt": f"Red \x1b[2J alert\n\n{text}\n",
            "plain.txt": f"Plain\n\n{body(rng)}\n",
        }
    )
    assert main(["duplicates", "--corpus", str(root)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[31mred" in out
    data = run_json(capsys, "duplicates", "--json", "--corpus", str(root))
    assert len(data["groups"]) == 1 and data["groups"][0]["size"] == 2


def test_no_duplicates(
    make_corpus: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(3)
    root = make_corpus({f"{n}.txt": f"T{n}\n\n{body(rng)}\n" for n in range(3)})
    assert main(["duplicates", "--corpus", str(root)]) == 0
    assert capsys.readouterr().out == "no near-duplicates among 3 articles\n"
    assert run_json(capsys, "duplicates", "--json", "--corpus", str(root)) == {
        "documents": 3,
        "groups": [],
    }


def test_show_and_list_json_name_the_duplicates(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = run_json(capsys, "show", "b/copy", "--json", "--corpus", str(corpus))
    assert shown["duplicates"] == ["a/original", "b/edit"]
    alone = run_json(capsys, "show", "other/1", "--json", "--corpus", str(corpus))
    assert alone["duplicates"] == []
    listed = {
        d["id"]: d["duplicates"]
        for d in run_json(capsys, "list", "--json", "--corpus", str(corpus))
    }
    assert listed["a/original"] == ["b/copy", "b/edit"] and listed["other/0"] == []
