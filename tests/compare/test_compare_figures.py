"""Figures written two ways have one value: the key shared figures are matched on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.compare import figure_value


@pytest.mark.parametrize(
    ("spellings", "kind", "value"),
    [
        (["400,000", "400 000", "400000", "400\u202f000", "400\u00a0000"], "figure", "400000"),
        (["1 percent", "1%", "1 per cent", "1 Percent", "1 pct"], "figure", "1%"),
        (["1.5 percentage points", "1.5 points"], "figure", "1.5pp"),
        (["1.5 million", "1,500,000", "1.50 million"], "figure", "1500000"),
        (
            ["$40 million", "$40m", "$40 m", "40 million dollars", "US$40m", "USD 40 million"],
            "money",
            "USD 40000000",
        ),
        (["€1.5bn", "1.5 billion euros", "EUR 1,500 million"], "money", "EUR 1500000000"),
        (["£3,000", "3,000 pounds", "3 thousand pounds sterling"], "money", "GBP 3000"),
        (
            ["24 February 2022", "February 24, 2022", "24th February, 2022", "Feb. 24 2022"],
            "date",
            "2022-02-24",
        ),
        (["February 2022", "Feb 2022"], "date", "2022-02"),
        (["24 February", "February 24", "Feb 24th"], "date", "--02-24"),
        (["2022-02-24"], "date", "2022-02-24"),
    ],
)
def test_spellings_of_one_value_agree(spellings: list[str], kind: str, value: str) -> None:
    assert {figure_value(s, kind) for s in spellings} == {value}


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("400,000", "40,000", "figure"),
        ("1 percent", "1", "figure"),  # a share is not a count
        ("1 percent", "1 percentage point", "figure"),
        ("$40 million", "€40 million", "money"),
        ("$40 million", "$40 billion", "money"),
        ("24 February 2022", "24 February 2023", "date"),
        ("24 February 2022", "24 February", "date"),  # the year is information
    ],
)
def test_different_values_stay_apart(a: str, b: str, kind: str) -> None:
    assert figure_value(a, kind) != figure_value(b, kind)


def test_unreadable_forms_keep_their_folded_text() -> None:
    assert figure_value("Early  2022", "date") == "early 2022"
    assert figure_value("the 1990s", "date") == "the 1990s"
    assert figure_value("forty", "figure") == "forty"


@given(st.integers(min_value=1_000, max_value=10**12))
def test_thousands_separators_never_change_the_value(n: int) -> None:
    commas = f"{n:,}"
    spaces = commas.replace(",", " ")
    assert figure_value(commas) == figure_value(spaces) == figure_value(str(n)) == str(n)


@given(st.text(max_size=40), st.sampled_from(["figure", "money", "date"]))
def test_any_text_gives_a_value(text: str, kind: str) -> None:
    assert isinstance(figure_value(text, kind), str)
