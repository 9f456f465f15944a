"""Corpus merge rules, each on small hand-made articles, and their properties."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.entities import Extractor
from reader.core.entities.corpus_merge import display_name, merge_corpus
from reader.core.entities.figures import figure_key, find_figures, find_figures_scanning
from reader.core.entities.model import Entity, Mention
from reader.core.entities.spans import prev_word
from reader.core.index.entity_ingest import corpus_payload, encode_entities, read_payload


def _ent(eid: str, name: str, aliases: tuple[str, ...] = (), n: int = 1) -> Entity:
    kind = eid.partition(":")[0]
    mentions = [Mention(i * 10, i * 10 + len(name), name) for i in range(n)]
    return Entity(eid, name, kind, mentions, list(aliases))  # type: ignore[arg-type]


def _holder(merged: object, spelling: str) -> set[str]:
    return {
        e.id
        for e in merged.entities  # type: ignore[attr-defined]
        if spelling in (e.name, *e.aliases)
    }


# -- organisations -------------------------------------------------------------------


def test_an_alias_used_once_does_not_pull_in_every_article_of_the_short_name() -> None:
    # One article read "BBC radio" as "BBC Radio"; forty say "BBC" alone.
    docs = {"r": [_ent("org:bbc-radio", "BBC Radio", ("BBC",), 3)]}
    docs |= {f"d{i}": [_ent("org:bbc", "BBC", (), 2)] for i in range(40)}
    merged = merge_corpus(docs)
    assert merged.canonical("org:bbc") != merged.canonical("org:bbc-radio")
    bbc = next(e for e in merged.entities if e.id == "org:bbc")
    assert bbc.articles == 40


def test_a_shared_word_does_not_join_two_organisations() -> None:
    merged = merge_corpus(
        {
            "a": [_ent("org:star-wars-dvd", "Star Wars DVD", ("DVD",))],
            "b": [_ent("org:dvd", "DVD", (), 4)],
            "c": [_ent("org:time-warner", "Time Warner"), _ent("org:warner-bros", "Warner Bros")],
        }
    )
    assert merged.canonical("org:dvd") != merged.canonical("org:star-wars-dvd")
    assert merged.canonical("org:time-warner") != merged.canonical("org:warner-bros")


def test_acronym_introduced_for_a_name_joins_it_across_articles() -> None:
    merged = merge_corpus(
        {
            "a": [_ent("org:uk-independence-party", "UK Independence Party", ("UKIP",))],
            "b": [_ent("org:ukip", "UKIP", (), 5)],
        }
    )
    assert merged.canonical("org:ukip") == merged.canonical("org:uk-independence-party")
    entry = next(e for e in merged.entities if e.mentions == 6)
    assert entry.name == "UK Independence Party"  # spelled out, not the acronym


def test_acronym_standing_for_two_names_joins_neither() -> None:
    merged = merge_corpus(
        {
            "a": [_ent("org:press-complaints-commission", "Press Complaints Commission", ("PCC",))],
            "b": [
                _ent("org:police-complaints-commission", "Police Complaints Commission", ("PCC",))
            ],
            "c": [_ent("org:pcc", "PCC")],
        }
    )
    assert len(_holder(merged, "PCC")) == 3


def test_initials_join_a_name_named_in_the_same_article() -> None:
    merged = merge_corpus(
        {
            "a": [
                _ent("org:institute-of-fiscal-studies", "Institute of Fiscal Studies"),
                _ent("org:ifs", "IFS", (), 2),
            ],
            "b": [_ent("org:ifs", "IFS")],
        }
    )
    assert merged.canonical("org:ifs") == merged.canonical("org:institute-of-fiscal-studies")


def test_short_form_joins_the_long_name_of_its_articles_only() -> None:
    baikal = {
        "a": [
            _ent("org:baikal-finance-group", "Baikal Finance Group"),
            _ent("org:baikal", "Baikal"),
        ],
        "b": [
            _ent("org:baikal-finance-group", "Baikal Finance Group"),
            _ent("org:baikal", "Baikal"),
        ],
    }
    merged = merge_corpus(baikal)
    assert merged.canonical("org:baikal") == merged.canonical("org:baikal-finance-group")
    # "Virgin" fits two longer names: it joins neither.
    virgin = {
        "a": [_ent("org:virgin-trains", "Virgin Trains"), _ent("org:virgin", "Virgin")],
        "b": [_ent("org:virgin-megastores", "Virgin Megastores"), _ent("org:virgin", "Virgin")],
    }
    merged = merge_corpus(virgin)
    assert len({merged.canonical(e.id) for d in virgin.values() for e in d}) == 3
    # A short form named alone in most of its articles is its own entity.
    alone = {"a": baikal["a"], **{f"x{i}": [_ent("org:baikal", "Baikal")] for i in range(5)}}
    merged = merge_corpus(alone)
    assert merged.canonical("org:baikal") != merged.canonical("org:baikal-finance-group")


def test_company_and_party_words_and_spacing() -> None:
    merged = merge_corpus(
        {
            "a": [_ent("org:sony-corp", "Sony Corp"), _ent("org:labour-party", "Labour Party")],
            "b": [_ent("org:sony", "Sony", (), 9), _ent("org:labour", "Labour", (), 9)],
            "c": [_ent("org:timewarner", "TimeWarner"), _ent("org:congress", "Congress", (), 3)],
            "d": [
                _ent("org:time-warner", "Time Warner"),
                _ent("org:congress-party", "Congress Party"),
            ],
        }
    )
    assert merged.canonical("org:sony-corp") == merged.canonical("org:sony")
    assert merged.canonical("org:labour-party") == merged.canonical("org:labour")
    assert merged.canonical("org:timewarner") == merged.canonical("org:time-warner")
    assert merged.canonical("org:congress") != merged.canonical("org:congress-party")
    sony = next(e for e in merged.entities if e.id == merged.canonical("org:sony"))
    assert sony.name == "Sony"  # the spelling the corpus uses most


def test_a_plural_acronym_is_not_another_acronym(extractor: Extractor) -> None:
    a = extractor.extract("The Public and Commercial Services Union (PCS) said PCS would strike.")
    b = extractor.extract("Few people in China have PCs at home. PCs are expensive.")
    merged = merge_corpus({"a": a, "b": b})
    assert _holder(merged, "PCs").isdisjoint(_holder(merged, "PCS"))


# -- people --------------------------------------------------------------------------


def test_surname_joins_only_people() -> None:
    merged = merge_corpus(
        {
            "a": [_ent("person:tim-warner", "Tim Warner")],
            "b": [_ent("org:warner", "Warner", (), 6)],
        }
    )
    assert merged.canonical("org:warner") == "org:warner"


def test_two_common_surnames_are_two_people() -> None:
    merged = merge_corpus(
        {
            "a": [_ent("person:matt-williams", "Matt Williams")],
            "b": [_ent("person:matt-walliams", "Matt Walliams")],
            "c": [_ent("person:damien-hockney", "Damien Hockney")],
            "d": [_ent("person:damian-hockney", "Damian Hockney")],
        }
    )
    assert merged.canonical("person:matt-williams") != merged.canonical("person:matt-walliams")
    # A spelling drift of a rarer name still joins.
    assert merged.canonical("person:damien-hockney") == merged.canonical("person:damian-hockney")


def test_lone_given_name_and_widespread_lone_word_join_no_one() -> None:
    merged = merge_corpus(
        {
            "a": [
                _ent("person:elton-john", "Elton John"),
                _ent("person:john-prescott", "John Prescott"),
            ],
            "b": [_ent("person:john", "John")],
            "c": [_ent("person:robert-macintosh", "Robert MacIntosh")],
            **{f"m{i}": [_ent("person:macintosh", "Macintosh")] for i in range(5)},
        }
    )
    assert merged.canonical("person:john") == "person:john"
    assert merged.canonical("person:macintosh") == "person:macintosh"


# -- types ---------------------------------------------------------------------------


def test_dominant_type_wins_and_readings_are_counted() -> None:
    docs = {f"o{i}": [_ent("org:apple", "Apple", (), 3)] for i in range(40)}
    docs |= {f"p{i}": [_ent("person:apple", "Apple")] for i in range(3)}
    merged = merge_corpus(docs)
    assert merged.canonical("person:apple") == "org:apple"
    apple = next(e for e in merged.entities if e.id == "org:apple")
    assert (apple.type, apple.articles, apple.mentions) == ("org", 43, 123)
    assert apple.types == {"org": 40, "person": 3}
    assert apple.to_json()["types"] == {"org": 40, "person": 3}


def test_a_name_read_two_ways_about_equally_stays_two_entities() -> None:
    docs = {f"o{i}": [_ent("org:chelsea", "Chelsea")] for i in range(5)}
    docs |= {f"p{i}": [_ent("place:chelsea", "Chelsea")] for i in range(4)}
    merged = merge_corpus(docs)
    assert merged.canonical("org:chelsea") != merged.canonical("place:chelsea")
    assert "types" not in next(e for e in merged.entities if e.id == "org:chelsea").to_json()


def test_types_survive_the_cached_payload() -> None:
    rows = [(f"o{i}", encode_entities([_ent("org:apple", "Apple")])) for i in range(4)]
    rows.append(("p", encode_entities([_ent("person:apple", "Apple")])))
    entities, _ = read_payload(corpus_payload(rows))
    assert entities[0].types == {"org": 4, "person": 1}


def test_payload_cached_before_type_counts_still_reads() -> None:
    old = '{"entities":[["org:bbc","BBC","org",2,5,[],["a","b"]]],"map":{}}'
    entities, _ = read_payload(old)
    assert entities[0].types == {} and entities[0].articles == 2


# -- places and display names ------------------------------------------------------


def test_england_is_not_the_united_kingdom(extractor: Extractor) -> None:
    ents = extractor.extract("England beat Wales in Cardiff. The UK and Britain agreed.")
    ids = {m.text: e.id for e in ents if e.type == "place" for m in e.mentions}
    assert ids["England"] == "place:england" != ids["UK"] == ids["Britain"]


def test_display_name_is_the_corpus_spelling_not_the_gazetteers(extractor: Extractor) -> None:
    docs = {f"d{i}": extractor.extract("Troops left Avdiivka on Monday.") for i in range(3)}
    docs["x"] = extractor.extract("Troops left Avdiyivka on Monday.")
    merged = merge_corpus(docs)
    place = next(e for e in merged.entities if e.id == "place:avdiyivka")
    assert place.name == "Avdiivka" and place.aliases == ["Avdiyivka"]


def test_display_name_rules() -> None:
    assert display_name({"Zaluzhny": 9, "Valery Zaluzhnyi": 2}, "person") == "Valery Zaluzhnyi"
    assert display_name({"EU": 90, "European Union": 10}, "org") == "European Union"
    assert display_name({"Kelly Holmes'": 1, "Kelly Holmes": 5}, "person") == "Kelly Holmes"
    assert display_name({"Britain": 40, "UK": 60}, "place") == "UK"


def test_sentence_opening_words_are_not_part_of_a_name(extractor: Extractor) -> None:
    ents = extractor.extract("Under EU rules, members must act. Unlike Sony, Apple grew.")
    named = {e.name for e in ents if e.type in ("person", "org", "place")}
    assert "Under EU" not in named and "EU" in named
    assert "Unlike Sony" not in named


def test_everyday_word_alone_is_not_a_person(extractor: Extractor) -> None:
    ents = extractor.extract("Shares in Apple rose after Apple said sales of the iPod doubled.")
    assert all(e.type != "person" for e in ents if e.name == "Apple")
    ents = extractor.extract("Lord Armstrong told BBC Two and the minister told BBC Sport.")
    assert all(e.type != "person" for e in ents if "BBC" in e.name)


# -- money and figures -------------------------------------------------------------


def test_money_keeps_currency_and_magnitude(extractor: Extractor) -> None:
    ents = extractor.extract("It paid $300m. Rivals paid £300m, or £300 million, and £300bn.")
    money = {e.id: sorted(m.text for m in e.mentions) for e in ents if e.type == "money"}
    assert len(money) == 3
    assert ["£300 million", "£300m"] in money.values()


def test_figure_keys() -> None:
    assert figure_key("money", "$300m") != figure_key("money", "£300m")
    assert figure_key("money", "£300m") == figure_key("money", "£300 million")
    assert figure_key("money", "300 million dollars") == figure_key("money", "$300m")
    assert figure_key("money", "€1.50bn") == figure_key("money", "€1.5 billion")
    assert figure_key("figure", "5%") == figure_key("figure", "5 per cent")
    assert figure_key("figure", "5%") != figure_key("figure", "5 million")


# -- properties --------------------------------------------------------------------

_NAMES = st.sampled_from(
    [
        ("person:valery-zaluzhnyi", "Valery Zaluzhnyi"),
        ("person:zaluzhny", "Zaluzhny"),
        ("person:john-smith", "John Smith"),
        ("person:smith", "Smith"),
        ("person:apple", "Apple"),
        ("org:apple", "Apple"),
        ("org:bbc", "BBC"),
        ("org:bbc-radio", "BBC Radio"),
        ("org:ukip", "UKIP"),
        ("org:uk-independence-party", "UK Independence Party"),
        ("org:sony", "Sony"),
        ("org:sony-corp", "Sony Corp"),
        ("place:kyiv", "Kyiv"),
        ("place:kyiv", "Kiev"),
    ]
)
_ALIASES = st.lists(st.sampled_from(["BBC", "UKIP", "Zaluzhny", "Smith", "Kiev"]), max_size=2)
_ARTICLE = st.lists(
    st.tuples(_NAMES, _ALIASES, st.integers(1, 4)), max_size=4, unique_by=lambda t: t[0][0]
)
_CORPUS = st.dictionaries(st.sampled_from([f"doc{i}" for i in range(8)]), _ARTICLE, max_size=8)


def _build(
    corpus: dict[str, list[tuple[tuple[str, str], list[str], int]]],
) -> dict[str, list[Entity]]:
    return {
        doc: [
            _ent(eid, name, tuple(a for a in aliases if a != name), n)
            for (eid, name), aliases, n in rows
        ]
        for doc, rows in corpus.items()
    }


@settings(max_examples=60, deadline=None)
@given(_CORPUS, st.randoms(use_true_random=False))
def test_merge_does_not_depend_on_order(corpus: dict, rnd: object) -> None:  # type: ignore[type-arg]
    docs = _build(corpus)
    keys = list(docs)
    rnd.shuffle(keys)  # type: ignore[attr-defined]
    shuffled = {k: list(reversed(docs[k])) for k in keys}
    a, b = merge_corpus(docs), merge_corpus(shuffled)
    assert a.id_map == b.id_map
    assert [(e.id, e.name, e.type, e.mentions, e.aliases, e.types) for e in a.entities] == [
        (e.id, e.name, e.type, e.mentions, e.aliases, e.types) for e in b.entities
    ]


@settings(max_examples=60, deadline=None)
@given(_CORPUS)
def test_every_mention_is_counted_once_and_types_never_mix(corpus: dict) -> None:  # type: ignore[type-arg]
    docs = _build(corpus)
    merged = merge_corpus(docs)
    assert sum(e.mentions for e in merged.entities) == sum(
        e.count for d in docs.values() for e in d
    )
    for entity in merged.entities:
        assert entity.id.startswith(entity.type + ":")
        if entity.types:
            assert sum(entity.types.values()) >= entity.articles


_AMOUNT = st.decimals(min_value=1, max_value=999, places=1).map(str)
_CURRENCIES = st.sampled_from(["$", "£", "€", "¥"])
_SCALES = st.sampled_from(["", "m", "bn", " million", " billion"])


@given(_AMOUNT, _CURRENCIES, _CURRENCIES, _SCALES, _SCALES)
def test_money_with_different_currencies_never_merges(
    amount: str, a: str, b: str, scale_a: str, scale_b: str
) -> None:
    key_a, key_b = (
        figure_key("money", a + amount + scale_a),
        figure_key("money", b + amount + scale_b),
    )
    if a != b:
        assert key_a != key_b
    same_scale = {"m": " million", "bn": " billion"}.get(scale_a.strip(), scale_a) == {
        "m": " million",
        "bn": " billion",
    }.get(scale_b.strip(), scale_b)
    if a == b:
        assert (key_a == key_b) == same_scale


_PREV_WORD = re.compile(r"([\w.'’-]+)[^\w\n]*$")


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from(list("ab .'’-\n,Zé_(1")), max_size=40), st.integers(0, 40))
def test_prev_word_finds_what_the_anchored_pattern_finds(text: str, end: int) -> None:
    end = min(end, len(text))
    match = _PREV_WORD.search(text, 0, end)
    expected = None if match is None else (match.start(1), match.group(1))
    assert prev_word(text, end) == expected


_FIGURE_TEXT = st.lists(
    st.sampled_from(
        [
            *"1 12 2004 1,200 3.5 $ £ € US$ m bn million billion dollars pounds Hong Kong "
            "January September 30th early- 1990s per cent % - , . \n a the said".split(" "),
            " ",
        ]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=300)
@given(st.one_of(_FIGURE_TEXT, st.text(max_size=200)))
def test_figures_found_around_digits_are_those_of_a_full_scan(text: str) -> None:
    assert list(find_figures(text)) == list(find_figures_scanning(text))


def test_a_word_of_two_companies_is_not_a_person_in_their_article(extractor: Extractor) -> None:
    text = (
        "Profits were hit by a dip at Warner Bros, the film arm of media giant Time Warner. "
        "Warner shares rose on Friday."
    )
    ents = extractor.extract(text, figures=False)
    assert {e.name: e.type for e in ents}["Warner Bros"] == "org"
    assert all(e.type != "person" for e in ents if "Warner" in (e.name, *e.aliases))


def test_results_line_opens_with_the_grounds_town(extractor: Extractor) -> None:
    text = (
        "CRICKET - ENGLISH COUNTY CHAMPIONSHIP SCORES .\n"
        "Results of English county cricket championship matches on Friday :\n"
        "Leicester : Leicestershire beat Somerset by an innings and 39 runs .\n"
        "Leicestershire 22 points , Somerset 4 .\n"
        "Portsmouth : Middlesex 199 and 426 ( J. Pooley 111 ) ; Hampshire 232 and 109-5 .\n"
        "Chester-le-Street : Glamorgan 259 and 207 ; Durham 114 and 81-3 .\n"
        "At the Oval : Surrey 429-7 ; Kent 108-3 .\n"
    )
    kinds = {e.name: e.type for e in extractor.extract(text, figures=False)}
    assert kinds["Leicester"] == "place" and kinds["Portsmouth"] == "place"
    assert kinds["Middlesex"] == "org" and kinds["Leicestershire"] == "org"
