"""Names after a hyphenated modifier: "Ohio-based KeyCorp", "Communist-led CGT".

A capitalised word joined by a hyphen to a lower-case word ("Ohio-based",
"Kurdish-controlled", "NATO-backed") describes the name that follows it. The run
of capitalised words holds both; the modifier's own name is read from its first
part ("Ohio"), and the name after it is a candidate of its own, read with the
modifier as the word before it. "-based" then says what the name is: a company,
club or group has a base ("Toronto-based Barrick", "the Gaza-based Addameer
Prisoners Support Association"); people "based" in a town are written with a
noun between ("London-based designer John Smith").
"""

from __future__ import annotations

import re

from reader.core.entities.lexicon import CONNECTORS
from reader.core.entities.spans import Span, and_split

# "Ohio-based", "NATO-backed", "Kurdish-controlled": a name, a hyphen, a lower-case
# word of four letters or more, or a short participle ("Communist-led"); "Blu-ray"
# is one word.
_MODIFIER = re.compile(r"[^\W\d_][\w.'’]*-(?P<tail>[a-z]{4,}|led|run|hit|set)")


def split_after_modifier(text: str, span: Span) -> list[Span]:
    """``span`` cut after its first hyphenated modifier, when words follow it."""
    words = span.words
    if len(words) < 2 or span.shouting:
        return [span]
    if "-" not in text[words[0][0] : words[-2][1]]:
        return [span]  # most spans: no hyphen in a word but the last (each is a slice)
    i = next((k for k, word in enumerate(words[:-1]) if _modifier(word[2])), -1)
    if i < 0:
        return [span]
    head = Span(
        words=words[: i + 1],
        initial=span.initial,
        prev=span.prev,
        next=words[i + 1][2].lower(),
        before=span.before,
        after=text[words[i][1] : words[i][1] + 40].partition("\n")[0],
    )
    parts = [head]
    # The run was cut at "and" as a whole ("Ohio-based KeyCorp and Banc One Corp."
    # stayed one); its part after the modifier is cut on its own.
    rest = list(and_split(words[i + 1 :]))
    for k, part in enumerate(rest):
        start, end = part[0][0], part[-1][1]
        last = k == len(rest) - 1
        tail = Span(
            words=part,
            initial=False,
            prev=words[i][2].lower() if k == 0 else "and",
            next=span.next if last else "and",
            possessive=span.possessive and last,
            after=span.after if last else text[end : end + 40].partition("\n")[0],
            before=text[max(0, start - 60) : start],
        )
        parts.extend(split_after_modifier(text, tail))
    return parts


def _modifier(word: str) -> bool:
    match = _MODIFIER.fullmatch(word) if "-" in word else None
    # A name particle is no modifier: "Clemence Ross-van Dorp".
    return match is not None and match.group("tail") not in CONNECTORS


def based(span: Span) -> bool:
    """Whether the word before ``span`` gives it a base: "Toronto-based Barrick"."""
    return span.prev.endswith("-based")
