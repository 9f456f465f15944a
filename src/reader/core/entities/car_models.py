"""A carmaker's name before a model's is a car, not the company: "Toyota Celica",
"Ford Escort", "Subaru Impreza", "VW Passat".

Rally and motoring reports name the cars their drivers race ("McRae's Subaru Impreza",
"a Ford Escort"); the maker alone ("Toyota said") or with a company word ("Ford
Motor Co", "Volkswagen AG", "Toyota Australia") stays the company. A model is named by
a rare word or a word of middling use ("Escort", "Civic"): an everyday word after the
maker more likely names a unit ("Daewoo Information"), and a first name or a second
maker's name is part of the maker's ("Aston Martin", "Mercedes Benz").
"""

from __future__ import annotations

from collections.abc import Callable

_MAKERS = frozenset(
    """
    toyota ford subaru mitsubishi nissan honda vw volkswagen bmw peugeot renault opel
    vauxhall volvo mazda fiat audi mercedes mercedes-benz porsche ferrari skoda citroen
    hyundai daewoo kia lada jaguar saab chrysler chevrolet cadillac buick lancia suzuki
    daihatsu proton seat
    """.split()
)
_MODEL_ZIPF = 3.5  # "escort", "civic", "accord" are models; "information", "golf" not
# Second words that keep the company: its divisions, its team, a second maker.
_COMPANY_WORDS = frozenset("benz motor motors team racing powertrain automotive".split())


def car_model(
    lows: list[str],
    zipf: Callable[[str], float],
    is_name: Callable[[str], bool],
) -> bool:
    """Whether the two lower-cased words ``lows`` are a maker and a model; ``is_name``
    says whether a word is a place, a first name or a company word of the rules."""
    if len(lows) != 2 or lows[0] not in _MAKERS:
        return False
    model = lows[1]
    if model in _MAKERS or model in _COMPANY_WORDS or not model.isalpha():
        return False
    return zipf(model) < _MODEL_ZIPF and not is_name(model)
