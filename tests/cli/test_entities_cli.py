"""``reader entities``: JSON contracts, offsets, raw mode, errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import progress_line, run_cli
from reader.core.entities import ENTITY_TYPES
from reader.core.entities.aliases import add_block, aliases_path

ARTICLE_KEYS = {"id", "name", "type", "count", "aliases", "mentions"}


def _json(result: subprocess.CompletedProcess[str]) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if not progress_line(line)]
    assert len(lines) == 1 and lines[0].startswith("reader: "), result.stderr
    return lines[0]


def _text(seeds: Path, doc: str) -> str:
    shown = _json(run_cli("show", doc, "--json", "--corpus", str(seeds)))
    text: str = shown["text"]
    return text


def _check_article(entities: list[dict[str, Any]], text: str) -> None:
    assert entities
    for entity in entities:
        assert set(entity) == ARTICLE_KEYS
        assert entity["type"] in ENTITY_TYPES
        assert entity["count"] == len(entity["mentions"]) > 0
        assert entity["name"] not in entity["aliases"]
        for mention in entity["mentions"]:
            assert set(mention) == {"start", "end", "text"}
            assert text[mention["start"] : mention["end"]] == mention["text"]
    counts = [e["count"] for e in entities]
    assert counts == sorted(counts, reverse=True)


def test_one_article_json_offsets_index_the_cleaned_text(seeds: Path) -> None:
    entities = _json(run_cli("entities", "000", "--json", "--corpus", str(seeds)))
    _check_article(entities, _text(seeds, "000"))
    zal = next(e for e in entities if "Zaluzhny" in {e["name"], *e["aliases"]})
    assert zal["type"] == "person" and zal["count"] >= 10
    assert {"person", "org", "place"} <= {e["type"] for e in entities}


def test_type_filter(seeds: Path) -> None:
    result = run_cli(
        "entities", "001", "--type", "place", "--type", "org", "--json", "--corpus", str(seeds)
    )
    entities = _json(result)
    assert entities and {e["type"] for e in entities} <= {"place", "org"}
    assert "Avdiivka" in {m["text"] for e in entities for m in e["mentions"]}


def test_corpus_json(seeds: Path) -> None:
    entities = _json(run_cli("entities", "--json", "--corpus", str(seeds)))
    texts = {doc: _text(seeds, doc) for doc in ("000", "001", "002")}
    full = {doc_id: text for doc_id, text in zip(sorted(texts), texts.values(), strict=True)}
    assert entities
    articles = [e["articles"] for e in entities]
    assert articles == sorted(articles, reverse=True)
    for entity in entities:
        assert set(entity) == ARTICLE_KEYS | {"articles"}
        assert entity["count"] == len(entity["mentions"])
        docs = {m["doc"] for m in entity["mentions"]}
        assert len(docs) == entity["articles"]
        for mention in entity["mentions"]:
            prefix = mention["doc"][:3]
            assert full[prefix][mention["start"] : mention["end"]] == mention["text"]
    zal = [e for e in entities if "Zaluzhny" in {e["name"], *e["aliases"]}]
    assert len(zal) == 1 and zal[0]["articles"] == 2


def test_aliases_file_applies_to_the_command(seeds: Path) -> None:
    add_block(aliases_path(seeds), "Mark Milley")
    entities = _json(run_cli("entities", "--json", "--corpus", str(seeds)))
    assert "Mark Milley" not in {e["name"] for e in entities}
    entities = _json(run_cli("entities", "000", "--json", "--corpus", str(seeds)))
    assert "Mark Milley" not in {e["name"] for e in entities}


def test_readable_tables_grouped_by_type(seeds: Path) -> None:
    result = run_cli("entities", "000", "--corpus", str(seeds))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index("People") < out.index("Organisations") < out.index("Places")
    assert "Zaluzhnyi" in out
    corpus = run_cli("entities", "--type", "person", "--corpus", str(seeds))
    assert corpus.returncode == 0 and "articles" in corpus.stdout
    assert "Places" not in corpus.stdout


def test_unknown_document_is_one_line(seeds: Path) -> None:
    line = _one_line_error(run_cli("entities", "nope", "--corpus", str(seeds)))
    assert "nope" in line


# -- raw mode -------------------------------------------------------------------------

RAW = (
    "\ufeffPresident Volodymyr Zelensky met General Valery Zaluzhnyi in Kyiv.\r\n"
    "Zaluzhnyi later flew to Odesa — with the “defence minister” Rustem Umerov.\r\n"
)


def test_raw_mode_offsets_index_the_file_as_read(tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_bytes(RAW.encode("utf-8"))
    second = tmp_path / "second.md"
    second.write_text("# Notes\n\nThe *SBU* said Kiev was calm.\n", encoding="utf-8")
    result = run_cli("entities", "--text-file", str(first), str(second), "--json")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["file"] for line in lines] == [str(first), str(second)]
    for line, path in zip(lines, (first, second), strict=True):
        assert set(line) == {"file", "entities"}
        text = path.read_bytes().decode("utf-8")
        _check_article(line["entities"], text)
    names = {e["name"] for e in lines[0]["entities"]}
    assert {"Volodymyr Zelensky", "Kyiv"} <= names


def test_raw_mode_bad_files_are_one_line_each_and_the_rest_print(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("General Valery Zaluzhnyi visited Kyiv.\n", encoding="utf-8")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Caf\xe9 in Paris".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    result = run_cli("entities", "--text-file", str(missing), str(good), str(latin), "--json")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert str(missing) in errors[0] and str(latin) in errors[1]
    assert all(line.startswith("reader: ") for line in errors)
    (line,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert line["file"] == str(good) and line["entities"]


@pytest.mark.parametrize("extra", [["000"], []])
def test_raw_mode_with_a_document_or_a_folder(tmp_path: Path, extra: list[str]) -> None:
    if extra:
        good = tmp_path / "a.txt"
        good.write_text("Kyiv.\n", encoding="utf-8")
        _one_line_error(run_cli("entities", *extra, "--text-file", str(good)))
    else:
        result = run_cli("entities", "--text-file", str(tmp_path), "--json")
        assert result.returncode == 2 and result.stdout == ""
        assert len(result.stderr.splitlines()) == 1 and "folder" in result.stderr
