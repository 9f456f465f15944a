"""Events: the same people doing the same kind of thing, said in other words.

Two news sentences can make one claim while sharing almost none of their words: "X and Y
asked Z to step down quietly" / "Z reportedly refused to step down", "the ministry abandoned
Z's firing" / "reports of Z's firing were quickly backtracked". What they share is an *event*:
the same participants and the same action. An event key is

    (two participants of the sentence, the family of one of its action words)

- participants: the canonical ids of the people and organisations the sentence mentions
  (:data:`PARTICIPANT_TYPES`). Places and nationalities are settings, not actors ("Ukrainian",
  "Monday" and "Western" made false events when every capitalised word could take part), and
  without entities a name's type is unknown: there are no events then;
- action families: :data:`FAMILIES`, a small lexicon of the events news reports (dismissals,
  resignations, appointments, reversals, denials, call-ups, arrests, trials, takeovers,
  elections, bans, cancellations...), each word family written from news usage in general
  (the inflected forms, the noun and the verb, the usual phrasal verbs), not from one text.

An event key says "the same thing happened to the same people"; :mod:`.align` uses it only
when it is rare in both texts and the two sentences share one more word (see there), because
in two articles about one affair the affair's event is in half the sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache

from reader.core.compare.claims import word_key

# Each family: the forms news text uses for one kind of event, matched as written (lower case),
# not by stem, so "prosecutors" (a party) is not "prosecuted" (an action). Words that mostly
# mean something else in news are left out: "charge", "strike", "drop", "talks", "vote", a
# "sentence", "fires"; and nouns that name an occasion or a party rather than the action, such
# as "election" (every party takes part in every election) or "the prosecution". A family must
# be evidence of the event on its own, given two named participants.
FAMILIES: Mapping[str, str] = {
    "dismiss": """dismiss dismisses dismissed dismissing dismissal fire fired firing sack
        sacks sacked sacking oust ousts ousted ousting ouster remove removes removed removing
        removal depose deposed deposing axe axes axed""",
    "resign": """resign resigns resigned resigning resignation quit quits quitting
        step-down""",
    "appoint": """appoint appoints appointed appointing appointment nominate nominates
        nominated nominating nomination""",
    "reverse": """backtrack backtracks backtracked backtracking reverse reverses reversed
        reversing reversal retract retracts retracted retracting retraction abandon abandons
        abandoned abandoning rescind rescinds rescinded revoke revokes revoked revoking scrap
        scraps scrapped scrapping shelve shelves shelved shelving u-turn u-turns
        climb-down""",
    "deny": """deny denies denied denying denial reject rejects rejected rejecting rejection
        refute refutes refuted rebuff rebuffs rebuffed refuse refuses refused refusing
        refusal""",
    "draft": """conscript conscripts conscripted conscription mobilise mobilises mobilised
        mobilising mobilisation mobilize mobilizes mobilized mobilizing mobilization call-up
        call-ups enlist enlists enlisted draftee draftees""",
    "arrest": """arrest arrests arrested arresting detain detains detained detaining
        detention""",
    "prosecute": """indict indicts indicted indictment prosecute prosecutes prosecuted
        prosecuting""",
    "convict": """convict convicts convicted conviction jail jails jailed jailing imprison
        imprisoned imprisonment sentenced""",
    "sue": """sue sues sued suing lawsuit lawsuits""",
    "acquire": """acquire acquires acquired acquiring acquisition takeover takeovers buy buys
        bought buying purchase purchases purchased""",
    "merge": """merge merges merged merging merger mergers""",
    "elect": """elect elects elected electing re-elect re-elects re-elected""",
    "purge": """purge purges purged purging reshuffle reshuffles reshuffled shake-up
        shake-ups overhaul overhauls overhauled""",
    "cancel": """cancel cancels cancelled canceled cancelling cancellation postpone postpones
        postponed postponement""",
    "ban": """ban bans banned banning prohibit prohibits prohibited prohibition outlaw
        outlawed""",
    "kill": """kill kills killed killing assassinate assassinated assassination murder
        murdered""",
}

# Phrasal verbs, matched on the text: "stepped down", "stand aside", "back down", "called up".
_PHRASE_VERBS = {
    "resign": "step stand",
    "reverse": "climb back",
    "draft": "call",
    "acquire": "take",
}
_PHRASES = (
    (
        re.compile(
            r"\b(?:step|steps|stepped|stepping|stand|stands|stood|standing)\s+(?:down|aside)\b",
            re.I,
        ),
        "resign",
    ),
    (re.compile(r"\b(?:climb|climbs|climbed|back|backs|backed)\s+down\b", re.I), "reverse"),
    (re.compile(r"\b(?:call|calls|called|calling)\s+up\b", re.I), "draft"),
    (re.compile(r"\b(?:take|takes|took|taken|taking)\s+over\b", re.I), "acquire"),
)


@lru_cache(maxsize=1)
def _family_of() -> dict[str, frozenset[str]]:
    """Every lexicon word as written, in lower case -> the families it belongs to."""
    found: dict[str, set[str]] = {}
    for family, words in FAMILIES.items():
        for word in words.split():
            found.setdefault(word, set()).add(family)
    return {word: frozenset(families) for word, families in found.items()}


@cache
def event_words(family: str) -> frozenset[str]:
    """Claim keys of the words that can name an event of ``family`` (its lexicon words and the
    verbs of its phrases): what two sentences share *because* they tell that event."""
    words = FAMILIES[family].split() + _PHRASE_VERBS.get(family, "").split()
    return frozenset(key for key in map(word_key, words) if key)


_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def actions(text: str) -> frozenset[str]:
    """The event families of the action words and phrases of ``text``."""
    family_of = _family_of()
    found: set[str] = set()
    for word in _WORD.findall(text):
        low = word.lower().replace("’", "'").removesuffix("'s")
        families = family_of.get(low)
        if families:
            found.update(families)
    for pattern, family in _PHRASES:
        if pattern.search(text):
            found.add(family)
    return frozenset(found)


PARTICIPANT_TYPES = ("person:", "org:")
"""Entity types that act or are acted on in an event (a place or a nationality is a setting)."""


Event = tuple[str, str, str]
"""An event key: (family, participant, participant), the participants sorted."""


def event_keys(text: str, entity_ids: Iterable[str]) -> frozenset[Event]:
    """The event keys of a sentence (:data:`Event`).

    Participants are the canonical ids of the people and organisations it mentions."""
    people = sorted({e for e in entity_ids if e.startswith(PARTICIPANT_TYPES)})
    if len(people) < 2:
        return frozenset()
    families = actions(text)
    return frozenset(
        (family, first, second)
        for family in families
        for n, first in enumerate(people)
        for second in people[n + 1 :]
    )
