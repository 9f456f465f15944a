"""Document-level consistency: one article, one reading of each name.

A surname seen once after a title is a person everywhere in the article; a name the
rules typed strongly somewhere overrules weak guesses elsewhere; an acronym in
brackets after a name ("Security Service (SBU)") shares its type; words in headline
capitals are recognised only as names the article or the gazetteer already knows.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from dataclasses import replace

from reader.core.entities.classify import (
    MEDIUM,
    STRONG,
    WEAK,
    Classifier,
    Typed,
    counted,
    never_alone,
)
from reader.core.entities.competitions import sports_competitions
from reader.core.entities.datelines import datelines
from reader.core.entities.demonyms import is_demonym
from reader.core.entities.full_names import full_name_at_end
from reader.core.entities.gazetteer import Gazetteer, Place
from reader.core.entities.hyphenated import joined_name
from reader.core.entities.keys import fold, skeleton, variants
from reader.core.entities.lexicon import (
    CLUB_HEADS,
    CORP_SUFFIXES,
    EVENT_HEADS,
    NEVER,
    ORG_HEADS,
    PLACE_BEFORE,
    PLACE_BEFORE_NOUNS,
    TITLE_MODIFIERS,
)
from reader.core.entities.model import EntityType
from reader.core.entities.modifiers import split_after_modifier
from reader.core.entities.player_rows import player_figures
from reader.core.entities.possessives import possessive_names
from reader.core.entities.results import result_sides
from reader.core.entities.spans import ORDINAL, Span, find_spans
from reader.core.entities.spelt_out import spelt_out

_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z&.]{1,9})\s*\)")
_MAX_SHOUT = 4


def read_document(text: str, gaz: Gazetteer) -> tuple[list[Typed], dict[str, str]]:
    """Typed name mentions of ``text`` and acronym links (acronym key → name key)."""
    spans = list(find_spans(text, lambda w: gaz.zipf(w) >= 3.5, never_alone))
    mid_caps: dict[str, int] = defaultdict(int)
    for span in spans:
        if span.shouting:
            continue
        for word in span.words[1:] if span.initial else span.words:
            mid_caps[word[2].lower()] += 1
    classifier = Classifier(gaz, mid_caps)
    # (A span of one word, or in capitals, is what split_after_modifier would return.)
    spans = [
        part
        for span in spans
        for part in (
            (span,) if len(span.words) < 2 or span.shouting else split_after_modifier(text, span)
        )
    ]
    # A bare span is one word the classifier drops alone, and _split_inner keeps whole;
    # so does it keep one plain word (most spans: _clean_words leaves it as it is).
    spans = [
        part
        for span in spans
        for part in (
            (span,)
            if span.bare or (len(span.words) == 1 and span.words[0][2].isalpha())
            else _split_inner(span, gaz, classifier)
        )
    ]
    typed = [
        t
        for s in spans
        if not s.shouting and not s.bare and (t := classifier.classify(s)) is not None
    ]
    # Datelines and the sides on results lines are what they are, however the rules
    # cut or typed their words.
    fixed = datelines(text, gaz)
    # A side overlapping a dateline is the dateline's date read as a score ("LONDON
    # February 2 LONDON 2"): the dateline is the surer reading of the line's start.
    fixed += [
        side
        for side in result_sides(text, gaz)
        if not any(side.start < d.end and d.start < side.end for d in fixed)
    ]
    if fixed:
        typed = [t for t in typed if not any(t.start < d.end and d.start < t.end for d in fixed)]
        typed = sorted([*typed, *fixed], key=lambda t: t.start)
        spans = [s for s in spans if not any(s.start < d.end and d.start < s.end for d in fixed)]
    typed = spelt_out(text, typed, gaz)
    links = _link_acronyms(text, typed)
    _pronouns(text, typed)
    memory = _remember(typed)
    surnames = _surnames(typed)
    given = _given_names(typed)
    guessed = _guessed_given_names(typed, gaz)
    keyed = {(s[:1], skeleton(s)) for s in surnames}
    for item in typed:
        _settle(item, memory, surnames, given, guessed, keyed)
    _units(typed)
    _people_over_towns(typed, _surnames(typed, MEDIUM))
    _short_forms(typed, links)
    _lists(text, typed)
    _entrants(typed, classifier)
    _companies_over_towns(typed)
    _words_of_companies(typed)
    typed = possessive_names(text, typed)
    typed.extend(_shouted(spans, memory, gaz, classifier))
    typed.sort(key=lambda t: t.start)
    for item in typed:
        _mark_dateline(text, item)
    sides = sum(1 for item in typed if item.side)
    low = text.lower()
    if sides >= 4 or _scores_at_least(text, 4) or _at_least(_SPORT_BY_LETTER, low, 3):
        _sports(typed, gaz, surnames, clubs=sides > 0 or _TEAM_SPORT.search(low) is not None)
        sports_competitions(typed, low)
    return [t for t in typed if t.type is not None], links


_SCORE = re.compile(r"(?<![\d-])\d{1,3} ?- ?\d{1,3}\b(?!-)|\sv\s")  # not 1996-08-30
_SPORT = re.compile(
    r"\b(?:cricket|soccer|innings|wickets?|goals?|halftime|half-time|league|championship|"
    r"tennis|golf|rugby|baseball|basketball|hockey|striker|midfielder|coach|season|match|"
    r"football|cycling|athletics|boxing|racing|rowing|skiing|volleyball|handball|squash|"
    r"badminton|standings|scorers|semi-?finals?|quarter-?finals?|seeded|"
    r"goalkeepers?|defenders|midfielders|squad|qualifiers?|fixtures|relegation)\b",
)  # matched on the lower-cased text: a case-blind alternation costs more


def _by_first_letter(pattern: re.Pattern[str]) -> re.Pattern[str]:
    r"""``\b(?:a|b|...)\b`` with its words grouped by first letter, in their order.

    The same matches: two words with different first letters never match at one
    place, so the order that matters (within a letter) is kept; the engine tries one
    letter's group where it tried every word. Every word opens with a letter, so the
    opening ``\b`` is "no word character before", which the engine tests faster as
    a look-behind.
    """
    words = pattern.pattern.removeprefix(r"\b(?:").removesuffix(r")\b").split("|")
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    inner = "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())
    return re.compile(rf"(?<!\w)(?:{inner})\b")


_SPORT_BY_LETTER = _by_first_letter(_SPORT)

# The two halves of ``_SCORE``; their matches never overlap, so the scores and the
# " v "s are counted apart. A pattern opening with the digit (its look-behind checked
# by hand) lets the regex engine skip to digits instead of trying every position.
_SCORE_DIGITS = re.compile(r"\d{1,3} ?- ?\d{1,3}\b(?!-)")
_VERSUS = re.compile(r"\sv\s")
# The "v" of ``_VERSUS``: a pattern opening with a letter is searched for as a string,
# where ``_VERSUS`` is tried at every space.
_V_ALONE = re.compile(r"v(?<=\sv)(?=\s)")


def _versus_at_least(text: str, count: int) -> int:
    """``len(list(islice(_VERSUS.finditer(text), count)))``, faster.

    Each " v " found is a match of ``_VERSUS`` unless its space before was the space
    after the previous one (" v v "): ``finditer`` goes on after that space.
    """
    found, taken = 0, 0
    for match in _V_ALONE.finditer(text):
        at = match.start()
        if at - 1 >= taken:
            found += 1
            if found == count:
                break
            taken = at + 2
    return found


def _scores_at_least(text: str, count: int) -> bool:
    """``_at_least(_SCORE, text, count)``, faster."""
    found = _versus_at_least(text, count)
    pos = 0
    while found < count:
        match = _SCORE_DIGITS.search(text, pos)
        if match is None:
            return False
        start = match.start()
        if start and (text[start - 1] == "-" or text[start - 1].isdecimal()):
            pos = start + 1  # (?<![\d-]): try again from the next position
            continue
        found += 1
        pos = match.end()
    return True


def _at_least(pattern: re.Pattern[str], text: str, count: int) -> bool:
    """Whether ``pattern`` occurs ``count`` times (the search stops there)."""
    return len(list(itertools.islice(pattern.finditer(text), count))) == count


_TEAM_PREV = frozenset("v beat beats against vs".split())
_SCORE_NEXT = re.compile(r"\d{1,3}(?!\d)(?!-\d\d-)")
# National sides are tagged as their country (CoNLL convention), home nations too.
_NATIONS = ("country", "continent", "region")
# Cricket scorecards: caught, bowled, stumped, leg before by a player.
_TABLE_ROW = re.compile(r" \d+ \d+ \d+")
_SCORECARD = frozenset("b c st lbw".split())
_TEAM_NEXT = frozenset("beat beats drew draw lost v vs".split())


# Words of games played by clubs. A page on athletics, tennis, golf or boxing without
# them names no clubs: "Radcliffe" is the runner, "the Sydney title" the tournament's.
_TEAM_SPORT = re.compile(
    r"\b(?:football|soccer|cricket|rugby|baseball|basketball|hockey|volleyball|handball|"
    r"league|club|clubs|striker|midfielder|midfield|goalkeeper|defenders?|winger|goals?|"
    r"penalty|penalties|half-?time|manager|subs|substitutes?|scrum|scrum-half|fly-half|"
    r"innings|wickets?|premiership|division|relegation|fc)\b"
)


def _sports(typed: list[Typed], gaz: Gazetteer, surnames: list[str], clubs: bool) -> None:
    """In results and match reports, towns next to scores are clubs ("Surrey 429-7").

    Countries stay places: national sides are conventionally tagged as the country.
    Without ``clubs`` (no results lines, no word of a team game) a town next to a
    score or a name is still read so, but a town elsewhere stays a town.
    """
    teams: set[str] = set()
    players: set[str] = set()
    people = {t.end for t in typed if t.type == "person"}
    for item in typed:
        if _national(item):
            continue
        if item.side:
            teams.add(fold(item.name))
            continue
        word = item.words[0][2]
        if item.span.prev in _SCORECARD and len(item.words) == 1:
            players.add(fold(item.name))  # "c Vaas b Muralitharan"
            continue
        # "Surrey 429-7" or "Leeds 2", not the dateline "LONDON 1996-08-30".
        score_next = bool(_SCORE_NEXT.match(item.span.next)) or item.span.next in _TEAM_NEXT
        team_prev = item.span.prev in _TEAM_PREV or item.span.prev[:1].isdigit()
        clubbish = item.words[-1][2].lower() in CLUB_HEADS and len(item.words) > 1
        guess = item.type == "person" and item.strength <= WEAK
        single = guess and len(item.words) == 1
        unnamed = single and not (
            gaz.is_surname(word) or gaz.is_first_name(word) or word in surnames
        )
        weak = item.type == "place" or single
        # "Crystal Palace 4 1 2 1": a two-word guess followed by figures in a table.
        tabled = (
            guess
            and item.span.next[:1].isdigit()
            and _TABLE_ROW.match(item.span.after)
            and not player_figures(item.span.after)  # "Moin Khan 2 3 1 158 105 79.00"
        )
        # "Enzo Scifo (Monaco)", "Marc Hottiger (Everton)": a player's club in brackets.
        club = weak and _after_player(item, people)
        if clubbish or unnamed or tabled or club or (weak and (score_next or team_prev)):
            teams.add(fold(item.name))
    # People the article names in full are not clubs ("Andrei Medvedev ... Medvedev 6-3").
    players |= {fold(s) for s in surnames}
    for item in typed:
        key = fold(item.name)
        if key in players and key not in teams and item.type != "person":
            item.type, item.strength, item.place = "person", MEDIUM, None
        elif key in players or _national(item):
            continue
        elif item.place is not None and _VENUE_LINE.match(item.span.after) and item.span.initial:
            continue  # "Leicester : Leicestershire beat Somerset": where the match was
        elif (key in teams and item.span.prev not in _VENUE) or (clubs and _club_town(item, gaz)):
            item.type, item.strength, item.place = "org", MEDIUM, None


_OPEN_BRACKET = re.compile(r"\(\s*$")


def _after_player(item: Typed, people: set[int]) -> bool:
    """Whether ``item`` stands alone in brackets right after a person's name."""
    if not item.span.after.lstrip().startswith(")"):
        return False
    match = _OPEN_BRACKET.search(item.span.before)
    if match is None:
        return False
    name_end = len(item.span.before[: match.start()].rstrip())
    return item.start - len(item.span.before) + name_end in people


def _club_town(item: Typed, gaz: Gazetteer) -> bool:
    """On a sports page a town is its club unless the words around say place.

    "Barcelona signed him" is the club; "in Barcelona" and "the city of Barcelona"
    stay the town.
    """
    if item.place is None or item.place.kind != "city" or len(item.words) > 2:
        return False
    span = item.span
    return not (
        span.prev in PLACE_BEFORE
        or span.prev in ("of", "to", "(")
        or span.next in PLACE_BEFORE_NOUNS
        or span.next in ("-based",)
        or _in_region(span.after, gaz)  # "Istanbul, Turkey"
        or (_VENUE_TOWN.search(span.before) is not None and span.after.lstrip()[:1] == ")")
    )


# The town after a ground in brackets: "(at Old Trafford, Manchester)".
_VENUE_TOWN = re.compile(r"\(\s*at\s[^()\n]*,\s*$")
# A town's country or state after a comma: "Istanbul, Turkey", "Akron, Ohio".
_IN_REGION = re.compile(r"\s*,\s*([A-Z][a-z]+\.?(?: [A-Z][a-z]+)?)\b(?![ \t]*[A-Z])")


def _in_region(after: str, gaz: Gazetteer) -> bool:
    match = _IN_REGION.match(after)
    if match is None:
        return False
    place = gaz.place(match.group(1))
    return place is not None and place.kind in ("country", "state", "region")


def _national(item: Typed) -> bool:
    """A country, continent or home nation, or a dateline: never a club."""
    return item.dateline or (item.place is not None and item.place.kind in _NATIONS)


def _split_inner(span: Span, gaz: Gazetteer, classifier: Classifier) -> list[Span]:
    """Cut "General Staff Sergey Shaptala" and "Kyiv Mayor Vitali Klitschko" in two."""
    if len(span.words) == 2 and span.words[0][2].isalpha() and span.words[1][2].isalpha():
        return [span]  # what _clean_words keeps of two plain words, too short to cut
    words = _clean_words(span.words)
    if not words:
        return []
    span.words = words
    if span.shouting or len(words) < 3:
        return [span]
    for i in range(1, len(words) - 1):
        low = words[i - 1][2].lower()
        head = low in ORG_HEADS and gaz.is_first_name(words[i][2])
        title = Classifier.title_size(words[i:]) if not head else 0
        if title and title < len(words) - i and not classifier.generic(words[i + title :]):
            left = words[:i]
            while left and left[-1][2].lower() in TITLE_MODIFIERS:
                left = left[:-1]
            if left and all(w[2].lower() not in TITLE_MODIFIERS for w in left):
                head_span = replace(span, words=left, next=words[i][2].lower())
                tail = replace(
                    span, words=words[len(left) :], initial=False, prev=left[-1][2].lower()
                )
                return [head_span, tail]
        if head:
            return [
                replace(span, words=words[:i], next=words[i][2].lower()),
                replace(span, words=words[i:], initial=False, prev=low),
            ]
    # "Chief Executive Daniel Levy": the post's words, then the person. Ordinary
    # words before a person name a post, not a body; others are read on their own.
    i = full_name_at_end(words, gaz.is_first_name, gaz.is_surname, classifier.common, gaz.place)
    if i:
        person = replace(span, words=words[i:], initial=False, prev=words[i - 1][2].lower())
        if all(classifier.common(w[2]) or is_demonym(w[2]) for w in words[:i]):
            return [person]
        return [replace(span, words=words[:i], next=words[i][2].lower()), person]
    return [span]


def _clean_words(words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "NATO-backed" → "NATO"; words with digits ("IV588", "F-16") are not names."""
    if len(words) == 1 and words[0][2].isalpha():
        return words  # one plain word (most spans): nothing to cut
    out: list[tuple[int, int, str]] = []
    for start, end, word in words:
        if (
            not word.isalpha()  # most words: no digit in them, nothing to look for
            and any(ch.isdigit() for ch in word)
            and not (not out and ORDINAL.fullmatch(word))
        ):
            break
        if "-" in word:
            head, _, tail = word.partition("-")
            if tail[:1].islower() and head and not joined_name(word):
                out.append((start, start + len(head), head))
                break
        out.append((start, end, word))
    return out


def _link_acronyms(text: str, typed: list[Typed]) -> dict[str, str]:
    links: dict[str, str] = {}
    by_start = {t.start: t for t in typed}
    for item in typed:
        match = _ACRONYM_AFTER.match(text, item.end)
        if not match or len(item.words) < 2:
            continue
        acronym = by_start.get(match.start(1))
        short = match.group(1)
        if acronym is None or acronym.name != short or not _abbreviates(short, item.name):
            continue
        if item.type is None and item.words[-1][2].lower() in EVENT_HEADS:
            # "Comprehensive Test Ban Treaty (CTBT)": a treaty, an event, an award
            # and its acronym are no organisation.
            acronym.type = None
            continue
        if item.type is None or item.type == "person":
            item.type, item.strength = "org", MEDIUM
        acronym.type, acronym.strength = item.type, max(item.strength, MEDIUM)
        links[fold(acronym.name)] = fold(item.name)
    return links


def _abbreviates(short: str, name: str) -> bool:
    """ "SBU" may stand for "Security Service of Ukraine"; "Australia" for nothing."""
    letters = short.replace(".", "").replace("&", "")
    return letters.isupper() and letters[0] == name[0].upper()


_PRONOUN = re.compile(r"\b(?:he|she|his|her|him|himself|herself)\b")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


def _pronouns(text: str, typed: list[Typed]) -> None:
    """ "Starmer has made it clear that ... he will": a lone guess that "he" follows.

    An unknown word guessed to be a company becomes a person when the rest of its
    sentence refers to someone as "he" or "she" and names no other person first.
    """
    people = sorted(t.start for t in typed if t.type == "person")
    for item in typed:
        if item.type != "org" or item.strength > WEAK or len(item.words) != 1:
            continue
        end = _SENTENCE_END.search(text, item.end, item.end + 300)
        stop = end.start() if end else min(len(text), item.end + 300)
        pronoun = _PRONOUN.search(text, item.end, stop)
        if pronoun is None:
            continue
        if bisect.bisect_left(people, item.end) == bisect.bisect_left(people, pronoun.start()):
            item.type = "person"


def _weight(strength: int) -> int:
    """Votes of one reading: a dozen weak guesses do not outvote one title."""
    return int(10**strength)


_WEIGHTS = tuple(_weight(strength) for strength in range(STRONG + 1))


def _remember(typed: list[Typed]) -> dict[str, tuple[EntityType, int]]:
    best: dict[str, dict[EntityType, int]] = {}
    for item in typed:
        reading = item.type
        if reading is None:
            continue
        key = fold(item.name)
        scores = best.get(key)
        if scores is None:
            scores = best[key] = {}
        scores[reading] = scores.get(reading, 0) + _WEIGHTS[item.strength]
        if reading == "org" and len(item.words) > 1:
            last = item.words[-1][2].lower().rstrip(".")
            if last in CORP_SUFFIXES:
                short = " ".join(w[2] for w in item.words[:-1])
                scores = best.setdefault(fold(short), {})
                scores["org"] = scores.get("org", 0) + _weight(MEDIUM)
    memory: dict[str, tuple[EntityType, int]] = {}
    for key, scores in best.items():
        # The first reading with the most votes: the order the readings came in.
        kind = max(scores, key=scores.__getitem__)
        memory[key] = (kind, scores[kind])
    return memory


def _surnames(typed: list[Typed], strength: int = WEAK) -> list[str]:
    """Last words of people the rules are sure of (or fairly sure: ``strength``)."""
    found: list[str] = []
    for item in typed:
        if item.type != "person":
            continue
        if item.strength >= MEDIUM or (len(item.words) > 1 and item.strength >= strength):
            last = item.words[-1][2]
            if last.lower() not in NEVER:
                found.append(last)
                bare = _ARTICLE.sub("", last)
                if bare != last:
                    found.append(bare)  # "al-Assad" is "Assad" alone
    return list(dict.fromkeys(found))


_ARTICLE = re.compile(r"^(?:al|el|ad|ash|as|at|ar|az|an)-", re.IGNORECASE)


def _given_names(typed: list[Typed]) -> set[str]:
    """First words of people named in full: a lone "Jansher" after "Jansher Khan"."""
    return {
        item.words[0][2]
        for item in typed
        if item.type == "person" and len(item.words) > 1 and item.strength >= MEDIUM
    }


def _guessed_given_names(typed: list[Typed], gaz: Gazetteer) -> set[str]:
    """First words of two-word names guessed to be people that end in a surname:
    "Jansher Khan", "Arsene Wenger" (not "Cadbury Schweppes", "Whitbread Book")."""
    found: set[str] = set()
    for item in typed:
        if item.type != "person" or len(item.words) != 2 or item.strength != WEAK:
            continue
        last = item.words[1][2]
        if gaz.is_surname(last) and gaz.zipf(last) < _COMMON_SURNAME_ZIPF:
            found.add(item.words[0][2])
    return found


_COMMON_SURNAME_ZIPF = 3.0  # "Book", "Field": words first, surnames second


# "SEATTLE AT BALTIMORE": the home side's town is where the game is.
_VENUE = frozenset(("at", "in"))
# A results line opening with the ground's town and a colon.
_VENUE_LINE = re.compile(r"\s*(?:\([^)\n]*\)\s*)?:")
_DATELINE = re.compile(
    r"\s*(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)?\s*)?"  # "AKRON , Ohio"
    r"(?:\d{4}-\d\d-\d\d|\d{1,2} [A-Z][a-z]+ \d{4}|\(\w+\)\s*[-—–])"
)


def _mark_dateline(text: str, item: Typed) -> None:
    """A line that opens with a known place and a date (or "(Reuters) -") is a dateline."""
    if item.type != "place" or (item.start and text[item.start - 1] != "\n"):
        return
    if _DATELINE.match(text, item.end):
        item.dateline, item.strength = True, STRONG


def _settle(
    item: Typed,
    memory: dict[str, tuple[EntityType, int]],
    surnames: list[str],
    given: set[str],
    guessed: set[str],
    keyed: set[tuple[str, str]],
) -> None:
    """``keyed`` holds each surname's first character and skeleton."""
    if item.strength >= STRONG or len(item.name.rstrip(".")) < 2:
        return
    if len(item.words) == 1 and item.type != "place" and item.words[0][2] in given:
        item.type, item.strength = "person", MEDIUM
        return
    if (
        len(item.words) == 1
        and item.type == "org"
        and item.strength <= WEAK
        and item.words[0][2] in guessed
        and not _sure_org(memory.get(fold(item.name)))  # "Pernod shares" ... "Pernod Ricard"
    ):
        item.type, item.strength = "person", MEDIUM  # opens a guessed full name
        return
    # The surname of someone the article names in full is that person, however
    # often the lone word was guessed to be something else.
    if (len(item.words) == 1 and item.type != "place") or item.strength <= WEAK:
        word = item.words[0][2] if len(item.words) == 1 else ""
        if word and _spells_surname(word, surnames, keyed):
            item.type, item.strength = "person", MEDIUM
            return
    known = memory.get(fold(item.name))
    if known is not None and known[0] != item.type and known[1] > _weight(item.strength):
        item.type, item.strength = known[0], WEAK


def _spells_surname(word: str, surnames: list[str], keyed: set[tuple[str, str]]) -> bool:
    """``any(variants(word, s) for s in surnames if s[:1] == word[:1])``, with ``keyed``
    holding each surname's first character and skeleton.

    A surname with the same first character and skeleton is a variant; short of one,
    only a word of six letters or more can be (a vowel for a vowel), and only those
    are compared one by one.
    """
    key = skeleton(word)
    if key and (word[:1], key) in keyed:
        return True
    return len(key) >= 6 and any(variants(word, s) for s in surnames if s[:1] == word[:1])


def _units(typed: list[Typed]) -> None:
    """ "three RBI", "six RBI": an acronym the article counts twice is a unit or a
    statistic there, not an organisation ("Devon White's RBI double")."""
    counts: dict[str, int] = defaultdict(int)
    for item in typed:
        if len(item.words) == 1 and item.words[0][2].isupper() and counted(item.span):
            counts[item.name] += 1
    units = {name for name, count in counts.items() if count >= 2}
    for item in typed:
        if item.name in units and item.strength < STRONG:
            item.type = None


def _sure_org(known: tuple[EntityType, int] | None) -> bool:
    return known is not None and known[0] == "org" and known[1] >= _weight(MEDIUM)


def _short_forms(typed: list[Typed], links: dict[str, str]) -> None:
    """ "the Post" after "Washington Post", "the Azov battalions" after "Azov Battalion".

    A lone word that ends exactly one organisation the article names in full, read
    after "the", is that organisation; so is the first part of "Azov Battalion"
    before a lower-case "battalion(s)". Both join the full name's entity.
    """
    ends: dict[str, set[str]] = defaultdict(set)
    heads: dict[tuple[str, str], str] = {}
    for item in typed:
        if item.type != "org" or len(item.words) < 2 or item.strength < MEDIUM:
            continue
        name = fold(item.name)
        last = item.words[-1][2]
        if not (last.isupper() and len(last) > 1):
            # "the Post" is the Washington Post; "the DVD" is no "Star Wars DVD".
            ends[fold(last)].add(name)
        heads[fold(" ".join(w[2] for w in item.words[:-1])), fold(item.words[-1][2])] = name
    if not ends:
        return
    for item in typed:
        if len(item.words) != 1:
            continue
        key = fold(item.name)
        full: str | None = heads.get((key, item.span.next.removesuffix("s")))
        if full is None and item.strength >= STRONG and item.type != "org":
            continue
        if full is None and item.span.prev == "the" and len(ends.get(key, ())) == 1:
            full = next(iter(ends[key]))
        if full is not None and full != key:
            item.type, item.strength, item.place = "org", MEDIUM, None
            links[key] = full


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)")


def _lists(text: str, typed: list[Typed]) -> None:
    """ "Belgorod, Kuban and Voronezh": a guess in a list takes the list's type.

    Only a weak guess changes, and only when every confident member of the list
    (at least two) has one type.
    """
    runs: list[list[Typed]] = []
    for item in typed:
        prev = runs[-1][-1] if runs else None
        # The gap is read only where there is one (names follow each other closely).
        if (
            prev is not None
            and prev.end < item.start
            and _LIST_GAP.fullmatch(text, prev.end, item.start) is not None
        ):
            runs[-1].append(item)
        else:
            runs.append([item])
    for run in runs:
        if len(run) < 3:
            continue
        sure = {t.type for t in run if t.strength >= MEDIUM and t.type is not None}
        if len(sure) != 1 or sum(1 for t in run if t.strength >= MEDIUM) < 2:
            continue
        kind = next(iter(sure))
        for item in run:
            if item.type not in (None, kind) and item.strength <= WEAK and len(item.words) == 1:
                item.type, item.strength = kind, WEAK


def _entrants(typed: list[Typed], classifier: Classifier) -> None:
    """ "Maruyama (Japan)" in a list where "Guy Forget (France)" is a person.

    Results name competitors with their country in brackets; clubs are listed that
    way too ("Benetton (Italy)"). When the article's bracketed entrants the rules are
    sure of are people (at least two, and more than the clubs and companies), a
    guessed one is a person as well.
    """
    entrants = [item for item in typed if item.span.after[:3].lstrip()[:1] == "("]
    if len(entrants) < 3:
        return
    entrants = [item for item in entrants if classifier.entrant(item.span)]
    sure = [item.type for item in entrants if item.strength >= MEDIUM]
    people = sure.count("person")
    if people < 2 or people <= sure.count("org"):
        return
    for item in entrants:
        guess = item.strength <= WEAK and item.type in ("org", "person", None)
        if guess and classifier.entrant_name(item):
            item.type, item.strength = "person", MEDIUM


def _people_over_towns(typed: list[Typed], surnames: list[str]) -> None:
    """ "President Clinton" makes every "Clinton" a person, not the town in Iowa.

    A country keeps its place reading after "in", "from" and the like ("in Jordan").
    """
    people = {fold(s) for s in surnames}
    for item in typed:
        if item.type != "place" or item.place is None or len(item.words) != 1:
            continue
        if fold(item.name) not in people:
            continue
        if item.place.kind in ("city", "state") or item.span.prev not in PLACE_BEFORE:
            item.type, item.strength, item.place = "person", MEDIUM, None


def _companies_over_towns(typed: list[Typed]) -> None:
    """ "Magna International Inc" makes a lone "Magna" the company, not the town."""
    short: set[str] = set()
    for item in typed:
        last = item.words[-1][2].lower().rstrip(".")
        if item.type == "org" and len(item.words) > 1 and last in CORP_SUFFIXES:
            short.add(fold(item.words[0][2]))
            short.add(fold(" ".join(w[2] for w in item.words[:-1])))
    if not short:
        return
    for item in typed:
        if fold(item.name) not in short or item.type == "org":
            continue
        town = item.place is not None and item.place.kind == "city"
        if town and item.place is not None and item.place.population >= 1_000_000:
            continue
        if town or item.strength < STRONG:
            item.type, item.strength, item.place = "org", MEDIUM, None


def _words_of_companies(typed: list[Typed]) -> None:
    """ "Warner" beside "Time Warner" and "Warner Bros" is the company's word, not a
    person: a lone word guessed to be someone, which opens or ends a company the
    article names and is nobody's surname there, is read as an organisation."""
    people = {
        fold(item.words[-1][2]) for item in typed if item.type == "person" and len(item.words) > 1
    }
    parts: set[str] = set()
    for item in typed:
        if item.type == "org" and len(item.words) > 1:
            parts.add(fold(item.words[0][2]))
            parts.add(fold(item.words[-1][2]))
    if not parts:
        return
    for item in typed:
        if item.type != "person" or len(item.words) != 1 or item.strength > WEAK:
            continue
        key = fold(item.name)
        if key in parts and key not in people:
            item.type = "org"


def _shouted(
    spans: list[Span],
    memory: dict[str, tuple[EntityType, int]],
    gaz: Gazetteer,
    classifier: Classifier,
) -> list[Typed]:
    """Names in headline capitals: only those the article or the gazetteer knows."""
    found: list[Typed] = []
    loud = [s for s in spans if s.shouting]
    i = 0
    while i < len(loud):
        for size in range(min(_MAX_SHOUT, len(loud) - i), 0, -1):
            group = loud[i : i + size]
            if size > 1 and any(b.start - a.end > 1 for a, b in itertools.pairwise(group)):
                continue
            words = [w for s in group for w in s.words]
            name = " ".join(w[2] for w in words)
            kind = _shout_type(name, memory, gaz, classifier)
            if kind is not None:
                found.append(Typed(group[0], words, kind[0], WEAK, kind[1]))
                i += size
                break
        else:
            i += 1
    return found


def _shout_type(
    name: str, memory: dict[str, tuple[EntityType, int]], gaz: Gazetteer, classifier: Classifier
) -> tuple[EntityType, Place | None] | None:
    key = fold(name)
    if key in NEVER or len(key) < 2:
        return None
    known = memory.get(key)
    if known is not None:
        return known[0], gaz.place(name) if known[0] == "place" else None
    if " " not in key and (classifier.common(name) or skeleton(name) == ""):
        return None
    place = gaz.place(name)
    if place is not None:
        return "place", place
    return None
