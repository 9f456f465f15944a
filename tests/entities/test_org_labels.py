"""Organisation cues of the second pass on organisations (issue 14): labels of forms
and tables, religious forms of address; on invented news and listings."""

from __future__ import annotations

from reader.core.entities import Extractor

from .conftest import names


def test_a_label_opening_a_line_before_its_value_is_no_organisation(
    extractor: Extractor,
) -> None:
    text = (
        "Issuer : Fairview Town\n"
        "Sale Amount : 1,820,000\n"
        "Expected Sale Date : 08/27/96\n"
        "Quarterly results in thousands of dollars:\n"
        "Total Revenue $ 10,756 $ 13,102\n"
        "Net Income 821 512 565 301\n"
        "Grand Total : 290M\n"
    )
    found = {e.name for e in extractor.extract(text)}
    assert not {"Sale Amount", "Sale Date", "Total Revenue", "Net Income", "Grand Total"} & found


def test_ordinary_words_named_in_a_sentence_or_before_a_name_stay_organisations(
    extractor: Extractor,
) -> None:
    text = (
        "Royal Mail : 2,000 jobs will go, the union said.\n"
        "Shares in Royal Mail rose 5 percent, and Time Warner 12 percent.\n"
        "General Motors said on Tuesday it would cut 1,200 jobs.\n"
    )
    orgs = names(extractor.extract(text), "org")
    assert {"Royal Mail", "Time Warner", "General Motors"} <= orgs


def test_a_religious_form_of_address_and_a_first_name_name_a_person(
    extractor: Extractor,
) -> None:
    text = (
        "Mother Teresa was born in Skopje. Doctors caring for Mother Teresa said on "
        "Friday that she was stable, and Sister Wendy sent a message."
    )
    ents = extractor.extract(text)
    people = names(ents, "person")
    assert {"Mother Teresa", "Sister Wendy"} <= people
    others = names(ents, "org") | names(ents, "place")
    assert not {"Mother Teresa", "Teresa", "Sister Wendy"} & others


def test_a_relation_in_lower_case_or_a_word_after_the_address_is_not_a_title(
    extractor: Extractor,
) -> None:
    text = "His brother Mukesh runs Brother Industries, which makes printers."
    ents = extractor.extract(text)
    assert "Brother Industries" in names(ents, "org")
    assert not any(e.name.startswith("brother") for e in ents)


def test_a_state_abbreviated_after_a_town_is_the_state(extractor: Extractor) -> None:
    text = (
        "CARLSBAD, Calif. 1996-08-24\n"
        "Lockhart, based in Paramount, Calif., makes parts. The case was heard in "
        "Newark, N.J. in July, and the plant is in Woodridge, Ill. Billings, MT 59101 "
        "is the address of the Seattle, Wash., office."
    )
    ents = extractor.extract(text)
    places = names(ents, "place")
    assert {"Calif.", "N.J.", "Ill.", "MT", "Wash."} <= places
    assert not {"Calif.", "N.J.", "Ill.", "MT", "Wash."} & names(ents, "org")


def test_an_abbreviation_without_a_town_before_it_is_not_a_state(extractor: Extractor) -> None:
    text = (
        "The winner, Miss Universe, said so. Tickets cost $20, Pa Smith told us, and "
        "Mass was said at noon."
    )
    ents = extractor.extract(text)
    assert "Miss Universe" not in names(ents, "place")
    assert not {"Pa", "Mass", "Miss"} & names(ents, "place")


def test_a_full_name_closing_a_post_is_the_person_not_an_organisation(
    extractor: Extractor,
) -> None:
    text = (
        "Chairman and Chief Executive Daniel Levy said sales fell. Canada's Minister "
        "of Foreign Affairs Lloyd Axworthy met him, and Former Secretary of State "
        "James Baker made a trip to Syria. Baker declined to comment."
    )
    ents = extractor.extract(text)
    assert {"Daniel Levy", "Lloyd Axworthy", "James Baker"} <= names(ents, "person")
    orgs = names(ents, "org")
    assert not any(name.endswith(("Levy", "Axworthy", "Baker")) for name in orgs)
    assert not {"Chief Executive", "Foreign Affairs"} & orgs


def test_names_whose_last_words_are_a_full_name_are_not_cut(extractor: Extractor) -> None:
    text = (
        "The Los Angeles Dodgers won again. Lee Wan Wah (Malaysia) beat him. Fans "
        "walked to St James Park, where Sir Paul McCartney sang, and shares of "
        "Charles Schwab rose."
    )
    ents = extractor.extract(text)
    found = {e.name for e in ents}
    assert {"Los Angeles Dodgers", "Lee Wan Wah", "St James Park"} <= found
    assert not {"Angeles Dodgers", "Wan Wah", "James Park", "Beatle"} & found


def test_a_stock_market_index_is_no_organisation(extractor: Extractor) -> None:
    text = (
        "The Dow Jones industrial average fell 31.44 points. The 30-share DAX index "
        "closed up, London's FTSE 100 climbed and the Nasdaq rose 0.9%, while in "
        "Tokyo the key 225-share Nikkei average shed 156 points. The Dow was up eight."
    )
    ents = extractor.extract(text)
    found = {e.name for e in ents if e.type in ("org", "person", "place")}
    assert not {"Dow Jones", "DAX", "FTSE", "Nasdaq", "Nikkei", "Dow"} & found
    assert {"London", "Tokyo"} <= names(ents, "place")


def test_a_paper_an_exchange_or_a_company_named_like_an_index_stays_one(
    extractor: Extractor,
) -> None:
    text = (
        "The Nikkei business daily reported the deal. The shares will trade on Nasdaq, "
        "Dow Jones & Co said, and FTSE Group will add the stock."
    )
    orgs = names(extractor.extract(text), "org")
    assert {"Nikkei", "Nasdaq", "Dow Jones & Co", "FTSE Group"} <= orgs


def test_a_prison_a_course_or_a_ground_named_for_a_sport_is_a_place(
    extractor: Extractor,
) -> None:
    text = (
        "He is held at Belmarsh Prison. Woods won at the Brown Deer Park Golf Course, "
        "and the final was played at the National Tennis Centre near Musselburgh "
        "Racecourse."
    )
    ents = extractor.extract(text)
    venues = {
        "Belmarsh Prison",
        "Brown Deer Park Golf Course",
        "National Tennis Centre",
        "Musselburgh Racecourse",
    }
    assert venues <= names(ents, "place")
    assert not venues & (names(ents, "org") | names(ents, "person"))


def test_a_centre_or_a_course_not_named_for_a_sport_stays_an_organisation(
    extractor: Extractor,
) -> None:
    text = "The European Policy Centre and the Open University Business Course said so."
    orgs = names(extractor.extract(text), "org")
    assert "European Policy Centre" in orgs


def test_a_body_of_people_named_with_of_is_one_organisation(extractor: Extractor) -> None:
    text = (
        "Campaigners from Friends of the Earth joined the Missionaries of Charity, "
        "Mother Teresa's order, and a grant came from the Knights of Columbus."
    )
    ents = extractor.extract(text)
    orgs = names(ents, "org")
    assert {"Friends of the Earth", "Missionaries of Charity", "Knights of Columbus"} <= orgs
    assert not {"Missionaries", "Charity", "Knights", "Columbus"} & {e.name for e in ents}
