"""Hostile user files: aliases, config, themes, bookmarks, state and history.

For every kind: no traceback, one short line per problem naming the file, the usable
rest of the file still used, bounded work (the loader refuses before composing more
than its node cap, counted here, never timed), and the file byte-for-byte unchanged.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.composer import Composer

from reader.core.bookmarks import BookmarkStore
from reader.core.entities.aliases import read_aliases
from reader.core.userdata import yamlfile
from reader.core.userdata.config import load_config
from reader.core.userdata.state import CorpusState, SearchHistory
from reader.core.userdata.yamlfile import Limits, YamlFileError
from reader.ui.themes import load_themes

SMALL = Limits(max_bytes=64 * 1024, max_nodes=2_000, max_depth=16, max_aliases=100)


def bomb(levels: int = 9, fan: int = 9, leaf: str = '"lol"') -> str:
    """The classic billion laughs: each level is ``fan`` aliases of the one before."""
    lines = [f"l0: &l0 [{', '.join([leaf] * fan)}]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * fan)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


BOMBS = {
    "lists": bomb(),
    "mappings": "a: &a {x: 1, y: 2, z: 3, w: 4}\n"
    + "".join(
        f"{n}: &{n} {{{', '.join(f'k{j}: *{p}' for j in range(8))}}}\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    ),
    "merge keys": "a: &a {x: 1, y: [1, 2, 3, 4, 5, 6, 7, 8]}\n"
    + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n"
        for p, n in zip("abcdefg", "bcdefgh", strict=True)
    )
    + "m: {<<: *a, z: *h}\n",
    "one wide level": "a: &a ["
    + ", ".join(["x"] * 50)
    + "]\nb: ["
    + ", ".join(["*a"] * 90)
    + "]\n",
    "big strings": 's: &s "' + "x" * 40_000 + '"\nt: [' + ", ".join(["*s"] * 99) + "]\n",
}


@pytest.fixture
def composed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many nodes the composer builds (scalars, sequences, mappings)."""
    count = [0]
    for name in ("compose_scalar_node", "compose_sequence_node", "compose_mapping_node"):
        original = getattr(Composer, name)

        def counting(self: Any, anchor: Any, _original: Callable[..., Any] = original) -> Any:
            count[0] += 1
            return _original(self, anchor)

        monkeypatch.setattr(Composer, name, counting)
    yield count


def assert_one_line_each(problems: list[str], *, naming: str | None = None) -> None:
    assert problems
    for line in problems:
        assert "\n" not in line and "\r" not in line and len(line) <= yamlfile.MESSAGE_CHARS
        assert "Traceback" not in line
        if naming is not None:
            assert naming in line


# -- the loader ------------------------------------------------------------------------


@pytest.mark.parametrize("shape", sorted(BOMBS))
def test_alias_bombs_are_refused_before_they_are_built(shape: str, composed: list[int]) -> None:
    with pytest.raises(YamlFileError) as error:
        yamlfile.parse(BOMBS[shape], SMALL)
    assert "aliases" in str(error.value) or "values" in str(error.value)
    assert composed[0] <= SMALL.max_nodes  # stopped at the cap, not after expanding


def test_an_alias_inside_the_node_it_names_is_refused() -> None:
    for text in ("a: &a [1, *a]", "a: &a {b: *a}", "&a [[[*a]]]"):
        with pytest.raises(YamlFileError, match="loop"):
            yamlfile.parse(text, SMALL)


def test_aliases_within_bounds_still_work() -> None:
    data = yamlfile.parse("base: &b {x: 1}\nother: {<<: *b, y: 2}\nl: [*b, *b]\n", SMALL)
    assert data["other"] == {"x": 1, "y": 2} and data["l"] == [{"x": 1}, {"x": 1}]


@pytest.mark.parametrize(
    "text",
    [
        "[" * 40 + "]" * 40,
        "{a: " * 40 + "1" + "}" * 40,
        "".join("  " * i + "- \n" for i in range(40)),
        "[" * 200_000,
        "- " * 100_000 + "x",
    ],
    ids=["flow lists", "flow mappings", "block lists", "200k [", "100k -"],
)
def test_deep_nesting_is_refused(text: str, composed: list[int]) -> None:
    with pytest.raises(YamlFileError, match="nested"):
        yamlfile.parse(text, Limits(max_bytes=1_000_000, max_nodes=2_000))
    assert composed[0] <= 2 * SMALL.max_depth + 1  # a mapping key at each level too


def test_too_many_values_is_refused_while_composing(composed: list[int]) -> None:
    with pytest.raises(YamlFileError, match="more than 2,000 values"):
        yamlfile.parse("[" + "1," * 30_000 + "]", SMALL)
    assert composed[0] <= SMALL.max_nodes + 1


@pytest.mark.parametrize(
    "raw",
    [b"\xff\xfe\x00garbage", b"a: \x00\x01\x02", bytes(range(256)), b"\x1b[31mred: 1", b"a: b: c"],
    ids=["utf-16ish", "nul", "all bytes", "escape", "bad syntax"],
)
def test_binary_junk_is_one_line(raw: bytes) -> None:
    with pytest.raises(YamlFileError) as error:
        yamlfile.parse(raw, SMALL)
    assert "\n" not in str(error.value) and "\x1b" not in str(error.value)


def test_a_big_file_is_refused_after_reading_only_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x: " + b"y" * 200_000)
    with pytest.raises(YamlFileError, match="larger than"):
        yamlfile.load_file(path, SMALL)


def test_special_files_are_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)  # nobody writes: a blocking open or read would hang here
    with pytest.raises(YamlFileError, match="not a regular file"):
        yamlfile.load_file(fifo, SMALL)
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    with pytest.raises(YamlFileError, match="folder"):
        yamlfile.load_file(folder, SMALL)
    if Path("/dev/zero").exists():
        with pytest.raises(YamlFileError, match="not a regular file"):
            yamlfile.load_file(Path("/dev/zero"), SMALL)
    assert yamlfile.load_file(tmp_path / "missing.yaml", SMALL) is yamlfile.MISSING


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("a: 1")
    path.chmod(0)
    with pytest.raises(YamlFileError, match="cannot be read"):
        yamlfile.load_file(path, SMALL)


yamlish = st.recursive(
    st.one_of(
        st.text(max_size=20),
        st.sampled_from(
            [".inf", "-.inf", ".nan", "~", "true", "0x1F", "1e999", "2001-13-40", "*a", "&a x"]
        ),
        st.integers(),
    ).map(str),
    lambda children: st.one_of(
        st.lists(children, max_size=5).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(children, children), max_size=5).map(
            lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"
        ),
        st.lists(children, max_size=4).map(lambda xs: "\n".join(f"- {x}" for x in xs)),
    ),
    max_leaves=30,
)


@settings(max_examples=80)
@given(yamlish)
def test_the_loader_raises_only_its_own_one_line_error(text: str) -> None:
    try:
        yamlfile.parse(text, SMALL)
    except YamlFileError as error:
        assert "\n" not in str(error) and len(str(error)) <= yamlfile.MESSAGE_CHARS


# -- every kind of user file -------------------------------------------------------------

HOSTILE_VALUES = [
    "1", "-1", "10000000000000000000000000000000000000000", ".inf", "-.inf", ".nan", "true",
    "~", "[]", "{}", "[a, b]", "{x: 1}", "!!binary aGVsbG8=", "2001-01-01", "'" + "x" * 5000 + "'",
    '"\\0\\x1b[31m"', "*v",
]  # fmt: skip


def hostile_documents(keys: list[str], good: str) -> list[str]:
    """A file per (key, bad value) with ``good`` (a valid setting) beside it, and files
    with non-text keys: what a hand edit or a broken tool could leave. ``v`` is an
    anchor for the ``*v`` value (an unknown key, itself reported)."""
    docs = [f"v: &v {{a: 1}}\n{good}\n{key}: {value}\n" for key in keys for value in HOSTILE_VALUES]
    docs += [f"{good}\n1: x\n", f"{good}\nnull: x\n", f"{good}\ntrue: x\n3.5: y\n"]
    return docs


def unchanged(path: Path) -> Callable[[], None]:
    before = path.read_bytes()

    def check() -> None:
        assert path.read_bytes() == before

    return check


CONFIG_KEYS = ["theme", "keymap", "default_corpus", "reading_width", "show_sidebar", "show_list"]


CONFIG_DOCS = hostile_documents([k for k in CONFIG_KEYS if k != "show_list"], "show_list: false")


@pytest.mark.parametrize("text", CONFIG_DOCS, ids=range(len(CONFIG_DOCS)))
def test_config_with_any_bad_value_keeps_the_rest(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    check = unchanged(path)
    config = load_config(path)
    check()
    assert config.show_list is False  # the good setting beside the bad one is used
    assert isinstance(config.reading_width, int) and 40 <= config.reading_width <= 200
    assert isinstance(config.theme, str) and len(config.theme) <= 64
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in config.keymap.items())
    assert config.default_corpus is None or len(str(config.default_corpus)) <= 4096
    if config.problems:
        assert_one_line_each(config.problems, naming=str(path))


@pytest.mark.parametrize("shape", sorted(BOMBS))
def test_config_bombs_are_one_line(tmp_path: Path, shape: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(BOMBS[shape] + "default_corpus: *l8\n" if shape == "lists" else BOMBS[shape])
    config = load_config(path)
    assert config.default_corpus is None
    assert_one_line_each(config.problems, naming=str(path))


def test_config_reported_crashes_are_gone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("1: x\nreading_width: .inf\ntheme: reader-light\n")
    config = load_config(path)
    assert config.theme == "reader-light" and config.reading_width == 80
    assert len(config.problems) == 2
    monkeypatch.setenv("READER_READING_WIDTH", "1e999")
    config = load_config(path)
    assert any("READER_READING_WIDTH" in p for p in config.problems)


THEME_KEYS = ["secondary", "accent", "foreground", "background", "surface", "panel",
              "boost", "warning", "error", "success", "dark", "variables"]  # fmt: skip


THEME_DOCS = hostile_documents(
    [k for k in THEME_KEYS if k != "warning"], "name: mine\nprimary: '#5f9ee8'\nwarning: '#e0a458'"
)


@pytest.mark.parametrize("text", THEME_DOCS, ids=range(len(THEME_DOCS)))
def test_theme_with_any_bad_value_is_still_used(tmp_path: Path, text: str) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    check = unchanged(path)
    found = load_themes([tmp_path])
    check()
    assert [t.name for t in found.themes] == ["mine"]
    assert found.themes[0].warning == "#e0a458"
    for theme in found.themes:
        theme.to_color_system().generate()  # what the app does with it
    if found.problems:
        assert_one_line_each(found.problems, naming="mine.yaml")


@pytest.mark.parametrize(
    "text",
    [
        "name: x\n",
        "primary: red\n",
        "name: '1 2'\nprimary: red\n",
        "name: x\nprimary: .inf\n",
        "[1, 2]",
        BOMBS["lists"] + "name: *l8\nprimary: red\n",
        "1: x\n",
    ],
)
def test_unusable_theme_is_skipped_in_one_line(tmp_path: Path, text: str) -> None:
    (tmp_path / "bad.yaml").write_text(text)
    (tmp_path / "good.yaml").write_text("name: good\nprimary: red\n")
    found = load_themes([tmp_path])
    assert [t.name for t in found.themes] == ["good"]
    assert_one_line_each(found.problems, naming="bad.yaml")


ALIAS_SECTIONS = ["merge", "rename", "retype", "block"]


ALIAS_DOCS = hostile_documents(
    ["merge", "rename", "block"], "retype:\n  org:azov: place\n  bad: planet"
) + hostile_documents(["retype"], "rename:\n  org:azov: Azov\n  x: [a]")


@pytest.mark.parametrize("text", ALIAS_DOCS, ids=range(len(ALIAS_DOCS)))
def test_aliases_with_any_bad_section_keep_the_rest(tmp_path: Path, text: str) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text(text, encoding="utf-8")
    check = unchanged(path)
    aliases, problems = read_aliases(path)
    check()
    assert aliases.retype == {"org:azov": "place"} or aliases.rename == {"org:azov": "Azov"}
    assert all(isinstance(v, str) for v in aliases.rename.values())
    assert_one_line_each(problems, naming=str(path))  # the bad entry beside the good one


def test_the_reported_266_byte_alias_bomb_is_refused(tmp_path: Path, composed: list[int]) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text(bomb() + "rename: {place:kyiv: *l8}\n")
    aliases, problems = read_aliases(path)
    assert aliases.is_empty() and len(problems) == 1 and "aliases" in problems[0]
    assert composed[0] <= yamlfile.ALIASES_LIMITS.max_nodes


def test_a_list_as_a_rename_value_is_refused_not_stringified(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text("rename:\n  place:kyiv: [a, b]\n  org:azov: Azov\n")
    aliases, problems = read_aliases(path)
    assert aliases.rename == {"org:azov": "Azov"}
    assert len(problems) == 1 and "rename.place:kyiv" in problems[0] and "a list" in problems[0]


BOOKMARK_FIELDS = ["id", "doc", "quote", "prefix", "suffix", "text_hash", "note", "start", "end",
                   "tags", "created", "updated"]  # fmt: skip
GOOD_BOOKMARK = "{id: good, doc: d, quote: q, start: 0, end: 1}"


@pytest.mark.parametrize("field_name", BOOKMARK_FIELDS)
@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_bookmarks_with_a_bad_field_keep_the_good_entries(
    tmp_path: Path, field_name: str, value: str
) -> None:
    path = tmp_path / "bookmarks.yaml"
    entry = {"id": "bad", "doc": "d", "quote": "q", "start": "0", "end": "1"}
    entry[field_name] = value
    inline = ", ".join(f"{k}: {v}" for k, v in entry.items())
    path.write_text(f"version: 1\nbookmarks:\n- {GOOD_BOOKMARK}\n- {{{inline}}}\n")
    check = unchanged(path)
    store = BookmarkStore(path=path)
    check()
    if value == "*v":  # an alias: refused for the whole file (bookmarks never need one)
        assert store.bookmarks == [] and store.read_only
    else:
        assert "good" in [b.id for b in store.bookmarks]
    if store.problem:
        assert_one_line_each([store.problem, *store.problems], naming=str(path))
        assert store.read_only


def test_state_and_history_drop_bad_values_and_keep_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    state = CorpusState(corpus)
    state.path.parent.mkdir(parents=True)
    state.path.write_text("last_document: doc1\nlast_scroll: 1e999\n")
    state = CorpusState(corpus)
    assert state.last_document == "doc1" and state.last_scroll == 0
    assert_one_line_each(state.problems, naming=str(state.path))
    before = state.path.read_bytes()
    state.save("doc2", 5)
    assert (state.path.with_name("state.yaml.bak")).read_bytes() == before

    history_path = tmp_path / "history.yaml"
    history_path.write_text("- one\n- [nested]\n- 3\n- two\n")
    history = SearchHistory(history_path)
    assert history.items == ["one", "two"] and len(history.problems) == 2
    history.add("three")
    assert (
        history_path.with_name("history.yaml.bak").read_text() == "- one\n- [nested]\n- 3\n- two\n"
    )
    assert yaml.safe_load(history_path.read_text()) == ["one", "two", "three"]


@pytest.mark.parametrize("kind", ["config", "theme", "aliases", "bookmarks", "state"])
@pytest.mark.parametrize("junk", ["folder", "fifo", "binary", "bomb", "deep"])
def test_every_kind_survives_junk_in_place_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, junk: str
) -> None:
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    names = {
        "config": tmp_path / "config.yaml",
        "theme": tmp_path / "themes" / "t.yaml",
        "aliases": tmp_path / "aliases.yaml",
        "bookmarks": tmp_path / "bookmarks.yaml",
        "state": CorpusState(corpus).path,
    }
    path = names[kind]
    path.parent.mkdir(parents=True, exist_ok=True)
    if junk == "folder":
        path.mkdir()
    elif junk == "fifo":
        os.mkfifo(path)
    elif junk == "binary":
        path.write_bytes(bytes(range(256)) * 4)
    elif junk == "bomb":
        path.write_text(bomb() + "x: *l8\n")
    else:
        path.write_text("[" * 100_000)
    kind_of_file = stat.S_IFMT(path.lstat().st_mode)
    before = path.read_bytes() if path.is_file() else None
    if kind == "config":
        problems = load_config(path).problems
    elif kind == "theme":
        problems = load_themes([path.parent]).problems
    elif kind == "aliases":
        problems = read_aliases(path)[1]
    elif kind == "bookmarks":
        store = BookmarkStore(path=path)
        problems = [store.problem or ""]
        assert store.read_only
    else:
        problems = CorpusState(corpus).problems
    assert_one_line_each(problems, naming=path.name)
    assert stat.S_IFMT(path.lstat().st_mode) == kind_of_file
    if before is not None:
        assert path.read_bytes() == before


top_level = st.lists(
    st.tuples(
        st.sampled_from(
            [
                *CONFIG_KEYS,
                *THEME_KEYS,
                *ALIAS_SECTIONS,
                "name",
                "primary",
                "bookmarks",
                "version",
                "last_document",
                "last_scroll",
                "1",
                "~",
                "[a]",
            ]
        ),
        yamlish,
    ),
    max_size=6,
).map(lambda items: "\n".join(_entry(k, v) for k, v in items))


def _entry(key: str, value: str) -> str:
    return f"{key}: {value}" if "\n" not in value else f"{key}:\n  " + value.replace("\n", "\n  ")


@pytest.mark.parametrize("kind", ["config", "theme", "aliases", "bookmarks", "state", "history"])
@settings(max_examples=25)
@given(text=st.one_of(yamlish, top_level))
def test_random_documents_never_raise_and_report_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, text: str
) -> None:
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / kind
    folder.mkdir(exist_ok=True)
    path = folder / ("state.yaml" if kind == "state" else f"{kind}.yaml")
    if kind == "state":
        corpus = tmp_path / "corpus"
        corpus.mkdir(exist_ok=True)
        path = CorpusState(corpus).path
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    if kind == "config":
        problems = load_config(path).problems
    elif kind == "theme":
        problems = load_themes([folder]).problems
    elif kind == "aliases":
        problems = read_aliases(path)[1]
    elif kind == "bookmarks":
        store = BookmarkStore(path=path)
        problems = [*store.problems, *([store.problem] if store.problem else [])]
    elif kind == "state":
        problems = CorpusState(corpus).problems
    else:
        problems = SearchHistory(path).problems
    if problems:
        assert_one_line_each(problems)
    assert path.read_bytes() == text.encode("utf-8", "surrogatepass")
