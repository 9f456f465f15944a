"""``reader show --raw`` and the ``removed`` spans of ``reader show --json``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import run_cli
from reader.core.text.textnorm import normalise

NAV = "Home | News | Sport | [red]Culture[/red]"


def clip(n: int) -> str:
    return (
        f"{NAV}\r\n\r\nHarbour story {'abcdefgh'[n] * 3} opens\r\n\r\n"
        f"The harbour master said {n} new moorings would open before the summer, and "
        "that the ferry timetable would change in May as a result.\r\n\r\n"
        "\x1b]8;;http://evil\x07Share this article\x1b]8;;\x07\r\n"
    )


def test_show_json_lists_removed_spans_of_the_original(
    make_corpus: Callable[..., Path],
) -> None:
    root = make_corpus({f"site/{n}.txt": clip(n) for n in range(8)})
    result = run_cli("show", "site/3", "--json", "--corpus", str(root))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    original = normalise(clip(3))
    assert data["original_changed"] is False
    removed = data["removed"]
    assert [r["text"] for r in removed] == [NAV, "Harbour story ddd opens", "Share this article"]
    for r in removed:
        assert original[r["start"] : r["end"]] == r["text"]
    assert removed[0]["reason"] == "repeated in 8 documents of this folder"
    assert removed[1]["reason"] == "title"
    assert NAV not in data["text"]


def test_show_raw_prints_the_normalised_file(make_corpus: Callable[..., Path]) -> None:
    root = make_corpus({f"site/{n}.txt": clip(n) for n in range(8)})
    result = run_cli("show", "site/2", "--raw", "--corpus", str(root))
    assert result.returncode == 0, result.stderr
    assert result.stdout == normalise(clip(2))
    assert "\x1b" not in result.stdout and "\r" not in result.stdout
    as_json = json.loads(run_cli("show", "site/2", "--raw", "--json", "--corpus", str(root)).stdout)
    assert as_json["original"] == normalise(clip(2)) and as_json["changed"] is False
    assert as_json["removed"][0] == {
        "start": 0,
        "end": len(NAV),
        "reason": as_json["removed"][0]["reason"],
    }


def test_show_raw_of_a_changed_file_warns_and_shows_it_as_it_is(
    make_corpus: Callable[..., Path],
) -> None:
    root = make_corpus({f"site/{n}.txt": clip(n) for n in range(8)})
    assert run_cli("index", "--corpus", str(root)).returncode == 0
    path = root / "site" / "1.txt"
    path.write_text("Added line\n\n" + clip(1), encoding="utf-8")
    # show brings the index up to date first, so the file is no longer stale there;
    # the warning path is covered by Library.original's own test.
    result = run_cli("show", "site/1", "--raw", "--corpus", str(root))
    assert result.returncode == 0 and result.stdout.startswith("Added line\n")
