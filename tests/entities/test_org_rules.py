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


def test_scorers_before_their_minute_are_people(extractor: Extractor) -> None:
    text = (
        "SOCCER - FRENCH LEAGUE RESULTS.\n"
        "Results of French league matches on Saturday:\n"
        "Marseille 1 (Gravelaine 24th) Metz 2 (Traore 65th, Bombarda 69th). 1-0. 20,000.\n"
        "Guingamp 2 (Rouxel 10th, Baret 89th) Lyon 0. 0-1. 4,000.\n"
        "Caen 1 (Bancarel 70th) Nantes 1 (Ouedec 89th). 0-0. 15,000.\n"
    )
    people = names(extractor.extract(text), "person")
    assert {"Gravelaine", "Traore", "Bombarda", "Rouxel", "Baret", "Bancarel"} <= people


def test_name_spelt_out_before_its_acronym_is_one_organisation(extractor: Extractor) -> None:
    text = (
        "Talks mediated by the Organisation for Security and Cooperation in Europe "
        "(OSCE) resumed. The Confederation of British Industry (CBI) and the "
        "International Olympic Committee's (IOC) board met. The OSCE said the "
        "Organisation for Security and Cooperation in Europe would stay."
    )
    ents = extractor.extract(text)
    osce = [e for e in ents if e.name == "Organisation for Security and Cooperation in Europe"]
    assert len(osce) == 1 and osce[0].type == "org" and osce[0].count == 4
    assert "OSCE" in osce[0].aliases
    orgs = names(ents, "org")
    assert {"Confederation of British Industry", "International Olympic Committee"} <= orgs
    assert "Europe" not in names(ents, "place")


def test_spelt_out_name_needs_an_organisation_word(extractor: Extractor) -> None:
    text = "Gross Domestic Product (GDP) rose. The Comprehensive Test Ban Treaty (CTBT) failed."
    orgs = names(extractor.extract(text), "org")
    assert "Gross Domestic Product" not in orgs
    assert "Comprehensive Test Ban Treaty" not in orgs


def test_spelt_out_name_must_start_where_its_initials_do(extractor: Extractor) -> None:
    # "RDR" spells the tail of the name only: no name is cut from the middle of it.
    text = "The Rally for the Return of Refugees and Democracy in Rwanda (RDR) spoke."
    orgs = names(extractor.extract(text), "org")
    assert "Refugees and Democracy in Rwanda" not in orgs


def test_spelt_out_name_inside_a_longer_name_is_left_alone(extractor: Extractor) -> None:
    text = "General Motors (GM) lost money. Losses at General Motors Europe grew."
    orgs = names(extractor.extract(text), "org")
    assert "General Motors Europe" in orgs


def test_dateline_names_a_place_the_gazetteer_does_not_know(extractor: Extractor) -> None:
    text = (
        "Moslems move towards tense village.\n"
        "MAHALA, Bosnia 1996-08-31\n"
        "About 75 Moslem men were approaching Mahala on Saturday, NATO said.\n"
    )
    ents = extractor.extract(text)
    mahala = [e for e in ents if e.name.lower() == "mahala"]
    assert len(mahala) == 1 and mahala[0].type == "place" and mahala[0].count == 2


def test_wire_dateline_with_agency(extractor: Extractor) -> None:
    text = "NOVYE ATAGI (Reuters) - Fighting resumed near Novye Atagi on Monday.\n"
    ents = extractor.extract(text)
    assert "NOVYE ATAGI" in names(ents, "place") or "Novye Atagi" in names(ents, "place")
    assert not names(ents, "org") & {"NOVYE ATAGI", "Novye Atagi"}


def test_company_line_with_ticker_is_no_dateline(extractor: Extractor) -> None:
    text = "Shares of Frobnitz (FRB) - the toolmaker - rose.\nFrobnitz (FRB) - up 3 percent.\n"
    assert "Frobnitz" not in names(extractor.extract(text), "place")


def test_sides_on_results_lines_are_clubs(extractor: Extractor) -> None:
    text = (
        "Results of French first division matches on Saturday:\n"
        "Nantes 0 Lens 1\n"
        "Nice 1 (Debbah 39th) Bastia 1 (Drobnjak 80th)\n"
        "Marseille 1 Metz 2.\n"
        "Reading 2 Stoke 2\n"
    )
    orgs = names(extractor.extract(text), "org")
    assert {"Nantes", "Lens", "Nice", "Bastia", "Marseille", "Metz", "Reading", "Stoke"} <= orgs


def test_rows_of_a_standings_table_are_clubs(extractor: Extractor) -> None:
    text = (
        "Standings (tabulate under played, won, drawn, lost, goals for, against, points):\n"
        "Lens 3 3 0 0 6 1 9\n"
        "Queen's Park 3 1 1 1 6 8 4\n"
        "Crystal Palace 4 1 2 1 4 3 5\n"
    )
    orgs = names(extractor.extract(text), "org")
    assert {"Lens", "Queen's Park", "Crystal Palace"} <= orgs


def test_national_sides_on_results_lines_stay_countries(extractor: Extractor) -> None:
    text = "World Cup qualifiers on Saturday:\nWales 2 Moldova 0\nItaly 1 Scotland 1\n"
    ents = extractor.extract(text)
    assert {"Wales", "Moldova", "Italy", "Scotland"} <= names(ents, "place")


def test_golf_scores_and_price_rows_are_not_results(extractor: Extractor) -> None:
    text = (
        "Leading scores:\n"
        "Nick Faldo 67 68\n"
        "Prices in tonnes:\n"
        "Mandsaur 10 Yellow 12,600-12,750 12,700-12,850\n"
    )
    ents = extractor.extract(text)
    assert "Nick Faldo" in names(ents, "person")
    assert "Yellow" not in names(ents, "org")


def test_first_name_that_is_a_small_town_then_a_surname_is_a_person(
    extractor: Extractor,
) -> None:
    text = (
        "Leicestershire signed fast bowler David Millns on a one-year contract. "
        "Reuters correspondent Lawrence Sheets said so. The Houston Astros won."
    )
    ents = extractor.extract(text)
    assert {"David Millns", "Lawrence Sheets"} <= names(ents, "person")
    assert "Houston Astros" in names(ents, "org")


def test_plural_acronyms_are_kinds_not_bodies(extractor: Extractor) -> None:
    text = "He said Labour MPs and MEPs bought PCs and DVDs. The BBC and NGOs agreed."
    ents = extractor.extract(text)
    assert names(ents, "org") == {"Labour", "BBC"}


def test_two_companies_joined_by_and_are_two(extractor: Extractor) -> None:
    text = (
        "Caltex is owned by Chevron Corp and Texaco Inc. "
        "The National Security and Defense Council met."
    )
    orgs = names(extractor.extract(text), "org")
    assert {"Chevron Corp", "Texaco Inc.", "National Security and Defense Council"} <= orgs


def test_town_then_a_people_is_a_club(extractor: Extractor) -> None:
    text = "The Texas Rangers beat the Cleveland Indians 5-3 as London Irish lost."
    orgs = names(extractor.extract(text), "org")
    assert {"Cleveland Indians", "London Irish"} <= orgs


def test_more_titles_before_names(extractor: Extractor) -> None:
    text = (
        "EU Farm Commissioner Franz Fischler spoke. Detective Inspector Paul Miller "
        "agreed, as did Treasurer Peter Costello. Metropolitan Police Commissioner "
        "Sir John Stevens did not."
    )
    ents = extractor.extract(text)
    assert {"Franz Fischler", "Paul Miller", "Peter Costello", "John Stevens"} <= names(
        ents, "person"
    )
    assert "Metropolitan Police" in names(ents, "org")


def test_al_before_a_surname_is_a_first_name(extractor: Extractor) -> None:
    text = "Delegates cheered Al Gore, who spoke to Al Jazeera. Le Figaro reported it."
    ents = extractor.extract(text)
    assert "Al Gore" in names(ents, "person")
    assert {"Al Jazeera", "Le Figaro"} <= names(ents, "org")


def test_unknown_name_before_a_facility_is_a_place(extractor: Extractor) -> None:
    text = "Protesters clashed around the Gorleben nuclear depot. Miners left the Trepca mine."
    ents = extractor.extract(text)
    assert "Trepca" in names(ents, "place")
    assert "Trepca" not in names(ents, "org")


def test_ranked_entrant_with_a_country_is_a_person(extractor: Extractor) -> None:
    text = (
        "Men's 110 metres hurdles:\n"
        "1. Allen Johnson (U.S.) 13.08\n"
        "2. Tony Jarrett (Britain) 13.35\n"
        "3. Florian Schwarthoff (Germany) 13.36\n"
    )
    assert "Florian Schwarthoff" in names(extractor.extract(text), "person")


def test_saint_town_then_a_nickname_is_a_club(extractor: Extractor) -> None:
    text = "Tony Gwynn doubled as the San Diego Padres blanked the Expos 6-0."
    assert "San Diego Padres" in names(extractor.extract(text), "org")


def test_country_among_clubs_is_a_club(extractor: Extractor) -> None:
    text = (
        "French first division results:\n"
        "Guingamp 2 (Wreh 15th) Monaco 1 (Scifo 35th).\n"
        "Nantes 0 Lens 1\n"
        "Lille 3 Rennes 1\n"
    )
    assert "Monaco" in names(extractor.extract(text), "org")


def test_team_after_a_drivers_country_is_an_organisation(extractor: Extractor) -> None:
    text = (
        "Qualifying times:\n"
        "8. Martin Brundle (Britain) Jordan 1:52.977\n"
        "9. Eddie Irvine (Britain) Ferrari 1:53.043\n"
        "Shortlist: Gunter Grass (Germany) Ismail Kadare (Albania)\n"
    )
    ents = extractor.extract(text)
    assert {"Jordan", "Ferrari"} <= names(ents, "org")
    assert {"Gunter Grass", "Ismail Kadare", "Martin Brundle"} <= names(ents, "person")


def test_players_club_in_brackets_is_a_club(extractor: Extractor) -> None:
    text = (
        "Switzerland named the following squad on Saturday:\n"
        "Defenders - Stephane Henchoz (Hamburg), Marc Hottiger (Everton), "
        "Ramon Vega (Tottenham).\n"
        "Midfielders - Sebastien Fournier (Stuttgart).\n"
        "The first stop on the tour will be Istanbul, Turkey from 10 February.\n"
    )
    ents = extractor.extract(text)
    assert {"Hamburg", "Everton", "Tottenham", "Stuttgart"} <= names(ents, "org")
    assert "Istanbul" in names(ents, "place")


def test_saint_place_of_two_words_stays_a_place(extractor: Extractor) -> None:
    text = "The game is set in San Andreas, a state modelled on California."
    assert "San Andreas" in names(extractor.extract(text), "place")


def test_first_name_that_is_a_small_town_before_an_unknown_word(extractor: Extractor) -> None:
    text = (
        "Pete Sampras lost 18 of the last 19 games against Leander Paes. The Moscow Times said so."
    )
    ents = extractor.extract(text)
    assert "Leander Paes" in names(ents, "person")
    assert "Moscow Times" in names(ents, "org")


def test_town_after_a_ground_in_brackets_is_a_place(extractor: Extractor) -> None:
    text = (
        "England cricket tour itinerary, with scores from the county matches 6-2 and 4-1:\n"
        "June 5-9 First test match (at Edgbaston, Birmingham)\n"
        "July 3-7 Third test (at Old Trafford, Manchester)\n"
        "Warwickshire beat Lancashire 3-1 and Surrey beat Kent 2-0 in the cricket league.\n"
    )
    places = names(extractor.extract(text), "place")
    assert {"Birmingham", "Manchester"} <= places


def test_name_before_newspaper_or_daily_is_the_paper(extractor: Extractor) -> None:
    text = (
        "Zycie Warszawy daily said on Saturday that the deal was off. "
        "Zycie Warszawy said its publisher would sell. Dan Jolin told Empire magazine "
        "so, and a Glasgow newspaper and a Murdoch tabloid agreed."
    )
    ents = extractor.extract(text)
    orgs = names(ents, "org")
    assert {"Zycie Warszawy", "Empire"} <= orgs
    assert "Glasgow" not in orgs and "Murdoch" not in orgs
    assert "Zycie Warszawy" not in names(ents, "person")


def test_lone_first_word_of_a_guessed_full_name_is_that_person(extractor: Extractor) -> None:
    text = (
        "Rodney Eyles called Jansher Khan a cheat after the semi-final. "
        "Eyles said Jansher was generally honest on court. "
        "Cadbury Schweppes employs 55,000 people; Cadbury said sales were up."
    )
    ents = extractor.extract(text)
    people = names(ents, "person")
    assert "Jansher" in people
    assert "Cadbury" not in people


def test_a_possessive_with_nothing_owned_makes_a_name(extractor: Extractor) -> None:
    text = (
        "Standard & Poor's, Moody's and Fitch downgraded the bank. "
        "Foster's said its offer stood; Foster's shares fell. "
        "Verizon made a bid. Regulators will look less at Qwest than at Verizon's. "
        "Duran's first fight at home was a win."
    )
    ents = extractor.extract(text)
    orgs = names(ents, "org")
    assert {"Moody's", "Foster's"} <= orgs
    assert "Verizon's" not in orgs and "Verizon" in orgs
    assert "Duran's" not in orgs


def test_possessive_name_spaced_as_in_newswire_tokens(extractor: Extractor) -> None:
    text = (
        "NationsBank agreed to buy Boatmen 's Bancshares Inc. for $ 9.5 billion .\n"
        "Boatmen 's was the prize in Missouri , analysts said .\n"
        "The premium for Boatmen 's stock was large .\n"
    )
    ents = extractor.extract(text)
    spans = {m.text for e in ents if e.type == "org" for m in e.mentions}
    assert {"Boatmen 's Bancshares Inc.", "Boatmen 's"} <= spans
    assert "Boatmen" not in spans


def test_club_with_its_towns_initials_in_brackets_on_results_lines(extractor: Extractor) -> None:
    text = (
        "Soccer results from the Yugoslav league on Saturday:\n"
        "Hajduk 2 Proleter (Z) 0\n"
        "Borac 1 Mladost (BJ) 2\n"
        "Standings:\n"
        "Radnicki (N) 3 1 0 2 5 6 3\n"
        "Partizan 4 3 1 0 13 3 10\n"
    )
    ents = extractor.extract(text)
    spans = {m.text for e in ents if e.type == "org" for m in e.mentions}
    assert {"Proleter (Z)", "Mladost (BJ)", "Radnicki (N)", "Hajduk", "Borac"} <= spans
    assert not {"Mladost", "BJ", "Radnicki"} & spans


def test_country_code_in_brackets_stays_out_of_the_side(extractor: Extractor) -> None:
    text = "Davis Cup results:\nSampras (US) 3 Henman (UK) 1\nKafelnikov 3 Rafter 2\n"
    spans = {m.text for e in extractor.extract(text) for m in e.mentions}
    assert "Sampras (US)" not in spans and "Henman (UK)" not in spans


def test_counted_acronym_is_a_unit_not_an_organisation(extractor: Extractor) -> None:
    text = (
        "Tom Pagnozzi had three hits and three RBI. Sean Berry tied a career high "
        "with six RBI and Devon White's RBI double won it. The dam will produce "
        "12,600 MW of electricity. IBM said 15 EU members agreed."
    )
    orgs = names(extractor.extract(text), "org")
    assert "RBI" not in orgs and "MW" not in orgs
    assert {"IBM", "EU"} <= orgs


def test_towns_on_an_athletics_or_tennis_page_stay_towns(extractor: Extractor) -> None:
    text = (
        "Hewitt has now lifted the Sydney title four times. She was edged out by "
        "Holmes in the athletics final and will be back at this year's London event "
        "in the 800m, and the tennis season moves to Madrid.\n"
    )
    ents = extractor.extract(text)
    assert not {"Sydney", "London", "Madrid"} & names(ents, "org")


def test_towns_on_a_football_page_are_still_clubs(extractor: Extractor) -> None:
    text = (
        "Titus Bramble's own goal put Liverpool on the comeback trail as injury-hit "
        "Newcastle were beaten. Neil Mellor gave Liverpool the lead before half-time, "
        "and Newcastle had Lee Bowyer sent off in the match. The striker missed a penalty.\n"
    )
    assert {"Liverpool", "Newcastle"} <= names(extractor.extract(text), "org")


def test_two_name_particles_stay_inside_a_persons_name(extractor: Extractor) -> None:
    text = (
        "Shell chief executive Jeroen van der Veer spoke. Actor Rodrigo de la Serna won. "
        "Springbok scrum-half Joost van der Westhuizen scored twice."
    )
    people = names(extractor.extract(text), "person")
    assert {"Jeroen van der Veer", "Rodrigo de la Serna", "Joost van der Westhuizen"} <= people


def test_the_fed_is_an_organisation(extractor: Extractor) -> None:
    text = (
        "The Fed has been raising interest rates. Analysts said the Fed would "
        "move again at a Fed meeting. The Senate agreed."
    )
    orgs = names(extractor.extract(text), "org")
    assert {"Fed", "Senate"} <= orgs


def test_a_title_alone_is_no_organisation(extractor: Extractor) -> None:
    text = (
        "A spokesman said the Prime Minister expected a deal. The Lord Chancellor "
        "agreed, and the Foreign Secretary told reporters so."
    )
    ents = extractor.extract(text)
    named = names(ents, "org") | names(ents, "person")
    assert not {"Prime Minister", "Lord Chancellor", "Foreign Secretary"} & named


def test_an_acronym_after_a_is_a_thing(extractor: Extractor) -> None:
    text = (
        "One strike destroyed a VBIED, and another an IED. He was made an OBE in "
        "2001. A BBC reporter saw it."
    )
    orgs = names(extractor.extract(text), "org")
    assert not {"VBIED", "IED", "OBE"} & orgs
    assert "BBC" in orgs


def test_a_named_operation_is_no_organisation(extractor: Extractor) -> None:
    text = (
        "Coalition forces conducted strikes as part of Operation Inherent Resolve. "
        "An Operation Black Vote spokesman said the campaign group was pleased."
    )
    orgs = names(extractor.extract(text), "org")
    assert "Operation Inherent Resolve" not in orgs
    assert "Operation Black Vote" in orgs


def test_deportivo_and_real_open_club_names(extractor: Extractor) -> None:
    text = "Liverpool's victory against Deportivo La Coruna was vital, and Real Betis lost."
    orgs = names(extractor.extract(text), "org")
    assert {"Deportivo La Coruna", "Real Betis"} <= orgs


def test_radio_opening_a_name_makes_a_station(extractor: Extractor) -> None:
    text = "A police commander told Radio Red the group was armed. Radio Red said so."
    assert "Radio Red" in names(extractor.extract(text), "org")
