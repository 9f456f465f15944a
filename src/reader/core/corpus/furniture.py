"""Page furniture learned from the corpus: lines that repeat across a folder's articles.

A site's navigation bar, share buttons, newsletter box, cookie notice and footer are
the same on every page, while an article's sentences are not. So a line that occurs
in many documents of one folder is furniture, whatever its words, and a line that
occurs in one or a few is the article's, whatever its words. Nothing here knows the
strings of any site.

Lines are compared by a key that ignores case, punctuation and Markdown marks, and
stored as 64-bit hashes, so counting is cheap enough to run over every document of
every update. Two looser keys are counted too: a counter line with its numbers made
equal ("12 comments" / "3 comments") and the label of a labelled list ("Tags: ...").

Thresholds (:func:`threshold`) are set against real news text (the BBC corpus: its
most repeated line, a correspondent's bio, is in 8 of 401 articles of a section;
republished stories repeat 2-3 times): a short line must be in at least
:data:`MIN_DOCS` documents and :data:`SHORT_SHARE` of the folder, a line that reads
like a sentence of prose in :data:`PROSE_SHARE` of it.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
import struct
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import PurePosixPath

MIN_DOCS = 5  # fewer documents never make a line furniture, whatever the folder size
SHORT_SHARE = 0.05  # a short line repeated in 5 % of a folder's documents
PROSE_SHARE = 0.25  # a sentence-like line must be on a quarter of the pages
PROSE_WORDS = 12  # ... when it has this many words and ends like a sentence
MAX_COUNTER_WORDS = 4  # "12 comments", "Page 2 of 5": a number and a word or two
MIN_KEY_LETTERS = 3  # "1-0", "---" and "12:30" carry no site identity
LONG_LINE = 200  # characters: longer lines are compared as written

_NOT_WORD = re.compile(r"[\W_]+")
_DIGIT = re.compile(r"\d+")
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = re.compile(r"[.!?:\"”’)]\W*$")
# "Tags: film, uk" / "Topics: Business": a label that opens a short line. The values
# differ from page to page, the label does not.
_LABEL = re.compile(r"^\W{0,3}([A-Za-z][A-Za-z ]{0,24}?)\s?:[*_]{0,3}\s+\S")
MAX_LABELLED_WORDS = 12
_LIST_SEPARATOR = re.compile(r"[,;|·•]")


def line_key(line: str) -> str | None:
    """What two lines must share to be "the same line" (None: too little to compare)."""
    if len(line) > LONG_LINE:
        # A paragraph of prose: compared as written (case and spacing aside), which
        # is much cheaper than the word-by-word key and loses nothing at this length.
        return " ".join(line.casefold().split())
    key = _NOT_WORD.sub(" ", line.casefold()).strip()
    if len(list(itertools.islice(_LETTER.finditer(key), MIN_KEY_LETTERS))) < MIN_KEY_LETTERS:
        return None
    return key


def counter_key(line: str) -> str | None:
    """The key of a counter line with its numbers made equal ("12 comments", "3 min
    read" → "0 comments", "0 min read"); None unless the line is a number and a word or
    two. Only used away from the title (see :meth:`Furniture.reason`): "Article 12"
    has the same shape."""
    if len(line) > LONG_LINE or not _DIGIT.search(line):
        return None
    return _counter_of(line_key(line))


def _counter_of(key: str | None) -> str | None:
    """:func:`counter_key` from the line's :func:`line_key` (of a short line with a digit)."""
    if key is None:
        return None
    words = key.split()
    if len(words) > MAX_COUNTER_WORDS or sum(not w.isdigit() for w in words) > 2:
        return None
    return "counter:" + _DIGIT.sub("0", key)


def _hash(key: str) -> int:
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int(struct.unpack("<q", digest)[0])


def line_hash(line: str) -> int | None:
    key = line_key(line)
    return None if key is None else _hash(key)


def counter_hash(line: str) -> int | None:
    key = counter_key(line)
    return None if key is None else _hash(key)


def label_of(line: str) -> str | None:
    """The label of a short labelled line (``Tags: a, b`` → ``Tags``), else None."""
    match = _LABEL.match(line)  # first: it fails within a few characters on most lines
    if match is None or len(match.group(1).split()) > 3 or len(match.group(1).strip()) < 3:
        return None
    if len(line.split()) > MAX_LABELLED_WORDS:
        return None
    # A list of values ("Tags: film, uk") or a sentence ("About the author: ... ."),
    # not a headline with a kicker ("Profile: Gordon Brown").
    value = line[match.end(1) :].strip(" :*_")
    if not (_LIST_SEPARATOR.search(value) or _SENTENCE_END.search(value)):
        return None
    return match.group(1).strip()


def label_hash(label: str) -> int:
    digest = hashlib.blake2b(b"label:" + label.casefold().encode("utf-8"), digest_size=8)
    return int(struct.unpack("<q", digest.digest())[0])


def text_hashes(text: str) -> frozenset[int]:
    """The distinct line hashes (and line-label hashes) of a document's normalised text."""
    found = set()
    for line in text.split("\n"):
        if line.strip():
            key = line_key(line)  # once: the counter key is made from it
            if key is not None:
                found.add(_hash(key))
            if len(line) <= LONG_LINE and _DIGIT.search(line):
                counter = _counter_of(key)
                if counter is not None:
                    found.add(_hash(counter))
            label = label_of(line)
            if label is not None:
                found.add(label_hash(label))
    return frozenset(found)


def is_prose_line(line: str) -> bool:
    return len(line.split()) >= PROSE_WORDS and bool(_SENTENCE_END.search(line.strip()))


def threshold(documents: int, *, prose: bool) -> int:
    """How many of a folder's ``documents`` must hold a line for it to be furniture."""
    share = PROSE_SHARE if prose else SHORT_SHARE
    return max(MIN_DOCS, math.ceil(share * documents))


def folder_of(rel: str) -> str:
    """The group a document's furniture is learned in: its folder ("" for the root)."""
    if "//" in rel or "/./" in rel or rel.startswith(("/", "./")) or rel.endswith(("/", "/.")):
        parent = str(PurePosixPath(rel).parent)  # a path to normalise first
        return "" if parent == "." else parent
    # As PurePosixPath gives it for a path that needs no normalising (the scan's), without
    # building one: an update asks this three times for every changed file.
    head = rel.rpartition("/")[0]
    return "" if head == "." else head


def furniture_counts(documents: Iterable[frozenset[int]]) -> tuple[int, dict[int, int]]:
    """``(number of documents, {hash: documents holding it})`` for lines in MIN_DOCS or more."""
    counts: Counter[int] = Counter()
    total = 0
    for hashes in documents:
        total += 1
        counts.update(hashes)
    return total, {h: n for h, n in counts.items() if n >= MIN_DOCS}


SHARD = 2_000_000  # hashes counted at once: bounds the memory of counting a big folder


def count_packed(documents: list[bytes]) -> tuple[int, dict[int, int]]:
    """:func:`furniture_counts` over packed hash sets, in bounded memory.

    A folder of 200,000 web pages holds millions of distinct lines, nearly all seen
    once; a counter of all of them at once would take gigabytes. So the hash space is
    cut into shards counted one after the other (each pass unpacks every document
    again: a second or so per pass for 200,000 documents).
    """
    total = sum(len(blob) for blob in documents) // 8
    shards = total // SHARD + 1
    found: dict[int, int] = {}
    for shard in range(shards):
        counts: Counter[int] = Counter()
        for blob in documents:
            hashes = unpack_hashes(blob)
            counts.update(hashes if shards == 1 else (h for h in hashes if h % shards == shard))
        found.update((h, n) for h, n in counts.items() if n >= MIN_DOCS)
    return len(documents), found


class Furniture:
    """The repeated lines of one folder, asked line by line while a document is cleaned."""

    def __init__(self, documents: int, counts: Mapping[int, int]) -> None:
        self.documents = documents
        self.counts = counts

    def __reduce__(self) -> tuple[type[Furniture], tuple[int, Mapping[int, int]]]:
        # Sent to the ingest's worker processes. Said outright: compiled (mypyc) classes
        # pickle only what their constructor is given back.
        return Furniture, (self.documents, self.counts)

    @cached_property  # asked for each of the folder's documents; counts never change
    def none(self) -> bool:
        """Whether no line of the folder is furniture: no count reaches the lowest
        threshold (:meth:`reason` says None for every line, so a cleaner need not ask)."""
        low = threshold(self.documents, prose=False)  # the prose threshold is higher
        return all(n < low for n in self.counts.values())

    def reason(self, line: str, loose: bool = True) -> str | None:
        """Why ``line`` is furniture here, or None.

        ``loose=False`` asks for the line itself repeated: not a counter with another
        number, nor another line with the same label. The cleaner asks so for the line
        that will be the title ("Article 12" has the shape of "12 comments").
        """
        value = line_hash(line)
        if value is None:
            return None
        count = self.counts.get(value, 0)
        if count >= threshold(self.documents, prose=is_prose_line(line)):
            return f"repeated in {count} documents of this folder"
        if not loose:
            return None
        counter = counter_hash(line)
        if counter is not None:
            count = self.counts.get(counter, 0)
            if count >= threshold(self.documents, prose=False):
                return f"repeated with other numbers in {count} documents of this folder"
        label = label_of(line)
        if label is not None and not is_prose_line(line):
            count = self.counts.get(label_hash(label), 0)
            if count >= threshold(self.documents, prose=False):
                return f"line labelled “{label}:” in {count} documents of this folder"
        return None

    def signature(self, hashes: Iterable[int]) -> dict[int, int]:
        """Which of a document's lines count as furniture: hash → 1 (short lines only)
        or 2 (also a sentence-like line).

        Stored with each document: when a later update changes it, the document's
        cleaning may change, so it is cleaned again; otherwise it is left alone (a
        count going from 37 to 38 changes nothing).
        """
        low = threshold(self.documents, prose=False)
        high = threshold(self.documents, prose=True)
        return {h: 2 if n >= high else 1 for h in hashes if (n := self.counts.get(h, 0)) >= low}


class Remembered:
    """A document's furniture as decided when it was indexed (its :meth:`Furniture.signature`),
    to show again what was removed from it and why."""

    def __init__(self, signature: Mapping[int, int]) -> None:
        self.signature = signature

    def reason(self, line: str, loose: bool = True) -> str | None:
        value = line_hash(line)
        level = self.signature.get(value, 0) if value is not None else 0
        if level == 2 or (level == 1 and not is_prose_line(line)):
            return "repeated in many documents of this folder"
        if not loose:
            return None
        counter = counter_hash(line)
        if counter is not None and self.signature.get(counter, 0):
            return "repeated with other numbers in many documents of this folder"
        label = label_of(line)
        known = label is not None and self.signature.get(label_hash(label), 0)
        if known and not is_prose_line(line):
            return f"line labelled “{label}:” in many documents of this folder"
        return None


def pack(values: Mapping[int, int] | Iterable[int]) -> bytes:
    """Hashes (or hash → count pairs) as bytes for the catalog."""
    if isinstance(values, Mapping):
        flat = [x for item in sorted(values.items()) for x in item]
        return struct.pack(f"<{len(flat)}q", *flat)
    ordered = sorted(values)
    return struct.pack(f"<{len(ordered)}q", *ordered)


def unpack_hashes(data: bytes) -> frozenset[int]:
    return frozenset(struct.unpack(f"<{len(data) // 8}q", data))


def unpack_counts(data: bytes) -> dict[int, int]:
    flat = struct.unpack(f"<{len(data) // 8}q", data)
    return dict(zip(flat[::2], flat[1::2], strict=True))
