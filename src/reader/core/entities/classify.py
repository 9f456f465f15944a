"""Typing one candidate span from its own words and immediate context.

Each decision carries a strength: 3 for a cue that rarely misleads (a title, an
organisation suffix, a gazetteer place), 2 for good context, 1 for a guess from the
shape of the words. The document pass (:mod:`document`) lets strong readings of a
name overrule weak ones elsewhere in the same article.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from reader.core.entities.ages import aged
from reader.core.entities.capitals import place_in_capitals
from reader.core.entities.car_models import car_model
from reader.core.entities.demonyms import is_demonym
from reader.core.entities.gazetteer import Gazetteer, Place
from reader.core.entities.hyphenated import personal_name
from reader.core.entities.indices import index_name, market_index
from reader.core.entities.labels import label
from reader.core.entities.lexicon import (
    CLUB_HEADS,
    CLUB_STARTS,
    CORP_SUFFIXES,
    EVENT_HEADS,
    FOREIGN_ARTICLES,
    MEDIA,
    NEVER,
    NEWS_AGENCIES,
    ORG_AFTER_NOUNS,
    ORG_BEFORE_NOUNS,
    ORG_HEADS,
    ORG_STARTS,
    PAPER_NOUNS,
    PARTIES,
    PERSON_AFTER,
    PERSON_BEFORE,
    PERSON_NEXT_NOUNS,
    PLACE_BEFORE,
    PLACE_BEFORE_NOUNS,
    PLACE_HEADS,
    PLACE_STARTS,
    THE_MEDIA,
    TITLE_MODIFIERS,
    TITLES,
)
from reader.core.entities.model import EntityType
from reader.core.entities.modifiers import based
from reader.core.entities.quoted import quoted
from reader.core.entities.religious import addressed
from reader.core.entities.spans import Span
from reader.core.entities.states import abbreviated_state, state_after_town
from reader.core.entities.surname_towns import surname_town
from reader.core.entities.things import thing
from reader.core.entities.venues import venue

COMMON_ZIPF = 3.3  # "ordinary English word" threshold, Zipf scale (lower-case form)
STRONG, MEDIUM, WEAK, UNKNOWN = 3, 2, 1, 0


@dataclass(slots=True)  # one per mention, read over and over by the document rules
class Typed:
    """A span trimmed to its name, with a type guess and how sure the guess is."""

    span: Span
    words: list[tuple[int, int, str]]
    type: EntityType | None
    strength: int
    place: Place | None = None
    titled: bool = False
    dateline: bool = False  # "LONDON 1996-08-30": a place, whatever else the name is
    side: bool = False  # named on a results line ("Nantes 0 Lens 1"): a club

    # Written out so that the compiled build compiles it (see spans.Span.__init__).
    def __init__(
        self,
        span: Span,
        words: list[tuple[int, int, str]],
        type: EntityType | None,
        strength: int,
        place: Place | None = None,
        titled: bool = False,
        dateline: bool = False,
        side: bool = False,
    ) -> None:
        self.span = span
        self.words = words
        self.type = type
        self.strength = strength
        self.place = place
        self.titled = titled
        self.dateline = dateline
        self.side = side
        self._name_of = None
        self._name = ""

    def __copy__(self) -> Typed:
        return replace(self)  # (see spans.Span.__copy__)

    @property
    def start(self) -> int:
        return self.words[0][0]

    @property
    def end(self) -> int:
        return self.words[-1][1]

    @property
    def name(self) -> str:
        # Asked many times per mention by the document rules: joined once per list of
        # words (the rules replace ``words``, never edit the list in place).
        words = self.words
        if words is not self._name_of:
            self._name = " ".join([w[2] for w in words])  # (a list joins faster)
            self._name_of = words
        return self._name

    _name_of: list[tuple[int, int, str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _name: str = field(default="", init=False, repr=False, compare=False)


# Names recur across a corpus: how :meth:`Classifier.trim` cuts a span and the plan
# of :meth:`Classifier._decide` for its words (see :func:`plan`) are kept per
# gazetteer, under everything else they depend on. Each is cleared when full (a
# plan holds its steps, most of them shared, and the few values its own read).
MEMO_SIZE = 32_768


# A cut: the words kept (``span.words[lo:hi]``), whether a title was dropped, the
# word that becomes ``span.prev`` (or None) and the plan for the words kept (None
# for none kept, a title, or a name ``_decide`` reads itself).
_Cut = tuple[int, int, bool, "str | None", "Plan | None"]


class _Memo:
    """One gazetteer's cuts and plans, and a classifier for plans to use."""

    __slots__ = ("cuts", "plans", "rules")

    def __init__(self) -> None:
        self.cuts: dict[tuple[object, ...], _Cut] = {}
        self.plans: dict[tuple[tuple[str, ...], Place | None], Plan] = {}
        self.rules: Classifier | None = None


_MEMOS: weakref.WeakKeyDictionary[Gazetteer, _Memo] = weakref.WeakKeyDictionary()


def _memo_of(gaz: Gazetteer) -> _Memo:
    found = _MEMOS.get(gaz)
    if found is None:
        found = _MEMOS[gaz] = _Memo()
        found.rules = Classifier(gaz, {})  # plans never read ``mid_caps``
    return found


def clear_memos() -> None:
    """Forget every kept cut and plan (tests compare answers with and without)."""
    for memo in list(_MEMOS.values()):
        memo.cuts.clear()
        memo.plans.clear()


class Classifier:
    """Rules over one span; ``mid_caps`` holds words seen capitalised mid-sentence."""

    def __init__(self, gaz: Gazetteer, mid_caps: dict[str, int]) -> None:
        self.gaz = gaz
        self.mid_caps = mid_caps
        self._memo = _memo_of(gaz)
        self.steps: tuple[Step, Step] | None = None  # see _steps_of

    def common(self, word: str) -> bool:
        return self.gaz.zipf(word.rstrip("'’")) >= COMMON_ZIPF

    def trim(self, span: Span) -> tuple[list[tuple[int, int, str]], bool]:
        """Drop leading openers, articles, nationalities and titles; report a title.

        A word dropped as "the" or a word never a name becomes ``span.prev``.
        """
        lo, hi, titled, prev, _ = self._cut(span)
        if prev is not None:
            span.prev = prev
        return span.words[lo:hi], titled

    def _cut(self, span: Span) -> _Cut:
        """:meth:`_trim` of ``span`` and the plan for the words kept, as kept."""
        words = span.words
        initial = span.initial
        texts = tuple([w[2] for w in words])
        # Everything the cut depends on besides the gazetteer (see ``_trim``): whether
        # a country in brackets follows, and for a sentence's first word whether the
        # article has it in capitals mid-sentence.
        key = (
            texts,
            initial,
            len(words) > 1 and self.entrant(span),
            initial and texts[0].lower() in self.mid_caps,
        )
        cuts = self._memo.cuts
        cut = cuts.get(key)
        if cut is None:
            lo, hi, titled, prev = self._trim(span, key[2])
            kept = texts[lo:hi]
            found = None
            # (An acronym the gazetteer knows is a place or not by the words after it:
            # ``_decide`` reads it every time. Any other name's place is its own.)
            if not titled and kept and not (_acronym_alone(kept) and self.gaz.place(kept[0])):
                place = None if _acronym_alone(kept) else self.gaz.place(" ".join(kept))
                found = self._plan(kept, place)
            cut = (lo, hi, titled, prev, found)
            if len(cuts) >= MEMO_SIZE:
                cuts.clear()
            cuts[key] = cut
        return cut

    def _plan(self, texts: tuple[str, ...], place: Place | None) -> Plan:
        plans = self._memo.plans
        key = (texts, place)
        try:
            return plans[key]
        except KeyError:
            assert self._memo.rules is not None
            found = plans[key] = plan(self._memo.rules, texts, place)
            if len(plans) >= MEMO_SIZE:
                plans.clear()
            return found

    def _trim(self, span: Span, entrant: bool) -> tuple[int, int, bool, str | None]:
        """What :meth:`trim` does to ``span``: the words kept (``span.words[lo:hi]``),
        whether a title was dropped, and the word dropped last that becomes
        ``span.prev`` (None when none does).

        Reads nothing of ``span`` but its words' texts and ``initial`` (``entrant`` is
        read by the caller), of the article nothing but whether ``mid_caps`` holds
        the first word: :meth:`trim` keeps the answers under those.
        """
        words = list(span.words)
        lo, hi = 0, len(words)
        prev: str | None = None
        titled = False
        first = True
        while words:
            word = words[0][2]
            low = word.lower()
            if len(words) > 1 and low != "the" and self._is_place(words):
                break  # "Saudi Arabia" keeps its first word; "the United States" does not
            if entrant and 1 < len(words) <= 3 and self.gaz.is_first_name(word):
                break  # "Jan Siemerink (Netherlands)": "Jan" is no month here
            # (One word is never a title before a name, and the checks of a head
            # word look at two words or three: each is skipped when it cannot hold.)
            size = self.title_size(words) if len(words) > 1 else 0
            if size and len(words) > size and not self.generic(words[size:]):
                titled = True  # before openers: "General Zaluzhnyi" opens sentences
                words = words[size:]
                lo += size
            elif len(words) > 1 and self._keeps_head(words):
                break
            elif len(words) == 2 and addressed([w[2] for w in words], self.gaz.is_first_name):
                break  # "Mother Teresa was born": the form of address stays
            elif (
                len(words) == 2
                and (is_demonym(word) or low in _POLITICAL or low in _FAITHS)
                and (words[1][2].lower() in ORG_HEADS or _faith_group(words))
            ):
                break  # "European Union", "Conservative Party", "Islamic State"
            elif len(words) > 2 and self._national_name(words):
                break  # "Scottish National Party", "North Atlantic Treaty Organisation"
            elif (
                _never(word)
                or low in ("the", "a", "an")
                or is_demonym(word)
                or (
                    first
                    and span.initial
                    and (
                        low in _FUNCTION_WORDS
                        or (
                            self._opener(word)
                            and not self._bare(words[1:])
                            and not self._given_name(words)
                        )
                    )
                )
            ):
                words = words[1:]
                lo += 1
                if low in NEVER or low in ("the", "a", "an"):
                    prev = low  # "At Leicester": read as "at Leicester"
            else:
                break
            first = False
        while (
            len(words) > 1
            and (_never(words[-1][2]) or is_demonym(words[-1][2]))
            and not self._is_place(words)  # "Middle East"
            and words[-1][2].lower() not in _CENTRES  # "European Policy Centre"
            and not self._nickname(words)  # "Cleveland Indians"
        ) or (len(words) == 1 and (_never(words[0][2]) or is_demonym(words[0][2]))):
            words = words[:-1]
            hi -= 1
        return lo, hi, titled, prev

    @staticmethod
    def _national_name(words: list[tuple[int, int, str]]) -> bool:
        """A nationality or compass word opening a run that ends an organisation's name
        is part of that name: "British Broadcasting Corporation", "Saudi Press Agency",
        "Northern States Power Co". A state organ after a nationality is that
        country's organ, not a name holding it: "Turkish Foreign Ministry", "Russian
        Duma" keep only their own words.
        """
        if len(words) < 3:
            return False
        word = words[0][2]
        low = word.lower()
        if not (is_demonym(word) or low in _COMPASS_WORDS or low in _FAITHS) or "-" in word:
            return False  # "Muslim Council of Britain" as "Saudi Press Agency"
        last = words[-1][2].lower().rstrip(".")
        if last not in ORG_HEADS or last in _STATE_ORGANS:
            return False
        second = words[1][2].lower()
        return not (second in TITLE_MODIFIERS or second in TITLES or _never(words[1][2]))

    def entrant(self, span: Span) -> bool:
        """Whether a country in brackets follows the span: "Tiger Woods (U.S.)".

        Results and entry lists name competitors that way, in sport and elsewhere;
        clubs carry their country too ("Gloria Bistrita (Romania)"), which
        :meth:`_entrant_name` tells apart by their words.
        """
        after = span.after
        if not after or after.lstrip()[:1] != "(":
            return False
        match = _BRACKETED.match(after)
        if match is None:
            return False
        place = self.gaz.place(match.group(1))
        return place is not None and place.kind in ("country", "region")

    def _entrant_name(self, texts: list[str], lows: list[str], ranked: bool = False) -> bool:
        """Words that can name a competitor: no club, company or place words in them
        (a first name opening them outweighs a place: "Guy Forget", "Ben Washington")."""
        if any(_acronym(t) for t in texts) or lows[0] in CLUB_STARTS:
            return False
        if any(w in ORG_HEADS or w in CLUB_HEADS or w in FOREIGN_ARTICLES for w in lows):
            return False
        if len(texts) > 1 and (ranked or self.gaz.is_first_name(texts[0])):
            return True
        return all(self.gaz.place(t) is None for t in texts)

    def _entrant_team(self, span: Span, texts: list[str]) -> bool:
        """The team or make after a competitor's country on a results line:
        "Martin Brundle (Britain) Jordan", "Bob Moore (U.S.) Yamaha"."""
        before = span.before
        if ")" not in before:
            return False  # most spans: no bracket before them to end with (see below)
        # "Alex Zanardi (Italy), Reynard Honda, 53.980": the make as a field of its own.
        field = _FIELD_AFTER.match(span.after) is not None
        if field:
            before = before.rstrip(" \t").removesuffix(",")
        if not before.endswith((")", ") ")) or "\n" in before[-30:].rpartition("(")[2]:
            return False
        match = _COUNTRY_BEFORE.search(before)
        if match is None or (self.gaz.is_first_name(texts[0]) and len(texts) > 1 and not field):
            return False
        if len(texts[0].rstrip(".")) == 1 or self.entrant(span):
            return False  # the next entrant: "(Germany) Ismail Kadare (Albania)", "G Gregan"
        place = self.gaz.place(match.group(1))
        return place is not None and place.kind in ("country", "region")

    def entrant_name(self, item: Typed) -> bool:
        """Whether ``item`` is a bracketed entrant whose words could name a person."""
        if len(item.words) > 3 or not self.entrant(item.span):
            return False
        texts = [w[2] for w in item.words]
        return self._entrant_name(texts, [t.lower().rstrip(".") for t in texts])

    def _nickname(self, words: list[tuple[int, int, str]]) -> bool:
        """A town or state, then a people as the nickname: "Cleveland Indians",
        "London Irish" are clubs (a country then a people, "Iraq Kurds", is not)."""
        last = words[-1][2]
        if not is_demonym(last) or not last[:1].isupper() or "-" in last:
            return False
        place = self.gaz.place(" ".join(w[2] for w in words[:-1]))
        return place is not None and place.kind in ("city", "state")

    def _paper_name(self, texts: list[str], lows: list[str]) -> bool:
        """Words before "newspaper" or "daily" that can name the paper: not its owner
        ("a Murdoch tabloid"), a town ("a Glasgow newspaper") or a weekday."""
        if lows[-1] in NEVER or any(self.gaz.place(t) is not None for t in texts):
            return False
        return not (len(texts) == 1 and self.gaz.is_surname(texts[0]) and not self.common(texts[0]))

    def _shouted_word(self, word: str) -> bool:
        """An everyday word of four letters or more written in capitals ("DIGEST",
        "UPDATE") is that word, not an acronym."""
        return (
            len(word) >= 4
            and word.isupper()
            and word.isalpha()
            and self.gaz.zipf(word) >= COMMON_ZIPF
        )

    def _is_place(self, words: list[tuple[int, int, str]]) -> bool:
        return self.gaz.place(" ".join([w[2] for w in words])) is not None

    def _bare(self, rest: list[tuple[int, int, str]]) -> bool:
        """Whether dropping an opener would leave one ordinary word ("United Nations")."""
        word = rest[0][2] if len(rest) == 1 else ""
        # "Under EU rules": an acronym is never the ordinary word of "United Nations".
        return bool(word) and self.common(word) and word.lower() not in NEVER and not _acronym(word)

    def _given_name(self, words: list[tuple[int, int, str]]) -> bool:
        """A first name before a rare word opens a full name ("Mark Milley said")."""
        first = words[0][2]
        if len(words) < 2 or not self.gaz.is_first_name(first):
            return False
        if self.gaz.zipf(first) >= _COMMON_FIRST_NAME:
            return False  # "Will Putin attend?"
        nxt = words[1][2]
        return nxt.lower() not in NEVER and self.gaz.zipf(nxt) < COMMON_ZIPF

    def _keeps_head(self, words: list[tuple[int, int, str]]) -> bool:
        """Whether an ordinary-looking first word belongs to the name after all.

        "New York Stock Exchange" (a place opens it), "First Albany Corp" (a company
        suffix closes it).
        """
        if len(words) < 2:
            return False
        word, nxt = words[0][2], words[1][2]
        if self.gaz.place(f"{word} {nxt}") is not None:
            return True
        return words[-1][2].lower().rstrip(".") in CORP_SUFFIXES and word.lower() in _NAME_OPENERS

    def _opener(self, word: str) -> bool:
        """A capitalised sentence opener that is just an ordinary word."""
        low = word.lower()
        if low in self.mid_caps or self.gaz.place(word) is not None:
            return False
        zipf = self.gaz.zipf(word)
        if zipf < COMMON_ZIPF and _acronym(word) and not _INITIAL.fullmatch(word):
            return False  # "LG 46 5 59 .441", "BP said"; not "NOTE - figures are"
        if zipf >= COMMON_ZIPF:
            return not (self.gaz.is_first_name(word) and zipf < 4.5)
        # Rarer ordinary words ("Automakers", "Brisk") open sentences too; a rare
        # word that is also a name ("Cotti", "Bond") is given the benefit of the doubt.
        return zipf > 0 and not (self.gaz.is_first_name(word) or self.gaz.is_surname(word))

    def _compound(self, word: str) -> bool:
        """A hyphenated pair of names or months used as an adjective or a range."""
        parts = word.split("-")
        if not all(p[:1].isupper() for p in parts) or self.gaz.place(word) is not None:
            return False
        if any(p.lower() in NEVER for p in parts):
            return True
        return all(_acronym(p) or is_demonym(p) or self.gaz.place(p) is not None for p in parts)

    def _team(self, texts: list[str]) -> bool:
        """A town or country, then a plural nickname: a sports club."""
        if not _PLURAL.search(texts[-1]) or texts[-1].lower() in NEVER:
            return False
        # "David Millns", "Lawrence Sheets", "Leander Paes": a first name that is also
        # a small town, then a surname or an unknown word, is a person; "Houston
        # Astros" and "Castleford Tigers" are clubs.
        if len(texts) == 2 and not self._big_place(texts[0]):
            if self.gaz.is_first_name(texts[0]) or self.gaz.is_surname(texts[1]):
                return False
            if self.gaz.zipf(texts[1]) == 0:
                return False
        if len(texts) == 2 and self.gaz.is_first_name(texts[0]) and self.gaz.is_surname(texts[1]):
            return False
        return any(self.gaz.place(" ".join(texts[:k])) for k in range(1, len(texts)))

    def _word_first(self, word: str) -> bool:
        """An everyday word that is also a rare surname ("Apple", "Nations"): alone,
        it is more often a company or a thing than a person."""
        return self.gaz.zipf(word) >= _WORD_FIRST_ZIPF and not self.gaz.is_surname(word, 2_000)

    def _big_place(self, word: str) -> bool:
        place = self.gaz.place(word)
        return place is not None and (place.kind != "city" or place.population >= 100_000)

    @staticmethod
    def title_size(words: list[tuple[int, int, str]]) -> int:
        """Length of the title phrase opening ``words`` ("Defense Minister" → 2), or 0."""
        size = 0
        while size < len(words):
            low = words[size][2].lower().rstrip(".")
            if low in TITLES:
                size += 1
            elif low in TITLE_MODIFIERS and size + 1 < len(words):
                nxt = words[size + 1][2].lower().rstrip(".")
                if nxt not in TITLES and nxt not in TITLE_MODIFIERS:
                    break
                size += 1
            else:
                break
        while size and words[size - 1][2].lower().rstrip(".") not in TITLES:
            size -= 1
        return size

    def generic(self, rest: list[tuple[int, int, str]]) -> bool:
        """After a title, "Staff" or "Motors" is not a name; "Zaluzhnyi" or "Bush" is."""
        word = rest[0][2]
        low = word.lower()
        if low in TITLES or low in TITLE_MODIFIERS or low in ORG_HEADS or low in NEVER:
            return True
        if self.gaz.is_first_name(word) or self.gaz.is_surname(word, 10_000):
            return False
        return self.common(word) and len(rest) == 1

    def classify(self, span: Span) -> Typed | None:
        lo, hi, titled, prev, found = self._cut(span)
        if prev is not None:
            span.prev = prev
        if lo == hi:
            return None
        words = span.words[lo:hi]
        if titled:
            return Typed(span, words, "person", STRONG, None, titled)
        if found is None:
            kind, strength, place = self._decide(span, words, titled)
            return Typed(span, words, kind, strength, place, titled)
        kind, strength, place = run(found, span, words)
        return Typed(span, words, kind, strength, place, titled)

    def _decide(
        self, span: Span, words: list[tuple[int, int, str]], titled: bool
    ) -> tuple[EntityType | None, int, Place | None]:
        """The type of a name: ``span`` trimmed to ``words``, ``titled`` when a title
        was dropped before them (see :func:`plan` for the rules)."""
        if titled:
            return "person", STRONG, None
        texts = tuple([w[2] for w in words])
        # "NATO" is no town; "WARSAW" on a dateline is Warsaw, "ITALY -" Italy.
        if _acronym_alone(texts) and not _DATELINE_NEXT.match(span.after):
            place = place_in_capitals(texts[0], self.gaz)
        else:
            place = self.gaz.place(" ".join(texts))
        return run(self._plan(texts, place), span, words)


# Surname endings of Slavic, Caucasian, Greek and Romanian names ("Zelensky",
# "Lavrov", "Ponomarenko"); place names with these endings are in the gazetteer.
_SURNAME_SHAPE = re.compile(
    r"(?:sky|skyy|skyi|skiy|ski|ska|skaya|ov|ova|ev|eva|enko|chuk|yuk|vich|vych|"
    r"shvili|dze|opoulos|akis|escu|nyi|zhny|zhnyi|(?<=[^aeiouy][aeiou][bcdfghklmnprstvz])in)$"
)
# A bracketed name of up to three words after a span: "(U.S.)", "(Czech Republic)".
_BRACKETED = re.compile(r"\s*\(\s*([A-Z][\w.]*(?: [A-Za-z][\w.]*){0,2})\s*\)")
# A time or a score as the next comma-separated field: ", 54.483", ", 1:55.385".
_FIELD_AFTER = re.compile(r"[ \t]*,[ \t]*\d")
# A bracketed country ending the text before a span: "Brundle (Britain) ".
_COUNTRY_BEFORE = re.compile(r"\(\s*([A-Z][\w.]*(?: [A-Za-z][\w.]*){0,2})\s*\)[ \t]?$")
# The next word follows the name with nothing but a possessive between: the name
# qualifies it ("Pirelli shares", "Fiat 's chairman").
_WORD_NEXT = re.compile(r"[ \t]*(?:['’]s[ \t]+)?[^\W\d_]")
# Roman numerals after a first name make a monarch or a pope: "Henry VIII".
_REGNAL = re.compile(r"X{0,2}(?:IX|IV|V?I{1,3}|V)")
# Abbreviations without a vowel in tables and listings: "Shr", "Shrs", "Chg", "Bldg".
_ABBREVIATION = re.compile(r"[B-DF-HJ-NP-TV-XZ][b-df-hj-np-tv-xz]{1,4}s?\.?")
_MINUTE = re.compile(r"\d{1,3}(?:st|nd|rd|th)")  # goal minutes: "Smith 85th"
# A minute and what follows it in a list of scorers: "Smith 85th)", "Zorc 59th-pen,",
# "Jones 12th minute", "Hirsch 65th and 80th".
_SCORED = re.compile(
    r"\s*\d{1,3}(?:st|nd|rd|th)(?:-pen)?\s*(?:$|[,;)]|and\b|min(?:ute)?s?\b|pen(?:alty)?\b)"
)
# Ordinary words that open company names ("First Union Corp", "United Airlines").
_NAME_OPENERS = frozenset("first new united national american general central".split())
_WORD_FIRST_ZIPF = 4.0  # "apple", "nations": everyday words, whatever the census says
_COMMON_FIRST_NAME = 4.8  # Zipf of "mark", "bill": first names that are also words
_INITIAL = re.compile(r"(?:[A-Z]\.){1,3}")
_DATELINE_NEXT = re.compile(r"\s*(?:,\s*)?\d{4}-\d\d-\d\d")
# Institutions named by one capitalised word mid-sentence.
_INSTITUTIONS = frozenset(
    "senate congress parliament duma rada knesset commission pentagon cabinet fed".split()
)
_POLITICAL = frozenset(
    "conservative liberal communist socialist republican democratic labour labor green".split()
)
# Faiths that open the names of churches, councils and armed groups ("Catholic
# Church", "Muslim Council of Britain", "Islamic State").
_FAITHS = frozenset(
    "islamic muslim catholic christian jewish orthodox protestant hindu buddhist sikh".split()
)


def _faith_group(words: list[tuple[int, int, str]]) -> bool:
    """ "Islamic State", "Islamic Jihad": the group, capitalised as a name."""
    return (
        len(words) == 2
        and words[0][2].lower() in _FAITHS
        and words[1][2] in ("State", "Jihad", "STATE", "JIHAD")
    )


# Words that open sentences and never a name: "Under EU rules", "Unlike Sony".
_FUNCTION_WORDS = frozenset(
    """
    under over after before with without within for from into onto during since until
    unlike like despite although though while when whenever where if unless as at by on
    in of to but and or so yet because whether once than then also both either neither
    every each all any some many most much more few several such this that these those
    """.split()
)
# Adverbial particles: a run of ordinary words holding one is a phrase, not a name.
_PARTICLES = frozenset("out up down off away back over again".split())
# Adjective endings: "the national Salvator" (not "the giant Gazprom", "the late Navalny").
_ADJECTIVE = re.compile(r"^[a-z]+(?:al|ic|ive|ous|ful)$")
# Decorations named "<award> of <name>": the name is part of the award.
_AWARDS = frozenset(
    "cross crosses order orders medal medals star stars hero heroes legion knight knights".split()
)
_PLURAL = re.compile(r"[a-z][^su]s$")
# Never a name alone ("the Centre", "the centre-left"), but they end many.
_CENTRES = frozenset(("centre", "center"))
# Compass words that open names ("Western European Union", "North Atlantic ...").
_COMPASS_WORDS = frozenset(
    "north south east west northern southern eastern western central".split()
)
# A country's organs: "Turkish Foreign Ministry" is Turkey's ministry, named "Foreign
# Ministry"; the nationality stays outside the name.
_STATE_ORGANS = frozenset(
    """
    ministry ministries government cabinet parliament senate duma assembly embassy
    consulate police navy forces force guard guards coalition opposition administration
    authorities court
    """.split()
)
_COMPASS = frozenset("north south east west northeast northwest southeast southwest".split())
_STATE_WORDS = frozenset("republic kingdom emirate principality sultanate duchy".split())
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,5}['’]?s")
_PLACE_ACRONYMS = frozenset("us u.s uk u.k usa u.s.a uae u.a.e ussr drc prc nz hk".split())


# Counts before an acronym make it a unit or a statistic ("three RBI", "20 GB").
_COUNT = re.compile(
    r"\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|hundred|dozen|several|many"
)
# Words after such a count and acronym: it ends there ("the 15 EU members" goes on).
_AFTER_COUNT = frozenset("and or in as of for on at to with but by from per this that".split())


def counted(span: Span) -> bool:
    """Whether a lone acronym is counted (a number or "a" before it in its sentence)
    and ends its phrase: "six RBI and", "destroyed a VBIED.", not "five ISIL units",
    "two ISIL-held towns" or "a BBC reporter"."""
    if span.initial or (_COUNT.fullmatch(span.prev) is None and span.prev not in ("a", "an")):
        return False
    after = span.after.lstrip()
    return not after or after[0] in ".,;:!?)" or span.next in _AFTER_COUNT


@lru_cache(maxsize=65536)  # asked of every one-word run
def never_alone(word: str) -> bool:
    """Whether :meth:`Classifier.classify` drops a span of this one word whatever its
    context: a word never a name by itself, or a nationality ("French"). Words with a
    hyphen or a digit are left to the full rules (they are cut before classifying)."""
    return (
        (_never(word) or is_demonym(word))
        and "-" not in word
        and not any(ch.isdigit() for ch in word)
    )


@lru_cache(maxsize=65536)  # pure, and asked of the same words all the time
def _never(word: str) -> bool:
    """A word never a name by itself; "US" in capitals is the country, not the pronoun."""
    low = word.lower()
    if _PLURAL_ACRONYM.fullmatch(word):
        return True  # "MPs", "NGOs", "PCs": a kind of people or things, not a body
    return low in NEVER and not (word.isupper() and low in _PLACE_ACRONYMS)


@lru_cache(maxsize=65536)
def _acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


# What :meth:`Classifier._decide` returns.
Decision = tuple[EntityType | None, int, Place | None]
# One rule of a plan: its answer for a span and its trimmed words, or None to go on.
Step = Callable[[Span, list[tuple[int, int, str]]], Decision | None]
# A plan: the rules to try in turn, then the answer when none answers.
Plan = tuple[tuple[Step, ...], Decision]

_NOTHING: Decision = (None, UNKNOWN, None)
_ORG_STRONG: Decision = ("org", STRONG, None)
_ORG_MEDIUM: Decision = ("org", MEDIUM, None)
_ORG_WEAK: Decision = ("org", WEAK, None)
_PERSON_MEDIUM: Decision = ("person", MEDIUM, None)
_PERSON_WEAK: Decision = ("person", WEAK, None)
_PLACE_MEDIUM: Decision = ("place", MEDIUM, None)
_PLACE_WEAK: Decision = ("place", WEAK, None)


def plan(rules: Classifier, texts: tuple[str, ...], place: Place | None) -> Plan:
    """The rules that type a name of these words (``place``: the gazetteer's place
    it names, if any), the words around it left to be read by :func:`run`.

    The rules in their order, each as much as the words alone decide of it: those
    the words rule out are left out, and the first the words alone decide ends the
    plan. ``rules`` must not read ``mid_caps`` (none of these does): a plan depends
    on nothing but its arguments and the gazetteer, and is kept for every name of
    these words (see :meth:`Classifier._cut`).
    """
    gaz = rules.gaz
    n = len(texts)
    t0 = texts[0]
    tl = list(texts)
    lows = [t.lower().rstrip(".") for t in texts]
    name = " ".join(texts)
    acronyms = [_acronym(t) for t in texts]
    first0 = gaz.is_first_name(t0)
    steps: list[Step] = []
    add = steps.append
    shared = _steps_of(rules)

    def done(answer: Decision) -> Plan:
        return tuple(steps), answer

    if n == 1 and abbreviated_state(texts) is not None:

        def state_step(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
            found = state_after_town(span, tl)
            return None if found is None else ("place", STRONG, gaz.place(found))

        add(state_step)
    if n <= 3 and not any(acronyms):
        add(_aged)
    if n == 2 and addressed(tl, gaz.is_first_name):
        return done(_PERSON_MEDIUM)
    if n == 1 and "-" in t0 and personal_name(t0):
        return done(_PERSON_MEDIUM)
    if n <= 3 and index_name(name):
        add(lambda span, words: (None, STRONG, None) if market_index(span, name) else None)
    if n == 1 and len(t0.rstrip(".")) == 1:
        return done(_NOTHING)
    if n == 1 and _ABBREVIATION.fullmatch(t0):
        return done(_NOTHING)
    if n == 2 and car_model(lows, gaz):
        return done((None, STRONG, None))
    if n == 1 and thing(lows[0]):
        return done((None, STRONG, None))
    if n == 1 and t0.isupper() and rules._shouted_word(t0):
        return done(_NOTHING)
    if n == 1 and "-" in t0 and rules._compound(t0):
        return done(_NOTHING)
    if n == 1 and lows[0] in NEWS_AGENCIES:
        if t0 != "AP":
            return done(_ORG_STRONG)
        add(_agency)
    if n == 1 and lows[0] in MEDIA:
        return done(_ORG_STRONG)
    if n == 1 and lows[0] in THE_MEDIA:
        add(_org_strong_after_the)
    if n > 1 and lows[0] in ("radio", "television"):
        return done(_ORG_MEDIUM)
    if n == 1 and lows[0] in PARTIES:
        return done(_ORG_MEDIUM)
    add(_award)
    if lows[-1] in EVENT_HEADS:
        if n > 1:
            return done(_NOTHING)
        add(_event)
    if n > 1 and lows[0] == "operation" and lows[-1] not in ORG_HEADS:
        add(_operation)
    if n == 1 and lows[0] in _INSTITUTIONS:
        add(_institution)
    if n == 1 and (lows[0] in TITLES or (lows[0] in ORG_HEADS and rules.common(t0))):
        return done(_NOTHING)
    if n > 1 and Classifier.title_size([(0, 0, t) for t in texts]) == n:
        return done(_NOTHING)
    if place is not None and n > 1 and place.kind != "city":
        return done(("place", STRONG, place))
    if n <= 3:
        add(shared[0])
    if n > 1 and venue(lows):
        return done(_PLACE_MEDIUM)
    if lows[-1] in ORG_HEADS:
        if n > 1:
            return done(_ORG_STRONG)
        add(_org_strong_after_the)
    if n >= 3 and lows[0] in ORG_STARTS and ("of" in lows or "for" in lows):
        return done(_ORG_STRONG)
    if n >= 3 and "of" in lows and lows[lows.index("of") - 1] in _STATE_WORDS:
        return done(_PLACE_MEDIUM)
    if not first0 and (place is None or place.kind == "city"):
        add(_based)
    if place is not None:
        return done(("place", STRONG, place))
    # From here on there is no place.
    if rules._paper_name(tl, lows):
        add(_PAPERS[n == 1 and rules.common(t0)])
    if _faith_group([(0, 0, t) for t in texts]):
        return done(_ORG_MEDIUM)
    if n > 1 and (
        lows[-1] in PLACE_HEADS or (lows[0] in PLACE_STARTS and not (n > 2 and rules._team(tl)))
    ):
        return done(_PLACE_MEDIUM)
    if n == 1 and acronyms[0]:
        add(_counted)
    if n == 2 and _REGNAL.fullmatch(texts[1]) and first0:
        return done(_PERSON_MEDIUM)
    if not first0:
        add(_org_after_noun)
    if n == 1 and acronyms[0] and not _INITIAL.fullmatch(t0):
        return done(_ORG_MEDIUM)
    if (
        n > 1
        and any(a and not _INITIAL.fullmatch(t) for a, t in zip(acronyms, texts, strict=True))
        and not all(t.isupper() for t in texts)
    ):
        return done(_ORG_MEDIUM)
    if 1 < n <= 3:

        def entrant(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
            if rules.entrant(span):
                ranked = span.prev[:1].isdigit()
                if (ranked or first0) and rules._entrant_name(tl, lows, ranked):
                    return _PERSON_MEDIUM
            return None

        add(entrant)
    if n <= 3:
        add(_scored)
    # Told or said around it, a name is a person unless it reads as a paper's: a
    # name after "the" or opening with another language's article ("the Hong Kong
    # Standard said", "told Der Spiegel", but "told Al Gore"); never one word or a
    # post ("the Culture Secretary said": its holder).
    paper_never = n < 2 or lows[-1] in TITLES
    foreign = (
        not paper_never
        and lows[0] in FOREIGN_ARTICLES
        and not (lows[0] in ("al", "o", "les") and gaz.is_surname(texts[1]))
    )
    if not foreign:
        add(_PERSONS[1 < n <= 3, paper_never])
    if not first0:
        add(_org_before)
    if n == 1 and acronyms[0]:
        return done(_ORG_MEDIUM)
    if n > 1 and any(acronyms) and not all(t.isupper() for t in texts):
        return done(_ORG_MEDIUM)
    if n > 1 and (
        lows[0] in CLUB_STARTS
        or (
            lows[0] in FOREIGN_ARTICLES
            and not (n == 2 and lows[0] in ("al", "o", "les") and gaz.is_surname(texts[1]))
        )
    ):
        return done(_ORG_MEDIUM)
    if n > 1 and rules._team(tl):
        return done(_ORG_MEDIUM)
    if n == 1 and _PLURAL.search(t0):
        add(_plural_after_the)
    if n > 1 and _INITIAL.fullmatch(t0) and lows[-1] not in ORG_HEADS:
        return done(_PERSON_MEDIUM)
    if (
        n > 1
        and first0
        and (not rules.common(texts[-1]) or gaz.zipf(t0) < _COMMON_FIRST_NAME)
        and not (n > 2 and rules._is_place([(0, 0, t) for t in texts[:2]]))
    ):
        return done(_PERSON_MEDIUM)
    commons = sum(1 for t in texts if rules.common(t))
    if n > 1 and commons == n and any(w in _PARTICLES for w in lows):
        return done(_NOTHING)
    if n > 1 and commons == n:
        add(_title_or_label)
        return done(_ORG_WEAK)
    if (
        n > 1
        and gaz.place(t0) is not None
        and lows[-1] not in TITLES
        and (gaz.zipf(texts[-1]) > 0 or rules._big_place(t0))
    ):
        return done(_ORG_MEDIUM)
    if n > 1 and rules._big_place(texts[-1]) and lows[-1] not in NEVER:
        return done(_PERSON_MEDIUM if surname_town(tl, gaz) else _ORG_WEAK)
    if n > 1 and rules.common(texts[-1]) and not gaz.is_surname(texts[-1], 10_000):
        return done(_ORG_WEAK)
    if n > 1 and rules.common(t0) and not first0:
        return done(_ORG_WEAK)
    if n > 1:
        if lows[-1] not in TITLES and not (n > 2 and gaz.is_first_name(texts[-2])):
            add(_org_weak_after_the)
        return done(_PERSON_WEAK)
    add(_shouted_alone)
    if not gaz.is_surname(t0, 5000):
        add(_place_before)
    add(_place_context)
    if gaz.is_surname(t0):
        return done(("org" if rules._word_first(t0) else "person", WEAK, None))
    add(shared[1])
    if not rules.common(t0):
        if _SURNAME_SHAPE.search(t0) is not None:
            return done(_PERSON_WEAK)
        add(_person_next)
        return done(_ORG_WEAK)
    return done(_NOTHING)


def run(found: Plan, span: Span, words: list[tuple[int, int, str]]) -> Decision:
    """The type ``found`` gives the name ``words`` of ``span``."""
    steps, answer = found
    for step in steps:
        decided = step(span, words)
        if decided is not None:
            return decided
    return answer


def _acronym_alone(texts: tuple[str, ...]) -> bool:
    """One acronym that is not a country's ("US", "UK"): no town, unless a big place
    written in capitals or a dateline's ("NATO"; "ITALY -", "WARSAW 1996-08-30")."""
    return (
        len(texts) == 1
        and _acronym(texts[0])
        and texts[0].lower().rstrip(".") not in _PLACE_ACRONYMS
    )


def _award(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    if span.prev == "of" and span.prev2_cap and span.prev2 in _AWARDS:
        return _NOTHING  # "Crosses of Military Merit", "Order of Lenin"
    return None


def _operation(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    if span.next not in ORG_BEFORE_NOUNS and span.prev not in ORG_AFTER_NOUNS:
        return _NOTHING
    return None


def _institution(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    if (not span.initial or span.prev == "the") and not span.shouting:
        return _ORG_MEDIUM
    return None


def _org_before(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    if span.next in ORG_BEFORE_NOUNS and _WORD_NEXT.match(span.after) is not None:
        return _ORG_MEDIUM
    return None


def _shouted_alone(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    return _NOTHING if span.shouting else None


def _place_context(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    if span.next in PLACE_BEFORE_NOUNS:
        return _PLACE_MEDIUM
    if span.prev == "of" and (span.prev2 in PLACE_BEFORE_NOUNS or span.prev2 in _COMPASS):
        return _PLACE_MEDIUM
    return None


def _steps_of(rules: Classifier) -> tuple[Step, Step]:
    """The steps that read the gazetteer, made once per gazetteer's classifier."""
    if rules.steps is None:

        def entrant_team(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
            # "Martin Brundle (Britain) Jordan 1:55.385" (a bracket before, at least).
            if ")" in span.before and rules._entrant_team(span, [w[2] for w in words]):
                return _ORG_MEDIUM
            return None

        def noun(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
            # "the national Salvator": a noun given capitals.
            prev = span.prev
            if _ADJECTIVE.search(prev) and span.prev2 == "the" and rules.common(prev):
                return _NOTHING
            return None

        rules.steps = (entrant_team, noun)
    return rules.steps


# Steps that read the span alone, shared by every plan.
def _aged(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    return _PERSON_MEDIUM if aged(span) else None


def _agency(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    return _ORG_STRONG if span.next != "'s" else None  # not "AP's"


def _org_strong_after_the(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    return _ORG_STRONG if span.prev == "the" else None


def _event(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    return _NOTHING if span.shouting or len(span.words) > 1 else None


def _based(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    return _ORG_MEDIUM if based(span) else None


def _counted(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    return _NOTHING if counted(span) else None


def _org_after_noun(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    return _ORG_MEDIUM if span.prev in ORG_AFTER_NOUNS else None


def _scored(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    return _PERSON_MEDIUM if _SCORED.match(span.after) else None


def _plural_after_the(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    return _ORG_WEAK if span.prev == "the" and not span.initial else None


def _title_or_label(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    return _NOTHING if quoted(span, words[0][0]) or label(span) else None


def _org_weak_after_the(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    return _ORG_WEAK if span.prev == "the" else None


def _place_before(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    return _PLACE_WEAK if span.prev in PLACE_BEFORE else None


def _paper(common_word: bool) -> Step:
    """ "Zycie Warszawy daily said", "the Sun newspaper" (``common_word``: a name of
    one ordinary word, no paper's name at a sentence's start)."""

    def step(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
        if (
            span.next in PAPER_NOUNS
            and span.after.lstrip().startswith(span.next)
            and not (span.initial and common_word)
        ):
            return _ORG_STRONG
        return None

    return step


_PAPERS = {common_word: _paper(common_word) for common_word in (False, True)}


def _person_step(after_ok: bool, paper_never: bool) -> Step:
    """A person by the words around ("told", "said"): ``after_ok`` when a word after
    may say so (two or three words), ``paper_never`` when "the" before is no paper's."""

    def step(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
        prev = span.prev
        if (prev in PERSON_BEFORE or (after_ok and span.next in PERSON_AFTER)) and (
            paper_never or prev != "the"
        ):
            return _PERSON_MEDIUM
        return None

    return step


_PERSONS = {(a, b): _person_step(a, b) for a in (False, True) for b in (False, True)}


def _person_next(span: Span, words: list[tuple[int, int, str]]) -> Decision | None:
    if span.next in PERSON_NEXT_NOUNS or _MINUTE.fullmatch(span.next) is not None:
        return _PERSON_WEAK
    return None
