"""Candidate names: runs of capitalised words, with the context the rules read.

A run such as "Defense Minister Rustem Umerov" or "National Security and Defense
Council" becomes one :class:`Span`; connectors ("of", "and", "the") stay inside only
where names use them ("Bank of England"), possessives end a run ("Ukraine's Chief").
Lines that are mostly capitals (headlines, "LONDON 1996-08-30") say nothing about
names through case, so their words are handed on one by one, flagged ``shouting``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice

from reader.core.entities.lexicon import (
    CONNECTORS,
    CORP_SUFFIXES,
    ORG_HEADS,
    ORG_STARTS,
    PEOPLE_OF,
    PLACE_HEADS,
    TITLES,
)

_UPPER = "".join(chr(c) for c in range(0x2000) if chr(c).isupper())
_UP = f"[{re.escape(_UPPER)}]"
# Arabic article and kinship particles joined by a hyphen: "al-Assad", "bin-Talal".
_PARTICLE = r"(?:al|el|ad|ash|as|at|ar|az|an|bin|ibn|abu|abd)-"
# Abbreviated titles keep their full stop and stay with the name: "Gen. Mark Milley".
_TITLE_ABBR = r"(?:Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Pvt|Adm|Cmdr|Brig|Gov|Sen|Rep|Rev|Prof)"
_WORD = (
    rf"{_TITLE_ABBR}\.(?=[ \t]+{_UP})|(?:{_UP}\.){{2,}}|{_UP}\.(?=[ \t]+{_UP})"
    rf"|(?:{_PARTICLE})?{_UP}(?:\w|[-'’&.](?=\w))*(?:(?<=[a-z]s)['’](?=[ \t]+{_UP}))?"
)
_CONN = "|".join([*sorted(CONNECTORS, key=len, reverse=True), "&"])
_GAP = rf"[ \t\u00a0]+(?:(?:{_CONN})[ \t\u00a0]+){{0,2}}"
RUN = re.compile(rf"(?<![\w'’])(?:{_WORD})(?:{_GAP}(?:{_WORD}))*")
# Every run opens with a capital, or with a particle and its hyphen just before one
# ("al-Assad"). ``RUN.finditer`` tries the whole pattern at every character; a
# pattern that is one character class lets the regex engine skip to the capitals,
# where :func:`runs` tries ``RUN`` (and the particle positions before them).
_CAPITAL = re.compile(_UP)
_PARTICLE_SIZES = (4, 3)  # "ash-", "bin-" ... then "al-", "el-" ...
_TOKEN = re.compile(rf"{_WORD}|\w+|&")
_LINE = re.compile(r"[^\n]+")
_LOWER_START = re.compile(r"\s[a-z]")
# The last word before a point (what ``([\w.'’-]+)[^\w\n]*$`` finds) is found from
# the end of the window: a search for that pattern tries every position of it.
_RUN = re.compile(r"[\w.'’-]+")
_WORD_OR_LINE = re.compile(r"[\w\n]")
_RUN_WITH_WORD = re.compile(r"[\w.'’-]*\w[\w.'’-]*")
_NEXT_WORD = re.compile(r"^[^\w\n]*?([\w'’-]+)")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_PLURAL_POSSESSIVE = re.compile(r"[a-z]s['’]$")
_OPENERS = " \t\u00a0\"“‘'([*_—–-"
_ENDERS = ".!?:;•|>#"
_ENDERS_OR_LINE = _ENDERS + "\n"
# Abbreviations that end a name and keep their full stop ("Barnett Banks Inc.").
_ABBREVIATIONS = frozenset(
    """
    inc corp co ltd bros cos jr sr plc llc
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss
    mo mont neb nev okla ore pa tenn tex va vt wash wis wyo
    """.split()
)
# Military units are numbered: "65th Mechanized Brigade", "3rd Army".
UNITS = frozenset("brigade battalion regiment division corps army fleet squadron".split())
ORDINAL = re.compile(r"\d{1,4}(?:st|nd|rd|th)")
ORDINAL_BEFORE = re.compile(rf"(?<![\w.,])({ORDINAL.pattern})[ \t]+$")
# A company's legal form closes its name: "of" after it starts where the company is.
_LEGAL_SUFFIXES = frozenset("inc corp co ltd plc llc lp ag sa nv bv gmbh spa".split())
_JOINING_OF = (
    ORG_HEADS | ORG_STARTS | PLACE_HEADS | PEOPLE_OF | {"republic", "kingdom", "states", "isle"}
)


@dataclass(slots=True)  # made by the hundred thousand: no per-instance dict
class Span:
    """One candidate: word tokens with offsets, and where it stands."""

    words: list[tuple[int, int, str]]
    initial: bool = False
    shouting: bool = False
    prev: str = ""
    next: str = ""
    possessive: bool = False
    after: str = ""  # the rest of the line, up to 40 characters
    bare: bool = False  # one word never a name alone: no context read, never classified
    before: str = ""  # up to 60 characters before the span, where prev2 is read
    _prev2: tuple[str, bool] | None = field(default=None, init=False, repr=False, compare=False)

    # Written out: the compiled build compiles a class's own __init__, not the one the
    # dataclass decorator generates at import (which ran as Python for every candidate).
    def __init__(
        self,
        words: list[tuple[int, int, str]],
        initial: bool = False,
        shouting: bool = False,
        prev: str = "",
        next: str = "",
        possessive: bool = False,
        after: str = "",
        bare: bool = False,
        before: str = "",
    ) -> None:
        self.words = words
        self.initial = initial
        self.shouting = shouting
        self.prev = prev
        self.next = next
        self.possessive = possessive
        self.after = after
        self.bare = bare
        self.before = before
        self._prev2 = None

    def __copy__(self) -> Span:
        # Compiled, the class has no argument-free __new__, which copy's default needs.
        return replace(self)

    @property
    def start(self) -> int:
        return self.words[0][0]

    @property
    def end(self) -> int:
        return self.words[-1][1]

    @property
    def text(self) -> str:
        return " ".join([w[2] for w in self.words])

    @property
    def prev2(self) -> str:
        """The word before ``prev`` ("town" in "town of Tavildara"), lower-cased."""
        return self._second_before()[0]

    @property
    def prev2_cap(self) -> bool:
        """Whether that word was capitalised ("Crosses of Military Merit")."""
        return self._second_before()[1]

    def _second_before(self) -> tuple[str, bool]:
        # Read on demand: few rules ask, and only after looking at ``prev``.
        if self._prev2 is None:
            prev_m = prev_word(self.before, len(self.before))
            prev2_m = prev_word(self.before, prev_m[0]) if prev_m else None
            self._prev2 = (prev2_m[1].lower(), prev2_m[1][:1].isupper()) if prev2_m else ("", False)
        return self._prev2


def shouting_lines(text: str, common: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Lines written in capitals or Title Case, where case tells nothing about names.

    A Title Case line counts only when most of its words are ordinary words, so a
    byline ("Jason Melanovski, Clara Weiss") keeps its names.
    """
    found = []
    for line in _LINE.finditer(text):
        content = line.group()
        # Prose lines (most) are ruled out without looking at their words one by one:
        # L words opening in a lower-case letter fail the Title Case test, and leave
        # the capitals test short unless there are 1.5 L words in capitals (U >= 0.6
        # (U + L)). ``lower`` counts only ASCII letters after a space, ``upper`` every
        # token in capitals: never more than L, never fewer than U.
        # The line is skipped when ``lower`` (at least 1) exceeds upper / 1.5: the
        # matches are counted only up to floor(upper / 1.5) + 1, most often 1 (prose
        # has no word in capitals), never all of them.
        first = _LOWER_START.search(content)
        if first is not None:
            need = int(sum(map(str.isupper, content.split())) / 1.5)  # more matches
            if (
                not need
                or len(list(islice(_LOWER_START.finditer(content, first.end()), need))) == need
            ):
                continue
        words = [w for w in content.split() if w[:1].isalpha()]
        count = len(words)
        if count < 2:
            continue
        # Cheapest tests first: prose lines fail the count and the first lower-case word.
        if sum(map(str.isupper, words)) >= 0.6 * count and any(
            len(w) > 1 and w.isupper()
            for w in words  # "I A" is no headline
        ):
            found.append(line.span())  # "W L PCT GB" is a table header
        elif (
            count >= 4
            and all(w[0].isupper() for w in words)
            and sum(1 for w in words if common(w)) * 2 > count
        ):
            found.append(line.span())
    return found


def line_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)`` for a MULTILINE pattern that opens
    with ``^`` and never crosses a line break: tried once per line start, where
    ``finditer`` tries (and fails) at every character. A match ends on the line it
    started on, so the next line start is past it, as ``finditer`` would go on."""
    match, find = pattern.match, text.find
    pos = 0
    while True:
        found = match(text, pos)
        if found is not None:
            yield found
        pos = find("\n", pos) + 1
        if not pos:
            return


def runs(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``RUN.finditer(text)``, found by skipping to the capitals."""
    pos = 0
    search, match = _CAPITAL.search, RUN.match
    while (capital := search(text, pos)) is not None:
        at = capital.start()
        found = None
        if at >= 3 and text[at - 1] == "-":
            # A particle may open the run a few characters earlier: tried first, as
            # the left-most match is the one ``finditer`` gives.
            for size in _PARTICLE_SIZES:
                if at - size >= pos and (found := match(text, at - size)) is not None:
                    break
        if found is None and (found := match(text, at)) is None:
            pos = at + 1
            continue
        yield found
        pos = found.end()


def find_spans(
    text: str, common: Callable[[str], bool], bare: Callable[[str], bool] | None = None
) -> Iterator[Span]:
    """Yield candidate spans in text order (``common`` tells ordinary words).

    A span of one word for which ``bare`` is true ("The", "But", "French": words the
    classifier drops when they stand alone) is yielded with its words and ``initial``
    only: reading the words around it would be wasted.
    """
    loud = shouting_lines(text, common)
    li = 0
    shouting = False
    for match in runs(text):
        if loud:  # most texts have no line in capitals
            while li < len(loud) and loud[li][1] <= match.start():
                li += 1
            shouting = li < len(loud) and loud[li][0] <= match.start() < loud[li][1]
        run = match.group()
        if not (" " in run or "\t" in run or "\xa0" in run):
            # Only a gap puts a space in a run: this is one word, the token it would
            # give, and what the splitting below would yield, without it.
            if not (run in CONNECTORS or run == "&" or (shouting and run.lower() in CONNECTORS)):
                yield _word_with_context(text, match.start(), match.end(), run, shouting, bare)
            continue
        start = match.start()
        prefixed = start >= 2 and text[start - 1] == "-" and text[start - 2].islower()
        for part in _parts(run, shouting, prefixed):
            yield _with_context(
                text, [(start + a, start + b, w) for a, b, w in part], shouting, bare
            )


Part = tuple[tuple[int, int, str], ...]


@lru_cache(maxsize=32_768)  # runs of several words recur across a corpus
def _parts(run: str, shouting: bool, prefixed: bool) -> tuple[Part, ...]:
    """The candidates a run with gaps is cut into, as tokens with offsets in ``run``:
    what the cutting depends on besides the run is whether its line is in capitals
    and whether a lower-case prefix and a hyphen come just before it ("pro-NATO")."""
    tokens = _run_tokens(run, 0)
    return tuple(
        tuple(part) for chunk in _prefixed(tokens, shouting, prefixed) for part in and_split(chunk)
    )


def _run_tokens(run: str, pos: int) -> list[tuple[int, int, str]]:
    """What ``_TOKEN.finditer`` gives over a run with gaps that starts at ``pos``: a
    run is words and connectors (plain words or "&") with only blanks between them,
    so its tokens are its pieces between blanks, found by ``split`` (each is found
    from where the last ended: the blanks before it cannot hold its first character)."""
    tokens = []
    base = pos
    pos = 0
    find = run.find
    for piece in run.split():
        pos = find(piece, pos)
        tokens.append((base + pos, base + pos + len(piece), piece))
        pos += len(piece)
    return tokens


def _prefixed(
    tokens: list[tuple[int, int, str]], shouting: bool, prefixed: bool
) -> Iterator[list[tuple[int, int, str]]]:
    """ "pro-NATO Kyiv Independent": the word after a lower-case prefix (``prefixed``:
    a lower-case letter and a hyphen before the run) stands alone."""
    if len(tokens) > 1 and prefixed and tokens[0][2].lower().rstrip(".") not in TITLES:
        yield [tokens[0]]
        tokens = tokens[1:]
    yield from _split(tokens, shouting)


def _split(
    tokens: list[tuple[int, int, str]], shouting: bool
) -> Iterator[list[tuple[int, int, str]]]:
    chunk: list[tuple[int, int, str]] = []
    pending: list[tuple[int, int, str]] = []
    for tok in tokens:
        word = tok[2]
        if word in CONNECTORS or word == "&" or (shouting and word.lower() in CONNECTORS):
            if chunk:
                pending.append(tok)
            continue
        if shouting:
            if chunk:
                yield chunk
            chunk, pending = [tok], []
        elif pending and not _joins(chunk, pending, word):
            yield chunk
            chunk, pending = [tok], []
        else:
            chunk.extend(pending)
            chunk.append(tok)
            pending = []
        if (
            word[-1] in "s'’"  # what the pattern ends in: most words are done here
            and _POSSESSIVE.search(word)
            and not shouting
            and not _PLURAL_POSSESSIVE.search(word)
        ):
            yield chunk  # "Ukraine's Chief" is two names; "Veterans' Affairs" is one
            chunk, pending = [], []
    if chunk:
        yield chunk


def and_split(chunk: list[tuple[int, int, str]]) -> Iterator[list[tuple[int, int, str]]]:
    """ "Security and Defense Council" stays whole; "Zelensky and Umerov" does not."""
    if len(chunk) < 3 or "and" not in (t[2] for t in chunk):
        yield chunk
        return
    part: list[tuple[int, int, str]] = []
    words = [t[2] for t in chunk]
    keep = {
        i
        for i, w in enumerate(words)
        if w == "and"
        and 0 < i < len(words) - 1
        and words[i + 1] != "the"
        and not words[i - 1].isupper()
        # "Chevron Corp and Texaco Inc": a company's suffix closes its name.
        and words[i - 1].lower().rstrip(".") not in CORP_SUFFIXES
    }
    if len(keep) == words.count("and") and chunk[-1][2].lower() in ORG_HEADS:
        yield chunk
        return
    for tok in chunk:
        if tok[2] == "and":
            if part:
                yield part
            part = []
        else:
            part.append(tok)
    if part:
        yield part


_PARTICLE_PAIRS = frozenset(
    (("van", "der"), ("van", "den"), ("van", "de"), ("von", "der"), ("de", "la"), ("de", "los"))
)


def _joins(
    chunk: list[tuple[int, int, str]], pending: list[tuple[int, int, str]], nxt: str
) -> bool:
    conn = [p[2] for p in pending]
    left = [w[2].lower() for w in chunk if w[2] not in CONNECTORS]
    if not left:
        return False
    first = conn[0]
    if first == "&":
        return len(conn) == 1  # "Standard & Poor", "A.G. Edwards & Sons"
    if first == "of":
        if left[-1] in _LEGAL_SUFFIXES:
            return False  # "Dow Chemical Co of the United States": the suffix ends it
        return left[-1] in _JOINING_OF or left[0] in ORG_STARTS
    if first == "and":
        return True  # kept only if the run ends in an organisation word; see and_split
    if first == "for":
        return any(w in ORG_HEADS or w in ORG_STARTS for w in left)
    if first == "the":
        return False
    # Name particles: "bin", "van", "de", "al"; two of them in "Joost van der
    # Westhuizen", "Oscar de la Hoya".
    return len(conn) == 1 or (
        len(conn) == 2 and (conn[0].lower(), conn[1].lower()) in _PARTICLE_PAIRS
    )


def prev_word(text: str, end: int) -> tuple[int, str] | None:
    r"""The last word of ``text[:end]`` followed only by non-word characters on its
        line (as ``([\w.'’-]+)[^\w
    ]*$`` would find it): its start and text, or None."""
    if end >= 2 and text[end - 1] == " " and text[end - 2] != " ":
        # Most often a plain word and one space ("said the "): that word, when the
        # whole token is run characters with a letter or digit in it.
        cut = text.rfind(" ", 0, end - 1)
        token = text[cut + 1 : end - 1]
        if _RUN_WITH_WORD.fullmatch(token):
            return cut + 1, token
    elif end >= 2 and text[end - 1] == ".":
        # A word and its full stop ("Smith.", "U.S."): the stop is a run character,
        # so the token after the last space, when it is all run characters with a
        # letter or digit, is the word the pattern finds, up to the end.
        cut = text.rfind(" ", 0, end)
        token = text[cut + 1 : end]
        if _RUN_WITH_WORD.fullmatch(token):
            return cut + 1, token
    if end > 0 and text[end - 1] == "\n":
        end -= 1  # as ``$`` does, a final newline is looked past
    reverse = text[end - 1 :: -1] if end > 0 else ""
    hit = _WORD_OR_LINE.search(reverse)
    if hit is not None and reverse[hit.start()] != "\n":
        last = end - 1 - hit.start()  # the last word character
        left = end - _RUN.match(reverse, hit.start()).end()  # type: ignore[union-attr]
        right = _RUN.match(text, last, end).end()  # type: ignore[union-attr]
        return left, text[left:right]
    # No word character after the last line break: the first run of ".'’-" there.
    begin = end - hit.start() if hit is not None else 0
    run = _RUN.search(text, begin, end)
    return (run.start(), run.group()) if run is not None else None


def _opens_sentence(before: str) -> bool:
    """Whether a word after ``before`` (the text just before it) opens a sentence or a line."""
    head = before.rstrip(_OPENERS)
    initial = not head or head[-1] in _ENDERS_OR_LINE
    if head and head[-1] == "." and len(head) >= 2:
        # "Mr. Smith" and "U.S. officials" are not sentence starts.
        prev_tok = prev_word(head, len(head))
        if prev_tok and (len(prev_tok[1]) <= 4 or prev_tok[1].count(".") >= 2):
            initial = bool(re.search(r"(?:^|\n)\s*$", head[: prev_tok[0]])) or initial
    return initial


def _word_with_context(
    text: str,
    start: int,
    end: int,
    word: str,
    shouting: bool,
    bare: Callable[[str], bool] | None,
) -> Span:
    """``_with_context(text, [(start, end, word)], shouting, bare)`` for one word
    (most candidates), without its list work when the word is kept as it is."""
    low = word.lower()
    if (
        (not shouting and low in UNITS)
        or (low in _ABBREVIATIONS and text[end : end + 1] == ".")
        or (not shouting and word[-1] in "s'’" and _POSSESSIVE.search(word) and len(word) > 2)
    ):
        return _with_context(text, [(start, end, word)], shouting, bare)
    before = text[max(0, start - 60) : start]
    initial = _opens_sentence(before)
    if bare is not None and not shouting and bare(word):
        return Span([(start, end, word)], initial, False, "", "", False, "", True)
    prev_m = prev_word(before, len(before))
    after = text[end : end + 40].partition("\n")[0]
    next_m = _NEXT_WORD.search(after)
    return Span(
        [(start, end, word)],
        initial,
        shouting,
        prev_m[1].lower().rstrip(".") if prev_m else "",
        next_m.group(1).lower() if next_m else "",
        False,
        after,
        False,
        before,
    )


def _with_context(
    text: str,
    words: list[tuple[int, int, str]],
    shouting: bool,
    bare: Callable[[str], bool] | None = None,
) -> Span:
    last = words[-1]
    low = last[2].lower()
    if not shouting and low in UNITS:
        ordinal = ORDINAL_BEFORE.search(text, max(0, words[0][0] - 12), words[0][0])
        if ordinal:
            words = [(ordinal.start(1), ordinal.end(1), ordinal.group(1)), *words]
    end = last[1]
    if text[end : end + 1] == "." and low in _ABBREVIATIONS:
        end += 1
        last = (last[0], end, last[2] + ".")
        words = [*words[:-1], last]  # "Corp.", "Fla."
    start = words[0][0]
    possessive = False
    word = last[2]
    if not shouting and word[-1] in "s'’" and _POSSESSIVE.search(word) and len(word) > 2:
        stem = _POSSESSIVE.sub("", word)
        words = [*words[:-1], (last[0], last[0] + len(stem), stem)]
        possessive = True
    before = text[max(0, start - 60) : start]
    initial = _opens_sentence(before)
    if bare is not None and not shouting and len(words) == 1 and bare(words[0][2]):
        return Span(words, initial, False, "", "", possessive, "", True)
    prev_m = prev_word(before, len(before))
    after = text[end : end + 40].partition("\n")[0]
    next_m = _NEXT_WORD.search(after)
    # (Made for every candidate: the fields in their order, which binds faster.)
    return Span(
        words,
        initial,
        shouting,
        prev_m[1].lower().rstrip(".") if prev_m else "",
        next_m.group(1).lower() if next_m else "",
        possessive,
        after,
        False,
        before,
    )
