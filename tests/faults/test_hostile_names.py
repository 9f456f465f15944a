"""Hostile file names: every command runs, no traceback, nothing unsafe on the terminal.

A corpus file's name can hold any byte but NUL and "/": escape sequences (CSI, OSC 52
clipboard writes), C1 controls, bidi overrides, and bytes that are not UTF-8. Each
command is run in-process through ``reader.cli.main`` and its stdout and stderr are
checked for anything a terminal would act on.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli import main

HOSTILE = [
    b"clear\x1b[2J\x1b[H",
    b"osc52\x1b]52;c;SGVsbG8=\x07",
    b"title\x1b]0;owned\x1b\\",
    b"c1\xc2\x9b31mred",  # U+009B, the 8-bit CSI, as UTF-8
    b"bidi\xe2\x80\xaetxt.exe",  # U+202E
    b"isolate\xe2\x81\xa6x",  # U+2066
    b"bad\xe9latin1",
    b"raw\x9b31m",  # a lone C1 byte: not UTF-8
    b"tab\there",
    b"new\nline",
    b"zero\xe2\x80\x8bwidth",
    b"back\\x1bslash",  # looks like an escape, is not one
    b"=HYPERLINK(1)",  # a spreadsheet formula as a name
    b"-dash",
    b"n\x01\xee\x80\x80",  # a control, then U+E000: kept, not "printable" (found by hypothesis)
]
# Tab, newline and CR are layout (TSV lists, CSV rows), not commands.
ALLOWED_CONTROLS = {"\t", "\n", "\r"}

Run = Callable[..., tuple[int, str, str]]


def unsafe(text: str) -> list[str]:
    return [
        c
        for c in text
        if c not in ALLOWED_CONTROLS and unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs")
    ]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def run_(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(list(argv))
        out, err = capsys.readouterr()
        assert code in (0, 1, 2), (argv, code)
        assert "Traceback" not in err and "internal error" not in err, (argv, err)
        assert unsafe(out) == [], (argv, out)
        assert unsafe(err) == [], (argv, err)
        return code, out, err

    return run_


def build(root: Path, names: list[bytes]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    base = os.fsencode(root)
    for number, name in enumerate(names):
        body = f"Article {number}\n\nThe council met about the bridge repairs {number}.\n"
        with open(os.path.join(base, name + b".txt"), "wb") as handle:
            handle.write(body.encode())


def exercise(run: Run, root: Path, expected: int) -> None:
    corpus = ("--corpus", str(root))
    code, out, err = run("index", *corpus)
    assert code == 0 and f"added {expected}," in out, out + err
    assert "skipped 0" in out
    code, out, _ = run("list", "--json", *corpus)
    ids = [d["id"] for d in json.loads(out)]
    assert len(ids) == expected
    code, listing, _ = run("list", *corpus)
    assert code == 0 and len(listing.splitlines()) == expected  # one line each
    assert run("search", "council", *corpus)[0] == 0
    assert run("search", "council", "--json", *corpus)[0] == 0
    # Options first and "--" before the ids: an id may start with "-".
    for doc_id in ids:
        code, out, _ = run("show", *corpus, "--", doc_id)
        assert code == 0 and "The council met" in out
        assert run("show", "--json", *corpus, "--", doc_id)[0] == 0
        assert run("similar", *corpus, "--", doc_id)[0] == 0
        code, _, err = run("bookmarks", "add", "--quote", "council met", *corpus, "--", doc_id)
        assert code == 0, err
    assert run("compare", *corpus, "--", ids[0], ids[-1])[0] == 0
    assert run("compare", "--json", *corpus, "--", ids[0], ids[-1])[0] == 0
    code, out, _ = run("bookmarks", "export", "--format", "csv", *corpus)
    assert code == 0 and len(out.splitlines()) == expected + 1
    assert run("bookmarks", "list", *corpus)[0] == 0
    assert run("entities", *corpus)[0] == 0


def test_hostile_names_are_indexed_and_shown_safely(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "corpus"
    build(root, HOSTILE)
    exercise(run, root, len(HOSTILE))


def test_a_real_path_with_bytes_finds_its_article(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "corpus"
    build(root, [b"bad\xe9", b"fine"])
    run("index", "--corpus", str(root))
    path = os.fsdecode(os.path.join(os.fsencode(root), b"bad\xe9.txt"))
    code, out, _ = run("show", path, "--corpus", str(root))
    assert code == 0 and out.startswith("Article 0")
    code, out, _ = run("show", "bad\\xe9", "--json", "--corpus", str(root))
    data = json.loads(out)
    assert data["id"] == "bad\\xe9" and data["path"].endswith("/bad\\xe9.txt")


def test_unknown_hostile_reference_is_a_safe_one_line_error(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "corpus"
    build(root, [b"fine"])
    code, _, err = run("show", "nope\x1b]52;c;SGk=\x07", "--corpus", str(root))
    assert code == 2 and len(err.splitlines()) == 1
    code, _, err = run("show", os.fsdecode(b"nope\xe9"), "--corpus", str(root))
    assert code == 2 and "nope\\xe9" in err


# Any bytes a POSIX name may hold (no NUL, no "/", not hidden).
names = st.binary(min_size=1, max_size=24).map(
    lambda b: b"n" + b.replace(b"\x00", b"0").replace(b"/", b"_")
)


@settings(max_examples=8)
@given(st.lists(names, min_size=1, max_size=3, unique=True))
def test_any_bytes_in_names(
    tmp_path_factory: pytest.TempPathFactory, run: Run, chosen: list[bytes]
) -> None:
    root = tmp_path_factory.mktemp("corpus")
    build(root, chosen)
    exercise(run, root, len(chosen))
