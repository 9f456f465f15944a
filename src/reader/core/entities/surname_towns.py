"""A surname that is also a big town's name, after a name the rules do not know:
"MaliVai Washington", "Whitney Houston", not "Dynamo Moscow" or "Tudor England".

Two words ending in a big town are guessed to be a club named after its town
("Dynamo Moscow", "Inter Milan"). When the town's name is also one of the commonest
surnames (Washington, Houston, Jackson) and the word before it is no everyday word,
the pair is more likely a first name the gazetteer does not hold and a surname.
"""

from __future__ import annotations

from reader.core.entities.gazetteer import Gazetteer

_COMMON_SURNAME = 1_000  # rank: "Washington", "Houston", "Jackson"; not "Madrid"
_EVERYDAY = 3.3  # Zipf of an ordinary word ("Inter", "Real", "Sporting" are read so)


def surname_town(texts: list[str], gaz: Gazetteer) -> bool:
    """Whether the two words ``texts`` are more likely a person than a town's club."""
    if len(texts) != 2 or not gaz.is_surname(texts[1], _COMMON_SURNAME):
        return False
    town = gaz.place(texts[1])
    # A country is no club's town and no surname here: "Tudor England".
    if town is None or town.kind not in ("city", "state"):
        return False
    return gaz.zipf(texts[0]) < _EVERYDAY and gaz.place(texts[0]) is None
