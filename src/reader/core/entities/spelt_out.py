"""Organisation names spelt out before their acronym: "Czech National Bank (CNB)".

The capitalised words before a bracketed acronym whose initials spell it, with the
small words names use between them ("Organisation for Security and Cooperation in
Europe (OSCE)"), are one name, however the span rules cut them ("in" ends a run,
"Europe" alone is a place). Only names holding an organisation word are taken:
"Gross Domestic Product (GDP)" spells its acronym too and is no organisation. The
name found is an organisation everywhere the article repeats it.
"""

from __future__ import annotations

import re

from reader.core.entities.classify import STRONG, Typed
from reader.core.entities.demonyms import is_demonym
from reader.core.entities.gazetteer import Gazetteer
from reader.core.entities.lexicon import EVENT_HEADS, ORG_HEADS, ORG_STARTS
from reader.core.entities.spans import Span

_BRACKETED = re.compile(r"\(\s*([A-Z][A-Za-z&.]{1,9})\s*\)")
_TOKEN = re.compile(r"[^\W\d_][\w'’.&-]*|['’]s?|&")
# Small words inside spelt-out names: they take no letter of the acronym.
_INSIDE = frozenset("of for and in the on de du des la le el al y & ' ’ 's ’s".split())
# Organisation words not among ORG_HEADS (which end names): they open them.
_ORG_WORDS = ORG_HEADS | ORG_STARTS | {"organisation", "organization", "confederation"}
_REACH = 160  # characters before the bracket where the name may start


def spelt_out(text: str, typed: list[Typed], gaz: Gazetteer) -> list[Typed]:
    """``typed`` with each spelt-out name as one organisation mention (sorted)."""
    if "(" not in text:
        return typed
    found: dict[str, list[tuple[int, int]]] = {}
    for match in _BRACKETED.finditer(text):
        letters = [c for c in match.group(1) if c.isupper()]
        if len(letters) < 2 or len(letters) * 2 < len(match.group(1).replace(".", "")):
            continue  # "(Reuters)", "(Ltd)": not an acronym
        span = _name_before(text, match.start(), letters)
        if span is not None:
            found.setdefault(text[span[0] : span[1]], []).append(span)
    if not found:
        return typed
    names: list[tuple[int, int]] = []
    for name, spelt in found.items():
        if gaz.place(name) is not None:
            continue  # "Democratic Republic of Congo (DRC)"
        names.extend(spelt)
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            # Elsewhere only where no longer name holds it: "General Motors (GM)"
            # leaves "General Motors Europe" whole.
            if (
                (start, end) not in spelt
                and _bounded(text, start, end)
                and not any(
                    t.start < end and start < t.end
                    for t in typed
                    if not (start <= t.start and t.end <= end)
                )
            ):
                names.append((start, end))
            start = text.find(name, end)
    if not names:
        return typed
    names.sort()
    kept = [t for t in typed if not any(s <= t.start and t.end <= e for s, e in names)]
    kept = [t for t in kept if not any(t.start < e and s < t.end for s, e in names)]
    for start, end in names:
        words = [
            (m.start(), m.end(), m.group())
            for m in _TOKEN.finditer(text, start, end)
            if m.group()[:1] not in "'’"
        ]
        after = text[end : end + 40].partition("\n")[0]
        context = Span(words=words, after=after, before=text[max(0, start - 60) : start])
        kept.append(Typed(context, words, "org", STRONG))
    kept.sort(key=lambda t: t.start)
    return kept


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole run of words there."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def _name_before(text: str, bracket: int, letters: list[str]) -> tuple[int, int] | None:
    """Start and end of the words before ``bracket`` whose initials spell ``letters``."""
    line_start = text.rfind("\n", 0, bracket) + 1
    begin = max(line_start, bracket - _REACH)
    tokens = list(_TOKEN.finditer(text, begin, bracket))
    if not tokens or text[tokens[-1].end() : bracket].strip():
        return None  # something other than space between the name and the bracket
    want = len(letters)
    i = len(tokens) - 1
    words: list[str] = []
    start = end = -1
    while i >= 0 and want:
        token = tokens[i].group()
        if token.lower() in _INSIDE or token[:1] in "'’":
            if not words:
                return None  # "... of (ABC)": no name ends there
            i -= 1
            continue
        if not token[:1].isupper() or token[0] != letters[want - 1]:
            return None
        if end < 0:
            end = tokens[i].end()
        start = tokens[i].start()
        words.append(token.lower().rstrip("."))
        want -= 1
        i -= 1
    if want or len(words) < 2:
        return None
    last = text[start:end]
    if last.endswith(("'s", "’s")):
        end -= 2  # "the International Olympic Committee's (IOC) commission"
    # The name must start there: a capitalised word just before it would mean the
    # initials matched only its tail ("Rally for the Return of Refugees ... (RDR)").
    # Nationalities are part of such names ("Welsh National Farmers' Union (NFU)").
    while i >= 0 and is_demonym(tokens[i].group()) and "-" not in tokens[i].group():
        start = tokens[i].start()
        i -= 1
    joined = start
    small: list[str] = []
    while (
        i >= 0
        and tokens[i].group().lower() in _INSIDE
        and not text[tokens[i].end() : joined].strip()
    ):
        small.append(tokens[i].group().lower())
        joined = tokens[i].start()
        i -= 1
    if (
        i >= 0
        and tokens[i].group()[:1].isupper()
        and not text[tokens[i].end() : joined].strip()
        and "the" not in small
    ):
        return None
    if words[0] in EVENT_HEADS or not any(w in _ORG_WORDS for w in words):
        return None  # "Comprehensive Test Ban Treaty (CTBT)", "Gross Domestic Product"
    return start, end
