"""Names joined by hyphens around a small lower-case word: "Inzamam-ul-Haq",
"Chester-le-Street", "Hezb-i-Islami", "Aix-en-Provence".

A word whose hyphen leads to a lower-case part is otherwise cut there ("NATO-backed"
is NATO, "Clinton-era" is Clinton); but when the small word is a particle between
capitalised parts, the whole word is one name. Urdu and Arabic names join a given
name and its second part with an article ("ul", "ur", "ud": "Zia-ul-Haq",
"Ata-ur-Rehman", "Salah-ud-Din"): such a name is a person's.
"""

from __future__ import annotations

from reader.core.entities.lexicon import NEVER

_PARTICLE_MAX = 4  # "le", "i", "sur", "upon"
# English words that join the parts of a compound, not of a name ("on" and "upon" do
# join English places: "Stoke-on-Trent", "Stratford-upon-Avon").
_ENGLISH = frozenset("of the to and for a in at by with or".split())
# The Arabic article as Urdu names write it before the second part of a given name.
_PERSONAL = frozenset(("ul", "ur", "ud", "uz", "us"))


def joined_name(word: str) -> bool:
    """Whether ``word`` is capitalised parts joined by hyphens with at least one
    small lower-case particle between them, opening and closing with capitals."""
    parts = word.split("-")
    if len(parts) < 3 or not parts[0][:1].isupper() or not parts[-1][:1].isupper():
        return False
    inner = parts[1:-1]
    small = [p for p in inner if not p[:1].isupper()]
    if any(p.lower() in NEVER for p in parts if p[:1].isupper()):
        return False  # a range of months or days: "October-to-December"
    if any(p in _ENGLISH for p in small):
        return False  # an English compound: "Man-of-the-Match", "Denial-of-Service"
    return bool(small) and all(
        p.isalpha() and p.islower() and len(p) <= _PARTICLE_MAX for p in small
    )


def personal_name(word: str) -> bool:
    """Whether ``word`` is a joined name of a person: "Inzamam-ul-Haq"."""
    return joined_name(word) and any(p in _PERSONAL for p in word.split("-")[1:-1])
