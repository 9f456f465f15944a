"""Context cues that make or unmake an organisation (issue 14), on invented news."""

from __future__ import annotations

from reader.core.entities import Extractor

from .conftest import names


def test_the_name_after_a_based_modifier_is_an_organisation(extractor: Extractor) -> None:
    text = (
        "Banks buying in Missouri are Minneapolis-based First Bank System Inc. and "
        "Ohio-based KeyCorp and Banc One Corp. The deal will help Ontario-based Magna "
        "grow, said Erin Purcell of Boston-based Reagan Communications."
    )
    ents = extractor.extract(text)
    orgs = names(ents, "org")
    assert {
        "First Bank System Inc.",
        "KeyCorp",
        "Banc One Corp.",
        "Magna",
        "Reagan Communications",
    } <= orgs
    # The modifier's own name is still the place it names.
    assert {"Minneapolis", "Ohio", "Ontario", "Boston"} <= names(ents, "place")


def test_a_based_modifier_does_not_make_a_country_or_a_person_a_company(
    extractor: Extractor,
) -> None:
    text = (
        'Moscow-based US lawyer Jamie Firestone said so. "It is good," said the '
        "London-based Marcus Jones, a writer."
    )
    ents = extractor.extract(text)
    assert "US" in names(ents, "place")
    assert "Marcus Jones" in names(ents, "person")
    assert not {"US", "Marcus Jones"} & names(ents, "org")


def test_a_name_after_any_hyphenated_modifier_is_read(extractor: Extractor) -> None:
    text = (
        "Workers from the Communist-led CGT unions marched, and Brazilian-born Luis "
        "Oliveira scored. Dutch minister Clemence Ross-van Dorp was there too."
    )
    ents = extractor.extract(text)
    assert "CGT" in names(ents, "org")
    assert "Luis Oliveira" in names(ents, "person")
    # "van" is a name particle, not a modifier: no "Dorp" on its own.
    assert not any(e.name == "Dorp" for e in ents)
