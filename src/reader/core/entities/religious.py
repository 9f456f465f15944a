"""Religious forms of address: "Mother Teresa", "Sister Wendy", "Brother Roger".

Nuns and monks are known by a form of address and a first name, capitalised
together: the pair is how the news names the person ("Mother Teresa, who turns 86").
Both words are ordinary English words or a first name, which would otherwise read as
a company ("Mother" opens no one's name in the census) or, at the start of a
sentence, leave the first name alone as a place ("Teresa"). Written in lower case
("his brother Mukesh") the word is a relation, and no run of capitals holds it.
"""

from __future__ import annotations

from collections.abc import Callable

_ADDRESSES = frozenset(("mother", "sister", "brother"))


def addressed(texts: list[str], is_first_name: Callable[[str], bool]) -> bool:
    """Whether ``texts`` are a form of address and a first name: "Mother Teresa"."""
    return (
        len(texts) == 2
        and texts[0][:1].isupper()
        and texts[0].lower() in _ADDRESSES
        and not texts[1].isupper()
        and is_first_name(texts[1])
    )
