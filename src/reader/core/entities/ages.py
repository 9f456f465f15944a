"""Ages say person: "Duran, 45, takes on", "the 20-year-old Woods, who".

News gives a person's age in commas after the name or as "N-year-old" before it;
companies, clubs and places are not given ages that way ("Surrey 429-7" and
"Leeds, 2" have no second comma and no "year-old").
"""

from __future__ import annotations

import re

from reader.core.entities.spans import Span

# ", 45," or ", 19 ," after the name: an age between 15 and 99 ("Pensions, 30,000
# jobs" is no age).
_AGE_AFTER = re.compile(r"[ \t]*,[ \t]*(?:1[5-9]|[2-9]\d)[ \t]*,(?!\d)")
# What may follow a name given an age before it: punctuation, or a word that makes
# the name the subject ("20-year-old Tiger Woods, who"); "24-year-old Los Angeles
# man" and "the 31-year-old Norway international" name a man and a player.
_AFTER_AGED = re.compile(r"[ \t]*(?:[,.;:!?)]|$|(?:who|has|had|is|was|said|says)\b)")
# "20-year-old", "45-year-old" right before the name ("the 22-year-old. Spurs" is not).
_AGE_BEFORE = re.compile(r"\b\d{1,2}-years?-old[ \t]+$")


def aged(span: Span) -> bool:
    """Whether the words around ``span`` give it an age."""
    if "," in span.after and _AGE_AFTER.match(span.after):  # (the age is in commas)
        return True
    if not span.prev.endswith("-old"):
        return False  # most spans: no need to look at the text before
    return bool(_AGE_BEFORE.search(span.before)) and bool(_AFTER_AGED.match(span.after))
