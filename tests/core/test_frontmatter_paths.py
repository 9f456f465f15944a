"""Front matter loads the same through libyaml as through PyYAML's pure-Python loader.

``load_front_matter`` hands blocks without aliases to libyaml (``yaml.CSafeLoader``) and the
rest, and whatever libyaml refuses, to the pure-Python loader: results and warnings must be
the ones the pure-Python loader alone gives, on ordinary and hostile front matter alike.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.corpus import frontmatter
from reader.core.corpus.frontmatter import (
    FrontMatterError,
    load_front_matter,
    load_front_matter_python,
)

pytestmark = pytest.mark.skipif(
    not getattr(yaml, "__with_libyaml__", False), reason="PyYAML built without libyaml"
)


def _outcome(load: Any, block: str) -> tuple[str, str]:
    try:
        return ("data", repr(load(block)))  # repr: a NaN equals itself there
    except FrontMatterError as error:
        return ("error", str(error))


def _fast_only(block: str) -> Any:
    """libyaml's result alone, through the same checks (raises what it raises)."""
    assert frontmatter._FastLoader is not None
    return frontmatter._checked(frontmatter._load(frontmatter._FastLoader, block))


SAMPLES = [
    "",
    "title: Plain",
    'title: "Quoted: with colon"\ndate: 2024-02-01\nauthors: [Ann, Bo]\ntags: [a, b]',
    "title: 'single ''quoted'''\nrating: 4\nscore: 4.5\nflag: yes\nnothing: ~\nn: null",
    "date: 2024-13-45\nwhen: 2024-02-01T10:00:00Z\ntime: 12:30:00\nsexa: 1:20",
    "octal: 0o17\nold: 017\nhex: 0x1F\nbig: 1_000\nexp: 1e3\ninf: .inf\nnan: .NaN\nneg: -.inf",
    "bools: [yes, No, on, OFF, y, n, true, False]",
    "text: |\n  line one\n  line two\n\nfolded: >\n  a\n  b\n",
    "key with spaces: value\n? complex key\n: complex value",
    "merge: &base {a: 1}\nother:\n  <<: {b: 2}\n  c: 3",
    "list:\n- a\n- b:\n    c: d\n- [e, {f: g}]",
    "binary: !!binary aGVsbG8=\nstr: !!str 12\nint: !!int '7'\nfloat: !!float '1'",
    "set: !!set {a, b}\nomap: !!omap [a: 1, b: 2]\npairs: !!pairs [a: 1]",
    'title: café naïve İstanbul ß ﬁ \u2028 next\ncontrol: "\\x1b[31m red \\e \\a"',
    "title: tab\there\n\tindented: bad",
    "a: b: c",
    "- a\n- b",
    "just a string",
    "a: 1\na: 2",
    "%YAML 1.1\n---\na: 1",
    "a: 1\n---\nb: 2",
    "a: 1\n...\n",
    "!!python/object/apply:os.system ['echo pwned']",
    "x: !!python/name:os.system",
    "title: 'unterminated",
    "title: a\n  - b\n c: d",
    "a: *nowhere",
    "a: &x 1\nb: *x",
    "x: " + "[" * 3000 + "]" * 3000,
    "x: " + "[" * 150 + "]" * 150,
    "x: " + "{a: " * 25 + "1" + "}" * 25,
    "".join(f"{' ' * n}k{n}:\n" for n in range(40)) + " " * 40 + "v",
    "\ufeffa: 1",
    "a: \ufeff1",
    "a: \x00",
    "a: \x85b",
    "a: \udcff",
    "a: 1 # comment\n# only a comment",
    "items: " + ", ".join(["x"] * 6000),
    "items: [" + ", ".join(["x"] * 6000) + "]",
    'k: "\\ud800"',
    'k: "\\U0001F600 \\N \\_ \\L \\P"',
    "'quoted key': v\n\"dq\": w\n? [a, b]\n: c",
    "{a: 1, b: [2, 3]}",
    "[a, b]",
    "a:\n  - b\n  -\n  - c",
    "a: 'multi\n  line'\nb: \"multi\n\n  line\"",
    "a: >-\n  x\n\n  y\nb: |+\n  z\n\n",
    "a: !custom tag",
    "a: !<tag:yaml.org,2002:str> 5",
    "? a\n? b\nc:",
    "a: [b, c]d",
    "a: -1\nb: +1\nc: 0b101\nd: 190:20:30",
]


@pytest.mark.parametrize("block", SAMPLES)
def test_samples_load_as_the_pure_python_loader_loads_them(block: str) -> None:
    assert _outcome(load_front_matter, block) == _outcome(load_front_matter_python, block)


def test_libyaml_loads_the_ordinary_samples_itself() -> None:
    """The fast path is taken (not everything falls back): its result is the reference's."""
    for block in SAMPLES[:13]:
        assert repr(_fast_only(block)) == repr(load_front_matter_python(block)), block


PIECES = st.sampled_from(
    ["title", "a", "b", "date", "tags", ": ", ":", "- ", "-", "\n", "  ", " ", "\t", "[", "]",
     "{", "}", ", ", ",", "'", '"', "#", "&x", "!!str ", "!!int ", "!!float ", "!!binary ",
     "!!set ", "!x ", "|", ">", "? ", "---", "...", "%YAML 1.1", "\\", "\\x1b", "é", "İ",
     "2024-01-02", "12:30", "1e3", "0x1F", "0o17", "~", "null", "yes", "No", ".inf", ".nan",
     "1_000", "<<", "@", "`", "%", "\x85", "\u2028", "\ufeff", "\x1b", "\r", "=", "aGVsbG8="]
)  # fmt: skip
ITEMS = st.one_of(PIECES, st.text(max_size=3))
SCALARS = st.one_of(
    PIECES,
    st.text(max_size=8),
    st.builds(lambda q, t: f"{q}{t}{q}", st.sampled_from(["'", '"']), st.text(max_size=8)),
    st.lists(ITEMS, max_size=4).map(lambda x: "[" + ", ".join(x) + "]"),
    st.lists(ITEMS, max_size=3).map(lambda x: "{" + ": ".join(x) + "}"),
)
LINES = st.builds(
    lambda indent, dash, key, value: f"{' ' * indent}{dash}{key}: {value}",
    st.integers(0, 4),
    st.sampled_from(["", "- "]),
    st.one_of(PIECES, st.text(max_size=4)),
    SCALARS,
)
BLOCKS = st.one_of(
    st.lists(st.one_of(PIECES, st.text(max_size=2)), max_size=30).map("".join),
    st.text(max_size=60),
    st.lists(st.one_of(LINES, SCALARS), max_size=8).map("\n".join),  # shaped like front matter
)


@settings(max_examples=1500)
@given(BLOCKS)
def test_any_block_loads_as_the_pure_python_loader_loads_it(block: str) -> None:
    assert _outcome(load_front_matter, block) == _outcome(load_front_matter_python, block)
