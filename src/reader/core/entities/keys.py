"""Keys under which names are compared: folded forms, slugs and spelling skeletons.

Transliterated names drift (Zaluzhnyi / Zaluzhny / Zeluzhnyi, Zelensky / Zelenskyy);
:func:`skeleton` removes the drift that carries no information, and :func:`variants`
decides whether two skeletons are one name spelt two ways, without merging names
that differ in a consonant (Milley is not Miller).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"(.)\1+")
# Romanisation choices with no phonetic difference to an English reader.
_SKELETON_RULES = (
    (re.compile(r"(?:yy|yi|iy|ii|ij|yj)"), "y"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"(?:tz|tc)"), "ts"),
    (re.compile(r"(?:ck|q)"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"(?<=[aeiou])j"), "y"),
    (re.compile(r"ie$"), "y"),
    (re.compile(r"(?<=[^aeiou])i$"), "y"),
)
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Diacritics off, case folded, apostrophes straightened, spaces collapsed."""
    if name.isascii():  # nothing to decompose, no curly apostrophe
        return " ".join(name.casefold().split())
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")


@lru_cache(maxsize=65536)  # pure; asked of every organisation mention
def name_key(name: str) -> str:
    """The folded form under which organisations' names are compared.

    Case is folded ("WorldCom", "Worldcom"), but a plural acronym is its acronym and
    not another one spelt alike: "PCs" is "PC", never the union "PCS".
    """
    if _PLURAL_ACRONYM.fullmatch(name):
        return fold(name[:-1])
    return fold(name)


@lru_cache(maxsize=65536)
def slug(name: str) -> str:
    """``"Valery Zaluzhnyi"`` → ``"valery-zaluzhnyi"`` (ids, file-safe)."""
    return _NON_ALNUM.sub("-", fold(name)).strip("-") or "x"


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A spelling-drift-free key of one word (letters only, folded)."""
    key = re.sub(r"[^a-z]", "", fold(word))
    for pattern, repl in _SKELETON_RULES:
        key = pattern.sub(repl, key)
    return _DOUBLE.sub(r"\1", key)


def variants(a: str, b: str) -> bool:
    """True when two words are spellings of one name.

    Equal skeletons match; otherwise words of six letters or more may differ in a
    single vowel for vowel (Zaluzhny / Zeluzhny), never in a consonant.
    """
    ka, kb = skeleton(a), skeleton(b)
    if ka == kb:
        return bool(ka)
    if len(ka) != len(kb) or len(ka) < 6 or ka[0] != kb[0]:
        return False
    diffs = [(x, y) for x, y in zip(ka, kb, strict=False) if x != y]
    return len(diffs) == 1 and diffs[0][0] in _VOWELS and diffs[0][1] in _VOWELS


@lru_cache(maxsize=8192)  # surnames recur across articles; a few kB an entry at most
def spellings(key: str) -> frozenset[str]:
    """Every skeleton that :func:`variants` accepts beside the skeleton ``key``.

    ``variants(a, b)`` is ``skeleton(b) in spellings(skeleton(a))``: a name is looked
    up among many in one set operation instead of one comparison each.
    """
    if not key:
        return frozenset()  # no letters: no variant of anything
    found = {key}
    if len(key) >= 6:
        for i in range(1, len(key)):
            if key[i] in _VOWELS:
                found.update(key[:i] + v + key[i + 1 :] for v in sorted(_VOWELS - {key[i]}))
    return frozenset(found)
