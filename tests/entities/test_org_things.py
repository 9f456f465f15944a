"""Capitalised names of things that are not organisations (issue 14): measures and
units in capitals, conventions, laws and races, and a speaker before a name."""

from __future__ import annotations

from reader.core.entities import Extractor

from .conftest import names


def test_acronyms_of_measures_and_units_are_no_organisations(extractor: Extractor) -> None:
    text = (
        "Germany's GDP rose 0.5 percent in the quarter, and CPI data due on Friday may "
        "show prices up. The government will raise VAT to 17.5 percent. A new 400 KV "
        "line will carry power. The IMF welcomed the plan. Temperatures should range "
        "from 8.0 to 12.0 Celsius with highs around 30.0 Celsius. Major league ERA "
        "leader Kevin Brown threw an eight-hitter."
    )
    orgs = names(extractor.extract(text), "org")
    assert not {"GDP", "CPI", "VAT", "KV", "Celsius", "ERA"} & orgs
    assert "IMF" in orgs  # other acronyms stay bodies


def test_conventions_laws_and_races_are_no_organisations(extractor: Extractor) -> None:
    text = (
        "Clinton took a train trip to the Democratic Convention in Chicago. "
        "Commission Regulation ( EC ) No 1663/96 of 20 August 1996 sets the prices. "
        "His top sprinter won the Nunthorpe Stakes on Thursday. "
        "The Lusaka Agreement was signed in 1994."
    )
    orgs = names(extractor.extract(text), "org")
    assert (
        not {
            "Democratic Convention",
            "Commission Regulation",
            "Nunthorpe Stakes",
            "Lusaka Agreement",
        }
        & orgs
    )


def test_a_speaker_before_a_name_is_a_title(extractor: Extractor) -> None:
    text = (
        "Parliament Speaker Berri said Israel was preparing for war. "
        "Later Speaker Toomas Savi will convene an electoral college."
    )
    ents = extractor.extract(text)
    assert {"Berri", "Toomas Savi"} <= names(ents, "person")
    assert not any("Speaker" in name for name in names(ents, "org"))


def test_names_joined_by_a_small_particle_stay_whole(extractor: Extractor) -> None:
    text = (
        "Pakistan captain Wasim Akram said Inzamam-ul-Haq batted well and "
        "Ata-ur-Rehman bowled at Chester-le-Street. The Hezb-i-Islami militia met. "
        "NATO-backed troops left. Sales fell in the October-to-December quarter.\n"
        "Man-of-the-Match : Sanath Jayasuriya\n"
    )
    ents = extractor.extract(text)
    assert {"Inzamam-ul-Haq", "Ata-ur-Rehman"} <= names(ents, "person")
    assert "Chester-le-Street" in names(ents, "place")
    orgs = names(ents, "org")
    assert "Hezb-i-Islami" in orgs
    assert "NATO" in orgs  # a lower-case word after the hyphen is still cut
    assert not {"Inzamam", "Ata"} & orgs
    assert not any("October" in e.name for e in ents)  # a range of months
    assert "Man-of-the-Match" not in orgs  # an English compound


def test_a_hospital_is_a_place(extractor: Extractor) -> None:
    text = (
        "McNamara was admitted to New York's Columbia Presbyterian Hospital on "
        "Wednesday. Doctors at Johns Hopkins Hospital in Baltimore found nothing."
    )
    ents = extractor.extract(text)
    places = names(ents, "place")
    assert {"Columbia Presbyterian Hospital", "Johns Hopkins Hospital"} <= places
    assert not any(name.endswith("Hospital") for name in names(ents, "org"))


def test_rows_of_a_players_figures_name_players(extractor: Extractor) -> None:
    text = (
        "CRICKET - PAKISTAN TEST AVERAGES .\n"
        "Pakistan averages after the three-match series against England :\n"
        "Moin Khan 2 3 1 158 105 79.00\n"
        "Salim Malik 3 5 2 195 100no 65.00\n"
        "Waqar Younis 3 3 1 11 7 5.50\n"
        "GOLF - LEADING SCORES .\n"
        "277 Duffy Waldorf 70 70 71 66 , Steve Stricker 68 72 69 68\n"
        "SOCCER - ENGLISH LEAGUE STANDINGS .\n"
        "Crystal Palace 4 1 2 1 5 4 5\n"
        "Queens Park Rangers 4 1 1 2 3 5 4\n"
    )
    ents = extractor.extract(text)
    orgs = names(ents, "org")
    assert not {"Moin Khan", "Salim Malik", "Waqar Younis", "Duffy Waldorf"} & orgs
    assert "Crystal Palace" in orgs  # a standings row still names a side


def test_a_carmaker_before_a_model_is_a_car(extractor: Extractor) -> None:
    text = (
        "McRae's Subaru Impreza led the Toyota Celica of Sainz and a Ford Escort. "
        "Ford Motor Co and Volkswagen AG said Toyota will sell more cars."
    )
    orgs = names(extractor.extract(text), "org")
    assert not {"Subaru Impreza", "Toyota Celica", "Ford Escort"} & orgs
    assert {"Ford Motor Co", "Volkswagen AG"} <= orgs
    division = extractor.extract("Shares of Fiat Powertrain rose on Monday.")
    assert "Fiat Powertrain" in names(division, "org")  # a division, no car


def test_bonds_futures_and_currency_units_are_no_organisations(extractor: Extractor) -> None:
    text = (
        "GERMANY - Bunds extended losses. December Eurodollars were down 11 bps, "
        "Gilts struggled and BTP losses were limited. Cetes yields rose. "
        "The Bundesbank said nothing."
    )
    orgs = names(extractor.extract(text), "org")
    assert not {"Bunds", "Eurodollars", "Gilts", "BTP", "Cetes"} & orgs
    assert "Bundesbank" in orgs


def test_traded_goods_and_contact_labels_are_no_organisations(extractor: Extractor) -> None:
    text = (
        "Soyoil refined plant delivery 32,700-32,800\n"
        "Naphtha inventories also dropped as Germany took barges.\n"
        "-- Amsterdam newsroom , +31 20 504 5000 , Fax +31 20 504 5040\n"
    )
    orgs = names(extractor.extract(text), "org")
    assert not {"Soyoil", "Naphtha", "Fax"} & orgs


def test_a_country_heading_a_market_report_in_capitals_is_the_country(
    extractor: Extractor,
) -> None:
    text = (
        "European bond futures ended mixed on Friday.\n"
        "ITALY - Bond futures held to easier levels in late afternoon.\n"
        "FRANCE - Bond and PIBOR futures ended the day higher.\n"
        "NATO said nothing about it.\n"
    )
    ents = extractor.extract(text)
    assert {"ITALY", "FRANCE"} <= {m.text for e in ents if e.type == "place" for m in e.mentions}
    assert "NATO" in names(ents, "org")


def test_an_unknown_name_before_a_surname_that_is_a_town_is_a_person(
    extractor: Extractor,
) -> None:
    text = (
        "Wimbledon finalist MaliVai Washington lost in four sets. "
        "Washington said he served well. Later Juventus beat Inter Milan."
    )
    ents = extractor.extract(text)
    assert "MaliVai Washington" in names(ents, "person")
    orgs = names(ents, "org")
    assert not any("Washington" in name for name in orgs)
    assert "Inter Milan" in orgs  # a club named after its town stays one
    # A country is no surname here.
    tudor = extractor.extract("Life in Tudor England was hard for most people.")
    assert "Tudor England" not in names(tudor, "person")


def test_a_name_before_a_stadium_or_a_sanatorium_is_a_place(extractor: Extractor) -> None:
    text = (
        "He ran at the war-devastated Kosevo stadium on Sunday. Yeltsin spent the "
        "night at the Barvikha sanatorium outside Moscow."
    )
    ents = extractor.extract(text)
    assert {"Kosevo", "Barvikha"} <= names(ents, "place")
