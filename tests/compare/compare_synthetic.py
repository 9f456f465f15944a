"""Synthetic text pairs with known shared passages, for measuring passage pairing.

:func:`make_pair` takes a base text and a pool of unrelated filler sentences and builds a second
text from some of the base's sentences (copied verbatim or lightly reworded) mixed with filler
sentences. Every planted sentence is recorded with its character span in both texts, so
precision and recall can be measured independently of the sentence splitter under test.

Light edits, one or two per sentence: synonym swaps, dropped words, reordered clauses.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Deliberately naive and independent of reader.core.compare.sentences.
_NAIVE_SPLIT = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)]*$")

SYNONYMS = {
    "said": "stated",
    "says": "states",
    "big": "large",
    "large": "big",
    "also": "too",
    "however": "but",
    "many": "numerous",
    "people": "citizens",
    "government": "administration",
    "new": "fresh",
    "first": "initial",
    "show": "reveal",
    "shows": "reveals",
    "help": "assist",
    "began": "started",
    "start": "begin",
    "end": "finish",
    "told": "informed",
    "buy": "purchase",
    "bought": "purchased",
    "company": "firm",
    "firms": "companies",
    "rise": "increase",
    "rose": "increased",
    "fell": "dropped",
    "fall": "drop",
    "make": "create",
    "made": "created",
    "important": "significant",
    "major": "key",
    "key": "major",
    "country": "nation",
    "countries": "nations",
    "around": "about",
    "about": "around",
    "very": "highly",
    "plans": "intends",
    "week": "seven days",
    "before": "prior to",
    "after": "following",
    "military": "armed forces",
    "war": "conflict",
    "attack": "assault",
    "leaders": "heads",
    "decision": "choice",
    "support": "backing",
    "officials": "authorities",
    "reported": "stated",
    "announced": "declared",
    "expected": "anticipated",
    "despite": "in spite of",
}
EDITS = ("synonym", "drop", "reorder")

# Sentences on other topics, to put around a planted claim in hand-written test texts.
FILLER = [
    "Prices of bread in the capital doubled over the winter, shopkeepers said.",
    "The national football team lost its opening match against Portugal on penalties.",
    "Heavy snow closed several mountain roads and delayed trains for hours.",
    "A new museum of modern art opened its doors in the old harbour district.",
    "Farmers complained that subsidies for fertiliser arrived months too late.",
    "The central bank kept its main interest rate unchanged for a third month.",
]


@dataclass(frozen=True)
class Planted:
    """A base sentence (span ``a``) planted in the second text (span ``b``) by ``edit``."""

    a: tuple[int, int]
    b: tuple[int, int]
    edit: str  # "exact" or a "+"-joined list of EDITS


@dataclass(frozen=True)
class SyntheticPair:
    a: str
    b: str
    planted: tuple[Planted, ...]


def naive_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by a simple rule (ends at . ! ? before a capital, or a blank line)."""
    spans = []
    start = 0
    for match in _NAIVE_SPLIT.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        s += len(chunk) - len(chunk.lstrip())
        e -= len(chunk) - len(chunk.rstrip())
        if s < e:
            out.append((s, e))
    return out


def filler_pool(texts: Iterable[str], min_words: int = 6) -> list[str]:
    """Whole sentences of ``texts`` (ending in . ! or ?) long enough to be filler."""
    pool = []
    for text in texts:
        for s, e in naive_sentences(text):
            sentence = " ".join(text[s:e].split())
            if len(sentence.split()) >= min_words and _ENDS_SENTENCE.search(sentence):
                pool.append(sentence)
    return pool


def make_pair(
    base: str,
    filler: Sequence[str],
    rng: random.Random,
    *,
    copy_rate: float = 0.25,
    edit_rate: float = 0.25,
    filler_rate: float = 0.6,
    shuffle_rate: float = 0.15,
    min_words: int = 8,
) -> SyntheticPair:
    """A second text built from ``base``; see the module docstring.

    After each base sentence, filler sentences follow while a coin with ``filler_rate``
    (below 1) comes up heads.

    Only whole sentences (``min_words`` or more, ending in . ! or ?) are planted, so that
    where one planted sentence ends and the next begins is not in doubt.
    """
    if not 0 <= filler_rate < 1:
        raise ValueError("filler_rate must be in [0, 1)")
    items: list[tuple[str, tuple[int, int] | None, str]] = []
    for s, e in naive_sentences(base):
        sentence = base[s:e]
        roll = rng.random()
        if (
            len(sentence.split()) >= min_words
            and "\n" not in sentence
            and _ENDS_SENTENCE.search(sentence)
        ):
            if roll < copy_rate:
                items.append((sentence, (s, e), "exact"))
            elif roll < copy_rate + edit_rate:
                edited, how = light_edit(sentence, rng)
                items.append((edited, (s, e), how))
        while filler and rng.random() < filler_rate:
            items.append((rng.choice(filler), None, "filler"))
    for _ in range(int(len(items) * shuffle_rate)):
        i, j = rng.randrange(len(items)), rng.randrange(len(items))
        items[i], items[j] = items[j], items[i]
    parts: list[str] = []
    planted: list[Planted] = []
    offset = 0
    for n, (sentence, source, how) in enumerate(items):
        sep = "" if n == 0 else ("\n\n" if rng.random() < 0.25 else " ")
        parts.append(sep)
        offset += len(sep)
        if source is not None:
            planted.append(Planted(source, (offset, offset + len(sentence)), how))
        parts.append(sentence)
        offset += len(sentence)
    return SyntheticPair(base, "".join(parts), tuple(planted))


def light_edit(sentence: str, rng: random.Random) -> tuple[str, str]:
    """``sentence`` with one or two light edits, and their names."""
    chosen = rng.sample(EDITS, rng.choice((1, 1, 2)))
    done = []
    for edit in chosen:
        changed = {"synonym": swap_synonyms, "drop": drop_words, "reorder": reorder_clauses}[edit](
            sentence, rng
        )
        if changed != sentence:
            sentence = changed
            done.append(edit)
    if not done:
        sentence = drop_words(sentence, rng)
        done.append("drop")
    return sentence, "+".join(done)


def swap_synonyms(
    sentence: str, rng: random.Random, most: int = 2, table: dict[str, str] | None = None
) -> str:
    synonyms = SYNONYMS if table is None else table
    words = sentence.split(" ")
    spots = [i for i, w in enumerate(words) if w.lower().strip(",.;:") in synonyms]
    for i in rng.sample(spots, min(most, len(spots))):
        word = words[i]
        core = word.lower().strip(",.;:")
        replacement = synonyms[core]
        if word[:1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        words[i] = (
            word.lower().replace(core, replacement, 1)
            if word[:1].islower()
            else (replacement + word[len(core) :])
        )
    return " ".join(words)


def drop_words(sentence: str, rng: random.Random, most: int = 2) -> str:
    words = sentence.split(" ")
    if len(words) < 6:
        return sentence
    for _ in range(rng.randint(1, most)):
        del words[rng.randrange(1, len(words) - 1)]
    return " ".join(words)


def reorder_clauses(sentence: str, rng: random.Random) -> str:
    """ "X, Y." becomes "Y, x." at a comma in the middle half of the sentence."""
    n = len(sentence)
    commas = [m.start() for m in re.finditer(", ", sentence) if n // 4 < m.start() < 3 * n // 4]
    if not commas:
        return sentence
    cut = rng.choice(commas)
    head, tail = sentence[:cut], sentence[cut + 2 :]
    end = ""
    while tail and tail[-1] in ".!?\"'”’":
        end = tail[-1] + end
        tail = tail[:-1]
    if not tail or not head:
        return sentence
    if head[:1].isupper() and not head.split(" ", 1)[0].isupper():
        head = head[:1].lower() + head[1:]
    return f"{tail[:1].upper()}{tail[1:]}, {head}{end}"


def overlaps(x: tuple[int, int], y: tuple[int, int]) -> bool:
    """Whether span ``x`` overlaps span ``y`` by at least half of the shorter one."""
    common = min(x[1], y[1]) - max(x[0], y[0])
    return common > 0 and common * 2 >= min(x[1] - x[0], y[1] - y[0])


@dataclass(frozen=True)
class Tally:
    """Counts behind precision (``correct / predicted``) and recall (``found / planted``)."""

    correct: int = 0
    predicted: int = 0
    found: int = 0
    planted: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.correct + other.correct,
            self.predicted + other.predicted,
            self.found + other.found,
            self.planted + other.planted,
        )

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0


def tally(
    predicted: Sequence[tuple[tuple[int, int], tuple[int, int]]],
    planted: Sequence[Planted],
    restated: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
) -> Tally:
    """How many predicted (a, b) span pairs match a planted sentence, and vice versa.

    ``restated``: pairs of sentence spans of the base text that make the same claim (judged by
    hand). A predicted pair of one of them with the planted copy of the other is correct: it
    pairs the same claim, though the generator did not plant it. Recall counts planted only.
    """

    def same(x: tuple[int, int], source: tuple[int, int]) -> bool:
        if overlaps(x, source):
            return True
        return any(
            (overlaps(source, r) and overlaps(x, s)) or (overlaps(source, s) and overlaps(x, r))
            for r, s in restated
        )

    correct = sum(
        1 for a, b in predicted if any(same(a, p.a) and overlaps(b, p.b) for p in planted)
    )
    found = sum(
        1 for p in planted if any(overlaps(a, p.a) and overlaps(b, p.b) for a, b in predicted)
    )
    return Tally(correct, len(predicted), found, len(planted))


# -- rewordings: the same claim in other words -------------------------------------------------

REWORDINGS = {
    "said": "stated",
    "says": "claims",
    "told": "informed",
    "announced": "unveiled",
    "expected": "forecast",
    "increase": "rise",
    "increased": "climbed",
    "rose": "climbed",
    "fell": "declined",
    "cut": "reduce",
    "big": "major",
    "large": "sizeable",
    "small": "modest",
    "many": "numerous",
    "people": "individuals",
    "government": "administration",
    "company": "firm",
    "firm": "company",
    "shares": "stock",
    "profits": "earnings",
    "sales": "revenues",
    "market": "sector",
    "plans": "proposals",
    "plan": "proposal",
    "bid": "offer",
    "deal": "agreement",
    "help": "assist",
    "began": "started",
    "start": "launch",
    "believe": "think",
    "because": "as",
    "however": "yet",
    "also": "additionally",
    "very": "extremely",
    "important": "significant",
    "country": "nation",
    "minister": "secretary",
    "warned": "cautioned",
    "claimed": "alleged",
    "added": "continued",
    "decision": "ruling",
    "support": "backing",
    "win": "victory",
    "won": "secured",
    "lost": "suffered",
    "chief": "head",
    "boss": "head",
    "officials": "authorities",
    "problems": "difficulties",
    "problem": "difficulty",
    "rules": "regulations",
    "costs": "expenses",
    "money": "funds",
    "figures": "data",
    "biggest": "largest",
    "latest": "most recent",
    "about": "roughly",
    "around": "approximately",
    "before": "prior to",
    "after": "following",
    "while": "whereas",
}
REWORD_EDITS = ("synonyms", "reorder", "figure", "voice")
_VOICE = re.compile(r"^([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}) (\w+ed) (.+?)([.!?])$")


def reword(sentence: str, rng: random.Random) -> tuple[str, str]:
    """``sentence`` re-told: most of its replaceable words swapped from :data:`REWORDINGS`,
    plus, where the sentence allows, clauses reordered, a figure changed, active made passive.

    Returns the new sentence and the "+"-joined names of what was done ("synonyms" always).
    """
    done = []
    changed = swap_synonyms(sentence, rng, most=99, table=REWORDINGS)
    done.append("synonyms")
    for edit in rng.sample(REWORD_EDITS[1:], rng.choice((1, 2))):
        step = {"reorder": reorder_clauses, "figure": change_figure, "voice": passive}[edit]
        after = step(changed, rng)
        if after != changed:
            changed = after
            done.append(edit)
    return changed, "+".join(done)


def retell(sentence: str, rng: random.Random, share: float = 0.3) -> tuple[str, str]:
    """A harder rewording: :func:`reword`, then ``share`` of the words left out (a re-telling
    that keeps the claim but not every detail), so fewer of the words both sides share remain.
    Returns the new sentence and the edits' names ("drop" last)."""
    told, how = reword(sentence, rng)
    words = told.split(" ")
    drop = int(len(words) * share)
    if len(words) - drop < 5:
        return told, how
    for _ in range(drop):
        del words[rng.randrange(1, len(words) - 1)]
    return " ".join(words), how + "+drop"


def change_figure(sentence: str, rng: random.Random) -> str:
    """One number changed by 10-50 % ("a changed figure" the diff must flag)."""
    numbers = list(re.finditer(r"\b\d+(?:\.\d+)?\b", sentence))
    if not numbers:
        return sentence
    match = rng.choice(numbers)
    value = float(match.group())
    new = value * rng.choice((0.5, 0.8, 1.2, 1.5))
    text = f"{new:.1f}" if "." in match.group() else str(max(1, round(new)))
    if text == match.group():
        text = str(int(value) + 1)
    return sentence[: match.start()] + text + sentence[match.end() :]


def passive(sentence: str, rng: random.Random) -> str:
    """ "Name verbed the thing." -> "The thing was verbed by Name." (simple cases only)."""
    match = _VOICE.match(sentence)
    if match is None or len(match.group(3).split()) < 2:
        return sentence
    subject, verb, rest, end = match.groups()
    return f"{rest[:1].upper()}{rest[1:]} was {verb} by {subject}{end}"


def make_reworded_pair(
    base: str,
    filler: Sequence[str],
    rng: random.Random,
    *,
    reword_rate: float = 0.4,
    filler_rate: float = 0.6,
    min_words: int = 8,
    harder: bool = False,
) -> SyntheticPair:
    """Like :func:`make_pair`, with planted sentences re-told by :func:`reword` (edit names
    prefixed ``reword:``) instead of copied, or by :func:`retell` when ``harder``; filler as
    there."""
    items: list[tuple[str, tuple[int, int] | None, str]] = []
    for s, e in naive_sentences(base):
        sentence = base[s:e]
        if (
            len(sentence.split()) >= min_words
            and "\n" not in sentence
            and _ENDS_SENTENCE.search(sentence)
            and rng.random() < reword_rate
        ):
            told, how = (retell if harder else reword)(sentence, rng)
            items.append((told, (s, e), "reword:" + how))
        while filler and rng.random() < filler_rate:
            items.append((rng.choice(filler), None, "filler"))
    parts: list[str] = []
    planted: list[Planted] = []
    offset = 0
    for n, (sentence, source, how) in enumerate(items):
        sep = "" if n == 0 else ("\n\n" if rng.random() < 0.25 else " ")
        parts.append(sep)
        offset += len(sep)
        if source is not None:
            planted.append(Planted(source, (offset, offset + len(sentence)), how))
        parts.append(sentence)
        offset += len(sentence)
    return SyntheticPair(base, "".join(parts), tuple(planted))
