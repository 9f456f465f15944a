"""Rules for organisation names and their neighbours (issue 14), on invented texts."""

from __future__ import annotations

from reader.core.entities import Extractor

from .conftest import names


def test_nationality_opening_an_organisation_name_stays_in_it(extractor: Extractor) -> None:
    text = (
        "The Scottish National Party and the Saudi Press Agency said so. "
        "So did the North Atlantic Treaty Organisation. Shares of Northern States "
        "Power Co. fell."
    )
    orgs = names(extractor.extract(text), "org")
    assert {
        "Scottish National Party",
        "Saudi Press Agency",
        "North Atlantic Treaty Organisation",
        "Northern States Power Co.",
    } <= orgs


def test_a_state_organ_keeps_the_nationality_outside(extractor: Extractor) -> None:
    text = "The Turkish Foreign Ministry said on Monday that the Russian State Duma met."
    orgs = names(extractor.extract(text), "org")
    assert "Foreign Ministry" in orgs
    assert not any(name.startswith(("Turkish", "Russian")) for name in orgs)


def test_first_name_before_a_country_in_brackets_is_a_person(extractor: Extractor) -> None:
    text = (
        "Men's singles, first round:\n"
        "Jan Siemerink (Netherlands) beat Guy Forget (France) 6-3 6-4\n"
        "Christian Ruud (Norway) beat Karol Kucera (Slovakia) 7-5 6-2\n"
    )
    people = names(extractor.extract(text), "person")
    assert {"Jan Siemerink", "Guy Forget", "Christian Ruud", "Karol Kucera"} <= people


def test_guessed_entrant_among_people_is_a_person(extractor: Extractor) -> None:
    text = (
        "Leading scores after the first round:\n"
        "66 Jesper Parnevik (Sweden), Maruyama (Japan)\n"
        "67 Nick Faldo (Britain), Ernie Els (South Africa), Trenholm (Canada)\n"
    )
    people = names(extractor.extract(text), "person")
    assert {"Maruyama", "Trenholm", "Nick Faldo"} <= people


def test_clubs_with_their_country_stay_clubs(extractor: Extractor) -> None:
    text = (
        "European basketball results:\n"
        "Benetton (Italy) 75 Panionios (Greece) 70\n"
        "Alba (Germany) 81 Cibona (Croatia) 70\n"
    )
    ents = extractor.extract(text)
    assert not {"Benetton", "Panionios", "Cibona"} & names(ents, "person")
