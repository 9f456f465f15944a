"""A one-shot search loads only what it uses (the 250 ms goal of ``benchmarks/oneshot.py``).

No timings here: the modules a ``reader search economy`` process has loaded are checked
instead. On a Tantivy index a plain-word query needs neither Whoosh's parser, query classes
nor fields, and no search needs the indexer, the corpus loader or the near-duplicate code
(an unchanged corpus is not updated).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import article
from reader.core.index import freshness
from reader.core.index.library import Library

# Loaded by an update or by queries with syntax, never by a plain search of a current index.
NOT_FOR_A_SEARCH = (
    "whoosh.qparser",
    "whoosh.query",
    "whoosh.fields",
    "whoosh.analysis",
    "reader.core.index.query",
    "reader.core.index.indexer",
    "reader.core.index.duplicates",
    "reader.core.corpus.loader",
    "tempfile",
    "pickle",
    "platformdirs",  # the folders come from the environment here (READER_*_DIR)
    "textual",
    "rich",
)


def _loaded_by(*argv: str) -> tuple[set[str], str]:
    code = (
        "import json, sys\n"
        "from reader.cli import main\n"
        f"code = main({list(argv)!r})\n"
        "sys.stdout.flush()\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stderr.strip().splitlines()[-1])), result.stdout


@pytest.fixture
def tantivy_corpus(make_corpus: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_corpus(
        {
            "a.txt": article("Economy grows", "The economy grew by 2% in the year."),
            "b.txt": article("Rates", "Interest rates rose as the pound fell."),
        }
    )
    # Folder times within the freshness check's slack of the update are not trusted (the
    # next command would update again): trusted here, as they are for any corpus written
    # more than two seconds before its update.
    monkeypatch.setattr(freshness, "SLACK_NS", 0)
    library = Library(root, engine="tantivy")
    assert library.update().engine == "tantivy"
    assert library.changes() is None
    library.close()
    return root


def _heavy(loaded: set[str]) -> list[str]:
    return sorted(
        name
        for name in loaded
        if any(name == m or name.startswith(m + ".") for m in NOT_FOR_A_SEARCH)
    )


def test_a_plain_search_on_tantivy_loads_no_parser_and_no_update_code(tantivy_corpus: Path) -> None:
    for argv in (
        ["search", "economy", "--json", "--corpus", str(tantivy_corpus)],
        ["search", "economy", "--corpus", str(tantivy_corpus)],  # plain text, to a pipe
        ["search", "interest rates", "--json", "--corpus", str(tantivy_corpus)],
    ):
        loaded, out = _loaded_by(*argv)
        assert _heavy(loaded) == [], argv
        assert "a" in out or "b" in out


def test_a_search_with_syntax_still_parses_it(tantivy_corpus: Path) -> None:
    """The parser loads when the query needs it, and answers as before."""
    loaded, out = _loaded_by(
        "search", '"interest rates" OR econ*', "--json", "--corpus", str(tantivy_corpus)
    )
    assert "whoosh.qparser" in loaded
    assert {hit["id"] for hit in json.loads(out)["hits"]} == {"a", "b"}
