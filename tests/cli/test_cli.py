"""The installed ``reader`` script, run as a subprocess: contracts, output and exit codes."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import READER, SEEDS, article, progress_line, run_cli, run_reader

SEED_IDS = ["000_3019f73ddaac25aa", "001_21c52abc1f1fddb1", "002_ceb5c5920158999b"]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int = 2) -> str:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if not progress_line(line)]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reader: ")
    return lines[0]


def test_script_is_installed() -> None:
    assert READER.exists()


def test_version() -> None:
    result = run_reader("--version")
    assert result.returncode == 0
    assert re.fullmatch(r"reader \d+\.\d+\S*\n", result.stdout)


def test_locate_uses_the_env_overrides(isolated_dirs: Path) -> None:
    result = run_cli("locate", "--json")
    assert result.returncode == 0
    places = json.loads(result.stdout)
    assert places["cache"] == str(isolated_dirs / "cache")
    assert places["data"] == str(isolated_dirs / "data")
    assert places["config_dir"] == str(isolated_dirs / "config")
    assert places["corpus"] == str(SEEDS.resolve())
    assert places["corpus_index"].startswith(str(isolated_dirs / "cache"))
    plain = run_cli("locate")
    assert plain.returncode == 0 and "corpus_index" in plain.stdout


def test_list_json_defaults_to_the_bundled_seeds(tmp_path: Path) -> None:
    result = run_cli("list", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    docs = json.loads(result.stdout)
    assert [d["id"] for d in docs] == SEED_IDS
    for doc in docs:
        keys = {"id", "title", "authors", "date", "source", "url", "path", "words", "duplicates"}
        assert set(doc) == keys
        assert Path(doc["path"]).is_file()
        assert doc["words"] > 500
    assert docs[0]["authors"] == ["Jason Melanovski", "Clara Weiss"]
    assert docs[2]["url"] == "https://internationalviewpoint.org/spip.php?article8368"


def test_index_names_the_steps_over_the_whole_corpus(seeds: Path) -> None:
    """Without a terminal, ``reader index`` prints a line as each starts (on a terminal
    they replace the bar's label), so a long one is not taken for a hang."""
    assert run_cli("index", "--corpus", str(seeds)).returncode == 0
    next(seeds.glob("000_*")).write_text(article("A New Title", "Some words. " * 80), "utf-8")
    again = run_cli("index", "--corpus", str(seeds))
    assert again.returncode == 0, again.stderr
    assert "indexed 1/1\nmerging the corpus entities of 3 articles...\n" in again.stderr
    assert "storing the name lookups..." in again.stderr


def test_list_plain_and_sorted(seeds: Path) -> None:
    result = run_cli("list", "--corpus", str(seeds), "--sort", "date")
    assert result.returncode == 0
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == [
        SEED_IDS[2],
        SEED_IDS[0],
        SEED_IDS[1],
    ]


def test_index_summary_and_rebuild(seeds: Path) -> None:
    first = run_cli("index", "--corpus", str(seeds))
    assert first.returncode == 0, first.stderr
    assert "added 3, updated 0, removed 0, unchanged 0, skipped 0" in first.stdout
    assert "indexed 3/3" in first.stderr  # plain progress lines without a terminal
    (seeds / "empty.txt").write_text("")
    (seeds / "bin.md").write_bytes(b"\x00\x01" * 100)
    second = run_cli("index", "--corpus", str(seeds))
    assert "added 0, updated 0, removed 0, unchanged 3, skipped 2" in second.stdout
    assert "skipped empty.txt: empty file" in second.stdout
    assert "skipped bin.md: binary file" in second.stdout
    rebuilt = run_cli("index", "--rebuild", "--corpus", str(seeds))
    assert rebuilt.returncode == 0
    assert "rebuilt: requested" in rebuilt.stdout
    assert "added 3," in rebuilt.stdout


def test_show_by_prefix_plain_and_json(seeds: Path) -> None:
    plain = run_cli("show", "002", "--corpus", str(seeds))
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.startswith("Russian troops out—Stop the genocide\n")
    assert "Anti*Capitalist" not in plain.stdout  # footer gone
    data = json.loads(run_cli("show", "001", "--json", "--corpus", str(seeds)).stdout)
    assert data["id"] == SEED_IDS[1]
    assert data["date"] == "2024-02-07"
    assert "artillery and potentially" in data["text"]
    for start, end, style in data["styles"]:
        assert style == "italic" and data["text"][start:end].strip() == data["text"][start:end]


def test_show_by_path(seeds: Path) -> None:
    result = run_cli("show", str(seeds / f"{SEED_IDS[0]}.txt"), "--json", "--corpus", str(seeds))
    assert json.loads(result.stdout)["id"] == SEED_IDS[0]


@pytest.mark.parametrize(("ref", "word"), [("00", "several"), ("zzz", "no document")])
def test_show_unknown_or_ambiguous_is_a_user_error(seeds: Path, ref: str, word: str) -> None:
    line = assert_one_line_error(run_cli("show", ref, "--corpus", str(seeds)))
    assert word in line


def test_search_json_contract(seeds: Path) -> None:
    result = run_cli("search", "Zaluzhny OR soldiers", "--json", "--corpus", str(seeds))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["query"] == "Zaluzhny OR soldiers"
    assert data["total"] == 3
    words = set()
    for hit in data["hits"]:
        assert set(hit) == {"id", "title", "score", "snippets"}
        assert hit["id"] in SEED_IDS and isinstance(hit["score"], float)
        for snippet in hit["snippets"]:
            for start, end in snippet["highlights"]:
                word = snippet["text"][start:end]
                assert re.fullmatch(r"\w+", word), word
                words.add(word.lower())
    # Zaluzhny's other spellings in the corpus are highlighted too (entity aliases).
    assert {"zaluzhny", "soldiers"} <= words <= {"zaluzhny", "zaluzhnyi", "zeluzhnyi", "soldiers"}


def test_search_limit_and_plain_output(seeds: Path) -> None:
    data = json.loads(
        run_cli("search", "Ukraine", "--limit", "1", "--json", "--corpus", str(seeds)).stdout
    )
    assert data["total"] == 3 and len(data["hits"]) == 1
    plain = run_cli("search", "genocide", "--corpus", str(seeds))
    assert plain.returncode == 0
    assert "1 result for genocide" in plain.stdout and SEED_IDS[2] in plain.stdout
    assert "\x1b" not in plain.stdout


def test_search_queries_file_is_json_lines(seeds: Path, tmp_path: Path) -> None:
    queries = tmp_path / "q.txt"
    queries.write_text("genocide\n\nHersh\ntitle:purge\n", encoding="utf-8")
    result = run_cli("search", "--queries", str(queries), "--json", "--corpus", str(seeds))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(d["query"], d["total"]) for d in lines] == [
        ("genocide", 1),
        ("Hersh", 1),
        ("title:purge", 1),
    ]


def test_search_queries_from_stdin_with_a_bad_line(seeds: Path) -> None:
    result = run_cli(
        "search", "--queries", "-", "--json", "--corpus", str(seeds), stdin='Hersh\n"oops\n'
    )
    assert result.returncode == 2
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["total"] == 1
    assert second["query"] == '"oops' and "error" in second
    assert "line 2: bad query" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("query", ['"unclosed', "(a", "foo:bar", "", "date:[x to y]", "NOT"])
def test_bad_query_exit_2_one_line(seeds: Path, query: str) -> None:
    line = assert_one_line_error(run_cli("search", query, "--corpus", str(seeds)))
    assert "bad query" in line


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate", "--corpus", "."],
        ["search"],
        ["search", "x", "--limit", "0"],
        ["search", "x", "--limit", "many"],
        ["search", "x", "--queries", "q.txt"],
        ["search", "--queries", "/nonexistent/q.txt"],
        ["list", "--corpus", "/nonexistent/corpus"],
        ["index", "--corpus", "/nonexistent/corpus"],
        ["show"],
    ],
)
def test_usage_errors_exit_2_without_traceback(args: list[str], tmp_path: Path) -> None:
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


def test_corpus_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_text("x")
    assert_one_line_error(run_reader("list", "--corpus", str(tmp_path / "f.txt")))


def test_internal_failure_is_exit_1_one_line(isolated_dirs: Path, seeds: Path) -> None:
    # A cache "folder" that is a file cannot be created: not a user error.
    isolated_dirs.mkdir(parents=True, exist_ok=True)
    (isolated_dirs / "cache").write_text("in the way")
    result = run_reader("list", "--corpus", str(seeds))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("reader: cannot create the index folder ")
    assert result.stderr.count("\n") == 1


def test_escape_sequences_never_reach_output(make_corpus: Callable[..., Path]) -> None:
    evil = (
        "Evil \x1b[31mTitle\x1b]8;;http://x\x07\n\n"
        "Body \x1b[2J\x1b]0;pwned\x07 with [bold]markup[/bold] and a bell\x07 here, "
        "repeated for length: " + "evil words here " * 20 + "\n"
    )
    root = make_corpus({"evil.txt": evil, "fm.md": '---\ntitle: "\\x1b[5mblink"\n---\nBody.\n'})
    outputs = [
        run_reader("list", "--corpus", str(root)),
        run_reader("list", "--json", "--corpus", str(root)),
        run_reader("show", "evil", "--corpus", str(root)),
        run_reader("show", "evil", "--json", "--corpus", str(root)),
        run_reader("show", "fm", "--corpus", str(root)),
        run_reader("search", "evil OR body", "--corpus", str(root)),
        run_reader("search", "evil OR body", "--json", "--corpus", str(root)),
    ]
    for result in outputs:
        assert result.returncode == 0, result.stderr
        assert not CONTROL.search(result.stdout.replace("\n", "")), repr(result.stdout[:300])
        # JSON escapes would hide a control character as \u001b: check for that too.
        assert "\\u001b" not in result.stdout and "\\u0007" not in result.stdout
    assert "[bold]markup[/bold]" in outputs[2].stdout


def test_non_utf8_file_is_decoded_with_a_warning(make_corpus: Callable[..., Path]) -> None:
    root = make_corpus(
        {"latin.txt": article("Caf\xe9 “Society”", "Na\xefve text.").encode("cp1252")}
    )
    result = run_cli("list", "--json", "--corpus", str(root))
    assert result.returncode == 0
    assert json.loads(result.stdout)[0]["title"] == "Café “Society”"
    assert "not UTF-8" in result.stderr and "cp1252" in result.stderr


def generated_corpus(root: Path, count: int) -> Path:
    words = "market growth shares profit bank economy trade oil rate inflation".split()
    for n in range(count):
        folder = root / f"part{n % 4}"
        folder.mkdir(parents=True, exist_ok=True)
        body = " ".join(words[(n + k) % len(words)] for k in range(300)) + "."
        (folder / f"{n:04d}.txt").write_text(article(f"Story number {n}", body), "utf-8")
    return root


@pytest.mark.slow
def test_concurrent_index_and_search_processes(tmp_path: Path) -> None:
    """Two processes on one corpus: neither crashes, and the index stays whole."""
    corpus = generated_corpus(tmp_path / "gen", 400)
    procs = [
        subprocess.Popen(
            [str(READER), *args, "--corpus", str(corpus)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args in (["index"], ["search", "inflation", "--json"], ["index", "--rebuild"])
    ]
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    for code, _out, err in results:
        assert code == 0, err
        assert "Traceback" not in err
    assert json.loads(results[1][1])["total"] == 400
    listed = json.loads(run_reader("list", "--json", "--corpus", str(corpus)).stdout)
    assert len(listed) == 400
    after = run_reader("index", "--corpus", str(corpus))
    assert "added 0, updated 0, removed 0, unchanged 400" in after.stdout
    assert "rebuilt" not in after.stdout


@pytest.mark.slow
def test_searches_during_repeated_rebuilds(tmp_path: Path) -> None:
    """A search that lands while another process rebuilds waits for it, never fails."""
    corpus = generated_corpus(tmp_path / "gen", 150)
    assert run_reader("index", "--corpus", str(corpus)).returncode == 0
    rebuilder = subprocess.Popen(
        [
            "sh",
            "-c",
            f'for i in 1 2 3 4 5 6; do "{READER}" index --rebuild --corpus "{corpus}" '
            "|| exit 1; done",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    failures = []
    while rebuilder.poll() is None:
        result = run_reader("search", "bank", "--json", "--corpus", str(corpus))
        if result.returncode != 0:
            failures.append(result.stderr)
    assert rebuilder.wait() == 0
    assert failures == []
